"""Filter-as-you-type and sorting of the bookmark tree (groups first by their own order, then bookmarks)."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from briefing_app.domain.bookmarks import BookmarkEntry
from briefing_app.ui.models.bookmark_model import (
    ENTRY_ROLE,
    FILTER_TEXT_ROLE,
    GROUP_SORT_ROLE,
    GROUP_TAG_ROLE,
    IS_GROUP_ROLE,
)
from briefing_app.ui.models.bookmark_text import kind_order

Index = QModelIndex | QPersistentModelIndex


class BookmarkSort(StrEnum):
    ORDER = "order"
    TITLE = "title"
    KIND = "kind"
    ADDED = "added"
    CHANGED = "changed"

    @property
    def label(self) -> str:
        return {
            BookmarkSort.ORDER: "Your order",
            BookmarkSort.TITLE: "Title",
            BookmarkSort.KIND: "Kind",
            BookmarkSort.ADDED: "Date added (newest first)",
            BookmarkSort.CHANGED: "Last changed (newest first)",
        }[self]


class BookmarkProxy(QSortFilterProxyModel):
    """Rows whose title, note, tags, kind or id contain every word typed (any order, any case); a group whose
    name matches shows all its bookmarks. A word starting with ``#`` matches tags only (``#meet`` finds the tag
    "meeting"); grouped by tag, it shows only the groups of the matching tags."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._sort = BookmarkSort.ORDER
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)
        self.setDynamicSortFilter(True)
        self.sort(0, Qt.SortOrder.AscendingOrder)

    @property
    def sort_key(self) -> BookmarkSort:
        return self._sort

    @property
    def filter_words(self) -> list[str]:
        return list(self._words)

    def set_sort_key(self, key: BookmarkSort) -> None:
        self._sort = BookmarkSort(key)
        self.invalidate()
        self.sort(0, Qt.SortOrder.AscendingOrder)

    def set_filter_text(self, text: str) -> None:
        words = [w for w in text.casefold().split() if w != "#"]
        if words == self._words:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self._words = words
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if not self._words:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        tag_words = [w[1:] for w in self._words if w.startswith("#")]
        text_words = [w for w in self._words if not w.startswith("#")]
        group_tag = (source_parent if source_parent.isValid() else index).data(GROUP_TAG_ROLE)
        if tag_words and group_tag is not None and not any(group_tag.casefold().startswith(w) for w in tag_words):
            return False  # grouped by tag: only the groups of the tags asked for
        if index.data(IS_GROUP_ROLE):
            return not tag_words and all(w in str(index.data(FILTER_TEXT_ROLE) or "").casefold() for w in text_words)
        entry: BookmarkEntry | None = index.data(ENTRY_ROLE)
        if entry is None:
            return False
        tags = [t.casefold() for t in entry.bookmark.tags]
        if not all(any(t.startswith(w) for t in tags) for w in tag_words):
            return False
        text = str(index.data(FILTER_TEXT_ROLE) or "").casefold()
        return all(word in text for word in text_words)

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        if left.data(IS_GROUP_ROLE) and right.data(IS_GROUP_ROLE):
            return bool(left.data(GROUP_SORT_ROLE) < right.data(GROUP_SORT_ROLE))
        a: BookmarkEntry | None = left.data(ENTRY_ROLE)
        b: BookmarkEntry | None = right.data(ENTRY_ROLE)
        if a is None or b is None:
            return a is None and b is not None
        return _key(a, self._sort) < _key(b, self._sort)


def _key(entry: BookmarkEntry, sort: BookmarkSort) -> tuple[object, ...]:
    b = entry.bookmark
    if sort == BookmarkSort.TITLE:
        return (entry.title.casefold(), b.position)
    if sort == BookmarkSort.KIND:
        return (kind_order(b.kind), entry.title.casefold(), b.position)
    if sort == BookmarkSort.ADDED:
        return (_newest_first(b.created_at), b.position)
    if sort == BookmarkSort.CHANGED:
        return (_newest_first(b.updated_at), b.position)
    return (b.position,)


def _newest_first(stamp: str) -> float:
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return 0.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return -when.timestamp()
