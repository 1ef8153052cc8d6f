"""The whole briefing book: cover, contents with page numbers, every chapter with its own numbered notes in short
form ("Address ¶8", "World Bank WDI 2023"), one compact bibliography, and an optional "Data provenance" appendix
(how the data were obtained: mirrors, commits, package versions, licences, the pack's build).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, cast

from briefing_app.domain.items import Item, ItemKind
from briefing_app.reports.formatting import esc
from briefing_app.reports.section_sheets import MAP_ALL, SECTION_BUILDERS
from briefing_app.reports.sheet import (
    Block,
    BriefingSheet,
    Column,
    Contents,
    Cover,
    Figure,
    Heading,
    PageBreak,
    Table,
    Text,
    printed_marking,
)
from briefing_app.reports.sources import BookNotes, CitedWork
from briefing_app.services.briefing import BriefingService, ItemDetail
from briefing_app.views.summit import chairmanship_title, main_event

BOOK_TITLE = "Briefing book"
NOTE_COLUMN = Column("Note", 0.055, "right")
#: a chapter starts on a new page unless the last page of the one before is less than 70% full
CHAPTER_RUN_ON = 0.7
BOOK_CHART_WIDTH = 0.58  # of the text column: a chart of ten bars needs no more
PLACES_COLUMNS = ("Place", "Type", "Country", "Corridors")
PLACES_WIDTHS = (0.16, 0.09, 0.06, 0.11, 0.065)  # each half of the two-up places table


class _ReadOnce:
    """The briefing as one build of the book reads it: each kind's items and each item's detail read once.

    The chapters ask for the members, the figures and the events several times over; the content does not change
    while a book is built. Everything else is the briefing's own.
    """

    def __init__(self, briefing: BriefingService) -> None:
        self._briefing = briefing
        self._items: dict[tuple[object, bool], list[Item]] = {}
        self._details: dict[str, ItemDetail] = {}

    def items(self, kind: ItemKind | str | None = None, *, with_sources: bool = True) -> list[Item]:
        key = (kind, with_sources)
        if key not in self._items:
            self._items[key] = self._briefing.items(kind, with_sources=with_sources)
        return list(self._items[key])

    def detail(self, item_id: str) -> ItemDetail:
        if item_id not in self._details:
            self._details[item_id] = self._briefing.detail(item_id)
        return self._details[item_id]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._briefing, name)


def briefing_book(briefing: BriefingService, *, printed_on: str = "", marking: str = "",
                  provenance: bool = False, sections: Sequence[str] | None = None) -> BriefingSheet:
    briefing = cast(BriefingService, _ReadOnce(briefing))
    notes = BookNotes.for_documents(briefing.pack_info().documents)
    sheet = BriefingSheet(BOOK_TITLE, subject="Briefing book")
    sheet.add(book_cover(briefing, printed_on=printed_on, marking=marking))
    sheet.add(Contents())
    figures = FigureNumbers()
    for index, name in enumerate(sections if sections is not None else SECTION_BUILDERS):
        sheet.add(PageBreak(CHAPTER_RUN_ON if index else 0.0))  # the contents have a page of their own
        chapter = SECTION_BUILDERS[name](briefing, notes)
        sheet.extend([figures.caption(b) for b in book_blocks(chapter)])
        sheet.extend(notes.end_chapter())
    sheet.add(PageBreak(CHAPTER_RUN_ON))
    sheet.extend(bibliography_blocks(briefing, notes))
    if provenance:
        sheet.extend(provenance_blocks(briefing, notes))
    return sheet  # the pack's disclaimer is on the cover


def book_cover(briefing: BriefingService, *, printed_on: str = "", marking: str = "",
               subtitle: str = "", lead: str = "") -> Cover:
    info = briefing.pack_info()
    event = main_event(briefing)
    lines = []
    if event is not None:
        lines.append(f'<span class="cover-sub">{esc(event.title)}</span>')
    if subtitle:
        lines.append(f'<span class="cover-sub">{esc(subtitle)}</span>')
    lines.append(f'<span class="lead">{lead}</span>' if lead else (
        f'<span class="lead">{esc(BOOK_TITLE)}: the summit, its members, the results of '
        f"{esc(chairmanship_title(briefing, event))}, the priorities and the transport corridors, "
        "with every source</span>"))
    lines.append("&nbsp;")
    details = [f"Briefing pack {esc(info.id)}, version {esc(info.version)}"]
    if printed_on:
        details.append(f"printed {esc(printed_on)}")
    lines.append(f'<span class="meta">{" · ".join(details)}</span>')
    return Cover(info.title, tuple(lines), printed_marking(marking or info.marking), esc(info.disclaimer))


def book_blocks(blocks: Sequence[Block]) -> list[Block]:
    """A section's blocks as the book prints them: the wide "Source" column of a table becomes a narrow note
    column (its cells hold note numbers); the map gets a landscape page of its own."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table) and block.columns and block.columns[-1].title == "Source":
            rows = [(*(_bracketed(cell) for cell in row[:-1]), _plain_note(row[-1])) for row in block.rows]
            block = Table((*block.columns[:-1], NOTE_COLUMN), rows)
            if tuple(c.title for c in block.columns[:-1]) == PLACES_COLUMNS:
                block = _two_up(block)
        elif isinstance(block, Table):
            block = Table(block.columns, [tuple(_bracketed(cell) for cell in row) for row in block.rows])
        elif isinstance(block, Figure) and block.key == MAP_ALL:
            block = replace(block, own_page=True)
        elif isinstance(block, Figure):
            block = replace(block, width=min(block.width, BOOK_CHART_WIDTH))
        out.append(block)
    return out


def _two_up(table: Table) -> Table:
    """A long list of short rows (the places) in two halves side by side, in alphabetical order, so that it
    takes half the pages."""
    rows = sorted(table.rows, key=lambda r: re.sub(r"<[^>]+>", "", r[0]).casefold())
    half = (len(rows) + 1) // 2
    left, right = rows[:half], rows[half:]
    blank = ("",) * len(table.columns)
    columns = tuple(Column(c.title, c.width / 2, c.align) for c in table.columns)
    titles = {"Country": "Ctry"}  # an ISO code under a heading that fits its narrow column
    short = [Column(titles.get(c.title, c.title), w, c.align) for c, w in zip(columns, PLACES_WIDTHS, strict=True)]
    return Table((*short, *short), [(*a, *b) for a, b in zip(left, [*right, blank], strict=False)])


def _plain_note(cell: str) -> str:
    """A note number in the note column: plain, not raised."""
    return cell.replace('<sup class="ref">', '<span class="ref">').replace("</sup>", "</span>")


def _bracketed(cell: str) -> str:
    """A note number inside a table cell, in brackets: raised after a number it would read as a power
    ("9.18 m²")."""
    return re.sub(r'<sup class="ref">(\d+)</sup>', r'<span class="ref">&#8201;[\1]</span>', cell)


class FigureNumbers:
    """Numbers the book's figures in order: "Figure 3. Population of the member states …"."""

    def __init__(self) -> None:
        self.count = 0

    def caption(self, block: Block) -> Block:
        if not isinstance(block, Figure):
            return block
        self.count += 1
        return replace(block, caption_html=f"<b>Figure {self.count}.</b> {block.caption_html}")


def bibliography_blocks(briefing: BriefingService, notes: BookNotes) -> list[Block]:
    """Every work the notes cite, once, by its short form; the documents the briefing rests on first."""
    info = briefing.pack_info()
    out: list[Block] = [Heading("Sources", 1, toc=True)]
    primary = next((d for d in info.documents if d.primary), None)
    intro = "The notes at the end of each chapter cite the works below by their short form"
    if primary is not None:
        intro += (f"; <b>{esc(notes.address_short)} ¶<i>N</i></b> is paragraph <i>N</i> of the primary source, "
                  f"{esc(primary.title)}")
    out.append(Text(f'<p class="small">{intro}.</p>', keep_with_next=True))
    works = notes.bibliography()
    if works:
        out.append(Heading("Works cited in the notes", 2, toc=True))
        out.append(Text("".join(f'<p class="work">{_work_html(group)}</p>' for group in _by_short_form(works))))
    return out


def _by_short_form(works: list[CitedWork]) -> list[list[CitedWork]]:
    groups: dict[str, list[CitedWork]] = {}
    for work in works:
        groups.setdefault(work.short, []).append(work)
    return list(groups.values())


def _work_html(group: list[CitedWork]) -> str:
    short = group[0].short
    details = []
    many = len(group) > 3  # records of one database (GeoNames ids): their addresses say nothing more
    for work in group:
        rest = work.text[len(short):].lstrip(" ,") if work.text.startswith(short) else work.text
        if work.text != short and rest:
            details.append(esc(rest) if work.text.startswith(short) else esc(work.text))
        if work.url and not many:
            details.append(f'<span class="meta">{esc(work.url)}</span>')
    text = f"<b>{esc(short)}</b>"
    if many and len(details) == len(group):
        details = _records(details)
    if details:
        text += ": " + "; ".join(details)
    return text


def _records(details: list[str]) -> list[str]:
    """Many records of one database that differ only in their number ("“GeoNames feature 112931”, 2026-07
    (coordinates)") as one entry per kind listing the numbers; a detail of another shape stays as it is."""
    groups: dict[tuple[str, str], list[str]] = {}
    for detail in details:
        found = re.fullmatch(r"(.*?\s)(\d+)(\D.*)", detail)
        key = (found.group(1), found.group(3)) if found else (detail, "")
        groups.setdefault(key, []).append(found.group(2) if found else "")
    return [f"{head}{', '.join(numbers)}{tail}" if tail else head for (head, tail), numbers in groups.items()]


def provenance_blocks(briefing: BriefingService, notes: BookNotes) -> list[Block]:
    """How the data were obtained: the pack's own provenance list (mirror commits, package versions, vintages),
    remarks taken out of the citations, data licences, the pack's build. Kept out of the detail of each figure,
    which cites the publisher's own data set."""
    info = briefing.pack_info()
    out: list[Block] = [Heading("Data provenance", 1, toc=True)]
    if info.provenance:
        stated = tuple(
            (f"<b>{esc(p.name)}</b>", esc(p.detail) + (f' <span class="meta">{esc(p.url)}</span>' if p.url else ""))
            for p in info.provenance
        )
        out.append(Table((Column("Data", 0.28), Column("How it was obtained", 0.72)), stated))
    if notes.remarks:
        rows = tuple((esc("; ".join(works)), esc(remark)) for remark, works in notes.remarks.items())
        out.append(Table((Column("Work", 0.35), Column("How the data were obtained", 0.65)), rows))
    if info.credits:
        credits = tuple((f"<b>{esc(c.name)}</b>", esc(c.licence), esc(c.used_for)) for c in info.credits)
        out.append(Table((Column("Data", 0.28), Column("Licence", 0.14), Column("Used for", 0.58)), credits))
    build = f"Briefing pack {esc(info.id)}, version {esc(info.version)}"
    if info.content_hash:
        build += f'; content fingerprint <span class="meta">{esc(info.content_hash[:16])}</span>'
    out.append(Text(f'<p class="small">{build}.</p>'))
    return out
