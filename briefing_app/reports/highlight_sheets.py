"""Highlights on paper: an item's text with its highlighted passages shaded in their colours, each noted passage
followed by a footnote mark, and the notes as footnotes below the text (no Qt).

Used by the item sheets (the item's own highlights after its facts) and by the bookmarks sheet (a Highlights
section grouped by item). A highlight whose passage is gone is printed with its quote as "not in the current
briefing", never left out. Every text from the pack or the user is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefing_app.domain.items import ItemKind
from briefing_app.reports.formatting import esc
from briefing_app.reports.sheet import Block, Heading, Text

if TYPE_CHECKING:  # the user database's modules load only when highlights are printed
    from briefing_app.services.highlights import HighlightEntry, HighlightService


class Footnotes:
    """Numbers footnotes across one sheet."""

    def __init__(self) -> None:
        self.count = 0

    def next(self) -> int:
        self.count += 1
        return self.count


def marked_text_html(text: str, entries: Sequence[HighlightEntry], footnotes: Footnotes) -> tuple[str, list[str]]:
    """``text`` escaped with the found highlights shaded; returns the HTML and the footnotes (HTML) it refers to."""
    placed = sorted((e for e in entries if e.anchor.found and e.anchor.end > e.anchor.start),
                    key=lambda e: (e.anchor.start, e.anchor.end))
    out: list[str] = []
    notes: list[str] = []
    cursor = 0
    for entry in placed:
        start, end = entry.anchor.start, entry.anchor.end
        if start < cursor:  # overlaps the one before: its words are already shaded
            start = cursor
        if start >= end:
            continue
        out.append(esc(text[cursor:start]))
        colour = entry.highlight.colour.light
        out.append(f'<span style="background-color: {colour}">{esc(text[start:end])}</span>')
        if entry.highlight.note.strip() or entry.status:
            number = footnotes.next()
            out.append(f"<sup>{number}</sup>")
            notes.append(footnote_html(number, entry))
        cursor = end
    out.append(esc(text[cursor:]))
    return "".join(out).replace("\n\n", "<br/><br/>").replace("\n", "<br/>"), notes


def footnote_html(number: int, entry: HighlightEntry) -> str:
    note = esc(entry.highlight.note.strip()).replace("\n", "<br/>")
    status = f" <i>({esc(entry.status)})</i>" if entry.status else ""
    return f'<p class="small"><sup>{number}</sup> {note}{status}</p>'


def item_highlight_blocks(
    item_id: str, entries: Sequence[HighlightEntry], service: HighlightService, footnotes: Footnotes,
    *, heading: str | None = None, level: int = 3,
) -> list[Block]:
    """One item's highlights: its text with the passages shaded, footnotes for the notes, gone ones quoted."""
    if not entries:
        return []
    out: list[Block] = []
    if heading:
        out.append(Heading(heading, level))
    text = service.text_of(item_id)
    if text is not None and any(e.anchor.found for e in entries):
        body, notes = marked_text_html(text, entries, footnotes)
        css = "quote" if item_id.startswith(f"{ItemKind.PARAGRAPH.value}:") else "note"
        out.append(Text(f'<p class="{css}">{body}</p>', keep_together=len(text) < 1200))
        if notes:
            out.append(Text("".join(notes), indent=4.0))
    for entry in entries:
        if entry.anchor.found:
            continue
        number = footnotes.next() if entry.highlight.note.strip() else None
        mark = f"<sup>{number}</sup>" if number else ""
        out.append(Text(f'<p class="quote">“{esc(entry.highlight.quote)}”{mark} '
                        '<span class="muted">(not in the current briefing)</span></p>', indent=4.0))
        if number:
            out.append(Text(footnote_html(number, entry), indent=4.0))
    return out


def highlights_section(service: HighlightService, item_ids: Sequence[str] | None = None) -> list[Block]:
    """Every highlight (or those of ``item_ids``), grouped by item, under a "Highlights" heading; [] if none."""
    entries = service.grouped_entries(item_ids)
    if not entries:
        return []
    footnotes = Footnotes()
    count = len(entries)
    out: list[Block] = [Heading("Highlights", 2),
                        Text(f'<p class="meta">{count} highlight{"s" if count != 1 else ""}, grouped by item</p>')]
    groups: dict[str, list[HighlightEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.item_id, []).append(entry)
    for item_id, group in groups.items():
        title = group[0].title if group[0].in_briefing else f"{group[0].title} (not in the current briefing)"
        out.extend(item_highlight_blocks(item_id, group, service, footnotes, heading=title, level=3))
    return out


def item_highlights(service: HighlightService | None, item_id: str) -> list[Block]:
    """The "Your highlights" part of an item's sheet; [] when the item has none."""
    if service is None:
        return []
    entries = service.entries(item_id)
    if not entries:
        return []
    return item_highlight_blocks(item_id, entries, service, Footnotes(), heading="Your highlights", level=3)
