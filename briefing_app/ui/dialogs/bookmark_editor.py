"""The bookmark editor: note and tags of one item. It returns values; the caller calls the bookmark service.

    result = BookmarkEditor.ask(parent, title, note, tags, known_tags)
    if result is not None:
        services.bookmarks.annotate(item_id, result.note, result.tags)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from briefing_app.domain.bookmarks import BookmarkValueError, check_note, check_tags
from briefing_app.ui.widgets.tag_edit import TagEdit


@dataclass(frozen=True)
class BookmarkEdit:
    note: str
    tags: tuple[str, ...]


def plain_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A label that shows its text as typed: markup in a title or note is never interpreted."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(True)
    return label


class BookmarkEditor(QDialog):
    def __init__(
        self,
        title: str,
        note: str = "",
        tags: Sequence[str] = (),
        known_tags: Sequence[str] = (),
        *,
        bookmarked: bool = True,
        times: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Bookmark: note and tags")
        self.setObjectName("bookmark-editor")
        self.setMinimumWidth(520)

        heading = plain_label(title)
        font = QFont(heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)
        heading.setAccessibleName("Bookmarked item")
        self.tags_edit = TagEdit(known_tags)
        self.tags_edit.set_tags(tags)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlainText(note)
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setPlaceholderText("Your note: plain text, any language, as long as you need")
        self.note_edit.setTabChangesFocus(True)
        self.error = plain_label("")
        self.error.setObjectName("bookmark-editor-error")
        self.error.setStyleSheet("color: #a4262c")
        self.error.hide()

        form = QFormLayout()
        form.addRow("&Tags:", self.tags_edit)
        form.addRow("&Note:", self.note_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        if not bookmarked:
            layout.addWidget(plain_label("Saving bookmarks this item."))
        if times:
            info = plain_label(times)
            info.setStyleSheet("color: palette(placeholder-text)")
            layout.addWidget(info)
        layout.addLayout(form, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.note_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def value(self) -> BookmarkEdit:
        """The note and tags as they will be saved (raises BookmarkValueError when they cannot be)."""
        return BookmarkEdit(check_note(self.note_edit.toPlainText()), check_tags(self.tags_edit.tags()))

    def accept(self) -> None:
        try:
            self.value()
        except BookmarkValueError as exc:
            self.error.setText(f"Not saved: {exc}.")
            self.error.show()
            return
        super().accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        title: str,
        note: str = "",
        tags: Sequence[str] = (),
        known_tags: Sequence[str] = (),
        *,
        bookmarked: bool = True,
        times: str = "",
    ) -> BookmarkEdit | None:
        dialog = cls(title, note, tags, known_tags, bookmarked=bookmarked, times=times, parent=parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
