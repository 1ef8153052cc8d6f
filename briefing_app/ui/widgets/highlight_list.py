"""The highlights part of the Bookmarks tab: highlights grouped by item, with quote, note and state.

Open (double-click, Enter, the menu) shows the item in its tab with the passage scrolled to and flashed. The
menu edits the note or tags, changes the colour, moves a highlight up or down in the user's order (the print
order) or removes it. Every change goes through ``services.highlights`` and is on disk before the list shows it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QInputDialog, QLabel, QMenu, QTreeView, QVBoxLayout, QWidget

from briefing_app.domain.bookmarks import parse_tags_text, tags_text
from briefing_app.domain.highlights import HighlightColour
from briefing_app.services.errors import ReadOnlyDatabaseError
from briefing_app.services.highlights import HighlightService, HighlightValueError
from briefing_app.ui.highlight_signals import highlight_signals
from briefing_app.ui.models.highlight_model import HIGHLIGHT_ID_ROLE, HighlightModel
from briefing_app.ui.navigation import Navigator

EMPTY_TEXT = ("No highlights yet. Select words in the Source tab or in any item's text and choose Highlight "
              "(Ctrl+Shift+H, the right-click menu, or the button by the selection).")


class HighlightList(QWidget):
    #: a message for the status bar (a refused change, an item not in the briefing)
    message = Signal(str)

    def __init__(self, service: HighlightService, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.navigator = navigator
        self.model = HighlightModel(service, self)
        #: more entries for a highlight's menu (the window's team link adds "Share with Team")
        self.menu_extras: list[Callable[[QMenu, str], None]] = []
        self.heading = QLabel()
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Highlights, grouped by item")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.view.activated.connect(self._activated)
        self.view.header().resizeSection(0, 380)
        self.view.header().resizeSection(1, 220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        self.model.modelReset.connect(self._after_reset)
        self._after_reset()

    def set_filter(self, text: str) -> None:
        self.model.set_filter(text)

    def _after_reset(self) -> None:
        self.view.expandAll()
        count, total = self.model.highlight_count(), len(self.service.list())
        self.heading.setWordWrap(True)
        if not total:
            self.heading.setTextFormat(Qt.TextFormat.PlainText)
            self.heading.setText(EMPTY_TEXT)
        else:
            self.heading.setTextFormat(Qt.TextFormat.RichText)
            shown = f"{count} of {total}" if count != total else str(total)
            self.heading.setText(f"<b>Highlights</b> ({shown})")

    def current_highlight_id(self) -> str | None:
        index = self.view.currentIndex()
        hid = index.data(HIGHLIGHT_ID_ROLE) if index.isValid() else None
        return str(hid) if hid else None

    def select(self, highlight_id: str) -> bool:
        index = self.model.index_of(highlight_id)
        if index.isValid():
            self.view.setCurrentIndex(index)
        return index.isValid()

    # --- actions ------------------------------------------------------------------------------------

    def open_highlight(self, highlight_id: str) -> bool:
        """Show the item in its tab, its passage scrolled to and flashed."""
        entry = self.service.entry(highlight_id)
        if entry is None:
            return False
        if not entry.in_briefing:
            self.message.emit(f"“{entry.title}” is not in the current briefing; the highlight is kept with its quote.")
            return False
        self.navigator.open(entry.item_id)
        if not entry.anchor.found:
            self.message.emit("The highlighted words are not in the current text of this item; kept with the quote.")
        highlight_signals(self.service).focus_requested.emit(highlight_id, entry.item_id)
        return True

    def _activated(self, index: QModelIndex) -> None:
        hid = index.data(HIGHLIGHT_ID_ROLE)
        if hid:
            self.open_highlight(str(hid))

    def _change(self, highlight_id: str, **changes: object) -> None:
        try:
            self.service.update(highlight_id, **changes)  # type: ignore[arg-type]
        except (HighlightValueError, ReadOnlyDatabaseError) as exc:
            self.message.emit(str(exc))
        self.select(highlight_id)

    def edit_note(self, highlight_id: str) -> None:
        current = self.service.get(highlight_id)
        if current is None:
            return
        note, accepted = QInputDialog.getMultiLineText(self, "Highlight note", "Note:", current.note)
        if accepted:
            self._change(highlight_id, note=note)

    def edit_tags(self, highlight_id: str) -> None:
        current = self.service.get(highlight_id)
        if current is None:
            return
        text, accepted = QInputDialog.getText(self, "Highlight tags", "Tags (separated by commas):",
                                              text=tags_text(current.tags))
        if accepted:
            self._change(highlight_id, tags=parse_tags_text(text))

    def move_highlight(self, highlight_id: str, step: int) -> None:
        order = [h.highlight_id for h in self.service.list()]
        if highlight_id not in order:
            return
        at = order.index(highlight_id)
        target = max(0, min(len(order) - 1, at + step))
        order.insert(target, order.pop(at))
        try:
            self.service.reorder(order)
        except ReadOnlyDatabaseError as exc:
            self.message.emit(str(exc))
        self.select(highlight_id)

    def remove(self, highlight_id: str) -> None:
        try:
            removed = self.service.remove(highlight_id)
        except ReadOnlyDatabaseError as exc:
            self.message.emit(str(exc))
            return
        if removed is not None:
            self.message.emit("Highlight removed. To put it back, choose “Undo removing a highlight” in the menu.")

    def menu_for(self, highlight_id: str) -> QMenu:
        menu = QMenu(self)
        menu.addAction("Open").triggered.connect(lambda: self.open_highlight(highlight_id))
        menu.addAction("Edit note…").triggered.connect(lambda: self.edit_note(highlight_id))
        menu.addAction("Edit tags…").triggered.connect(lambda: self.edit_tags(highlight_id))
        colours = menu.addMenu("Colour")
        current = self.service.get(highlight_id)
        for colour in HighlightColour:
            action = colours.addAction(colour.label)
            action.setCheckable(True)
            action.setChecked(current is not None and current.colour is colour)
            action.triggered.connect(lambda _=False, c=colour: self._change(highlight_id, colour=c))
        menu.addAction("Move up").triggered.connect(lambda: self.move_highlight(highlight_id, -1))
        menu.addAction("Move down").triggered.connect(lambda: self.move_highlight(highlight_id, 1))
        menu.addSeparator()
        menu.addAction("Remove highlight").triggered.connect(lambda: self.remove(highlight_id))
        undo = menu.addAction("Undo removing a highlight")
        undo.setEnabled(self.service.can_undo)
        undo.triggered.connect(self.undo_remove)
        for extra in self.menu_extras:
            extra(menu, highlight_id)
        return menu

    def undo_remove(self) -> None:
        """Put back the last removed highlight, with its note, colour, tags and place in the order."""
        try:
            restored = self.service.undo_remove()
        except ReadOnlyDatabaseError as exc:
            self.message.emit(str(exc))
            return
        if restored is not None:
            self.select(restored.highlight_id)

    def _menu(self, position: QPoint) -> None:
        hid = self.view.indexAt(position).data(HIGHLIGHT_ID_ROLE)
        if not hid:
            return
        menu = self.menu_for(str(hid))
        menu.exec(self.view.viewport().mapToGlobal(position))
        menu.deleteLater()
