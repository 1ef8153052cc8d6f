"""A one-line field for bookmark tags, separated by commas, completing the tag being typed from known tags."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

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
        self.set_known_tags(known_tags)

    def set_known_tags(self, tags: Sequence[str]) -> None:
        self._known.setStringList(list(normalise_tags(tags)))

    def tags(self) -> list[str]:
        return parse_tags_text(self.text())

    def set_tags(self, tags: Sequence[str]) -> None:
        self.setText(tags_text(tags))
