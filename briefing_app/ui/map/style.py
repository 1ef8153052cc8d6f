"""Colours, widths and dash patterns of the corridors map, shared by the screen, exports and print.

Corridor colours are the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies);
country fills are pale so that every corridor line stays readable over them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPen

from briefing_app.domain.corridor_map import LegStatus, SCOStatus

SEA = QColor("#d6e6f0")
COUNTRY_BORDER = QColor("#8c8c8c")
COUNTRY_FILLS: dict[SCOStatus, QColor] = {
    SCOStatus.MEMBER: QColor("#f3dfb3"),
    SCOStatus.OBSERVER: QColor("#d7e8c4"),
    SCOStatus.DIALOGUE_PARTNER: QColor("#e5dcef"),
    SCOStatus.OTHER: QColor("#f4f3ef"),
}

#: Okabe & Ito (2008), "Color Universal Design": vermillion, blue, bluish green, reddish purple, orange, sky blue
CORRIDOR_PALETTE: tuple[QColor, ...] = tuple(
    QColor(c) for c in ("#d55e00", "#0072b2", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442")
)

LINE_WIDTH = 3.2
ALTERNATE_WIDTH = 2.0
SELECTED_WIDTH = 5.0
CASING_EXTRA = 2.6
LANE_SPACING = LINE_WIDTH + 1.2
DIMMED_ALPHA = 0.28
CASING = QColor(255, 255, 255, 235)

#: dash patterns in multiples of the pen width (Qt's convention for custom dashes)
DASHES: dict[LegStatus, list[float] | None] = {
    LegStatus.OPERATIONAL: None,
    LegStatus.PARTIAL: [3.0, 1.6],
    LegStatus.PROPOSED: [1.0, 1.5],
}

NODE_RADIUS = 3.6
NODE_SELECTED_RADIUS = 6.0
NODE_FILL = QColor("#ffffff")
NODE_OUTLINE = QColor("#333333")
NODE_HIT_RADIUS = 8.0
LINE_HIT_DISTANCE = 5.0

LABEL_COLOUR = QColor("#1f1f1f")
LABEL_HALO = QColor(255, 255, 255, 230)
LABEL_POINT_SIZE = 8.5


def corridor_colour(index: int) -> QColor:
    return QColor(CORRIDOR_PALETTE[index % len(CORRIDOR_PALETTE)])


def line_pen(colour: QColor, width: float, status: LegStatus) -> QPen:
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap if DASHES[status] else Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    dashes = DASHES[status]
    if dashes:
        pen.setDashPattern(dashes)
    return pen


def label_font(bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(LABEL_POINT_SIZE)
    font.setBold(bold)
    return font
