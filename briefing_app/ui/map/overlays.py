"""What sits on top of the map and does not move with it: the boundary disclaimer and the printed legend."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from briefing_app.domain.corridor_map import LegStatus, SCOStatus
from briefing_app.ui.map import style
from briefing_app.ui.map.state import MapState

MARGIN = 8.0
PADDING = 6.0
PANEL_BRUSH = QBrush(QColor(255, 255, 255, 225))
PANEL_PEN = QPen(QColor(0, 0, 0, 70), 1.0)


def short_title(title: str) -> str:
    """A corridor's title without its parenthetical names, for legends."""
    return re.sub(r"\s*\([^)]*\)", "", title).strip() or title


class DisclaimerItem(QGraphicsItem):
    """The pack's boundary disclaimer, across the bottom of the map, always drawn."""

    def __init__(self, text: str, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.text = " ".join(text.split())
        self.font = QFont()
        self.font.setPointSizeF(7.5)
        self._rect = QRectF()
        #: one elided line instead of the whole text (set by ``layout_in``)
        self.compact = False
        self.shown = self.text
        self.setZValue(1000)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def layout_in(self, area: QRectF, compact: bool = False) -> None:
        """Place the box across the bottom of ``area`` (the map's rectangle in the parent's coordinates).

        ``compact`` (a small map): one line, cut with "…" (the whole text is the map's tooltip there)."""
        width = max(120.0, area.width() - 2 * MARGIN)
        metrics = QFontMetricsF(self.font)
        self.compact = compact
        if compact:
            self.shown = metrics.elidedText(self.text, Qt.TextElideMode.ElideRight, width - 2 * PADDING)
            height = metrics.height() + 2 * PADDING
        else:
            self.shown = self.text
            flags = int(Qt.TextFlag.TextWordWrap)
            text_rect = metrics.boundingRect(QRectF(0, 0, width - 2 * PADDING, 10_000), flags, self.text)
            height = text_rect.height() + 2 * PADDING
        self.prepareGeometryChange()
        self._rect = QRectF(0, 0, width, height)
        self.setPos(area.left() + MARGIN, area.bottom() - MARGIN - height)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(PANEL_BRUSH)
        painter.setPen(PANEL_PEN)
        painter.drawRoundedRect(self._rect, 4, 4)
        painter.setFont(self.font)
        painter.setPen(QColor("#303030"))
        painter.drawText(
            self._rect.adjusted(PADDING, PADDING, -PADDING, -PADDING), int(Qt.TextFlag.TextWordWrap), self.shown
        )


Entry = tuple[str, str, object]  # kind (fill, status, alternate, corridor), text, value


def _paint_swatch(painter: QPainter, swatch: QRectF, kind: str, value: object, colours: dict[str, QColor]) -> None:
    if kind == "fill" and isinstance(value, SCOStatus):
        painter.setPen(QPen(style.COUNTRY_BORDER, 0.8))
        painter.setBrush(QBrush(style.COUNTRY_FILLS[value]))
        painter.drawRect(swatch)
        return
    if kind == "corridor" and isinstance(value, str):
        colour, width, status = colours[value], style.LINE_WIDTH, LegStatus.OPERATIONAL
    elif kind == "status" and isinstance(value, LegStatus):
        colour, width, status = QColor("#444444"), style.LINE_WIDTH, value
    else:
        colour, width, status = QColor("#444444"), style.ALTERNATE_WIDTH, LegStatus.OPERATIONAL
    painter.setBrush(Qt.BrushStyle.NoBrush)
    start, end = QPointF(swatch.left(), swatch.center().y()), QPointF(swatch.right(), swatch.center().y())
    painter.setPen(QPen(style.CASING, width + style.CASING_EXTRA))
    painter.drawLine(start, end)
    painter.setPen(style.line_pen(colour, width, status))
    painter.drawLine(start, end)


class _KeyItem(QGraphicsItem):
    SWATCH = 24.0
    ROW = 15.0
    GAP = 12.0

    def __init__(self, state: MapState, colours: dict[str, QColor], parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.colours = colours
        self.font = QFont()
        self.font.setPointSizeF(7.5)
        self.heading_font = QFont(self.font)
        self.heading_font.setBold(True)
        self.setZValue(1000)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._rect = QRectF()
        #: (row, x, kind, text, value) of every entry, laid out by ``relayout``
        self._cells: list[tuple[int, float, str, str, object]] = []
        self._layout_key: object = None

    def boundingRect(self) -> QRectF:
        return self._rect

    def _cell_width(self, kind: str, text: str) -> float:
        metrics = QFontMetricsF(self.heading_font if kind == "heading" else self.font)
        swatch = 0.0 if kind == "heading" else self.SWATCH + 4.0
        return swatch + metrics.horizontalAdvance(text)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(PANEL_BRUSH)
        painter.setPen(PANEL_PEN)
        painter.drawRoundedRect(self._rect, 4, 4)
        for row, x, kind, text, value in self._cells:
            y = PADDING + row * self.ROW
            painter.setFont(self.heading_font if kind == "heading" else self.font)
            if kind != "heading":
                _paint_swatch(painter, QRectF(x, y + self.ROW / 2 - 5, self.SWATCH, 10), kind, value, self.colours)
                x += self.SWATCH + 4.0
            painter.setPen(QColor("#202020"))
            painter.drawText(QRectF(x, y, 10_000, self.ROW), int(Qt.AlignmentFlag.AlignVCenter), text)

    def _set_cells(self, cells: list[tuple[int, float, str, str, object]], width: float) -> None:
        rows = 1 + max((c[0] for c in cells), default=-1)
        self.prepareGeometryChange()
        self._cells = cells
        self._rect = QRectF(0, 0, width + PADDING, rows * self.ROW + 2 * PADDING) if cells else QRectF()
        self.update()


class KeyStripItem(_KeyItem):
    """What the country colours and the line styles mean, in one or two rows above the disclaimer."""

    def groups(self) -> list[list[Entry]]:
        groups: list[list[Entry]] = []
        if self.state.layer_visible("countries"):
            groups.append([("heading", "Countries:", None), *(("fill", s.label, s) for s in SCOStatus)])
        if self.state.visible_corridor_ids():
            groups.append(
                [
                    ("heading", "Lines:", None),
                    *(("status", s.label.capitalize(), s) for s in LegStatus),
                    ("alternate", "Alternative branch", None),
                ]
            )
        return groups

    #: on a small map the key folds to one "Key ▸" chip; a click (or K) opens it and closes it again
    folded = False
    opened = False
    on_toggle: Callable[[], None] | None = None
    _max_width = 10_000.0

    def set_folded(self, folded: bool) -> None:
        if folded != self.folded:
            self.folded = folded
            self._layout_key = None

    def toggle(self) -> None:
        self.opened = not self.opened
        self._layout_key = None

    def is_collapsed(self) -> bool:
        return self.folded and not self.opened

    def mousePressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self.folded:
            self.toggle()
            if self.on_toggle is not None:
                self.on_toggle()
            event.accept()
        else:
            event.ignore()

    def relayout(self, max_width: float) -> None:
        self._max_width = max_width
        if self.is_collapsed():
            key: object = ("collapsed", max_width)
            if key != self._layout_key:
                self._layout_key = key
                text = "Key ▸ (click or press K)"
                self._set_cells([(0, PADDING, "heading", text, None)] if self.groups() else [],
                                self._cell_width("heading", text))
            return
        groups = self.groups()
        key = (max_width, self.folded, [[e[1] for e in g] for g in groups])
        if key == self._layout_key:
            return
        self._layout_key = key
        widths = [sum(self._cell_width(k, t) + self.GAP for k, t, _v in group) - self.GAP for group in groups]
        one_row = sum(widths) + self.GAP * 2 * max(0, len(groups) - 1) + 2 * PADDING <= max_width
        cells: list[tuple[int, float, str, str, object]] = []
        x, row = PADDING, 0
        for index, group in enumerate(groups):
            if index and not one_row:
                x, row = PADDING, row + 1
            elif index:
                x += self.GAP * 2
            for kind, text, value in group:
                cells.append((row, x, kind, text, value))
                x += self._cell_width(kind, text) + self.GAP
        width = max(widths, default=0.0) + PADDING if not one_row else x - self.GAP
        self._set_cells(cells, width)


class CorridorKeyItem(_KeyItem):
    """Which colour is which corridor, in as many columns as fit: the legend of exported and printed maps
    (on screen the panel's legend list says it, with checkboxes)."""

    def relayout(self, max_width: float = 10_000.0) -> None:
        visible = set(self.state.visible_corridor_ids())
        names = [(short_title(c.title), c.id) for c in self.state.data.corridors if c.id in visible]
        key = (max_width, names)
        if key == self._layout_key:
            return
        self._layout_key = key
        widths = [self._cell_width("corridor", text) for text, _id in names]
        cells: list[tuple[int, float, str, str, object]] = []
        width = 0.0
        for columns in range(min(3, len(names)), 0, -1):
            rows = -(-len(names) // columns)
            column_widths = [max(widths[c * rows : (c + 1) * rows], default=0.0) for c in range(columns)]
            width = sum(column_widths) + self.GAP * 2 * (columns - 1) + 2 * PADDING
            if width <= max_width or columns == 1:
                cells = [(0, PADDING, "heading", "Corridors", None)]
                x = PADDING
                for c in range(columns):
                    for r, (text, corridor_id) in enumerate(names[c * rows : (c + 1) * rows], start=1):
                        cells.append((r, x, "corridor", text, corridor_id))
                    x += column_widths[c] + self.GAP * 2
                break
        self._set_cells(cells if names else [], width - PADDING if names else 0.0)
