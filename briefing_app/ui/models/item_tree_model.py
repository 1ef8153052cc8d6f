"""A fixed tree of briefing items under group rows, for the tree views of the Achievements and Priorities tabs.

The tree is built once from the services' items (the content is read-only while the window is open); the only
change a tree sees afterwards is a bookmark star, which is repainted with ``dataChanged``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from briefing_app.domain.items import Item
from briefing_app.ui.models.roles import BOOKMARKED_ROLE, ITEM_ID_ROLE, ITEM_ROLE, KIND_ROLE, SORT_ROLE
from briefing_app.views.attributes import item_status
from briefing_app.views.trees import TreeNode

if TYPE_CHECKING:
    from briefing_app.services.bookmarks import BookmarkService

__all__ = [
    "FILTER_TEXT_ROLE", "GROUP_KEY_ROLE", "STATUS_ROLE", "ItemTreeModel", "TreeNode", "source_references",
    "status_label",
]

Index = QModelIndex | QPersistentModelIndex

#: the key of a group row ("events", "priority:security"); empty for item rows
GROUP_KEY_ROLE = Qt.ItemDataRole.UserRole + 30
#: the text the filter field matches: title, summary, keywords (and a group's label)
FILTER_TEXT_ROLE = Qt.ItemDataRole.UserRole + 31
#: the raw status of an item (``proposed``, ``adopted``...), for the status badge delegate
STATUS_ROLE = Qt.ItemDataRole.UserRole + 32


def source_references(item: Item) -> str:
    """``¶11, ¶24`` for items resting on the address; ``External`` when only outside citations back them."""
    if item.paragraphs:
        return ", ".join(f"¶{n}" for n in item.paragraphs)
    return "External" if item.sources else ""


#: statuses as a badge shows them (short; the detail pane gives the long form)
STATUS_LABELS = {"being_adopted": "being adopted", "in_force": "in force"}


def status_label(item: Item) -> str:
    status = item_status(item)
    return STATUS_LABELS.get(status, status.replace("_", " ")) if status else ""


def filter_text(item: Item) -> str:
    return " ".join((item.title, item.summary, " ".join(item.keywords)))


_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ItemTreeModel(QAbstractItemModel):
    """Group rows with item rows below them. Subclasses name the columns and fill the cells beyond the title."""

    headers: tuple[str, ...] = ("Title",)

    def __init__(self, root: TreeNode, bookmarks: BookmarkService | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = root
        self._column_count = len(self.headers)
        self._bookmarks = bookmarks
        self._by_id: dict[str, TreeNode] = {}
        for node in root.walk():
            if node.item is not None:
                self._by_id.setdefault(node.item.id, node)
        # A group's label shows how many items it holds: counted once (the tree is fixed), not at every paint.
        self._items_below: dict[TreeNode, int] = {
            node: len(node.items_below()) for node in root.walk() if node.item is None}
        self._distinct: dict[int, list[list[TreeNode]]] = {}

    # --- the tree -----------------------------------------------------------------------------------

    def _node(self, index: Index) -> TreeNode:
        if index.isValid():
            node = index.internalPointer()
            if isinstance(node, TreeNode):
                return node
        return self._root

    # index, parent, rowCount and flags are called for every row at each layout of the view (through its proxy,
    # several times a row): thousands of calls for a large pack, so each does as little as it can.

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # hasIndex() would call rowCount() and columnCount() back through Qt: checked here, for thousands of rows
        if parent.isValid():
            if parent.column() != 0:
                return QModelIndex()
            children = parent.internalPointer().children
        else:
            children = self._root.children
        if 0 <= row < len(children) and 0 <= column < self._column_count:
            return self.createIndex(row, column, children[row])
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        up = index.internalPointer().parent
        if up is None or up is self._root:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid():
            return 0 if parent.column() != 0 else len(parent.internalPointer().children)
        return len(self._root.children)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802 - Qt's signature
        return self.rowCount(parent) > 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return self._column_count

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    # --- cells --------------------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        item = node.item
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                if item is None:
                    return f"{node.label} ({self._items_below.get(node, 0)})"
                return f"★ {node.label}" if self._is_bookmarked(item.id) else node.label
            return self.cell_text(node, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(node, column)
        if role == Qt.ItemDataRole.FontRole and column == 0 and self.is_heading(node):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ", ".join(t for t in (node.label, *(self.cell_text(node, c) for c in range(1, len(self.headers))))
                             if t)
        if role == ITEM_ID_ROLE:
            return item.id if item else None
        if role == KIND_ROLE:
            return item.kind.value if item else None
        if role == ITEM_ROLE:
            return item
        if role == BOOKMARKED_ROLE:
            return bool(item) and self._is_bookmarked(item.id if item else "")
        if role == GROUP_KEY_ROLE:
            return node.group_key if item is None else ""
        if role == FILTER_TEXT_ROLE:
            return node.label if item is None else filter_text(item)
        if role == STATUS_ROLE:
            return item_status(item) if item else ""
        if role == SORT_ROLE:
            return node.row
        return None

    def cell_text(self, node: TreeNode, column: int) -> str:
        """The text of columns after the first."""
        return ""

    def is_heading(self, node: TreeNode) -> bool:
        """Rows set in bold: the groups."""
        return node.item is None

    def tooltip(self, node: TreeNode, column: int) -> str | None:
        item = node.item
        if item is None:
            return None
        references = "; ".join(s.reference() for s in item.sources)
        return f"{item.summary}\n\nSources: {references}" if item.summary else f"Sources: {references}"

    # --- lookups ------------------------------------------------------------------------------------

    def index_of(self, item_id: str, column: int = 0) -> QModelIndex:
        """The index of an item's row, or an invalid index if the tree does not hold it."""
        node = self._by_id.get(item_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, column, node)

    def group_index(self, group_key: str) -> QModelIndex:
        for node in self._root.children:
            if node.item is None and node.group_key == group_key:
                return self.createIndex(node.row, 0, node)
        return QModelIndex()

    def groups(self) -> list[TreeNode]:
        return list(self._root.children)

    def parent_indexes(self) -> Iterator[QModelIndex]:
        """The index of every row that has rows under it, parents before their children."""
        for node in self._root.walk():
            if node.children:
                yield self.createIndex(node.row, 0, node)

    def item_ids(self) -> list[str]:
        return list(self._by_id)

    def distinct_cells(self, column: int) -> list[list[QModelIndex]]:
        """The indexes of ``column`` grouped by what their cell shows (text, status, heading): sizing a column
        to its contents needs one row of each group, not every row."""
        return [[self.createIndex(node.row, column, node) for node in group]
                for group in self.distinct_cell_rows(column)]

    def distinct_cell_rows(self, column: int) -> list[list[TreeNode]]:
        """The rows of :meth:`distinct_cells` (indexes made only for the rows a caller looks at: see
        :meth:`node_index`)."""
        cached = self._distinct.get(column)
        if cached is not None:
            return cached
        groups: dict[tuple[object, ...], list[TreeNode]] = {}
        for node in self._root.walk():
            item = node.item
            key = (self.cell_text(node, column), item_status(item) if item else "", self.is_heading(node))
            groups.setdefault(key, []).append(node)
        self._distinct[column] = list(groups.values())  # the tree is fixed; a bookmark star is in column 0 only
        return self._distinct[column]

    def node_index(self, node: TreeNode, column: int = 0) -> QModelIndex:
        return self.createIndex(node.row, column, node)

    def _is_bookmarked(self, item_id: str) -> bool:
        return self._bookmarks is not None and self._bookmarks.is_bookmarked(item_id)

    def bookmark_changed(self, item_id: str) -> None:
        """Repaint the star of one row, or of every row when ``item_id`` is empty."""
        roles = [Qt.ItemDataRole.DisplayRole, BOOKMARKED_ROLE]
        nodes = [self._by_id[item_id]] if item_id in self._by_id else ([] if item_id else list(self._by_id.values()))
        for node in nodes:
            index = self.createIndex(node.row, 0, node)
            self.dataChanged.emit(index, index, roles)
