"""The map legend as a list model: each corridor with its colour and a checkbox, then a checkbox per layer.

The rows read and write :class:`MapState`; the map repaints from the state, the list view from this model.
What the country colours and line styles mean is drawn on the map itself (``overlays.KeyStripItem``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from briefing_app.domain.corridor_map import LegStatus
from briefing_app.ui.map import style
from briefing_app.ui.map.overlays import short_title
from briefing_app.ui.map.state import LAYERS, MapState
from briefing_app.ui.models.roles import ITEM_ID_ROLE

ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class LegendRow:
    """One line of the legend list."""

    kind: str  # heading, corridor, layer
    key: str
    text: str
    tooltip: str = ""


def _swatch_icon(colour: QColor, status: LegStatus) -> QIcon:
    """A short sample of a corridor's line, in its colour and dash pattern."""
    pixmap = QPixmap(28, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(style.line_pen(colour, style.LINE_WIDTH, status))
    painter.drawLine(QPointF(2, 7), QPointF(26, 7))
    painter.end()
    return QIcon(pixmap)


class MapLegendModel(QAbstractListModel):
    def __init__(self, state: MapState, colours: dict[str, QColor], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        rows: list[LegendRow] = [LegendRow("heading", "", "Corridors")]
        self._colours = colours
        self._status = {c.id: c.status for c in state.data.corridors}
        #: one swatch per colour and line style, drawn when a row first shows it (corridors share colours)
        self._icons: dict[tuple[int, LegStatus], QIcon] = {}
        for corridor in state.data.corridors:
            rows.append(
                LegendRow(
                    "corridor",
                    corridor.id,
                    short_title(corridor.title),
                    f"{corridor.title} ({corridor.status.label}). Click to select, tick to show.",
                )
            )
        rows.append(LegendRow("heading", "", "Show on the map"))
        rows.extend(LegendRow("layer", key, title, f"Show or hide the {title.lower()}") for key, title in LAYERS)
        self.rows = rows
        self._bold = QFont()
        self._bold.setBold(True)
        state.visibility_changed.connect(self._visibility_changed)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def row_of(self, kind: str, key: str) -> int:
        return next((i for i, row in enumerate(self.rows) if row.kind == kind and row.key == key), -1)

    def _checked(self, row: LegendRow) -> bool:
        if row.kind == "corridor":
            return self.state.corridor_visible(row.key)
        return self.state.layer_visible(row.key)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip or None
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(row) if row.kind == "corridor" else None
        if role == Qt.ItemDataRole.FontRole and row.kind == "heading":
            return self._bold
        if role == Qt.ItemDataRole.CheckStateRole and row.kind in ("corridor", "layer"):
            return Qt.CheckState.Checked if self._checked(row) else Qt.CheckState.Unchecked
        if role == ITEM_ID_ROLE and row.kind == "corridor":
            return row.key
        return None

    def _icon(self, row: LegendRow) -> QIcon:
        colour, status = self._colours[row.key], self._status[row.key]
        key = (colour.rgba(), status)
        icon = self._icons.get(key)
        if icon is None:
            icon = self._icons[key] = _swatch_icon(colour, status)
        return icon

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        row = self.rows[index.row()]
        if row.kind == "corridor":
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
        if row.kind == "layer":
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
        return Qt.ItemFlag.ItemIsEnabled

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        row = self.rows[index.row()]
        checked = Qt.CheckState(value if isinstance(value, int) else value.value) == Qt.CheckState.Checked
        if row.kind == "corridor":
            self.state.set_corridor_visible(row.key, checked)
        elif row.kind == "layer":
            self.state.set_layer_visible(row.key, checked)
        else:
            return False
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def _visibility_changed(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1), [Qt.ItemDataRole.CheckStateRole])
