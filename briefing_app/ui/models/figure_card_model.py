"""The headline figures of the briefing as cards: the figure as stated ("over 3 billion people"), what it
measures, and where it comes from. Figures stated in the address come first, in pack order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from briefing_app.domain.items import Item
from briefing_app.services.bookmarks import BookmarkService
from briefing_app.ui.models.roles import BOOKMARKED_ROLE, ITEM_ID_ROLE, ITEM_ROLE, KIND_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex
#: what the figure measures (the line under the big value; the title when the pack does not say)
CAPTION_ROLE = Qt.ItemDataRole.UserRole + 40
#: a short reference to its source: "¶7" or the first external citation, shortened
SOURCE_ROLE = Qt.ItemDataRole.UserRole + 41


def headline_order(figures: Sequence[Item]) -> list[Item]:
    """Figures the address itself states first (pack order), then the others (pack order)."""
    stated = [f for f in figures if f.paragraphs]
    return stated + [f for f in figures if not f.paragraphs]


def source_reference(item: Item, limit: int = 48) -> str:
    if item.paragraphs:
        return "Address " + ", ".join(f"¶{n}" for n in item.paragraphs)
    for source in item.sources:
        if source.citation:
            text = source.citation
            return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return ""


def figure_value(item: Item) -> str:
    """The figure as the briefing states it, e.g. 'over 3 billion people'."""
    display = item.attrs.get("display")
    if display:
        return str(display)
    value, unit = item.attrs.get("value"), item.attrs.get("unit", "")
    return f"{value} {unit}".strip() if value is not None else item.title


class FigureCardModel(QAbstractListModel):
    def __init__(
        self, figures: Sequence[Item], parent: QObject | None = None, bookmarks: BookmarkService | None = None
    ) -> None:
        super().__init__(parent)
        self._figures = headline_order(figures)
        self._rows = {item.id: row for row, item in enumerate(self._figures)}
        self._bookmarks = bookmarks
        self._star_rows = self._rows
        #: how many lead the list because the address states them
        self.stated_count = sum(1 for f in self._figures if f.paragraphs)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._figures)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._figures):
            return None
        item = self._figures[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return figure_value(item)
        if role == CAPTION_ROLE:
            return str(item.attrs.get("measures") or item.title)
        if role == SOURCE_ROLE:
            return source_reference(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            measures = item.attrs.get("measures", "")
            lines = [item.title, str(measures)] if measures else [item.title]
            lines += [f"Source: {s.reference()}" for s in item.sources if s.reference()]
            return "\n".join(lines)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{figure_value(item)}: {item.title}. Source: {source_reference(item)}"
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return "Press Enter to open the figure with its sources"
        if role == ITEM_ID_ROLE:
            return item.id
        if role == BOOKMARKED_ROLE:
            return self._starred(item.id)
        if role == KIND_ROLE:
            return item.kind.value
        if role == ITEM_ROLE:
            return item
        if role == SORT_ROLE:
            return index.row()
        return None

    def _starred(self, item_id: str) -> bool:
        return self._bookmarks is not None and self._bookmarks.is_bookmarked(item_id)

    def bookmark_changed(self, _action: str = "", item_id: str = "") -> None:
        """Repaint the bookmark star of one row, or of all rows (slot for ``BookmarkSignals.changed``)."""
        rows = [self._star_rows[item_id]] if item_id in self._star_rows else (
            [] if item_id else list(range(self.rowCount())))
        for row in rows:
            self.dataChanged.emit(self.index(row), self.index(row), [BOOKMARKED_ROLE])

    def row_of(self, item_id: str) -> int:
        return self._rows.get(item_id, -1)
