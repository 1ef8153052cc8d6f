"""A one-line field for bookmark tags, separated by commas, completing the tag being typed from known tags.

A click outside the open completion list closes the list *and* gives the focus to what was clicked (Qt's
completer only closes the list, so what the user typed next went into the tags field)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, QStringListModel, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QCompleter, QLineEdit, QWidget

from briefing_app.domain.bookmarks import TAG_SEPARATOR, normalise_tags, parse_tags_text, tags_text


class _LastTagCompleter(QCompleter):
    """Completes only the text after the last comma and keeps the tags before it."""

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index) -> str:  # type: ignore[no-untyped-def]
        chosen = str(index.data(Qt.ItemDataRole.DisplayRole))
        widget = self.widget()
        typed = widget.text() if isinstance(widget, QLineEdit) else ""
        head = typed.rsplit(",", 1)[0] if "," in typed else ""
        return f"{head.rstrip()}{TAG_SEPARATOR}{chosen}" if head.strip() else chosen


def widget_at(global_pos: QPoint, skip: QWidget | None = None, first: QWidget | None = None) -> QWidget | None:
    """The deepest visible widget of a normal window under a screen point (popups are not looked at). ``first`` is
    looked at before the others: the window the popup belongs to, which is on top when its popup is open (the list
    of top-level windows is in no stacking order)."""
    windows = QApplication.topLevelWidgets()
    if first is not None:
        windows = [first, *(w for w in windows if w is not first)]
    for window in windows:
        if window is skip or not window.isVisible() or window.windowType() == Qt.WindowType.Popup:
            continue
        if window.frameGeometry().contains(global_pos):
            return window.childAt(window.mapFromGlobal(global_pos)) or window
    return None


def focus_target(widget: QWidget | None) -> QWidget | None:
    """The widget that takes the focus when ``widget`` is clicked (a text view's viewport gives it to the view)."""
    while widget is not None:
        if widget.focusPolicy() & Qt.FocusPolicy.ClickFocus and widget.isEnabled():
            return widget.focusProxy() or widget
        widget = widget.parentWidget()
    return None


class _ClickThrough(QObject):
    """On the completion list: a press outside it closes it and focuses the clicked widget."""

    def __init__(self, edit: QLineEdit) -> None:
        super().__init__(edit)
        self.edit = edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent) \
                and isinstance(watched, QWidget):
            pos = event.globalPosition().toPoint()
            if not watched.geometry().contains(pos):
                watched.hide()
                target = focus_target(widget_at(pos, skip=watched, first=self.edit.window()))
                if target is not None and target is not self.edit:
                    target.setFocus(Qt.FocusReason.MouseFocusReason)
                return True
        return False


class TagEdit(QLineEdit):
    def __init__(self, known_tags: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Tags, separated by commas (e.g. talking points, follow up)")
        self.setAccessibleName("Tags")
        self.setAccessibleDescription("Tags of this bookmark, separated by commas")
        self._known = QStringListModel(self)
        completer = _LastTagCompleter(self._known, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        # Installed after the completer's own filter, so it sees the press first.
        popup = completer.popup()
        if popup is not None:
            popup.installEventFilter(_ClickThrough(self))
        self.set_known_tags(known_tags)

    def set_known_tags(self, tags: Sequence[str]) -> None:
        self._known.setStringList(list(normalise_tags(tags)))

    def tags(self) -> list[str]:
        return parse_tags_text(self.text())

    def set_tags(self, tags: Sequence[str]) -> None:
        self.setText(tags_text(tags))
