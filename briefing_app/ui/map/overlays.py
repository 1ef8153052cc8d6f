"""What sits on top of the map and does not move with it: the boundary disclaimer and the printed legend."""

from __future__ import annotations

import re

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
        self.setZValue(1000)

    def layout_in(self, area: QRectF) -> None:
        """Place the box across the bottom of ``area`` (the map's rectangle in the parent's coordinates)."""
        width = max(120.0, area.width() - 2 * MARGIN)
        metrics = QFontMetricsF(self.font)
        flags = int(Qt.TextFlag.TextWordWrap)
        text_rect = metrics.boundingRect(QRectF(0, 0, width - 2 * PADDING, 10_000), flags, self.text)
        height = text_rect.height() + 2 * PADDING
        self.prepareGeometryChange()
        self._rect = QRectF(0, 0, width, height)
        self.setPos(area.left() + MARGIN, area.bottom() - MARGIN - height)

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
            self._rect.adjusted(PADDING, PADDING, -PADDING, -PADDING), int(Qt.TextFlag.TextWordWrap), self.text
        )


class LegendItem(QGraphicsItem):
    """A painted legend (fills, corridor colours, line styles) for exported and printed maps.

    On screen the panel's legend list does this job with checkboxes, so this item is shown only while
    rendering an export, unless ``always`` is set.
    """

    SWATCH = 18.0
    ROW = 15.0

    def __init__(self, state: MapState, colours: dict[str, QColor], parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.colours = colours
        self.font = QFont()
        self.font.setPointSizeF(7.5)
        self.heading_font = QFont(self.font)
        self.heading_font.setBold(True)
        self.setZValue(1000)
        self._rect = QRectF()
        state.changed.connect(self.relayout)
        self.relayout()

    def _columns(self) -> list[list[tuple[str, str, object]]]:
        """Two columns: what the fills and the line styles mean, then which colour is which corridor."""
        fills: list[tuple[str, str, object]] = []
        if self.state.layer_visible("countries"):
            fills.append(("heading", "Countries (SCO, July 2024)", None))
            fills.extend(("fill", status.label, status) for status in SCOStatus)
        visible = set(self.state.visible_corridor_ids())
        corridors = [c for c in self.state.data.corridors if c.id in visible]
        lines: list[tuple[str, str, object]] = []
        names: list[tuple[str, str, object]] = []
        if corridors:
            lines.append(("heading", "Lines", None))
            lines.extend(("status", status.label.capitalize(), status) for status in LegStatus)
            lines.append(("alternate", "Alternative branch", None))
            names.append(("heading", "Corridors", None))
            names.extend(("corridor", short_title(c.title), c.id) for c in corridors)
        return [column for column in (fills + lines, names) if column]

    def _column_width(self, rows: list[tuple[str, str, object]]) -> float:
        metrics = QFontMetricsF(self.heading_font)
        return (
            max((metrics.horizontalAdvance(text) for _kind, text, _v in rows), default=0.0) + self.SWATCH + 3 * PADDING
        )

    def relayout(self) -> None:
        columns = self._columns()
        width = sum(self._column_width(column) for column in columns)
        height = max((len(column) for column in columns), default=0) * self.ROW
        self.prepareGeometryChange()
        self._rect = QRectF(0, 0, width + PADDING, height + 2 * PADDING)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(PANEL_BRUSH)
        painter.setPen(PANEL_PEN)
        painter.drawRoundedRect(self._rect, 4, 4)
        left = 0.0
        for column in self._columns():
            self._paint_column(painter, column, left)
            left += self._column_width(column)

    def _paint_column(self, painter: QPainter, rows: list[tuple[str, str, object]], left: float) -> None:
        y = PADDING
        text_x = left + PADDING * 2 + self.SWATCH
        for kind, text, value in rows:
            mid = y + self.ROW / 2
            row = QRectF(text_x, y, self._rect.width(), self.ROW)
            painter.setFont(self.heading_font if kind == "heading" else self.font)
            painter.setPen(QColor("#202020"))
            if kind == "heading":
                painter.drawText(row.translated(-text_x + left + PADDING, 0), int(Qt.AlignmentFlag.AlignVCenter), text)
                y += self.ROW
                continue
            swatch = QRectF(left + PADDING, mid - 5, self.SWATCH, 10)
            if kind == "fill" and isinstance(value, SCOStatus):
                painter.setPen(QPen(style.COUNTRY_BORDER, 0.8))
                painter.setBrush(QBrush(style.COUNTRY_FILLS[value]))
                painter.drawRect(swatch)
            elif kind == "corridor" and isinstance(value, str):
                self._line(painter, swatch, self.colours[value], style.LINE_WIDTH, LegStatus.OPERATIONAL)
            elif kind == "status" and isinstance(value, LegStatus):
                self._line(painter, swatch, QColor("#444444"), style.LINE_WIDTH, value)
            elif kind == "alternate":
                self._line(painter, swatch, QColor("#444444"), style.ALTERNATE_WIDTH, LegStatus.OPERATIONAL)
            painter.setPen(QColor("#202020"))
            painter.drawText(row, int(Qt.AlignmentFlag.AlignVCenter), text)
            y += self.ROW

    @staticmethod
    def _line(painter: QPainter, swatch: QRectF, colour: QColor, width: float, status: LegStatus) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        start, end = QPointF(swatch.left(), swatch.center().y()), QPointF(swatch.right(), swatch.center().y())
        painter.setPen(QPen(style.CASING, width + style.CASING_EXTRA))
        painter.drawLine(start, end)
        painter.setPen(style.line_pen(colour, width, status))
        painter.drawLine(start, end)
