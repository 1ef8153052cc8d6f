"""Every briefing sheet the app prints, built from the services (no Qt): one item, a few items, a section,
the user's bookmarks with their notes, the address itself. The whole book is in :mod:`briefing_app.reports.book`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefing_app.domain.bookmarks import Bookmark
from briefing_app.domain.items import ItemKind
from briefing_app.reports.formatting import esc, isolate
from briefing_app.reports.highlight_sheets import highlights_section, item_highlights
from briefing_app.reports.item_blocks import fact, item_blocks, meta_line
from briefing_app.reports.section_sheets import SECTION_BUILDERS, SECTION_TITLES
from briefing_app.reports.sheet import Block, BriefingSheet, Column, Figure, Heading, Table, Text
from briefing_app.reports.sources import SourceNotes
from briefing_app.services.briefing import BriefingService, ItemDetail, UnknownItemError
from briefing_app.views.summit import computed_rows

if TYPE_CHECKING:  # bookmark services load only when bookmarks are printed
    from briefing_app.services.bookmarks import BookmarkService
    from briefing_app.services.highlights import HighlightService

SECTIONS = tuple(SECTION_BUILDERS)
MAP_FOR = "map:"  # followed by a corridor id: the map with that corridor drawn out


class EmptySheetError(ValueError):
    """There is nothing to print (no bookmarks, none with the tag, no items selected)."""


def section_sheet(briefing: BriefingService, section: str) -> BriefingSheet:
    """One tab as a sheet: overview, members, achievements, priorities or corridors, with its source list."""
    if section not in SECTION_BUILDERS:
        raise ValueError(f"unknown section {section!r}; choose one of {', '.join(SECTIONS)}")
    notes = SourceNotes()
    sheet = BriefingSheet(SECTION_TITLES[section], subject=SECTION_TITLES[section])
    sheet.extend(SECTION_BUILDERS[section](briefing, notes))
    sheet.extend(notes.blocks(briefing.pack_info(), paragraph_text=dict(briefing.paragraphs())))
    return sheet


def item_sheet(briefing: BriefingService, item_id: str, *, highlights: HighlightService | None = None) -> BriefingSheet:
    """One item as a sheet (raises :class:`UnknownItemError` for an id not in the briefing), with the user's
    highlights of its text when ``highlights`` is given."""
    detail = briefing.detail(item_id)
    notes = SourceNotes()
    sheet = BriefingSheet(detail.item.title, subject=item_id)
    sheet.extend(_item_with_figure(detail, briefing, notes, level=1))
    sheet.extend(item_highlights(highlights, item_id))
    sheet.extend(notes.blocks(briefing.pack_info()))
    return sheet


def items_sheet(briefing: BriefingService, item_ids: Sequence[str], title: str = "Selected items", *,
                highlights: HighlightService | None = None) -> BriefingSheet:
    """Several items on one sheet, in the order given, with one source list."""
    ids = list(dict.fromkeys(item_ids))
    if not ids:
        raise EmptySheetError("no items were chosen to print")
    if len(ids) == 1:
        return item_sheet(briefing, ids[0], highlights=highlights)
    notes = SourceNotes()
    sheet = BriefingSheet(title, subject=", ".join(ids[:5]) + (" …" if len(ids) > 5 else ""))
    sheet.add(Heading(title, 1), Text(f'<p class="meta">{len(ids)} items</p>'))
    for item_id in ids:
        sheet.extend(_item_with_figure(briefing.detail(item_id), briefing, notes, level=2))
        sheet.extend(item_highlights(highlights, item_id))
    sheet.extend(notes.blocks(briefing.pack_info()))
    return sheet


def _item_with_figure(detail: ItemDetail, briefing: BriefingService, notes: SourceNotes, level: int) -> list[Block]:
    blocks = item_blocks(detail, briefing, notes, level=level)
    if detail.item.kind is ItemKind.CORRIDOR:
        caption = (f"{esc(detail.item.title)} on the map of the corridors named in the address. Lines join named "
                   "places schematically; boundaries are not authoritative.")
        # The map goes after the summary and the route, before the tables.
        at = next((i for i, b in enumerate(blocks) if isinstance(b, Table)), len(blocks))
        blocks.insert(at, Figure(MAP_FOR + detail.item.id, caption, 0.6, 1.0))
    elif detail.item.kind is ItemKind.NODE:
        corridors = detail.related("passes_through", "in")
        if corridors:
            caption = f"{esc(detail.item.title)} on the map of the corridors."
            blocks.insert(2, Figure(MAP_FOR + detail.item.id, caption, 0.6, 1.0))
    computed = computed_table(briefing, detail, notes)
    if computed is not None:
        # After the item's own facts (its first table), before what it relates to.
        tables = [i for i, b in enumerate(blocks) if isinstance(b, Table)]
        blocks.insert(tables[0] + 1 if tables else len(blocks), computed)
    return blocks


def computed_table(briefing: BriefingService, detail: ItemDetail, notes: SourceNotes) -> Table | None:
    """The facts the views compute for an item when it is shown (the members' share of world GDP beside the
    address's claim), as a printed table with the source of each; None for an item with none."""
    rows = []
    for label, value, citation in computed_rows(briefing, detail.item):
        ref = notes.citation_ref(citation, cited_by=f"{detail.item.title}: {label}").strip() if citation else ""
        rows.append((f"<b>{esc(label)}</b>", esc(value), ref))
    if not rows:
        return None
    return Table((Column("Claim and computed share", 0.32), Column("Value", 0.53), Column("Source", 0.15)),
                 tuple(rows))


def bookmarks_sheet(briefing: BriefingService, bookmarks: BookmarkService, *, tag: str | None = None,
                    item_ids: Sequence[str] | None = None) -> BriefingSheet:
    """The user's bookmarks in the user's order, each with its summary, sources, tags and note.

    ``tag`` keeps those with the tag; ``item_ids`` keeps those items (still in the user's order). Raises
    :class:`EmptySheetError` when nothing is left to print.
    """
    chosen = bookmarks.list(tag)
    if item_ids is not None:
        wanted = set(item_ids)
        chosen = [b for b in chosen if b.item_id in wanted]
    marks = highlights_section(bookmarks.highlights, item_ids) if bookmarks.highlights and not tag else []
    if not chosen and not marks:
        if tag:
            raise EmptySheetError(f"no bookmarks have the tag {tag!r}")
        raise EmptySheetError("there are no bookmarks to print")
    notes = SourceNotes()
    title = f"Bookmarks tagged “{isolate(tag)}”" if tag else "Bookmarks"
    sheet = BriefingSheet(title, subject="Bookmarks")
    count = f"{len(chosen)} bookmark{'s' if len(chosen) != 1 else ''}, in your order"
    sheet.add(Heading(title, 1), Text(f'<p class="meta">{esc(count)}</p>'))
    for bookmark in chosen:
        sheet.extend(bookmark_blocks(bookmark, briefing, notes))
    sheet.extend(marks)  # the highlights, grouped by item, noted passages with footnotes
    sheet.extend(notes.blocks(briefing.pack_info()))
    return sheet


def bookmark_blocks(bookmark: Bookmark, briefing: BriefingService, notes: SourceNotes) -> list[Block]:
    item = briefing.find(bookmark.item_id)
    tags = ("tags: " + ", ".join(isolate(t) for t in bookmark.tags),) if bookmark.tags else ()
    kind = ItemKind(bookmark.kind).label if bookmark.kind in ItemKind.__members__.values() else bookmark.kind
    out: list[Block] = []
    if item is None:
        out.append(Heading(bookmark.title, 2))
        out.append(Text(meta_line(kind, bookmark.item_id, tags), keep_with_next=True))
        out.append(Text('<p class="muted">This item is not in the current briefing; the bookmark and its note '
                        "are kept.</p>"))
    else:
        out.append(Heading(item.title, 2))
        out.append(Text(meta_line(item.kind.label, item.id, tags), keep_with_next=True))
        if item.kind is ItemKind.PARAGRAPH:
            out.append(Text(f'<p class="quote">{esc(item.body)}</p>'))
        elif item.summary:
            out.append(Text(fact(item.summary, item, notes)))
    if bookmark.note.strip():
        out.append(Text('<p class="small"><b>Note</b></p>', keep_with_next=True, indent=4.0))
        out.append(Text(note_html(bookmark.note), indent=4.0))
    return out


def note_html(note: str) -> str:
    """A user's note as escaped paragraphs: blank lines separate paragraphs, single newlines break lines."""
    paragraphs = [p for p in note.strip().replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(f'<p class="note">{esc(p.strip()).replace(chr(10), "<br/>")}</p>' for p in paragraphs)


def source_sheet(briefing: BriefingService) -> BriefingSheet:
    """The primary source (the address) with its numbered paragraphs, as on the Source tab."""
    info = briefing.pack_info()
    primary = next((d for d in info.documents if d.primary), None)
    title = primary.title if primary else "Source text"
    sheet = BriefingSheet("Source text", subject="Source")
    sheet.add(Heading(title, 1))
    if primary:
        sheet.add(Text(f'<p class="meta">{esc(primary.publisher)} · {esc(primary.date)} · {esc(primary.url)}</p>'))
    headings = briefing.heading_paragraphs()
    for n, text in briefing.paragraphs():
        if n in headings:
            sheet.add(Heading(text, 2))
    rows = tuple((f"<b>¶{n}</b>", esc(text)) for n, text in briefing.paragraphs() if n not in headings)
    if rows:
        sheet.add(Table((Column("¶", 0.08), Column("Text", 0.92)), rows))
    return sheet


def sheet_for(briefing: BriefingService, bookmarks: BookmarkService | None, *, section: str | None = None,
              item_id: str | None = None, bookmarks_tag: str | None = None, all_bookmarks: bool = False,
              printed_on: str = "", marking: str = "", provenance: bool = False) -> BriefingSheet:
    """The sheet the command line asks for (exactly one of section, item or bookmarks); ``provenance`` adds the
    Data provenance appendix to the whole book."""
    if section == "book":
        from briefing_app.reports.book import briefing_book

        return briefing_book(briefing, printed_on=printed_on, marking=marking, provenance=provenance)
    if section is not None:
        return section_sheet(briefing, section)
    if bookmarks is None:  # only a section or the book prints from the content alone
        raise ValueError("printing an item or the bookmarks needs the user database")
    if item_id is not None:
        if not briefing.exists(item_id):
            raise UnknownItemError(item_id)
        return item_sheet(briefing, item_id, highlights=bookmarks.highlights)
    if all_bookmarks or bookmarks_tag is not None:
        return bookmarks_sheet(briefing, bookmarks, tag=bookmarks_tag)
    raise ValueError("say what to print: a section, an item or the bookmarks")
