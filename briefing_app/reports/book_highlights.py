"""The highlights chosen for a composed book, as a chapter: grouped by item (items in the order the user put their
first highlight, each item's highlights in the user's order), every quote shaded in its colour, every note a
numbered note of the chapter (a footnote in Word). A highlight whose passage is gone is printed with its quote as
"not in the current briefing", never left out. Everything from the pack or the user is escaped."""

from __future__ import annotations

from collections.abc import Sequence

from briefing_app.domain.books import BookPart
from briefing_app.domain.items import ItemKind
from briefing_app.reports.formatting import esc
from briefing_app.reports.sheet import Block, Heading, Text
from briefing_app.reports.sources import BookNotes
from briefing_app.services.books import ChosenHighlight, chosen_highlight
from briefing_app.services.highlights import HighlightService

HIGHLIGHTS_CHAPTER = "Highlights"
_SENTENCE_ENDS = (".", "!", "?", "…", ".”", "?”", "!”", ".\"", ":", ";")


def highlight_groups(parts: Sequence[BookPart], highlights: HighlightService | None) -> list[list[ChosenHighlight]]:
    """The chosen highlights by item, in the order of each item's first one."""
    groups: dict[str, list[ChosenHighlight]] = {}
    for part in parts:
        chosen = chosen_highlight(part, highlights)
        groups.setdefault(chosen.item_id, []).append(chosen)
    return list(groups.values())


def quote_html(chosen: ChosenHighlight, notes: BookNotes) -> str:
    """One highlight: the quoted words shaded in their colour ("…" where they start or end inside a sentence),
    then its note's number and, if so, "text changed" or "not in the current briefing"."""
    words = " ".join(chosen.quote.split())
    before = "…" if words[:1].islower() else ""
    after = "" if words.endswith(_SENTENCE_ENDS) else "…"
    reference = notes.user_note(chosen.note)
    status = f' <span class="muted">({esc(chosen.status)})</span>' if chosen.status else ""
    colour = chosen.colour.light
    return (f'<p class="quote">{before}<span style="background-color: {colour}">{esc(words)}</span>{after}'
            f"{reference}{status}</p>")


def _heading(group: list[ChosenHighlight], notes: BookNotes) -> str:
    """The item's title; for a paragraph of the address, "Address ¶8" (its title would repeat its first words)."""
    first = group[0]
    kind, _, number = first.item_id.partition(":")
    if kind == ItemKind.PARAGRAPH.value and number.isdigit():
        return f"{notes.address_short} ¶{number}"
    return first.title or first.item_id


def highlights_chapter(parts: Sequence[BookPart], highlights: HighlightService | None,
                       notes: BookNotes) -> list[Block]:
    """A run of highlight parts as a chapter; the caller ends the chapter (its notes) with ``notes``."""
    groups = highlight_groups(parts, highlights)
    count = sum(len(g) for g in groups)
    out: list[Block] = [Heading(HIGHLIGHTS_CHAPTER, 1, toc=True),
                        Text(f'<p class="meta">{count} highlighted passage{"s" * (count != 1)} from '
                             f'{len(groups)} item{"s" * (len(groups) != 1)}, grouped by item, each in its colour.</p>')]
    for group in groups:
        out.append(Heading(_heading(group, notes), 3))
        out.append(Text("".join(quote_html(c, notes) for c in group), keep_together=len(group) <= 3, indent=4.0))
    return out
