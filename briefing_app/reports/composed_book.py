"""A book the user composed, as a sheet: cover, contents, then the parts in the user's order (sections as
chapters with their notes, chosen items with the bookmark notes, the user's own text blocks), then the
bibliography and, if asked, the data provenance."""

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
from briefing_app.reports.formatting import esc
from briefing_app.reports.section_sheets import SECTION_BUILDERS
from briefing_app.reports.sheet import Block, BriefingSheet, Contents, Heading, PageBreak, Text
from briefing_app.reports.sheets import bookmark_blocks, note_html
from briefing_app.reports.sources import BookNotes
from briefing_app.services.bookmarks import BookmarkService
from briefing_app.services.briefing import BriefingService

CHOSEN_ITEMS = "Chosen items"


def composed_book(book: Book, briefing: BriefingService, bookmarks: BookmarkService, *, printed_on: str = "",
                  marking: str = "", provenance: bool = False) -> BriefingSheet:
    notes = BookNotes.for_documents(briefing.pack_info().documents)
    sheet = BriefingSheet(book.name, subject=f"book:{book.name}")
    sheet.add(book_cover(briefing, printed_on=printed_on, marking=marking, subtitle=book.name,
                         lead=f"{esc(book.name)}: a briefing book of {len(book.parts)} parts"))
    sheet.add(Contents())
    figures = FigureNumbers()
    in_items = False
    for part in book.parts:
        if part.kind is PartKind.BOOKMARK:
            if not in_items:
                sheet.add(PageBreak(CHAPTER_RUN_ON), Heading(CHOSEN_ITEMS, 1, toc=True))
                in_items = True
            sheet.extend(_bookmark(part, briefing, bookmarks, notes))
            continue
        if in_items:
            sheet.extend(notes.end_chapter())
            in_items = False
        if part.kind is PartKind.SECTION and part.ref in SECTION_BUILDERS:
            sheet.add(PageBreak(CHAPTER_RUN_ON))
            chapter = SECTION_BUILDERS[part.ref](briefing, notes)
            sheet.extend([figures.caption(b) for b in book_blocks(chapter)])
            sheet.extend(notes.end_chapter())
        elif part.kind is PartKind.SECTION:
            sheet.add(Heading(part.title or part.ref, 1, toc=True),
                      Text('<p class="muted">This section is not in the current briefing.</p>'))
        else:
            sheet.extend(text_blocks(part))
    if in_items:
        sheet.extend(notes.end_chapter())
    if not notes.is_empty or notes.works:
        sheet.add(PageBreak(CHAPTER_RUN_ON))
        sheet.extend(bibliography_blocks(briefing, notes))
        if provenance:
            sheet.extend(provenance_blocks(briefing, notes))
    return sheet


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
