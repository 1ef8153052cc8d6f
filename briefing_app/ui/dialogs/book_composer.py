"""Compose Briefing Book: named books made of chosen sections, bookmarks (with their notes), highlights (with
their quotes, colours and notes) and text blocks of the user's own (cover note, talking points, questions to
raise), in an order set by dragging, with a live preview; new, rename, duplicate and delete (with undo); print to
PDF or export to Word."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from briefing_app.domain.books import TEXT_BLOCKS, Book, BookError, BookPart, PartKind, short_place, short_quote
from briefing_app.domain.highlights import HighlightColour, HighlightValueError
from briefing_app.services.books import SECTION_NAMES, BookService, book_service

if TYPE_CHECKING:
    from briefing_app.services.app import AppServices

PART_ROLE = Qt.ItemDataRole.UserRole
GONE = " (not in the current briefing)"


class BookComposer(QDialog):
    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compose Briefing Book")
        self.resize(1180, 720)
        self.services = services
        self.books: BookService = book_service(services)
        self._loading = False

        self.book_list = QListWidget()
        self.book_list.setAccessibleName("Books")
        self.book_list.currentTextChanged.connect(self._show_book)
        buttons = QGridLayout()
        self.new_button = self._button("&New…", self.new_book, buttons, 0, 0)
        self.rename_button = self._button("&Rename…", self.rename_book, buttons, 0, 1)
        self.duplicate_button = self._button("D&uplicate", self.duplicate_book, buttons, 1, 0)
        self.delete_button = self._button("&Delete", self.delete_book, buttons, 1, 1)
        self.undo_button = self._button("Undo delete", self.undo_delete, buttons, 2, 0)
        left = QVBoxLayout()
        left.addWidget(QLabel("Books"))
        left.addWidget(self.book_list, 1)
        left.addLayout(buttons)

        self.parts = QListWidget()
        self.parts.setAccessibleName("Parts of the book, in order; drag to reorder")
        self.parts.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.parts.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.parts.model().rowsMoved.connect(lambda *_: self._save_order())
        self.parts.currentRowChanged.connect(self._show_part)
        self.section_box = QComboBox()
        for key, title in SECTION_NAMES.items():
            self.section_box.addItem(title, key)
        self.bookmark_box = QComboBox()
        self.highlight_box = QComboBox()
        self.highlight_box.setAccessibleName("Your highlights")
        self.highlight_box.setToolTip("Your highlights, by item: the quote, its colour and note go into the book")
        self.text_box = QComboBox()
        self.text_box.addItems(TEXT_BLOCKS)
        adders = QGridLayout()
        adders.addWidget(self.section_box, 0, 0)
        self._button("Add section", self.add_section, adders, 0, 1)
        adders.addWidget(self.bookmark_box, 1, 0)
        self._button("Add bookmark", self.add_bookmark, adders, 1, 1)
        adders.addWidget(self.highlight_box, 2, 0)
        self.add_highlight_button = self._button("Add highlight", self.add_highlight, adders, 2, 1)
        adders.addWidget(self.text_box, 3, 0)
        self._button("Add text block", self.add_text, adders, 3, 1)
        self.remove_part_button = self._button("Remove part", self.remove_part, adders, 4, 1)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Text of the chosen block")
        self.editor.setPlaceholderText("Choose a text block to write in it; lines starting with '- ' are a list")
        self.editor.textChanged.connect(self._text_edited)
        self._save_text = QTimer(self, singleShot=True, interval=400)
        self._save_text.timeout.connect(self._store_text)
        middle = QVBoxLayout()
        middle.addWidget(QLabel("Parts (drag to reorder)"))
        middle.addWidget(self.parts, 2)
        middle.addLayout(adders)
        middle.addWidget(self.editor, 1)

        self.preview = QTextBrowser()
        self.preview.setAccessibleName("Preview")
        output = QHBoxLayout()
        self.print_button = QPushButton("Save as &PDF…")
        self.print_button.clicked.connect(self.save_pdf)
        self.word_button = QPushButton("Export &Word…")
        self.word_button.clicked.connect(self.save_word)
        self.odt_button = QPushButton("Export &OpenDocument…")
        self.odt_button.clicked.connect(self.save_odt)
        output.addStretch(1)
        output.addWidget(self.print_button)
        output.addWidget(self.word_button)
        output.addWidget(self.odt_button)
        right = QVBoxLayout()
        right.addWidget(QLabel("Preview"))
        right.addWidget(self.preview, 1)
        right.addLayout(output)

        splitter = QSplitter()
        for layout, stretch in ((left, 1), (middle, 2), (right, 3)):
            holder = QWidget()
            holder.setLayout(layout)
            splitter.addWidget(holder)
            splitter.setStretchFactor(splitter.count() - 1, stretch)
        outer = QVBoxLayout(self)
        outer.addWidget(splitter)
        from briefing_app.ui.team import add_book_sharing

        add_book_sharing(self, left)  # "Share with the team" under the book list (issue 21)
        self.refresh()

    def _button(self, text: str, slot, grid: QGridLayout, row: int, column: int) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(text)
        button.clicked.connect(slot)
        grid.addWidget(button, row, column)
        return button

    # --- books ---------------------------------------------------------------------------------------

    @property
    def current_name(self) -> str | None:
        item = self.book_list.currentItem()
        return item.text() if item is not None else None

    def current_book(self) -> Book | None:
        name = self.current_name
        return self.books.get(name) if name else None

    def refresh(self, select: str | None = None) -> None:
        select = select or self.current_name
        self._loading = True
        self.book_list.clear()
        for book in self.books.list():
            self.book_list.addItem(book.name)
        self.bookmark_box.clear()
        for bookmark in self.services.bookmarks.list():
            self.bookmark_box.addItem(bookmark.title, bookmark.item_id)
        self.highlight_box.clear()
        if self.services.highlights is not None:
            for entry in self.services.highlights.grouped_entries():
                label = f"{short_place(entry.item_id, entry.title)}: {short_quote(entry.highlight.quote, 48)}"
                if entry.highlight.note.strip():
                    label += " ✎"
                self.highlight_box.addItem(colour_icon(entry.highlight.colour), label, entry.highlight_id)
        self.add_highlight_button.setEnabled(self.highlight_box.count() > 0)
        self._loading = False
        matches = self.book_list.findItems(select, Qt.MatchFlag.MatchExactly) if select else []
        if matches:
            self.book_list.setCurrentItem(matches[0])
        elif self.book_list.count():
            self.book_list.setCurrentRow(0)
        self._show_book()
        self.undo_button.setEnabled(self.books.can_undo())
        has_book = self.current_name is not None
        for widget in (self.rename_button, self.duplicate_button, self.delete_button, self.print_button,
                       self.word_button, self.odt_button):
            widget.setEnabled(has_book)

    def _guard(self, action) -> object:  # type: ignore[no-untyped-def]
        try:
            return action()
        except BookError as exc:
            QMessageBox.warning(self, "Briefing book", str(exc))
            return None

    def new_book(self, name: str | None = None) -> None:
        if not name:
            name, ok = QInputDialog.getText(self, "New briefing book", "Name:")
            if not ok:
                return
        cover = BookPart(PartKind.TEXT, title="Cover note", text="")
        book = self._guard(lambda: self.books.create(name, [cover]))
        if isinstance(book, Book):
            self.refresh(book.name)

    def rename_book(self, new_name: str | None = None) -> None:
        name = self.current_name
        if name is None:
            return
        if not new_name:
            new_name, ok = QInputDialog.getText(self, "Rename briefing book", "Name:", text=name)
            if not ok:
                return
        book = self._guard(lambda: self.books.rename(name, new_name))
        if isinstance(book, Book):
            self.refresh(book.name)

    def duplicate_book(self) -> None:
        if self.current_name:
            copy = self._guard(lambda: self.books.duplicate(self.current_name or ""))
            if isinstance(copy, Book):
                self.refresh(copy.name)

    def delete_book(self) -> None:
        if self.current_name:
            self._guard(lambda: self.books.delete(self.current_name or ""))
            self.refresh()

    def undo_delete(self) -> None:
        book = self.books.undo_delete()
        self.refresh(book.name if book else None)

    # --- parts ---------------------------------------------------------------------------------------

    def _show_book(self, *_args: object) -> None:
        if self._loading:
            return
        book = self.current_book()
        self._loading = True
        self.parts.clear()
        if book is not None:
            for status in self.books.statuses(book):
                item = QListWidgetItem(status.part.label() + ("" if status.in_briefing else GONE))
                item.setData(PART_ROLE, status.part)
                if status.part.kind is PartKind.HIGHLIGHT:
                    item.setIcon(colour_icon(status.part.colour))
                    item.setToolTip(status.part.text or "No note")
                if not status.in_briefing:
                    item.setForeground(Qt.GlobalColor.darkGray)
                self.parts.addItem(item)
        self._loading = False
        self._show_part(self.parts.currentRow())
        self.update_preview()

    def part_list(self) -> list[BookPart]:
        return [self.parts.item(i).data(PART_ROLE) for i in range(self.parts.count())]

    def _store(self, parts: list[BookPart], select: int | None = None) -> None:
        name = self.current_name
        if name is None:
            return
        self._guard(lambda: self.books.set_parts(name, parts))
        self._show_book()
        if select is not None and 0 <= select < self.parts.count():
            self.parts.setCurrentRow(select)

    def _save_order(self) -> None:
        if not self._loading:
            self._store(self.part_list())

    def add_section(self) -> None:
        self._add(self.books.section_part(str(self.section_box.currentData())))

    def add_bookmark(self) -> None:
        item_id = self.bookmark_box.currentData()
        if item_id:
            self._add(self.books.bookmark_part(str(item_id)))

    def add_highlight(self) -> None:
        highlight_id = self.highlight_box.currentData()
        if highlight_id:
            part = self._guard(lambda: self.books.highlight_part(str(highlight_id)))
            if isinstance(part, BookPart):
                self._add(part)

    def add_text(self) -> None:
        self._add(BookPart(PartKind.TEXT, title=self.text_box.currentText()))

    def _add(self, part: BookPart) -> None:
        parts = self.part_list()
        parts.append(part)
        self._store(parts, len(parts) - 1)

    def remove_part(self) -> None:
        row = self.parts.currentRow()
        if row >= 0:
            parts = self.part_list()
            del parts[row]
            self._store(parts, min(row, len(parts) - 1))

    def _show_part(self, row: int) -> None:
        item = self.parts.item(row) if row >= 0 else None
        part: BookPart | None = item.data(PART_ROLE) if item is not None else None
        self._loading = True
        text = part.text if part is not None and part.kind is PartKind.TEXT else None
        self.editor.setEnabled(text is not None)
        self.editor.setPlainText(text or "")
        self._loading = False

    def _text_edited(self) -> None:
        if not self._loading:
            self._save_text.start()

    def _store_text(self) -> None:
        row = self.parts.currentRow()
        parts = self.part_list()
        if 0 <= row < len(parts) and parts[row].kind is PartKind.TEXT:
            part = parts[row]
            parts[row] = BookPart(part.kind, part.ref, part.title, self.editor.toPlainText())
            self._guard(lambda: self.books.set_parts(self.current_name or "", parts))
            self.parts.item(row).setData(PART_ROLE, parts[row])
            self.update_preview()

    def flush(self) -> None:
        """Store a text edit that is still waiting for its timer (tests, closing)."""
        if self._save_text.isActive():
            self._save_text.stop()
            self._store_text()

    # --- preview and output --------------------------------------------------------------------------

    def sheet(self):  # type: ignore[no-untyped-def]
        from briefing_app.reports.composed_book import composed_book

        book = self.current_book()
        if book is None:
            return None
        return composed_book(book, self.services.briefing, self.services.bookmarks,
                             highlights=self.services.highlights)

    def update_preview(self) -> None:
        sheet = self.sheet()
        self.preview.setHtml(sheet.html() if sheet is not None else "<p>Make a book with New…</p>")

    def _target(self, title: str, suffix: str, pattern: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"{self.current_name or 'book'}.{suffix}".replace("/", "-")
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path(folder) / name), pattern)
        return Path(path) if path else None

    def save_pdf(self, path: Path | None = None) -> None:
        from briefing_app.ui.printing.book_output import print_book_pdf

        book = self.current_book()
        target = path or self._target("Save briefing book as PDF", "pdf", "PDF (*.pdf)")
        if book is None or target is None:
            return
        try:
            print_book_pdf(self.services, book, target)
        except (OSError, BookError) as exc:
            QMessageBox.warning(self, "Briefing book", str(exc))

    def save_word(self, path: Path | None = None) -> None:
        from briefing_app.ui.printing.book_output import export_book_docx

        self._export(export_book_docx, path, "Export briefing book to Word", "docx", "Word (*.docx)")

    def save_odt(self, path: Path | None = None) -> None:
        from briefing_app.ui.printing.book_output import export_book_odt

        self._export(export_book_odt, path, "Export briefing book to OpenDocument", "odt",
                     "OpenDocument text (*.odt)")

    def _export(self, export, path: Path | None, title: str, suffix: str, pattern: str) -> None:  # type: ignore[no-untyped-def]
        book = self.current_book()
        target = path or self._target(title, suffix, pattern)
        if book is None or target is None:
            return
        try:
            export(self.services, book, target)
        except (OSError, BookError) as exc:
            QMessageBox.warning(self, "Briefing book", str(exc))


def colour_icon(colour: HighlightColour | str) -> QIcon:
    """A small swatch of a highlight's colour (as printed), for the lists of the composer."""
    try:
        parsed = colour if isinstance(colour, HighlightColour) else HighlightColour.parse(colour or "yellow")
    except HighlightValueError:
        parsed = HighlightColour.YELLOW
    swatch = QPixmap(14, 14)
    swatch.fill(QColor(parsed.light))
    return QIcon(swatch)
