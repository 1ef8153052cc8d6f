"""Laying a briefing sheet out on pages: headings stay with what follows, table rows stay whole and tables
repeat their header, figures stay with their captions, and the table of contents gets its page numbers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from copy import copy
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from briefing_app.reports.formatting import esc
from briefing_app.reports.sheet import (
    BriefingSheet,
    Contents,
    Cover,
    Figure,
    Heading,
    PageBreak,
    Table,
    Text,
    heading_html,
)
from briefing_app.ui.printing.flow import FigureFlow, Metrics, TableFlow, TextBox

log = logging.getLogger(__name__)

#: Draws a figure (chart or map) at a size in device pixels; None when it cannot be drawn.
FigureRenderer = Callable[[Figure, int, int], QImage | None]
PaintStep = Callable[[QPainter, float, float], None]

HEADING_SPACE_MM = {1: 6.0, 2: 5.0, 3: 3.5, 4: 2.5}
CHAPTER_SPACE_MM = 8.0  # above a chapter that starts on the short last page of the one before
BLOCK_SPACE_MM = 1.8
MIN_LINES = 2
SHORT_TEXT_LINES = 5  # a text of fewer lines is never split across pages


@dataclass
class Page:
    steps: list[PaintStep] = field(default_factory=list)
    cover: bool = False
    #: what was placed, in order ("heading:Members", "text", "text-part", "header:3", "row:3:0", "figure:map"),
    #: so tests can check that headings stay with what follows and table rows stay whole
    marks: list[str] = field(default_factory=list)
    #: the share of the body height used (0..1); a cover counts as full
    fill: float = 0.0
    #: a landscape page holding one figure (the map), painted by ``paint_page`` of the figure renderer
    landscape: bool = False


@dataclass
class _Heading:
    box: TextBox
    space: float
    toc_index: int | None
    text: str = ""


@dataclass
class _Text:
    box: TextBox
    space: float
    indent: float
    keep_together: bool
    keep_with_next: bool


@dataclass
class _Table:
    table: TableFlow
    space: float
    serial: int = 0
    #: the table of contents, laid out again with each pass's page numbers
    contents: bool = False


@dataclass
class _Figure:
    figure: FigureFlow
    space: float
    key: str = ""


@dataclass
class _PageFigure:
    figure: Figure
    caption: TextBox


@dataclass
class _Cover:
    box: TextBox


@dataclass
class _Break:
    unless_below: float = 0.0


_Flow = _Heading | _Text | _Table | _Figure | _PageFigure | _Cover | _Break


@dataclass
class Layout:
    pages: list[Page]
    toc_pages: dict[int, int]  # index of a toc heading -> page number (1-based)


def layout_sheet(sheet: BriefingSheet, metrics: Metrics, render_figure: FigureRenderer) -> Layout:
    """Lay the sheet out; a table of contents is laid out again until its page numbers are right.

    The text of the sheet is laid out once: only the table of contents is made again for another pass (the
    paginator leaves the flows as they were, so they are placed afresh).
    """
    toc_entries = [(h.text, h.level) for h in sheet.headings() if h.toc]
    numbers: dict[int, int] = {}
    flows = _flows(sheet, metrics, render_figure, toc_entries, numbers, {})
    layout = _Paginator(metrics, render_figure).run(flows)
    has_contents = any(isinstance(f, _Table) and f.contents for f in flows)
    for _ in range(3):
        if not has_contents or layout.toc_pages == numbers:
            break
        numbers = dict(layout.toc_pages)
        flows = [_Table(_contents_table(toc_entries, numbers, metrics), f.space, f.serial, contents=True)
                 if isinstance(f, _Table) and f.contents else f for f in flows]
        layout = _Paginator(metrics, render_figure).run(flows)
    return layout


def _flows(sheet: BriefingSheet, metrics: Metrics, render_figure: FigureRenderer,
           toc_entries: list[tuple[str, int]], numbers: dict[int, int],
           images: dict[Figure, QImage | None]) -> list[_Flow]:
    flows: list[_Flow] = []
    toc_index = 0
    for block in sheet.blocks:
        if isinstance(block, Heading):
            space = metrics.mm(HEADING_SPACE_MM.get(block.level, 2.5))
            flows.append(_Heading(metrics.text_box(heading_html(block)), space, toc_index if block.toc else None,
                                  block.text))
            if block.toc:
                toc_index += 1
        elif isinstance(block, Text):
            indent = metrics.mm(block.indent)
            box = metrics.text_box(block.html, metrics.width - indent)
            flows.append(_Text(box, metrics.mm(BLOCK_SPACE_MM) * 0.5, indent, block.keep_together,
                               block.keep_with_next))
        elif isinstance(block, Table):
            table = TableFlow([esc(c.title) for c in block.columns], [c.width for c in block.columns],
                              [c.align for c in block.columns], [list(r) for r in block.rows], metrics)
            flows.append(_Table(table, metrics.mm(BLOCK_SPACE_MM), len(flows)))
        elif isinstance(block, Figure) and block.own_page and metrics.landscape is not None:
            caption = metrics.text_box(f'<p class="small">{block.caption_html}</p>', metrics.landscape[0])
            flows.append(_PageFigure(block, caption))
        elif isinstance(block, Figure):
            figure = _figure(block, metrics, render_figure, images)
            if figure is not None:
                flows.append(_Figure(figure, metrics.mm(BLOCK_SPACE_MM * 1.5), block.key))
        elif isinstance(block, PageBreak):
            flows.append(_Break(block.unless_below))
        elif isinstance(block, Contents):
            flows.append(_Heading(metrics.text_box(heading_html(Heading(block.title, 1))), 0.0, None, block.title))
            flows.append(_Table(_contents_table(toc_entries, numbers, metrics), metrics.mm(BLOCK_SPACE_MM),
                                len(flows), contents=True))
        elif isinstance(block, Cover):
            flows.append(_Cover(metrics.text_box(_cover_html(block))))
    return flows


def _figure(block: Figure, metrics: Metrics, render_figure: FigureRenderer,
            images: dict[Figure, QImage | None]) -> FigureFlow | None:
    if block not in images:
        width = metrics.width * min(max(block.width, 0.2), 1.0)
        # Figures are drawn at 300 dpi whatever the device, so print and PDF look the same.
        scale = 300.0 / metrics.dpi
        try:
            images[block] = render_figure(block, round(width * scale), round(width * block.aspect * scale))
        except Exception:  # noqa: BLE001 - a figure that fails to draw leaves the rest of the sheet printable
            log.exception("could not draw figure %s", block.key)
            images[block] = None
        if images[block] is None or images[block].isNull():  # type: ignore[union-attr]
            log.warning("figure %s is not available; printed without it", block.key)
    image = images[block]
    if image is None or image.isNull():
        return None
    return FigureFlow(image, block.caption_html, block.width, block.aspect, metrics)


def _contents_table(entries: list[tuple[str, int]], numbers: dict[int, int], metrics: Metrics) -> TableFlow:
    rows = []
    for index, (text, level) in enumerate(entries):
        title = f"<b>{esc(text)}</b>" if level <= 1 else f"&nbsp;&nbsp;&nbsp;&nbsp;{esc(text)}"
        rows.append([title, str(numbers.get(index, "")) or "&nbsp;"])
    return TableFlow(["", ""], [0.88, 0.12], ["left", "right"], rows, metrics, compact=True)


def _cover_html(cover: Cover) -> str:
    lines = "".join(f'<p align="center">{line}</p>' for line in cover.lines)
    notice = f'<p align="center" class="small muted">{cover.notice_html}</p>' if cover.notice_html else ""
    return (
        f'<p align="center" class="cover-marking">{esc(cover.marking)}</p><p>&nbsp;</p>'
        f'<p align="center" class="cover-title">{esc(cover.title)}</p><p>&nbsp;</p>'
        f"{lines}<p>&nbsp;</p>{notice}"
    )


class _Paginator:
    def __init__(self, metrics: Metrics, render_figure: FigureRenderer | None = None) -> None:
        self.m = metrics
        self.render_figure = render_figure
        self.pages: list[Page] = [Page()]
        self.y = 0.0
        self.toc_pages: dict[int, int] = {}
        #: landscape figure pages waiting for the next page break
        self.floating: list[_PageFigure] = []

    @property
    def room(self) -> float:
        return self.m.body_height - self.y

    @property
    def at_top(self) -> bool:
        return self.y <= 0.0 and not self.pages[-1].steps

    def new_page(self) -> None:
        self._close_page()
        self._flush_floating()
        self.pages.append(Page())
        self.y = 0.0

    def _flush_floating(self) -> None:
        for flow in self.floating:
            page = Page(landscape=True, fill=1.0)

            def paint(p: QPainter, x: float, y: float, f: _PageFigure = flow) -> None:
                self._paint_page_figure(p, x, y, f)

            page.steps.append(paint)
            page.marks.append(f"figure:{flow.figure.key}")
            self.pages.append(page)
        self.floating = []

    def _paint_page_figure(self, painter: QPainter, x: float, y: float, flow: _PageFigure) -> None:
        assert self.m.landscape is not None
        width, height = self.m.landscape
        gap = self.m.mm(2.0)
        room = QRectF(x, y, width, height - flow.caption.height - gap)
        paint_page = getattr(self.render_figure, "paint_page", None)
        if paint_page is not None:
            paint_page(flow.figure, painter, room)
        flow.caption.paint(painter, x, room.bottom() + gap)

    def add(self, step: PaintStep, height: float, mark: str) -> None:
        self.pages[-1].steps.append(step)
        self.pages[-1].marks.append(mark)
        self.y += height

    def space(self, amount: float) -> None:
        if not self.at_top:
            self.y += amount

    def run(self, flows: list[_Flow]) -> Layout:
        for index, flow in enumerate(flows):
            following = flows[index + 1:]
            if isinstance(flow, _Break):
                if not self.at_top and self.y >= flow.unless_below * self.m.body_height:
                    self.new_page()
                elif not self.at_top:
                    self.y += self.m.mm(CHAPTER_SPACE_MM)
            elif isinstance(flow, _Cover):
                self._cover(flow)
            elif isinstance(flow, _Heading):
                self._keep_with_next(flow.box.height, flow.space, following)
                if flow.toc_index is not None:
                    self.toc_pages[flow.toc_index] = len(self.pages)
                self._text(flow.box, 0.0, f"heading:{flow.text}")
            elif isinstance(flow, _Text):
                if flow.keep_with_next:
                    self._keep_with_next(flow.box.height, flow.space, following)
                else:
                    self.space(flow.space)
                short = len(flow.box.cuts()) < SHORT_TEXT_LINES
                together = flow.keep_together or short
                if together and flow.box.height <= self.m.body_height and flow.box.height > self.room:
                    self.new_page()
                self._text(flow.box, flow.indent, "text")
            elif isinstance(flow, _Table):
                self.space(flow.space)
                self._table(flow.table, flow.serial)
                self.y += flow.space * 0.7
            elif isinstance(flow, _Figure):
                self.space(flow.space)
                self._figure(flow.figure, flow.key)
            elif isinstance(flow, _PageFigure):
                self.floating.append(flow)
        self._close_page()
        if self.floating:
            if not self.pages[-1].steps:
                self.pages.pop()
            self._flush_floating()
            self.pages.append(Page())
        if len(self.pages) > 1 and not self.pages[-1].steps:
            self.pages.pop()
        return Layout(self.pages, self.toc_pages)

    def _close_page(self) -> None:
        self.pages[-1].fill = min(self.y / self.m.body_height, 1.0) if self.m.body_height else 0.0

    def _keep_with_next(self, height: float, space: float, following: list[_Flow]) -> None:
        needed = height + _first_piece(following, self.m)
        if not self.at_top and space + needed > self.room:
            self.new_page()
        self.space(space)

    def _cover(self, flow: _Cover) -> None:
        if not self.at_top:
            self.new_page()
        box = flow.box
        top = max((self.m.body_height - box.height) * 0.4, 0.0)
        self.pages[-1].cover = True
        if box.height > self.m.body_height:
            self._text(box, 0.0, "cover")
        else:
            def cover(p: QPainter, x: float, y: float, t: float = top) -> None:
                box.paint(p, x, y + t)

            self.add(cover, self.m.body_height, "cover")
        self.new_page()

    def _text(self, box: TextBox, indent: float, mark: str) -> None:
        start = 0.0
        while start < box.height - 0.01:
            cut = box.cut(start, self.room, MIN_LINES)
            if cut <= start:
                if self.at_top:
                    # Not even one line fits on an empty page: cut where the page ends.
                    cut = min(start + self.room, box.height)
                else:
                    self.new_page()
                    continue
            y = self.y
            whole = start == 0.0 and cut >= box.height - 0.01

            def text(p: QPainter, x: float, oy: float, s: float = start, e: float = cut, y0: float = y) -> None:
                box.paint(p, x + indent, oy + y0, s, e)

            self.add(text, cut - start, mark if whole else f"{mark}-part")
            start = cut
            if start < box.height - 0.01:
                self.new_page()

    def _table(self, table: TableFlow, serial: int) -> None:
        if not table.rows:
            return
        # No widowed row: a table starts only where its header and two rows fit, and its last row never
        # goes to a page alone.
        first = table.head_height + sum(table.row_heights[:2])
        if not self.at_top and first > self.room:
            self.new_page()
        self._table_header(table, serial)
        last = len(table.row_heights) - 1
        for index, height in enumerate(table.row_heights):
            orphan = (index == last - 1 and last >= 3 and height <= self.room
                      and height + table.row_heights[last] > self.room)
            if (height > self.room or orphan) and not self._page_holds_only_header(table):
                self.new_page()
                self._table_header(table, serial)
            if height <= self.room:
                y = self.y

                def row(p: QPainter, x: float, oy: float, i: int = index, y0: float = y) -> None:
                    table.paint_row(p, i, x, oy + y0)

                self.add(row, height, f"row:{serial}:{index}")
            else:
                self._tall_row(table, index, serial)

    def _page_holds_only_header(self, table: TableFlow) -> bool:
        return abs(self.y - table.head_height) < 0.01 and len(self.pages[-1].steps) <= 1

    def _table_header(self, table: TableFlow, serial: int) -> None:
        if table.has_header:
            y = self.y

            def header(p: QPainter, x: float, oy: float, y0: float = y) -> None:
                table.paint_header(p, x, oy + y0)

            self.add(header, table.head_height, f"header:{serial}")

    def _tall_row(self, table: TableFlow, index: int, serial: int) -> None:
        """A row taller than a page (only hostile text makes one): its cells continue on the next page."""
        cells = table.rows[index]
        starts = [0.0] * len(cells)
        while True:
            room = self.room - 2 * table.pad_y
            ends = [c.cut(s, room) if c.height - s > room else c.height for c, s in zip(cells, starts, strict=True)]
            ends = [e if e > s or c.height <= s else min(s + room, c.height)
                    for c, s, e in zip(cells, starts, ends, strict=True)]
            height = table.slice_height(index, starts, ends)
            y = self.y

            def part(p: QPainter, x: float, oy: float, i: int = index, y0: float = y,
                     s: tuple[float, ...] = tuple(starts), e: tuple[float, ...] = tuple(ends)) -> None:
                table.paint_row(p, i, x, oy + y0, list(s), list(e))

            self.add(part, height, f"row-part:{serial}:{index}")
            starts = ends
            if all(s >= c.height - 0.01 for c, s in zip(cells, starts, strict=True)):
                return
            self.new_page()
            self._table_header(table, serial)

    def _figure(self, figure: FigureFlow, key: str) -> None:
        # A figure that would fit at 60% of its size or more is shrunk onto this page rather than leaving
        # the rest of the page empty; a smaller room sends it to the next page. The flow is shrunk as a copy:
        # another pass places it afresh.
        figure = copy(figure)
        if figure.height > self.room and not self.at_top and figure.shrunk_height(self.room) < 0.6:
            self.new_page()
        figure.fit(self.room)
        y = self.y

        def paint_figure(p: QPainter, x: float, oy: float, y0: float = y) -> None:
            figure.paint(p, x, oy + y0)

        self.add(paint_figure, figure.height, f"figure:{key}")


def _first_piece(following: list[_Flow], metrics: Metrics) -> float:
    """How much of what follows a heading must share its page: the next heading chain, then a first piece."""
    total = 0.0
    for flow in following:
        if isinstance(flow, _Heading):
            total += flow.space + flow.box.height
            continue
        if isinstance(flow, _Text) and flow.keep_with_next:
            total += flow.space + flow.box.height  # a line that belongs to what follows (a meta line)
            continue
        if isinstance(flow, _Text):
            cuts = flow.box.cuts()
            first = cuts[MIN_LINES - 1] if len(cuts) >= MIN_LINES else flow.box.height
            if flow.keep_together or len(cuts) < SHORT_TEXT_LINES:
                first = flow.box.height  # a short text is never split: all of it must follow the heading
            return total + flow.space + min(first, metrics.body_height / 3)
        if isinstance(flow, _Table):
            rows = flow.table.row_heights
            return total + flow.space + flow.table.head_height + sum(rows[:2])  # a table starts with two rows
        if isinstance(flow, _Figure):
            return total + flow.space + min(flow.figure.height, metrics.body_height / 2)
        return total
    return total
