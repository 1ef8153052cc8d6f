"""The selected paragraph of the address becomes selectable text in place, so its words can be highlighted.

:class:`HighlightingParagraphDelegate` paints rows as :class:`ParagraphDelegate` does and opens, over the selected
row only, a read-only text view of the same paragraph (same font, width and marks) with a
:class:`HighlightController`: select words, then Highlight (Ctrl+Shift+H, the context menu, the floating button).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QFont, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QFrame, QListView, QStyleOptionViewItem, QTextBrowser, QWidget

from briefing_app.services.highlights import HighlightService
from briefing_app.ui.models.highlighted_paragraphs import SOURCE_MARKED_HTML_ROLE
from briefing_app.ui.models.paragraph_model import HEADING_ROLE, PARAGRAPH_NUMBER_ROLE
from briefing_app.ui.models.roles import ITEM_ID_ROLE
from briefing_app.ui.widgets.highlighting import HighlightController
from briefing_app.ui.widgets.paragraph_delegate import GUTTER, PADDING_RIGHT, PADDING_V, ParagraphDelegate

Index = QModelIndex | QPersistentModelIndex


class ParagraphReader(QTextBrowser):
    """One paragraph as selectable text; ``controller`` highlights in it."""

    def __init__(self, parent: QWidget, item_id: str, highlights: HighlightService | None) -> None:
        super().__init__(parent)
        self.item_id = item_id
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setOpenLinks(False)
        self.document().setDocumentMargin(0)
        self.setAccessibleName("Selected paragraph, select words to highlight them")
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, Qt.GlobalColor.transparent)
        self.setPalette(palette)
        self.viewport().setAutoFillBackground(False)
        self.controller = HighlightController(self, highlights, lambda: self.item_id)

    def wheelEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # the list scrolls, not the paragraph
        event.ignore()


class HighlightingParagraphDelegate(ParagraphDelegate):
    def __init__(self, view: QListView, highlights: HighlightService | None) -> None:
        super().__init__(view)
        self._highlights = highlights
        self._open: QPersistentModelIndex | None = None
        self._painting_open_row = False
        view.selectionModel().currentChanged.connect(self._current_changed)

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        if self._painting_open_row:
            return QTextDocument()  # the reader over this row shows the text (and its highlights)
        return super()._document(option, index)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self._painting_open_row = self._open is not None and self._open.isValid() and self._open == index
        try:
            super().paint(painter, option, index)
        finally:
            self._painting_open_row = False

    def reader(self) -> ParagraphReader | None:
        """The open reader (over the selected paragraph), if any."""
        if self._open is None or not self._open.isValid():
            return None
        widget = self._view.indexWidget(self._open)
        return widget if isinstance(widget, ParagraphReader) else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._open is not None and self._open.isValid():
            self._view.closePersistentEditor(self._open)
        self._open = None
        if current.isValid():
            self._open = QPersistentModelIndex(current)
            self._view.openPersistentEditor(current)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        reader = ParagraphReader(parent, str(index.data(ITEM_ID_ROLE)), self._highlights)
        font = QFont(option.font)
        if index.data(HEADING_ROLE):
            font.setBold(True)
            if index.data(PARAGRAPH_NUMBER_ROLE) == 3:
                font.setPointSizeF(font.pointSizeF() * 1.2)
        reader.document().setDefaultFont(font)
        return reader

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, ParagraphReader):
            html = index.data(SOURCE_MARKED_HTML_ROLE) or ""
            if html != editor.property("shown_html"):
                editor.setProperty("shown_html", html)
                editor.setHtml(html)

    def setModelData(self, editor: QWidget, model, index: Index) -> None:  # type: ignore[no-untyped-def]
        pass  # read-only: nothing goes back into the model

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        rect = QRect(option.rect)
        editor.setGeometry(rect.adjusted(GUTTER, PADDING_V, -PADDING_RIGHT, -PADDING_V + 2))
