"""A list of briefing items (one kind or several) for list views, with the bookmark star."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from briefing_app.domain.items import Item
from briefing_app.services.bookmarks import BookmarkService
from briefing_app.ui.models.roles import BOOKMARKED_ROLE, ITEM_ID_ROLE, ITEM_ROLE, KIND_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex


class ItemListModel(QAbstractListModel):
    def __init__(
        self, items: Sequence[Item], bookmarks: BookmarkService | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._items = list(items)
        self._bookmarks = bookmarks
        self._rows = {item.id: row for row, item in enumerate(self._items)}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            star = "★ " if self._is_bookmarked(item.id) else ""
            return f"{star}{item.title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            refs = ", ".join(s.reference() for s in item.sources)
            return f"{item.summary}\n\nSources: {refs}" if item.summary else f"Sources: {refs}"
        if role == ITEM_ID_ROLE:
            return item.id
        if role == KIND_ROLE:
            return item.kind.value
        if role == ITEM_ROLE:
            return item
        if role == BOOKMARKED_ROLE:
            return self._is_bookmarked(item.id)
        if role == SORT_ROLE:
            return item.position
        return None

    def _is_bookmarked(self, item_id: str) -> bool:
        return self._bookmarks is not None and self._bookmarks.is_bookmarked(item_id)

    def row_of(self, item_id: str) -> int:
        return self._rows.get(item_id, -1)

    def item_at(self, row: int) -> Item:
        return self._items[row]

    def bookmark_changed(self, item_id: str) -> None:
        """Repaint the star of one row (or all rows when ``item_id`` is empty)."""
        if not self._items:
            return
        if item_id:
            row = self.row_of(item_id)
            if row >= 0:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, BOOKMARKED_ROLE])
        else:
            self.dataChanged.emit(
                self.index(0), self.index(len(self._items) - 1), [Qt.ItemDataRole.DisplayRole, BOOKMARKED_ROLE]
            )
