"""A panel that lists the items of some kinds beside their detail pane.

Used for tabs whose own layout is simple, and as the base of richer panels.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QLineEdit, QListView, QSplitter, QVBoxLayout, QWidget

from briefing_app.ui.models.item_list_model import ItemListModel
from briefing_app.ui.models.roles import ITEM_ID_ROLE
from briefing_app.ui.panels.base import Panel, PanelContext
from briefing_app.ui.widgets.item_context_menu import install_item_context_menu
from briefing_app.ui.widgets.item_detail import ItemDetailView


class ItemListPanel(Panel):
    list_kinds: tuple[str, ...] = ()
    filter_placeholder = "Filter…"

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        items = [i for kind in self.list_kinds for i in context.services.briefing.items(kind)]
        self.model = ItemListModel(items, context.services.bookmarks, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.filter_placeholder)
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter the list")
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)

        self.view = QListView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName("Items")
        self.view.setUniformItemSizes(True)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        install_item_context_menu(self.view, context)

        self.detail = ItemDetailView(context)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.view, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        context.bookmark_signals.changed.connect(lambda _a, item_id: self.model.bookmark_changed(item_id))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item_id = current.data(ITEM_ID_ROLE) if current.isValid() else None
        self.detail.show_item(item_id)
        if item_id:
            self.context.navigator.record(item_id)

    def open_item(self, item_id: str) -> bool:
        row = self.model.row_of(item_id)
        if row < 0:
            if self.owns(item_id) and self.context.services.briefing.exists(item_id):
                self.view.selectionModel().clearSelection()
                self.detail.show_item(item_id)
                return True
            return False
        self.filter.clear()
        index = self.proxy.mapFromSource(self.model.index(row))
        self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)
        self.detail.show_item(item_id)
        return True

    def current_item_id(self) -> str | None:
        return self.detail.item_id
