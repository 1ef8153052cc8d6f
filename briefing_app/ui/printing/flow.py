"""The pieces a sheet is laid out from, measured in the units of the device that will print them.

A :class:`TextBox` is one QTextDocument laid out on the print device at a fixed width; it can be cut between
lines. A :class:`TableFlow` is a header row and body rows of text boxes with fixed column widths, so a row is
placed whole and the header can be painted again on every page. A :class:`FigureFlow` is an image with its
caption, kept together.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPaintDevice,
    QPainter,
    QPen,
    QTextDocument,
    QTextOption,
)

from briefing_app.reports.sheet import SHEET_CSS

FONT_FAMILIES = ["Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial", "Liberation Sans"]
RULE_COLOR = QColor("#9aa7b4")
HEADER_FILL = QColor("#e6ecf2")
ZEBRA_FILL = QColor("#f6f8fa")
# Tables are set a little smaller than running text, as in printed reference tables.
CELL_PT = 9.0
HEADER_PT = 8.5


def sheet_font(point_size: float = 10.0) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(point_size)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    return font


@dataclass
class Metrics:
    """The print device and the column the text runs in, in device pixels."""

    device: QPaintDevice
    width: float
    body_height: float
    font: QFont = field(default_factory=sheet_font)
    #: the body's width and height on a landscape page of the same paper (for a figure on a page of its own)
    landscape: tuple[float, float] | None = None
    _template: QTextDocument | None = field(default=None, init=False, repr=False, compare=False)
    #: every box laid out so far by text and width: a table repeats many cells ("city", a note number), and a box
    #: is never changed once laid out, so one serves them all
    _boxes: dict[tuple[str, float], TextBox] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def dpi(self) -> float:
        return float(self.device.logicalDpiY())

    def mm(self, millimetres: float) -> float:
        return millimetres * self.dpi / 25.4

    def text_box(self, html: str, width: float | None = None) -> TextBox:
        """The text laid out at ``width`` (the column's by default); the same text at the same width is laid out
        once."""
        key = (html, self.width if width is None else width)
        box = self._boxes.get(key)
        if box is None:
            box = self._boxes[key] = TextBox(html, key[1], self)
        return box

    def new_document(self) -> QTextDocument:
        """An empty document set up for the sheet (font, style sheet, margins, wrapping), laid out on the device.

        Cloned from one made once: a clone takes the parsed style sheet along, where setting it on each of the
        thousand documents of a book would parse it a thousand times.
        """
        template = self._template
        if template is None:
            template = QTextDocument()
            template.setDefaultFont(self.font)
            template.setDefaultStyleSheet(SHEET_CSS)
            template.setDocumentMargin(0)
            option = QTextOption()
            # Very long words (identifiers, URLs, hostile input) wrap anywhere rather than run off the page.
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            template.setDefaultTextOption(option)
            self._template = template
        doc = template.clone()
        doc.setDocumentMargin(0)  # not cloned
        doc.documentLayout().setPaintDevice(self.device)
        return doc


class TextBox:
    """Rich text laid out at a fixed width on the print device."""

    def __init__(self, html: str, width: float, metrics: Metrics) -> None:
        self.width = max(width, 1.0)
        doc = metrics.new_document()
        doc.setHtml(html)
        doc.setTextWidth(self.width)
        self.doc = doc
        self.height = doc.size().height()
        self._cuts: list[float] | None = None

    def cuts(self) -> list[float]:
        """The y positions between lines where the text may be cut, ascending."""
        if self._cuts is None:
            layout = self.doc.documentLayout()
            tops: set[float] = set()
            block = self.doc.begin()
            while block.isValid():
                rect = layout.blockBoundingRect(block)
                text_layout = block.layout()
                for i in range(text_layout.lineCount()):
                    line = text_layout.lineAt(i)
                    tops.add(rect.top() + line.y())
                block = block.next()
            self._cuts = sorted(t for t in tops if t > 0.5)
        return self._cuts

    def cut(self, start: float, room: float, min_lines: int = 1) -> float:
        """The furthest cut after ``start`` that fits in ``room``; ``start`` itself when not even a line fits."""
        cuts = self.cuts()
        end = start + room
        if end >= self.height:
            return self.height
        index = bisect_right(cuts, end) - 1
        if index < 0 or cuts[index] <= start:
            return start
        # Leave at least ``min_lines`` lines on either side of the cut when the text allows it.
        first = bisect_right(cuts, start)
        if index - first + 1 < min_lines:
            return start
        remaining = len(cuts) - index
        if remaining < min_lines and index - min_lines + 1 >= first:
            index -= min_lines - remaining
        return cuts[index] if cuts[index] > start else start

    def paint(self, painter: QPainter, x: float, y: float, start: float = 0.0, end: float | None = None) -> None:
        end = self.height if end is None else end
        painter.save()
        painter.translate(x, y - start)
        clip = QRectF(0, start, self.width + 2, end - start)
        self.doc.drawContents(painter, clip)
        painter.restore()


class TableFlow:
    """A table of fixed-width columns: the header is repeated on each page, rows are placed whole."""

    def __init__(self, titles: list[str], weights: list[float], aligns: list[str], rows: list[list[str]],
                 metrics: Metrics, *, compact: bool = False) -> None:
        self.metrics = metrics
        self.pad_x = metrics.mm(1.3)
        self.pad_y = metrics.mm(0.35 if compact else 0.5)
        total = sum(weights) or 1.0
        self.widths = [metrics.width * w / total for w in weights]
        self.aligns = aligns
        self.header = [self._cell(f"<b>{t}</b>" if t else "", i, header=True) for i, t in enumerate(titles)]
        self.header_height = max((c.height for c in self.header), default=0.0) + 2 * self.pad_y
        self.rows = [[self._cell(html, i) for i, html in enumerate(row)] for row in rows]
        self.row_heights = [max((c.height for c in row), default=0.0) + 2 * self.pad_y for row in self.rows]
        self.has_header = any(titles)

    def _cell(self, html: str, column: int, header: bool = False) -> TextBox:
        align = ' align="right"' if self.aligns[column] == "right" else ""
        size = f' style="font-size: {HEADER_PT if header else CELL_PT}pt"'
        return self.metrics.text_box(f"<div{align}{size}>{html}</div>", self.widths[column] - 2 * self.pad_x)

    @property
    def head_height(self) -> float:
        return self.header_height if self.has_header else 0.0

    def paint_header(self, painter: QPainter, x: float, y: float) -> float:
        if not self.has_header:
            return 0.0
        painter.fillRect(QRectF(x, y, self.metrics.width, self.header_height), HEADER_FILL)
        self._paint_cells(painter, self.header, x, y, [0.0] * len(self.header), None)
        self._rule(painter, x, y + self.header_height, bold=True)
        return self.header_height

    def paint_row(self, painter: QPainter, index: int, x: float, y: float,
                  starts: list[float] | None = None, ends: list[float] | None = None) -> None:
        cells = self.rows[index]
        starts = starts or [0.0] * len(cells)
        height = self.slice_height(index, starts, ends)
        if index % 2 == 1:
            painter.fillRect(QRectF(x, y, self.metrics.width, height), ZEBRA_FILL)
        self._paint_cells(painter, cells, x, y, starts, ends)
        self._rule(painter, x, y + height)

    def slice_height(self, index: int, starts: list[float], ends: list[float] | None) -> float:
        cells = self.rows[index]
        ends = ends or [c.height for c in cells]
        return max(e - s for s, e in zip(starts, ends, strict=True)) + 2 * self.pad_y

    def _paint_cells(self, painter: QPainter, cells: list[TextBox], x: float, y: float,
                     starts: list[float], ends: list[float] | None) -> None:
        left = x
        for i, cell in enumerate(cells):
            end = ends[i] if ends else cell.height
            if end > starts[i]:
                cell.paint(painter, left + self.pad_x, y + self.pad_y, starts[i], end)
            left += self.widths[i]

    def _rule(self, painter: QPainter, x: float, y: float, bold: bool = False) -> None:
        pen = QPen(RULE_COLOR)
        pen.setWidthF(self.metrics.mm(0.35 if bold else 0.15))
        painter.save()
        painter.setPen(pen)
        painter.drawLine(QPointF(x, y), QPointF(x + self.metrics.width, y))
        painter.restore()


class FigureFlow:
    """A chart or the map with its caption; never split, scaled down if a page is too small for it."""

    def __init__(self, image: QImage, caption_html: str, width_share: float, aspect: float, metrics: Metrics) -> None:
        self.metrics = metrics
        self.image = image
        self.image_width = metrics.width * min(max(width_share, 0.2), 1.0)
        self.image_height = self.image_width * aspect
        self.gap = metrics.mm(1.5)
        self.caption = metrics.text_box(f'<p class="small">{caption_html}</p>')

    @property
    def height(self) -> float:
        return self.image_height + self.gap + self.caption.height

    def shrunk_height(self, room: float) -> float:
        """The share of its full size the image would keep to fit in ``room`` (1.0 when it fits)."""
        spare = room - self.gap - self.caption.height
        return 1.0 if spare >= self.image_height else max(spare, 0.0) / self.image_height

    def fit(self, room: float) -> None:
        """Shrink the image (keeping its shape) so the figure fits in ``room``."""
        spare = room - self.gap - self.caption.height
        if spare < self.image_height and spare > 0:
            scale = spare / self.image_height
            self.image_height *= scale
            self.image_width *= scale

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        left = x + (self.metrics.width - self.image_width) / 2
        target = QRectF(left, y, self.image_width, self.image_height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawImage(target, self.image)
        pen = QPen(RULE_COLOR)
        pen.setWidthF(self.metrics.mm(0.15))
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(target)
        painter.restore()
        self.caption.paint(painter, x, y + self.image_height + self.gap)
