"""A panel with a filterable tree of items beside their detail pane (quote card on top).

The Achievements and Priorities tabs build on it: a subclass makes the tree model and may add widgets under
the tree (``left_layout``). Selecting a row shows the item and records it in the navigator's history; opening
an item from elsewhere selects its row without recording it twice.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHeaderView,
    QLineEdit,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from briefing_app.ui.models.item_tree_model import FILTER_TEXT_ROLE, ItemTreeModel
from briefing_app.ui.models.roles import ITEM_ID_ROLE
from briefing_app.ui.panels.base import Panel, PanelContext
from briefing_app.ui.widgets.item_context_menu import install_item_context_menu
from briefing_app.ui.widgets.item_detail import ItemDetailView
from briefing_app.ui.widgets.quote_card import QuoteCard
from briefing_app.ui.widgets.wrapping_delegate import WrappingDelegate
from briefing_app.views.summit import primary_source_title

#: a tree of more rows than any screen holds (a row is a line at least) has a scroll bar from the start
SCROLLING_ROWS = 200


class ItemTree(QTreeView):
    """The tree of a panel: a column sized to its contents measures one row per distinct cell (a status column
    holds a few words over thousands of rows), the widest of them as Qt would find measuring every row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._widths: dict[int, int] = {}  # column -> width, until rows are shown or hidden
        self.expanded.connect(self._forget_widths)
        self.collapsed.connect(self._forget_widths)

    def setModel(self, model) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        super().setModel(model)
        self._widths.clear()
        if model is not None:
            for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved,
                           model.dataChanged):
                signal.connect(self._forget_widths)

    def _forget_widths(self, *_args: object) -> None:
        self._widths.clear()

    def doItemsLayout(self) -> None:  # noqa: N802 - Qt's name
        delegate = self.itemDelegate()
        if isinstance(delegate, WrappingDelegate):
            delegate.rows_laid_out()
        super().doItemsLayout()

    def expandAll(self) -> None:  # noqa: N802 - Qt's name
        """Every row expanded, laid out once when next shown or asked for: Qt's own lays out every row at once,
        and a tree not yet shown is laid out again when it gets its width (thousands of rows at a large pack)."""
        model = self.model()
        if model is None:
            return
        self.scheduleDelayedItemsLayout()  # expanding a row now only records it
        source = model.sourceModel() if isinstance(model, QSortFilterProxyModel) else None
        if isinstance(model, QSortFilterProxyModel) and isinstance(source, ItemTreeModel):
            # The rows with children, from the tree itself: far fewer calls than walking every row through the proxy
            for index in map(model.mapFromSource, source.parent_indexes()):
                if index.isValid():
                    self.expand(index)
            return
        parents = [QModelIndex()]
        while parents:
            parent = parents.pop()
            for row in range(model.rowCount(parent)):
                index = model.index(row, 0, parent)
                if model.hasChildren(index):
                    self.expand(index)
                    parents.append(index)

    def setItemDelegate(self, delegate) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        super().setItemDelegate(delegate)
        self._widths.clear()  # the widths are the delegates' sizes

    def setItemDelegateForColumn(self, column: int, delegate) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().setItemDelegateForColumn(column, delegate)
        self._widths.clear()

    def sizeHintForColumn(self, column: int) -> int:  # noqa: N802 - Qt's name
        width = self._widths.get(column)
        if width is None:
            width = self._widths[column] = self._measure_column(column)
        return width

    def _measure_column(self, column: int) -> int:
        proxy = self.model()
        model = proxy.sourceModel() if isinstance(proxy, QSortFilterProxyModel) else None
        if column == 0 or not isinstance(proxy, QSortFilterProxyModel) or not isinstance(model, ItemTreeModel):
            return super().sizeHintForColumn(column)
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        delegate = self.itemDelegateForColumn(column) or self.itemDelegate()
        width = -1
        for group in model.distinct_cell_rows(column):
            indexes = (proxy.mapFromSource(model.node_index(node, column)) for node in group)
            shown = next((index for index in indexes if self._in_view(index)), None)
            if shown is not None:
                width = max(width, delegate.sizeHint(option, shown).width())
        return width

    def _in_view(self, index: QModelIndex) -> bool:
        """Whether the row is shown: not filtered out, and under expanded rows only."""
        if not index.isValid():
            return False
        parent = index.parent()
        while parent.isValid():
            if not self.isExpanded(parent):
                return False
            parent = parent.parent()
        return True


class ItemTreePanel(Panel):
    filter_placeholder = "Filter…"
    tree_name = "Items"
    tree_description = ""
    #: columns of a fixed width (their text wraps); the first column takes the rest, the others fit their text
    fixed_columns: dict[int, int] = {}

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._opening = False
        self.model = self.make_model()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(FILTER_TEXT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setAutoAcceptChildRows(True)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.filter_placeholder)
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(f"Filter {self.tree_name.lower()}")
        self.filter.setAccessibleDescription("Shows only the rows whose title, summary or keywords contain the text")
        self.filter.textChanged.connect(self._filter_changed)

        self.tree = ItemTree()
        self.tree.setModel(self.proxy)
        self.tree.setAccessibleName(self.tree_name)
        self.tree.setAccessibleDescription(self.tree_description)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        # In this order, so that the thousands of rows of a large pack are laid out once here: the fixed widths
        # before the wrapping delegate (which lays the rows out again when a column changes width), the delegates
        # before the rows are expanded (setting one lays them out again), and the columns sized to their contents
        # last (they measure the rows in view: collapsed, a measure would look through every hidden row).
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in self.fixed_columns.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        self._scroll_bar_held = len(self.model.item_ids()) > SCROLLING_ROWS
        if self._scroll_bar_held:
            # Its scroll bar is certain: shown from the start, the rows are not laid out again for it to appear
            self.tree.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        for column, delegate in self.column_delegates().items():
            self.tree.setItemDelegateForColumn(column, delegate)
        self.tree.expandAll()
        for column in range(1, self.model.columnCount()):
            if column not in self.fixed_columns:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        install_item_context_menu(self.tree, context)

        self.quote = QuoteCard(context.navigator, address=primary_source_title(context.services.briefing))
        self.detail = ItemDetailView(context)
        # Under the buttons of the detail pane, above its text: the quote is read first.
        detail_layout = self.detail.layout()
        assert isinstance(detail_layout, QBoxLayout)  # ItemDetailView lays out its parts in a column
        detail_layout.insertWidget(1, self.quote)

        left = QWidget()
        self.left_layout = QVBoxLayout(left)
        self.left_layout.setContentsMargins(0, 0, 0, 0)
        self.left_layout.addWidget(self.filter)
        self.left_layout.addWidget(self.tree, 3)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self._sized = False
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        context.bookmark_signals.changed.connect(lambda _action, item_id: self.model.bookmark_changed(item_id))
        self.detail.show_item(None)

    def make_model(self) -> ItemTreeModel:
        raise NotImplementedError

    def column_delegates(self) -> dict[int, QStyledItemDelegate]:
        """Delegates of particular columns (the others wrap their text), set before the rows are laid out."""
        return {}

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Sized when the panel is about to be shown (a hidden widget gets its resize when shown), before the
        # tree is: the tree then lays out its rows at its final width, once
        self._size_splitter()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._size_splitter()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._scroll_bar_held:  # laid out and painted: the scroll bar goes when a filter leaves a few rows
            self._scroll_bar_held = False
            QTimer.singleShot(0, lambda: self.tree.setVerticalScrollBarPolicy(
                Qt.ScrollBarPolicy.ScrollBarAsNeeded))

    def _size_splitter(self) -> None:
        width = self.splitter.width()
        if not self._sized and width > 0:  # once the width is known: the tree a little wider than the detail pane
            self._sized = True
            self.splitter.setSizes([width * 52 // 100, width * 48 // 100])

    # --- selection ----------------------------------------------------------------------------------

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self.tree.expandAll()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item_id = current.data(ITEM_ID_ROLE) if current.isValid() else None
        self._show(item_id)
        if item_id and not self._opening:
            self.context.navigator.record(item_id)

    def _show(self, item_id: str | None) -> None:
        self.detail.show_item(item_id)
        item = self.context.services.briefing.find(item_id) if item_id else None
        self.quote.show_item(item)

    def select_first_item(self) -> None:
        """Show the first item without recording it in the history (the tab's resting state)."""
        ids = self.model.item_ids()
        if ids:
            self._select(ids[0], scroll=False)  # the first row: in view at the top, where the tree opens

    def _select(self, item_id: str, *, scroll: bool = True) -> bool:
        source = self.model.index_of(item_id)
        if not source.isValid():
            return False
        index = self.proxy.mapFromSource(source)
        if not index.isValid():  # hidden by the filter: show everything again
            self.filter.clear()
            index = self.proxy.mapFromSource(source)
        self._opening = True
        try:
            parent = index.parent()
            while parent.isValid():
                self.tree.expand(parent)
                parent = parent.parent()
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
            if scroll:
                self.tree.scrollTo(index)
        finally:
            self._opening = False
        self._show(item_id)
        return True

    # --- Panel --------------------------------------------------------------------------------------

    def open_item(self, item_id: str) -> bool:
        if self._select(item_id):
            return True
        if self.owns(item_id) and self.context.services.briefing.exists(item_id):
            self.tree.selectionModel().clearSelection()
            self._show(item_id)
            return True
        return False

    def current_item_id(self) -> str | None:
        return self.detail.item_id
