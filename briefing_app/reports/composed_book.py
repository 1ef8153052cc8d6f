"""A book the user composed, as a sheet: cover, contents, then the parts in the user's order (sections as
chapters with their notes, chosen items with the bookmark notes, chosen highlights grouped by item, the user's own
text blocks), then the bibliography and, if asked, the data provenance."""

from __future__ import annotations

from briefing_app.domain.bookmarks import Bookmark
from briefing_app.domain.books import Book, BookPart, PartKind
from briefing_app.reports.book import (
    CHAPTER_RUN_ON,
    FigureNumbers,
    bibliography_blocks,
    book_blocks,
    book_cover,
    provenance_blocks,
)
from briefing_app.reports.book_highlights import highlights_chapter
from briefing_app.reports.formatting import esc
from briefing_app.reports.section_sheets import SECTION_BUILDERS
from briefing_app.reports.sheet import Block, BriefingSheet, Contents, Heading, PageBreak, Text
from briefing_app.reports.sheets import bookmark_blocks, note_html
from briefing_app.reports.sources import BookNotes
from briefing_app.services.bookmarks import BookmarkService
from briefing_app.services.briefing import BriefingService
from briefing_app.services.highlights import HighlightService

CHOSEN_ITEMS = "Chosen items"


def composed_book(book: Book, briefing: BriefingService, bookmarks: BookmarkService, *, printed_on: str = "",
                  marking: str = "", provenance: bool = False,
                  highlights: HighlightService | None = None) -> BriefingSheet:
    notes = BookNotes.for_documents(briefing.pack_info().documents)
    sheet = BriefingSheet(book.name, subject=f"book:{book.name}")
    sheet.add(book_cover(briefing, printed_on=printed_on, marking=marking, subtitle=book.name,
                         lead=f"A briefing book in {len(book.parts)} part{'s' * (len(book.parts) != 1)}"))
    sheet.add(Contents())
    figures = FigureNumbers()
    for run in _runs(book.parts):
        kind = run[0].kind
        if kind is PartKind.BOOKMARK:
            sheet.add(PageBreak(CHAPTER_RUN_ON), Heading(CHOSEN_ITEMS, 1, toc=True))
            for part in run:
                sheet.extend(_bookmark(part, briefing, bookmarks, notes))
            sheet.extend(notes.end_chapter())
        elif kind is PartKind.HIGHLIGHT:
            sheet.add(PageBreak(CHAPTER_RUN_ON))
            sheet.extend(highlights_chapter(run, highlights, notes))
            sheet.extend(notes.end_chapter())
        elif kind is PartKind.SECTION and run[0].ref in SECTION_BUILDERS:
            sheet.add(PageBreak(CHAPTER_RUN_ON))
            chapter = SECTION_BUILDERS[run[0].ref](briefing, notes)
            sheet.extend([figures.caption(b) for b in book_blocks(chapter)])
            sheet.extend(notes.end_chapter())
        elif kind is PartKind.SECTION:
            sheet.add(Heading(run[0].title or run[0].ref, 1, toc=True),
                      Text('<p class="muted">This section is not in the current briefing.</p>'))
        else:
            sheet.extend(text_blocks(run[0]))
    if not notes.is_empty or notes.works:
        sheet.add(PageBreak(CHAPTER_RUN_ON))
        sheet.extend(bibliography_blocks(briefing, notes))
        if provenance:
            sheet.extend(provenance_blocks(briefing, notes))
    return sheet


def _runs(parts: tuple[BookPart, ...]) -> list[list[BookPart]]:
    """The parts as chapters: consecutive bookmarks make one, consecutive highlights make one, any other part is
    one on its own."""
    runs: list[list[BookPart]] = []
    for part in parts:
        joins = part.kind in (PartKind.BOOKMARK, PartKind.HIGHLIGHT)
        if runs and joins and runs[-1][0].kind is part.kind:
            runs[-1].append(part)
        else:
            runs.append([part])
    return runs


def text_blocks(part: BookPart) -> list[Block]:
    """A text block of the user's: a heading and paragraphs; lines starting with '- ' or '• ' are a list."""
    out: list[Block] = [Heading(part.title or "Note", 1, toc=True)]
    html = []
    bullets: list[str] = []
    for paragraph in part.text.replace("\r\n", "\n").split("\n"):
        line = paragraph.strip()
        if line.startswith(("- ", "• ", "* ")):
            bullets.append(f"<li>{esc(line[2:].strip())}</li>")
            continue
        if bullets:
            html.append(f"<ul>{''.join(bullets)}</ul>")
            bullets = []
        if line:
            html.append(note_html(line))
    if bullets:
        html.append(f"<ul>{''.join(bullets)}</ul>")
    out.append(Text("".join(html) or '<p class="muted">(empty)</p>'))
    return out


def _bookmark(part: BookPart, briefing: BriefingService, bookmarks: BookmarkService,
              notes: BookNotes) -> list[Block]:
    live = bookmarks.get(part.ref)
    item = briefing.find(part.ref)
    kind = item.kind.value if item is not None else live.kind if live is not None else ""
    bookmark = live if live is not None else Bookmark(item_id=part.ref, kind=kind, title=part.title, note=part.text)
    return bookmark_blocks(bookmark, briefing, notes)
