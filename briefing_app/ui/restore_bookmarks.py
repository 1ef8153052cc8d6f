"""File > Restore Bookmarks…: the dialog chooses a backup, this restores it through the service and says so."""

from __future__ import annotations

import logging
import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMessageBox

from briefing_app.services.errors import UserDatabaseError
from briefing_app.services.user_backups import describe_backups, restore_backup
from briefing_app.ui.dialogs.restore_backup import RestoreBackupDialog, local_time

if TYPE_CHECKING:
    from briefing_app.ui.window_frame import WindowFrame

log = logging.getLogger(__name__)


def install_restore_action(window: WindowFrame) -> QAction:
    """Add Restore Bookmarks… to the File menu, just above Quit."""
    action = QAction("&Restore Bookmarks…", window)
    action.setObjectName("restore-bookmarks-action")
    action.setStatusTip("Replace your bookmarks with those of a backup; the current ones are kept as a backup first")
    action.triggered.connect(lambda _checked=False: restore_bookmarks(window))
    window.file_menu.insertAction(window.quit_action, action)
    window.file_menu.insertSeparator(window.quit_action)
    status = window.services.user_status
    if status.read_only:
        action.setEnabled(False)
        action.setStatusTip(f"Not possible this session: your bookmarks database is {status.read_only_reason}")
    return action


def _message(window: WindowFrame, icon: QMessageBox.Icon, title: str, text: str) -> None:
    box = QMessageBox(icon, title, text, parent=window)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def restore_bookmarks(window: WindowFrame) -> bool:
    """Ask which backup to restore, restore it, and refresh every view; True if bookmarks were restored."""
    service = window.services.bookmarks
    status = window.services.user_status
    if service.repository.read_only:
        _message(window, QMessageBox.Icon.Information, "Restore Bookmarks",
                 f"Bookmarks cannot be restored this session: your bookmarks database is {status.read_only_reason}. "
                 "Fix that (see the message shown at start), start SCO Briefing again, then restore.")
        return False
    dialog = RestoreBackupDialog(describe_backups(), len(service.list()), window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    chosen = dialog.chosen()
    if chosen is None:
        return False
    try:
        restore_backup(chosen.path)
    except (UserDatabaseError, OSError, sqlite3.Error) as exc:
        log.warning("restore of %s failed: %s", chosen.name, exc)
        _message(window, QMessageBox.Icon.Warning, "Bookmarks not restored", f"{exc}\n\nNothing was changed.")
        return False
    service.reload()
    window.statusBar().showMessage(
        f"Restored {chosen.bookmarks} bookmarks from the backup of {local_time(chosen.taken_at)}. "
        "To undo, restore the backup taken before this restore.", 15000,
    )
    return True
