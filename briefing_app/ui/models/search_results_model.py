"""Search hits for the toolbar's result list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from briefing_app.domain.items import SearchHit, mark_snippet
from briefing_app.reports.formatting import esc
from briefing_app.ui.models.roles import ITEM_ID_ROLE, KIND_ROLE

Index = QModelIndex | QPersistentModelIndex
HTML_ROLE = Qt.ItemDataRole.UserRole + 20


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

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
            return f"{hit.item.kind.label}: {hit.item.title}"
        if role == Qt.ItemDataRole.EditRole:
            return hit.item.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return mark_snippet(hit.snippet, "", "")
        if role == HTML_ROLE:
            snippet = mark_snippet(esc(hit.snippet), "<b>", "</b>")
            return (f'<span style="font-size: small">{esc(hit.item.kind.label)}</span> '
                    f"<b>{esc(hit.item.title)}</b><br/>{snippet}")
        if role == ITEM_ID_ROLE:
            return hit.item.id
        if role == KIND_ROLE:
            return hit.item.kind.value
        return None
