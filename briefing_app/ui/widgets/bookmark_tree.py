"""The tree of bookmarks in the Bookmarks tab: several rows selectable, dragged to reorder, tags edited with F2."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFocusEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from briefing_app.ui.models.bookmark_text import CHANGED, KIND, NOTE, TAGS, TITLE

#: what sets a title's qualifier apart ("Kazakhstan — Ufa 2031"): a title with one is cut in the middle
QUALIFIER = " — "


class TitleDelegate(QStyledItemDelegate):
    """A title too long for its column that ends in a qualifier after a dash ("Trans-Caspian International
    Transport Route — Ufa 2031") is cut in the middle, so the qualifier that tells it from its namesakes stays in
    view (cut at the right, a library's copies of an item looked alike); other titles are cut at the right as
    before. The full title is the cell's tooltip."""

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802 - Qt's name
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if index.column() == TITLE and QUALIFIER in option.text:
            option.textElideMode = Qt.TextElideMode.ElideMiddle


class BookmarkTree(QTreeView):
    """A view of the bookmark model (through its proxy): the title column stretches, the others start at a
    width that fits a typical value."""

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.title_delegate = TitleDelegate(self)
        self.setItemDelegateForColumn(TITLE, self.title_delegate)
        self.setAccessibleName("Bookmarks")
        self.setAccessibleDescription("Your bookmarks; Enter opens one, Delete removes, F2 edits its tags")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setRootIsDecorated(False)
        self.setDropIndicatorShown(True)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed starting widths, not ResizeToContents: measuring every row made a long list slow to show.
        width = self.fontMetrics().horizontalAdvance
        for column, sample in ((KIND, "Source paragraph"), (TAGS, "follow up, transport"),
                               (NOTE, "A note of a few words here"), (CHANGED, "2024-07-04 10:22")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width(sample) + 16)
        #: the starting widths of the columns that give way on a narrow window (tags, note)
        self._start_widths = {column: header.sectionSize(column) for column in (TAGS, NOTE)}
        self._user_sized = False
        self._sizing = False
        header.sectionResized.connect(self._section_resized)

    def _section_resized(self, column: int, *_sizes: object) -> None:
        if not self._sizing and column != 0:  # the title column stretches by itself
            self._user_sized = True  # the user's widths are kept from now on

    def resizeEvent(self, event: QResizeEvent) -> None:
        """On a narrow window the tags and note columns give way, so the title keeps a third of the width."""
        super().resizeEvent(event)
        if self._user_sized:
            return
        header = self.header()
        room = self.viewport().width()
        fixed = sum(header.sectionSize(c) for c in range(header.count()) if c not in (0, TAGS, NOTE))
        wanted = sum(self._start_widths.values())
        spare = room - fixed - room // 3
        share = max(0.35, min(1.0, spare / wanted)) if wanted else 1.0
        self._sizing = True
        try:
            for column, start in self._start_widths.items():
                header.resizeSection(column, round(start * share))
        finally:
            self._sizing = False

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Reached with Tab and nothing selected: the first bookmark becomes current and selected, so the arrow
        keys start from it and its note shows (before, Down from "nothing" selected nothing)."""
        super().focusInEvent(event)
        keyboard = event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
                                      Qt.FocusReason.ShortcutFocusReason)
        model = self.model()
        if keyboard and model is not None and model.rowCount() and not self.selectionModel().hasSelection():
            first = model.index(0, 0)
            while model.rowCount(first) and not first.flags() & Qt.ItemFlag.ItemIsSelectable:  # a group row
                self.expand(first)
                first = model.index(0, 0, first)
            self.selectionModel().setCurrentIndex(
                first, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

