"""The side pane of the Bookmarks tab: the selected bookmark's note and tags, edited in place.

The pane only edits; it emits ``note_edited`` / ``tags_edited`` and the panel saves through the service. A note
is saved when typing pauses, when the field loses focus and before another bookmark is shown, so nothing typed
is lost by clicking elsewhere. Text typed but not yet saved is never overwritten by a refresh.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefing_app.domain.bookmarks import BookmarkEntry, local_stamp, normalise_tags
from briefing_app.ui.dialogs.bookmark_editor import plain_label
from briefing_app.ui.models.bookmark_text import NOT_IN_BRIEFING, kind_label
from briefing_app.ui.widgets.tag_edit import TagEdit

SAVE_DELAY_MS = 700


class _NoteEdit(QPlainTextEdit):
    focus_lost = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_lost.emit()


class BookmarkNotePane(QWidget):
    note_edited = Signal(str, str)  # item id, note
    tags_edited = Signal(str, list)  # item id, tags
    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item_id: str | None = None
        self._saved_note = ""
        self._saved_tags: tuple[str, ...] = ()

        self.title = plain_label("")
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.title.setAccessibleName("Bookmarked item")
        self.meta = plain_label("")
        self.status = plain_label("")
        self.status.setObjectName("bookmark-status")
        self.status.setStyleSheet("color: #8a5300")
        self.times = plain_label("")
        self.times.setStyleSheet("color: palette(placeholder-text)")
        self.open_button = QPushButton("Open item")
        self.open_button.setToolTip("Show the item in its tab (Enter)")
        self.open_button.clicked.connect(lambda: self._item_id and self.open_requested.emit(self._item_id))

        self.tags_edit = TagEdit()
        self.tags_edit.editingFinished.connect(self._save_tags)
        self.tags_error = plain_label("")
        self.tags_error.setObjectName("tags-error")
        self.tags_error.setStyleSheet("color: #b3261e")
        self.tags_error.hide()
        self.note_edit = _NoteEdit()
        self.note_edit.setAccessibleName("Note")
        self.note_edit.viewport().setAccessibleName("Note")  # what a screen reader reports as focused
        self.note_edit.setPlaceholderText("Your note for the meeting: plain text, any language, any length")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.textChanged.connect(self._note_typed)
        self.note_edit.focus_lost.connect(self.flush)
        self.saved = plain_label("")
        self.saved.setObjectName("bookmark-saved")
        self.saved.setStyleSheet("color: palette(placeholder-text)")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        self.editor = QWidget()
        form = QFormLayout(self.editor)
        form.setContentsMargins(0, 0, 0, 0)
        tags_column = QVBoxLayout()
        tags_column.setContentsMargins(0, 0, 0, 0)
        tags_column.setSpacing(2)
        tags_column.addWidget(self.tags_edit)
        tags_column.addWidget(self.tags_error)
        form.addRow("&Tags:", tags_column)
        label = form.labelForField(tags_column)
        if isinstance(label, QLabel):
            label.setBuddy(self.tags_edit)
        form.addRow("&Note:", self.note_edit)
        self.placeholder = plain_label("Select a bookmark to read and edit its note and tags.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.meta)
        layout.addWidget(self.status)
        layout.addWidget(self.times)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.saved)
        layout.addWidget(self.placeholder, 1)
        self.show_entry(None)

    @property
    def item_id(self) -> str | None:
        return self._item_id

    def has_unsaved_note(self) -> bool:
        return (self._item_id is not None and not self.note_edit.isReadOnly()
                and self.note_edit.toPlainText() != self._saved_note)

    def set_read_only(self, read_only: bool) -> None:
        self.note_edit.setReadOnly(read_only)
        self.tags_edit.setReadOnly(read_only)

    def set_known_tags(self, tags: list[str]) -> None:
        self.tags_edit.set_known_tags(tags)

    def show_entry(self, entry: BookmarkEntry | None, selected: int = 1) -> None:
        """Show one bookmark (saving what was typed for the previous one first), or a placeholder."""
        if entry is None or entry.item_id != self._item_id:
            self.flush()
            self._save_tags()
        if entry is None:
            self._item_id = None
            for widget in (self.title, self.meta, self.status, self.times, self.open_button, self.editor, self.saved):
                widget.hide()
            self.placeholder.setText(
                f"{selected} bookmarks selected." if selected > 1
                else "Select a bookmark to read and edit its note and tags."
            )
            self.placeholder.show()
            return
        self.placeholder.hide()
        for widget in (self.title, self.meta, self.times, self.open_button, self.editor, self.saved):
            widget.show()
        changed_item = entry.item_id != self._item_id
        self._item_id = entry.item_id
        self.update_entry(entry, force=changed_item)
        if changed_item:
            self.saved.setText("")

    def update_entry(self, entry: BookmarkEntry, force: bool = False) -> None:
        """Bring labels up to date; the note and tags only where nothing typed is waiting to be saved."""
        if entry.item_id != self._item_id:
            return
        b = entry.bookmark
        self.title.setText(entry.title)
        self.title.setAccessibleName(f"Bookmarked item: {entry.title}")
        self.meta.setText(f"{kind_label(b.kind)} · {b.item_id}")
        self.status.setVisible(not entry.in_briefing)
        self.status.setText(
            f"This item is {NOT_IN_BRIEFING}. The bookmark is kept with its last known title and your note."
        )
        self.open_button.setEnabled(entry.in_briefing)
        changed = f" · changed {local_stamp(b.updated_at)}" if b.updated_at != b.created_at else ""
        self.times.setText(f"Bookmarked {local_stamp(b.created_at)}{changed}")
        if force or not self.has_unsaved_note():
            if self.note_edit.toPlainText() != b.note:
                self.note_edit.blockSignals(True)
                self.note_edit.setPlainText(b.note)
                self.note_edit.blockSignals(False)
            self._saved_note = b.note
        if force or (not self.tags_edit.hasFocus() and normalise_tags(self.tags_edit.tags()) == self._saved_tags):
            self.tags_edit.set_tags(b.tags)
            self._saved_tags = b.tags
            self._mark_tags(None)

    def _note_typed(self) -> None:
        if self._item_id is not None:
            self.saved.setText("Saving…")
            self._timer.start()

    def flush(self) -> None:
        """Save the note now if it changed (called before leaving the bookmark and on focus out)."""
        self._timer.stop()
        if self.has_unsaved_note() and self._item_id is not None:
            text = self.note_edit.toPlainText()
            self.note_edited.emit(self._item_id, text)

    def save_pending(self) -> None:
        """Save whatever was typed and not yet saved, note and tags (the tab is hidden, the window closes)."""
        self.flush()
        self._save_tags()

    def note_saved(self, note: str) -> None:
        """The panel's answer to ``note_edited``: that text is now on disk."""
        self._saved_note = note
        self.saved.setText("Note saved" if self.note_edit.toPlainText() == note else "Saving…")

    def tags_saved(self, tags: tuple[str, ...]) -> None:
        self._saved_tags = tags
        self._mark_tags(None)
        if not self.tags_edit.hasFocus():
            self.tags_edit.set_tags(tags)
        self.saved.setText("Tags saved")

    def tags_failed(self, reason: str) -> None:
        """The tags typed were refused: they stay in the field as typed, marked, with the reason beside them."""
        self._mark_tags(reason)
        self.saved.setText("Tags not saved")

    def _mark_tags(self, reason: str | None) -> None:
        invalid = reason is not None
        self.tags_error.setText(f"Not saved: {reason}. Correct the tags to save them." if invalid else "")
        self.tags_error.setVisible(invalid)
        if self.tags_edit.property("invalid") is not invalid:
            self.tags_edit.setProperty("invalid", invalid)
            self.tags_edit.setStyleSheet("QLineEdit { border: 2px solid #b3261e; }" if invalid else "")
        self.tags_edit.setAccessibleDescription(
            f"Not saved: {reason}" if invalid else "Tags of this bookmark, separated by commas")

    def save_failed(self, message: str) -> None:
        self.saved.setText(f"Not saved: {message}")

    def _save_tags(self) -> None:
        if self._item_id is None:
            return
        tags = self.tags_edit.tags()
        if normalise_tags(tags) != self._saved_tags:
            self.tags_edited.emit(self._item_id, tags)
