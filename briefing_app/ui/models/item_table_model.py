"""A table of briefing items whose columns are declared, not coded: the base of the members and partners tables.

Each column says what it shows, how it sorts (numbers as numbers) and what its tooltip says (exact values and
their sources). Views sort and filter through a QSortFilterProxyModel with ``SORT_ROLE`` and ``FILTER_ROLE``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from briefing_app.domain.items import Item
from briefing_app.services.bookmarks import BookmarkService
from briefing_app.ui.models.roles import BOOKMARKED_ROLE, ITEM_ID_ROLE, ITEM_ROLE, KIND_ROLE, SORT_ROLE
from briefing_app.ui.models.starred import StarredRows

Index = QModelIndex | QPersistentModelIndex
#: the text the filter field matches, per cell (the display text plus codes and aliases)
FILTER_ROLE = Qt.ItemDataRole.UserRole + 30


class TableRow(Protocol):
    @property
    def item(self) -> Item: ...


RowT = TypeVar("RowT", bound=TableRow)


@dataclass(frozen=True)
class Column(Generic[RowT]):
    title: str
    display: Callable[[RowT], str]
    #: a number or a string (Qt's proxy compares these, not Python tuples)
    sort: Callable[[RowT], float | str]
    tooltip: Callable[[RowT], str] | None = None
    header_tip: str = ""
    numeric: bool = False
    #: extra words the filter finds in this cell (codes, aliases) besides its display text
    also_matches: Callable[[RowT], str] | None = None


class ItemTableModel(QAbstractTableModel, StarredRows, Generic[RowT]):
    """Rows of items under declared columns; the first column carries the bookmark star."""

    STAR_ROLES = (Qt.ItemDataRole.DisplayRole, BOOKMARKED_ROLE)

    def __init__(
        self,
        rows: Sequence[RowT],
        columns: Sequence[Column[RowT]],
        bookmarks: BookmarkService | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._rows = list(rows)
        self._columns = list(columns)
        self._bookmarks = bookmarks
        self._row_of = {row.item.id: number for number, row in enumerate(self._rows)}
        # A proxy sorting thousands of rows asks for a sort key at every comparison: compute each column's
        # keys once (the rows never change) and answer those calls first.
        self._sort_keys: list[list[float | str] | None] = [None] * len(self._columns)

    # --- Qt model interface ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows) and 0 <= index.column() < len(self._columns)):
            return None
        if role == SORT_ROLE:  # first: sorting asks for it at every comparison
            return (self._sort_keys[index.column()] or self.sort_keys(index.column()))[index.row()]
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = column.display(row)
            if index.column() == 0 and self._starred(row.item.id):
                return f"★ {text}"
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{column.title}: {column.display(row)}"
        if role == FILTER_ROLE:
            extra = column.also_matches(row) if column.also_matches else ""
            return f"{column.display(row)} {extra}".strip()
        if role == ITEM_ID_ROLE:
            return row.item.id
        if role == KIND_ROLE:
            return row.item.kind.value
        if role == ITEM_ROLE:
            return row.item
        if role == BOOKMARKED_ROLE:
            return self._starred(row.item.id)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.header_tip or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # --- briefing interface ---------------------------------------------------------------------------

    def rows(self) -> list[RowT]:
        return list(self._rows)

    def sort_keys(self, column: int) -> list[float | str]:
        """Every row's sort key in one column (a number or a string: the proxy compares them natively)."""
        keys = self._sort_keys[column]
        if keys is None:
            sort = self._columns[column].sort
            keys = self._sort_keys[column] = [sort(row) for row in self._rows]
        return keys

    def row_of(self, item_id: str) -> int:
        return self._row_of.get(item_id, -1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Put the rows in the order of ``column``'s sort keys (ties keep their order), in Python: a proxy
        sorting thousands of rows would call ``data`` back for both sides of every comparison."""
        if not 0 <= column < len(self._columns):
            return
        keys = self.sort_keys(column)
        descending = order == Qt.SortOrder.DescendingOrder
        # Stable either way, as Qt's sort: ties keep the order they had.
        new_order = sorted(range(len(self._rows)), key=keys.__getitem__, reverse=descending)
        if new_order == list(range(len(self._rows))):
            return
        self.layoutAboutToBeChanged.emit()
        new_row_of_old = {old: new for new, old in enumerate(new_order)}
        persistent = self.persistentIndexList()
        moved = [self.createIndex(new_row_of_old[i.row()], i.column()) for i in persistent]
        self._rows = [self._rows[i] for i in new_order]
        self._sort_keys = [None if k is None else [k[i] for i in new_order] for k in self._sort_keys]
        self._row_of = {row.item.id: number for number, row in enumerate(self._rows)}
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def column_titles(self) -> list[str]:
        return [column.title for column in self._columns]

    def column_of(self, title: str) -> int:
        return self.column_titles().index(title)

    def _star_row(self, item_id: str) -> int:
        return self.row_of(item_id)

    def bookmark_changed(self, item_id: str) -> None:
        """Repaint the star of one row (every row when ``item_id`` is empty)."""
        self._repaint_stars(item_id)
