"""One-line facts that each open an item, as a list model over :mod:`briefing_app.views.summit` (the summit's
host, chair, handover, new member, declaration, format and previous meeting; the priorities in address order)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from briefing_app.ui.models.roles import ITEM_ID_ROLE
from briefing_app.views.summit import SummitLine, main_event, priority_lines, summit_lines

__all__ = ["LABEL_ROLE", "NOTE_ROLE", "SummitLine", "SummitLineModel", "main_event", "priority_lines", "summit_lines"]

Index = QModelIndex | QPersistentModelIndex
#: the muted label in front of the line ("Host")
LABEL_ROLE = Qt.ItemDataRole.UserRole + 50
#: the muted note after the line ("4 proposals")
NOTE_ROLE = Qt.ItemDataRole.UserRole + 51


class SummitLineModel(QAbstractListModel):
    def __init__(self, lines: Sequence[SummitLine], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines = list(lines)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._lines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return line.text
        if role == LABEL_ROLE:
            return line.label
        if role == NOTE_ROLE:
            return line.note
        if role == Qt.ItemDataRole.ToolTipRole:
            return line.tooltip or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [f"{line.label}: {line.text}" if line.label else line.text]
            if line.note:
                parts.append(line.note)
            return ", ".join(parts)
        if role == ITEM_ID_ROLE:
            return line.item_id
        return None

    def lines(self) -> list[SummitLine]:
        return list(self._lines)
