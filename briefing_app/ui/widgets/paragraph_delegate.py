"""Paints one paragraph of the address: its number in a gutter, the text wrapped to the view's width, headings in
bold, the selected paragraph and the sources of the item being shown marked in colours of the palette."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QFont, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from briefing_app.ui.models.paragraph_model import (
    HEADING_ROLE,
    HIGHLIGHTED_ROLE,
    PARAGRAPH_HTML_ROLE,
    PARAGRAPH_NUMBER_ROLE,
)
from briefing_app.ui.models.roles import BOOKMARKED_ROLE

Index = QModelIndex | QPersistentModelIndex

GUTTER = 52
PADDING_V = 7
PADDING_RIGHT = 12
BAR = 4
# The marker of a source: amber, a colour no selection or link uses.
SOURCE_ON_LIGHT = ("#fff4d1", "#e0a100", "#ffd866", "#1a1a1a")  # row, bar, quote background, quote text
SOURCE_ON_DARK = ("#3a3016", "#e0a100", "#8a6a00", "#ffffff")


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def source_colours(palette: QPalette) -> tuple[str, str, str, str]:
    return SOURCE_ON_DARK if is_dark(palette) else SOURCE_ON_LIGHT


class ParagraphDelegate(QStyledItemDelegate):
    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def _text_width(self) -> float:
        return max(120.0, self._view.viewport().width() - GUTTER - PADDING_RIGHT)

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        doc = QTextDocument()
        font = QFont(option.font)
        if index.data(HEADING_ROLE):
            font.setBold(True)
            if index.data(PARAGRAPH_NUMBER_ROLE) == 3:
                font.setPointSizeF(font.pointSizeF() * 1.2)
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)
        doc.setHtml(index.data(PARAGRAPH_HTML_ROLE) or "")
        doc.setTextWidth(self._text_width())
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        doc = self._document(option, index)
        return QSize(int(self._text_width()) + GUTTER, int(doc.size().height()) + 2 * PADDING_V)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        palette = option.palette
        rect = QRectF(option.rect)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        highlighted = bool(index.data(HIGHLIGHTED_ROLE))
        row_colour, bar_colour, _quote_bg, _quote_fg = source_colours(palette)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if highlighted:
            painter.fillRect(rect, QColor(row_colour))
            painter.fillRect(QRectF(rect.left(), rect.top(), BAR, rect.height()), QColor(bar_colour))
        if selected:
            accent = palette.color(QPalette.ColorRole.Highlight)
            if not highlighted:  # a marked source keeps its amber; the selection shows in the bar
                tint = QColor(accent)
                tint.setAlphaF(0.2)
                painter.fillRect(rect, tint)
            painter.fillRect(QRectF(rect.left(), rect.top(), BAR, rect.height()), accent)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            hover = QColor(palette.color(QPalette.ColorRole.Highlight))
            hover.setAlphaF(0.07)
            painter.fillRect(rect, hover)
        if option.state & QStyle.StateFlag.State_HasFocus and self._view.hasFocus():
            pen = QColor(palette.color(QPalette.ColorRole.Highlight))
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))

        number_font = QFont(option.font)
        number_font.setPointSizeF(max(7.0, number_font.pointSizeF() * 0.9))
        painter.setFont(number_font)
        muted = QColor(palette.color(QPalette.ColorRole.Text))
        muted.setAlphaF(0.55 if not highlighted else 0.9)
        painter.setPen(muted)
        number_rect = QRectF(rect.left(), rect.top() + PADDING_V, GUTTER - 12, painter.fontMetrics().height())
        # A heading of the page (its furniture and title) is not a numbered paragraph of the address: no number.
        number = "" if index.data(HEADING_ROLE) else str(index.data(PARAGRAPH_NUMBER_ROLE))
        painter.drawText(number_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                         f"{'★ ' if index.data(BOOKMARKED_ROLE) else ''}{number}".strip())

        doc = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, palette.color(QPalette.ColorRole.Text))
        painter.translate(QPointF(rect.left() + GUTTER, rect.top() + PADDING_V))
        doc.documentLayout().draw(painter, context)
        painter.restore()
