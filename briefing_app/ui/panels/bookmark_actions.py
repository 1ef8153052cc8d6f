"""What the Bookmarks tab's buttons and menu do: remove with Undo, edit, print, export, import, copy.

Results and problems are told in a banner under the list (plain text, never a modal box for an expected
outcome); the banner of a removal carries the Undo button.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QLabel, QMenu, QPushButton, QWidget

from briefing_app.reports.formatting import isolate
from briefing_app.services.bookmarks import BookmarkFileError
from briefing_app.ui.widgets.item_context_menu import edit_bookmark

if TYPE_CHECKING:
    from briefing_app.services.bookmarks import BookmarkService
    from briefing_app.ui.models.bookmark_model import BookmarkModel
    from briefing_app.ui.panels.base import PanelContext
    from briefing_app.ui.widgets.bookmark_buttons import BookmarkButtons
    from briefing_app.ui.widgets.bookmark_note_pane import BookmarkNotePane
    from briefing_app.ui.widgets.bookmark_tree import BookmarkTree

log = logging.getLogger(__name__)

JSON_FILTER = "Bookmarks file (*.json)"
MARKDOWN_FILTER = "Markdown for mail (*.md)"
BANNER_MS = 15_000


class Banner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookmarks-banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setObjectName("bookmarks-banner-text")
        self.undo_button = QPushButton("Undo")
        self.undo_button.setToolTip("Put the removed bookmarks back, with their notes and tags (Ctrl+Z)")
        close = QPushButton("✕")
        close.setFlat(True)
        close.setAccessibleName("Close the message")
        close.setMaximumWidth(28)
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 2, 2)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(close)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_message(self, text: str, *, error: bool = False, undo: bool = False) -> None:
        self.text.setText(text)
        self.undo_button.setVisible(undo)
        self.setStyleSheet("#bookmarks-banner { background: #fde7e9; }" if error else
                           "#bookmarks-banner { background: palette(alternate-base); }")
        self.show()
        if error:
            self._timer.stop()
        else:
            self._timer.start(BANNER_MS)


class BookmarkListView(Protocol):
    """What the actions need of the Bookmarks tab (a QWidget); the tab owns the actions, not the other way."""

    bookmarks: BookmarkService
    context: PanelContext
    model: BookmarkModel
    tree: BookmarkTree
    pane: BookmarkNotePane
    buttons: BookmarkButtons

    def current_item_id(self) -> str | None: ...
    def selected_item_ids(self) -> list[str]: ...
    def move_selected(self, step: int) -> None: ...
    def select_row_near(self, row: int) -> None: ...
    def restore_selection(self, item_ids: list[str]) -> None: ...
    def default_export_path(self, markdown: bool = False) -> str: ...


class BookmarkActions:
    def __init__(self, panel: BookmarkListView) -> None:
        assert isinstance(panel, QWidget)  # the tab is the parent of the banner and of the file dialogs
        self.panel = panel
        self.widget: QWidget = panel
        self.banner = Banner(panel)
        self.banner.undo_button.clicked.connect(self.undo)
        #: the item ids of the removal the banner's Undo button offers to put back
        self._offered: list[str] = []
        panel.context.bookmark_signals.changed.connect(self._bookmarks_changed)

    @property
    def service(self):  # type: ignore[no-untyped-def]
        return self.panel.bookmarks

    def say(self, text: str, *, error: bool = False, undo: bool = False) -> None:
        if not undo:
            self._offered = []
        self.banner.show_message(text, error=error, undo=undo)

    def _bookmarks_changed(self, _action: str, _item_id: str) -> None:
        """Ctrl+Z (or anything else) put the offered bookmarks back: the bar stops offering an Undo that would
        do nothing and says what happened."""
        if not self._offered or not self.banner.undo_button.isVisible():
            return
        if all(self.service.is_bookmarked(item_id) for item_id in self._offered):
            count = len(self._offered)
            self.say(f"Restored {count} bookmark{'s' if count != 1 else ''}.")

    def run(self, what: str, change: Callable[[], Any]) -> Any:
        """Run a change; on failure tell the user plainly and return False (the database is unchanged)."""
        try:
            result = change()
        except Exception as exc:  # noqa: BLE001 - every failure is reported; nothing half-done is kept
            log.warning("%s failed: %s", what, exc)
            self.say(f"{what} was not saved: {exc}", error=True)
            return False
        return result if result is not None else True

    # --- remove and undo ----------------------------------------------------------------------------

    def remove_selected(self) -> None:
        ids = self.panel.selected_item_ids()
        if not ids:
            return
        titles = [self.panel.model.entry(i).title for i in ids if self.panel.model.entry(i)]  # type: ignore[union-attr]
        row = self.panel.tree.currentIndex().row()
        removed = self.run("Removing the bookmarks", lambda: self.service.remove_many(ids))
        if removed:
            what = f"“{isolate(titles[0])}”" if len(ids) == 1 else f"{len(ids)} bookmarks"
            self.say(f"Removed {what}. Undo brings back the notes and tags too (Ctrl+Z).", undo=True)
            self._offered = list(ids)
            self.panel.select_row_near(row)

    def undo(self) -> None:
        restored = self.run("Undo", self.service.undo_remove)
        if restored is False:  # the banner tells why
            return
        if not restored:
            self.say("Nothing to undo.")
        else:
            self.say(f"Restored {len(restored)} bookmark{'s' if len(restored) != 1 else ''}.")
            self.panel.restore_selection([b.item_id for b in restored])

    # --- edit ---------------------------------------------------------------------------------------

    def edit_current(self) -> None:
        item_id = self.panel.current_item_id()
        if item_id:
            self.panel.pane.flush()
            edit_bookmark(self.panel.context, item_id, self.widget)

    # --- print, export, import ----------------------------------------------------------------------

    def _selected_or_all(self) -> list[str]:
        return self.panel.selected_item_ids() or self.panel.model.user_order()

    def print_bookmarks(self) -> None:
        self.panel.pane.flush()
        self.panel.context.print_requests.request_bookmarks(self._selected_or_all())

    def export(self, selected_only: bool) -> None:
        self.panel.pane.flush()
        ids = self.panel.selected_item_ids() if selected_only else None
        if selected_only and not ids:
            self.say("Select the bookmarks to export first.")
            return
        name, chosen_filter = QFileDialog.getSaveFileName(
            self.widget, "Export bookmarks", self.panel.default_export_path(), f"{JSON_FILTER};;{MARKDOWN_FILTER}"
        )
        if not name:
            return
        path = Path(name)
        markdown = chosen_filter == MARKDOWN_FILTER or path.suffix.lower() in (".md", ".markdown")
        if not path.suffix:
            path = path.with_suffix(".md" if markdown else ".json")
        write = self.service.export_markdown if markdown else self.service.export_json
        try:
            count = write(path, ids)
        except (OSError, ValueError) as exc:
            self.say(f"Nothing was exported: {exc.strerror if isinstance(exc, OSError) and exc.strerror else exc}",
                     error=True)
            return
        self.say(f"Exported {count} bookmark{'s' if count != 1 else ''} to {path}")

    def copy_markdown(self) -> None:
        self.panel.pane.flush()
        ids = self.panel.selected_item_ids() or None
        text, count = self.service.markdown(ids)
        QGuiApplication.clipboard().setText(text)
        self.say(f"Copied {count} bookmark{'s' if count != 1 else ''} as Markdown; paste them into a mail.")

    def import_file(self) -> None:
        self.panel.pane.flush()
        name, _ = QFileDialog.getOpenFileName(
            self.widget, "Import bookmarks", str(Path.home()), f"{JSON_FILTER};;All files (*)"
        )
        if not name:
            return
        try:
            report = self.service.import_file(Path(name))
        except BookmarkFileError as exc:
            self.say(f"Nothing was imported. {exc}", error=True)
            return
        except Exception as exc:  # noqa: BLE001 - e.g. the database is locked; the import is one transaction
            log.warning("import failed: %s", exc)
            self.say(f"Nothing was imported: {exc}", error=True)
            return
        self.say(f"Imported {Path(name).name}: {report.summary()}.")

    # --- the tab's additions to the item context menu -----------------------------------------------

    def extend_menu(self, menu: QMenu, item_ids: list[str]) -> None:
        menu.addSeparator()
        in_order = self.panel.buttons.up_button.isEnabled()
        up = menu.addAction("Move &Up", lambda: self.panel.move_selected(-1))
        up.setObjectName("move-up")
        up.setEnabled(in_order)
        down = menu.addAction("Move &Down", lambda: self.panel.move_selected(1))
        down.setObjectName("move-down")
        down.setEnabled(in_order)
        menu.addSeparator()
        printing = menu.addAction("Print with Notes…", self.print_bookmarks)
        printing.setObjectName("print-bookmarks")
        printing.setEnabled(self.panel.context.print_requests.is_connected())
        menu.addAction("Export Selected…", lambda: self.export(selected_only=True)).setObjectName("export-selected")
        menu.addAction("Copy as Markdown", self.copy_markdown).setObjectName("copy-markdown")
