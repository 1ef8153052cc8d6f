"""Ctrl+D bookmarks even while a filter or search field has the focus.

On Linux, Qt's line edits take Ctrl+D for "delete the next character" (an Emacs binding few people know), so
with the focus in a tab's filter field, which is where it usually is, the window's Ctrl+D never fired. This
filter lets the shortcut win in one-line fields; tag fields and note editors keep Ctrl+D for themselves.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from briefing_app.ui.widgets.tag_edit import TagEdit


class BookmarkShortcutFilter(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Swallowed while still unaccepted, the override is not claimed by the line edit: the shortcut fires.
        return (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_D
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
            and isinstance(watched, QLineEdit)
            and not isinstance(watched, TagEdit)
        )


def give_ctrl_d_to_bookmarks(owner: QObject) -> BookmarkShortcutFilter:
    """Install the filter for the life of ``owner`` (the main window)."""
    shortcut_filter = BookmarkShortcutFilter(owner)
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(shortcut_filter)
    return shortcut_filter
