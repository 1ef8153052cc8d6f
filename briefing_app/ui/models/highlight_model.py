"""Highlights as a tree for the Bookmarks tab: one row per item, its highlights under it (quote, note, state).

Items come in the order of their first highlight in the user's order; highlights of items not in the current
briefing are listed with their last known title, never dropped. ``set_filter`` keeps the highlights whose quote,
note, tags, colour or item title hold every word typed (``#tag`` for one tag). The model resets when highlights
change (they are few; a reset keeps the code obviously right).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from briefing_app.domain.highlights import AnchorState
from briefing_app.services.highlights import HighlightEntry, HighlightService
from briefing_app.ui.highlight_signals import highlight_signals
from briefing_app.ui.models.roles import ITEM_ID_ROLE

Index = QModelIndex | QPersistentModelIndex

HIGHLIGHT_ID_ROLE = Qt.ItemDataRole.UserRole + 70
COLUMNS = ("Passage", "Note", "State")


@dataclass
class ItemGroup:
    item_id: str
    title: str
    in_briefing: bool
    entries: list[HighlightEntry] = field(default_factory=list)


def _matches(entry: HighlightEntry, words: list[str]) -> bool:
    h = entry.highlight
    haystack = " ".join([h.quote, h.note, entry.title, h.colour.value, entry.status, *h.tags]).casefold()
    tags = [t.casefold() for t in h.tags]
    for word in words:
        if word.startswith("#") and len(word) > 1:
            if not any(t.startswith(word[1:]) for t in tags):
                return False
        elif word not in haystack:
            return False
    return True


def _one_line(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class HighlightModel(QAbstractItemModel):
    def __init__(self, service: HighlightService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._words: list[str] = []
        self._groups: list[ItemGroup] = []
        #: highlight id -> a word on its team sharing ("shared with the team"), set by the window's team link
        self.team_marks: dict[str, str] = {}
        self._load()
        highlight_signals(service).changed.connect(self.reload)

    # --- contents -----------------------------------------------------------------------------------

    def _load(self) -> None:
        groups: dict[str, ItemGroup] = {}
        for entry in self._service.grouped_entries():
            if self._words and not _matches(entry, self._words):
                continue
            group = groups.get(entry.item_id)
            if group is None:
                group = groups[entry.item_id] = ItemGroup(entry.item_id, entry.title, entry.in_briefing)
            group.entries.append(entry)
        self._groups = list(groups.values())

    def reload(self, *_args: object) -> None:
        self.beginResetModel()
        self._load()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        self._words = [w.casefold() for w in text.split()]
        self.reload()

    def highlight_count(self) -> int:
        return sum(len(g.entries) for g in self._groups)

    def entry(self, index: Index) -> HighlightEntry | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        group = self._groups[index.internalId() - 1]
        return group.entries[index.row()] if index.row() < len(group.entries) else None

    def index_of(self, highlight_id: str) -> QModelIndex:
        for g, group in enumerate(self._groups):
            for row, entry in enumerate(group.entries):
                if entry.highlight_id == highlight_id:
                    return self.createIndex(row, 0, g + 1)
        return QModelIndex()

    # --- the tree -----------------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        if parent.internalId() == 0:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()].entries)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            group = self._groups[index.row()]
            if role == ITEM_ID_ROLE:
                return group.item_id
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                gone = "" if group.in_briefing else " (not in the current briefing)"
                return f"{group.title}{gone} — {len(group.entries)}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return group.item_id
            return None
        entry = self.entry(index)
        if entry is None:
            return None
        h = entry.highlight
        if role == HIGHLIGHT_ID_ROLE:
            return entry.highlight_id
        if role == ITEM_ID_ROLE:
            return entry.item_id
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return f"“{_one_line(h.quote)}”"
            if index.column() == 1:
                return _one_line(h.note, 80)
            return ", ".join(part for part in (self.team_marks.get(entry.highlight_id, ""), h.colour.label,
                                               entry.status, " ".join(f"#{t}" for t in h.tags)) if part)
        if role == Qt.ItemDataRole.ToolTipRole:  # plain text: a note's markup is shown as typed
            lines = [h.quote]
            if entry.state is AnchorState.CHANGED:
                lines.append(f"Now reads: {entry.anchor.text}")
            if h.note:
                lines += ["", h.note]
            return "\n".join(lines)
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return QColor(h.colour.light)
        if role == Qt.ItemDataRole.ForegroundRole and entry.state is AnchorState.MISSING:
            return QBrush(QColor("#888888"))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
