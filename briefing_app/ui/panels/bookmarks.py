"""The Bookmarks tab: the user's starred items, grouped by tag or kind, filtered as they type, annotated in place.

Every change goes through ``services.bookmarks`` and is on disk before the tab shows it. Removing asks nothing
and offers Undo (the button here, or Ctrl+Z anywhere). Print… asks the printing code through
``context.print_requests``; Export writes JSON (to move bookmarks elsewhere) or Markdown (for mail).
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QGuiApplication, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from briefing_app.domain.bookmarks import BookmarkValueError, check_tags, moved_order
from briefing_app.reports.formatting import isolate
from briefing_app.ui.app import make_settings
from briefing_app.ui.models.bookmark_model import BookmarkModel, Grouping
from briefing_app.ui.models.bookmark_proxy import BookmarkProxy, BookmarkSort
from briefing_app.ui.models.roles import ITEM_ID_ROLE
from briefing_app.ui.panels.base import Panel, PanelContext
from briefing_app.ui.panels.bookmark_actions import BookmarkActions
from briefing_app.ui.panels.bookmark_highlights import add_highlights
from briefing_app.ui.widgets.bookmark_buttons import BookmarkButtons
from briefing_app.ui.widgets.bookmark_note_pane import BookmarkNotePane
from briefing_app.ui.widgets.bookmark_tree import BookmarkTree
from briefing_app.ui.widgets.item_context_menu import install_item_context_menu
from briefing_app.views.targets import TAB_KINDS

log = logging.getLogger(__name__)

GROUPING_KEY = "bookmarks/grouping"
SORT_KEY = "bookmarks/sort"

EMPTY_TEXT = (
    "No bookmarks yet.\n\nStar any item with ☆ Bookmark in its detail pane, with Ctrl+D, or from the right-click "
    "menu of any list, map or search result. Add a note and tags here to prepare for your meeting.\n\n"
    "Bookmarks are kept on this computer and never need the network."
)


class BookmarksPanel(Panel):
    """Lists every bookmark, including those whose item is not in the current briefing."""

    kinds = TAB_KINDS["bookmarks"]

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.bookmarks = context.services.bookmarks
        self.model = BookmarkModel(self.bookmarks, self)
        self.proxy = BookmarkProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by title, note or tag; #tag for one tag…")
        self.filter.setToolTip("Every word must match (any order, any case). #meet finds bookmarks tagged “meeting”.")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter bookmarks")
        self.filter.textChanged.connect(self._filter_changed)
        self.grouping = QComboBox()
        self.grouping.setAccessibleName("Group bookmarks by")
        for text, value in (("No groups", Grouping.NONE), ("Tag", Grouping.TAG), ("Kind", Grouping.KIND)):
            self.grouping.addItem(text, value)
        self.grouping.currentIndexChanged.connect(self._grouping_changed)
        self.sorting = QComboBox()
        self.sorting.setAccessibleName("Sort bookmarks by")
        for key in BookmarkSort:
            self.sorting.addItem(key.label, key)
        self.sorting.currentIndexChanged.connect(self._sort_changed)

        self.tree = BookmarkTree(self.proxy)
        self.tree.activated.connect(self._activated)
        self.tree.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._selection_changed())

        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setObjectName("bookmarks-empty")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMargin(24)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)

        self.pane = BookmarkNotePane()
        self.pane.note_edited.connect(self._save_note)
        self.pane.tags_edited.connect(self._save_tags)
        self.pane.open_requested.connect(self.open_bookmark)
        self.actions_ = BookmarkActions(self)

        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(QLabel("Group:"))
        top.addWidget(self.grouping)
        top.addWidget(QLabel("Sort:"))
        top.addWidget(self.sorting)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(add_highlights(self, self.stack, top), 1)  # highlights listed beside bookmarks
        a = self.actions_
        self.buttons = BookmarkButtons(
            open_=lambda: self.open_bookmark(self.current_item_id() or ""), edit=a.edit_current,
            remove=a.remove_selected, move=self.move_selected, print_=a.print_bookmarks,
            export=lambda selected: a.export(selected_only=selected), copy_markdown=a.copy_markdown,
            import_=a.import_file,
        )
        left_layout.addWidget(self.buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.pane)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.pane.setMinimumWidth(280)
        splitter.setSizes([760, 440])
        self.banner = self.actions_.banner
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.banner)

        install_item_context_menu(self.tree, context, extend=self.actions_.extend_menu)
        self._add_shortcuts()
        context.bookmark_signals.changed.connect(self._bookmarks_changed)
        self._restore_view_settings()
        if self.read_only:
            self._show_read_only()
        self._update_state()

    # --- layout pieces ------------------------------------------------------------------------------

    def _add_shortcuts(self) -> None:
        def shortcut(keys: QKeySequence | str, slot) -> QAction:  # type: ignore[no-untyped-def]
            action = QAction(self.tree)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.tree.addAction(action)
            return action

        shortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.actions_.remove_selected)
        shortcut("Ctrl+Shift+Up", lambda: self.move_selected(-1))
        shortcut("Ctrl+Shift+Down", lambda: self.move_selected(1))

    # --- Panel interface ----------------------------------------------------------------------------

    def open_item(self, item_id: str) -> bool:
        """Select the bookmark of ``item_id`` in the list (the window never routes items here by kind)."""
        index = self._proxy_index_of(item_id)
        if index is None:
            return False
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.tree.scrollTo(index)
        return True

    def current_item_id(self) -> str | None:
        index = self.tree.currentIndex()
        if not index.isValid() or not self.tree.selectionModel().isRowSelected(index.row(), index.parent()):
            return None
        return index.data(ITEM_ID_ROLE)

    def selected_item_ids(self) -> list[str]:
        """Selected bookmarks in the user's order (each once, even if shown under several tags)."""
        chosen = {i.data(ITEM_ID_ROLE) for i in self.tree.selectionModel().selectedRows(0)} - {None}
        return [item_id for item_id in self.model.user_order() if item_id in chosen]

    # --- behaviour ----------------------------------------------------------------------------------

    def open_bookmark(self, item_id: str) -> None:
        if not item_id:
            return
        if not self.bookmarks.in_briefing(item_id):
            entry = self.model.entry(item_id)
            self.actions_.say(f"“{isolate(entry.title) if entry else item_id}” is "
                              "not in the current briefing; its bookmark and note are kept.")
            return
        self.context.navigator.open(item_id)

    def _activated(self, index: QModelIndex) -> None:
        item_id = index.data(ITEM_ID_ROLE)
        if item_id:
            self.open_bookmark(item_id)

    def _proxy_index_of(self, item_id: str) -> QModelIndex | None:
        for index in self._visible_rows():
            if index.data(ITEM_ID_ROLE) == item_id:
                return index
        return None

    def _visible_rows(self, parent: QModelIndex | None = None) -> list[QModelIndex]:
        parent = parent or QModelIndex()
        out = []
        for row in range(self.proxy.rowCount(parent)):
            index = self.proxy.index(row, 0, parent)
            out.append(index)
            out.extend(self._visible_rows(index))
        return out

    def move_selected(self, step: int) -> None:
        """Move the selected bookmarks one place up (-1) or down (+1) among their visible neighbours."""
        if self.proxy.sort_key != BookmarkSort.ORDER:
            self.actions_.say("Sort by “Your order” to move bookmarks.")
            return
        current = self.tree.currentIndex()
        selected = self.selected_item_ids()
        if not selected or not current.isValid():
            return
        parent = current.parent()
        siblings = [self.proxy.index(r, 0, parent).data(ITEM_ID_ROLE) for r in range(self.proxy.rowCount(parent))]
        siblings = [s for s in siblings if s]
        chosen = set(selected)
        positions = [n for n, s in enumerate(siblings) if s in chosen]
        if not positions:
            return
        if step < 0:
            before_candidates = [s for s in siblings[: positions[0]] if s not in chosen]
            if not before_candidates:
                return
            target: str | None = before_candidates[-1]
        else:
            after = [s for s in siblings[positions[-1] + 1:] if s not in chosen]
            if not after:
                return
            order = self.model.user_order()
            following = [i for i in order[order.index(after[0]) + 1:] if i not in chosen]
            target = following[0] if following else None
        self.actions_.run("Moving the bookmark", lambda: self.bookmarks.reorder(
            moved_order(self.model.user_order(), selected, target)))
        self.restore_selection(selected)

    def select_row_near(self, row: int) -> None:
        """After a removal, select the bookmark that took the removed one's place (flat list), to go on."""
        count = self.proxy.rowCount()
        if self.model.grouping != Grouping.NONE or count == 0 or row < 0:
            return
        index = self.proxy.index(min(row, count - 1), 0)
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )

    def _restore_view_settings(self) -> None:
        settings = make_settings()  # a value this version does not know leaves the default
        grouping = max(self.grouping.findData(str(settings.value(GROUPING_KEY, ""))), 0)
        sort = max(self.sorting.findData(str(settings.value(SORT_KEY, ""))), 0)
        self.grouping.setCurrentIndex(grouping)
        self.sorting.setCurrentIndex(sort)

    def _save_view_settings(self) -> None:
        settings = make_settings()
        settings.setValue(GROUPING_KEY, str(self.grouping.currentData()))
        settings.setValue(SORT_KEY, str(self.sorting.currentData()))

    def restore_selection(self, item_ids: list[str]) -> None:
        selection = self.tree.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        first = True
        for index in self._visible_rows():
            if index.data(ITEM_ID_ROLE) in item_ids:
                if first:
                    selection.setCurrentIndex(index, flags | QItemSelectionModel.SelectionFlag.Clear)
                    first = False
                else:
                    selection.select(index, flags)

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self.tree.expandAll()
        self._update_state()

    def _grouping_changed(self) -> None:
        selected = self.selected_item_ids()
        grouping = Grouping(self.grouping.currentData())
        self.model.set_grouping(grouping)
        self.tree.setRootIsDecorated(grouping != Grouping.NONE)
        self.tree.expandAll()
        self.restore_selection(selected)
        self._update_state()
        self._save_view_settings()

    def _sort_changed(self) -> None:
        self.proxy.set_sort_key(BookmarkSort(self.sorting.currentData()))
        self._update_state()
        self._save_view_settings()

    def _bookmarks_changed(self, action: str, item_id: str) -> None:
        self.model.bookmark_changed(action, item_id)
        if self.model.grouping != Grouping.NONE and action != "changed":
            self.tree.expandAll()
        self._update_state()

    def _selection_changed(self) -> None:
        selected = self.selected_item_ids()
        if len(selected) == 1 or (not selected and self.current_item_id()):
            self.pane.show_entry(self.model.entry(selected[0] if selected else self.current_item_id() or ""))
        else:
            self.pane.show_entry(None, selected=len(selected))
        self._update_buttons()

    def _save_note(self, item_id: str, note: str) -> None:
        if self.actions_.run("The note", lambda: self.bookmarks.set_note(item_id, note)):
            self.pane.note_saved(note)
        else:
            self.pane.save_failed("see the message above")

    def _save_tags(self, item_id: str, tags: list[str]) -> None:
        try:
            check_tags(tags)
        except BookmarkValueError as exc:  # told beside the field, which keeps what was typed
            if item_id == self.pane.item_id:
                self.pane.tags_failed(str(exc))
            else:
                self.actions_.say(f"The tags typed for {item_id} were not saved: {exc} (typed: {', '.join(tags)})",
                                  error=True)
            return
        saved = self.actions_.run("The tags", lambda: self.bookmarks.set_tags(item_id, tags))
        if saved is not None and saved is not False:
            self.pane.tags_saved(saved.tags)
            self.tree.expandAll()
            self.restore_selection([item_id])

    def _update_state(self) -> None:
        entries = self.model.entries()
        self.stack.setCurrentWidget(self.tree if entries else self.empty)
        gone = sum(1 for e in entries if not e.in_briefing)
        shown = len({i.data(ITEM_ID_ROLE) for i in self._visible_rows()} - {None})
        text = f"{len(entries)} bookmark{'s' if len(entries) != 1 else ''}"
        if self.proxy.filter_words:
            text = f"{shown} of {text}"
        if gone:
            text += f" · {gone} not in the current briefing"
        self.buttons.count_label.setText(text)
        self.pane.set_known_tags(list(self.bookmarks.tags()))
        current = self.pane.item_id
        if current is not None:
            entry = self.model.entry(current)
            if entry is None:
                self.pane.show_entry(None)
            else:
                self.pane.update_entry(entry)
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = self.selected_item_ids()
        has_any = bool(self.model.entries())
        one = len(selected) == 1
        writable = not self.read_only
        in_order = self.proxy.sort_key == BookmarkSort.ORDER and writable
        self.buttons.open_button.setEnabled(one and self.bookmarks.in_briefing(selected[0]))
        self.buttons.edit_button.setEnabled(one and writable)
        self.buttons.remove_button.setEnabled(bool(selected) and writable)
        self.buttons.up_button.setEnabled(bool(selected) and in_order)
        self.buttons.down_button.setEnabled(bool(selected) and in_order)
        self.buttons.import_button.setEnabled(writable)
        self.tree.setDragDropMode(
            QAbstractItemView.DragDropMode.InternalMove if in_order else QAbstractItemView.DragDropMode.NoDragDrop
        )
        printing = self.context.print_requests.is_connected()
        self.buttons.print_button.setEnabled(printing and has_any)
        self.buttons.print_button.setToolTip(
            ("Print the selected bookmarks with their notes" if selected else "Print all bookmarks with their notes")
            if printing else "Printing is not available in this build"
        )
        self.buttons.export_button.setEnabled(has_any)
        self.buttons.export_selected_action.setEnabled(bool(selected))

    @property
    def read_only(self) -> bool:
        return bool(self.bookmarks.repository.read_only)

    def _show_read_only(self) -> None:
        """Bookmarks that cannot be saved this session are shown, never edited into a change that would be lost."""
        reason = getattr(self.context.services.user_status, "read_only_reason", "") or "read-only"
        self.pane.set_read_only(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.actions_.say(f"Your bookmarks can be read but not changed this session: the bookmarks database is "
                          f"{reason}.", error=True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._update_buttons()

    def hideEvent(self, event: QHideEvent) -> None:
        # Another tab, or the window closing: what was typed is saved now, not after the typing pause.
        self.pane.save_pending()
        super().hideEvent(event)

    def default_export_path(self, markdown: bool = False) -> str:
        return str(Path.home() / f"bookmarks-{date.today().isoformat()}.{'md' if markdown else 'json'}")

    def clipboard_text(self) -> str:
        return QGuiApplication.clipboard().text()
