"""Search hits for the toolbar's result list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from briefing_app.domain.items import SearchHit, mark_snippet
from briefing_app.reports.formatting import esc
from briefing_app.services.bookmarks import BookmarkService
from briefing_app.ui.models.roles import BOOKMARKED_ROLE, ITEM_ID_ROLE, KIND_ROLE
from briefing_app.ui.models.starred import StarredRows

Index = QModelIndex | QPersistentModelIndex
HTML_ROLE = Qt.ItemDataRole.UserRole + 20


class SearchResultsModel(QAbstractListModel, StarredRows):
    #: the star shows in the list text and in the rich-text line as well
    STAR_ROLES = (Qt.ItemDataRole.DisplayRole, BOOKMARKED_ROLE, HTML_ROLE)

    def __init__(self, parent: QObject | None = None, bookmarks: BookmarkService | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self._bookmarks = bookmarks

    def bookmark_changed(self, _action: str = "", _item_id: str = "") -> None:
        """Repaint the stars of every hit (slot for ``BookmarkSignals.changed``; the hit list is short)."""
        self._repaint_stars("")

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hits(self) -> list[SearchHit]:
        return list(self._hits)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{'★ ' if self._starred(hit.item.id) else ''}{hit.item.kind.label}: {hit.item.title}"
        if role == BOOKMARKED_ROLE:
            return self._starred(hit.item.id)
        if role == Qt.ItemDataRole.EditRole:
            return hit.item.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return mark_snippet(hit.snippet, "", "")
        if role == HTML_ROLE:
            snippet = mark_snippet(esc(hit.snippet), "<b>", "</b>")
            star = '<span title="Bookmarked">★</span> ' if self._starred(hit.item.id) else ""
            return (f'{star}<span style="font-size: small">{esc(hit.item.kind.label)}</span> '
                    f"<b>{esc(hit.item.title)}</b><br/>{snippet}")
        if role == ITEM_ID_ROLE:
            return hit.item.id
        if role == KIND_ROLE:
            return hit.item.kind.value
        return None
