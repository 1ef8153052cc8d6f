"""Paints one paragraph of the address: its number in a gutter, the text wrapped to the view's width, headings in
bold, the selected paragraph and the sources of the item being shown marked in colours of the palette.

A paragraph is laid out only when it comes into view: :class:`ParagraphListView` asks the delegate to ``measure`` the
rows in and near the viewport before it paints, and the delegate keeps their heights (per text width); every other
row's height is estimated from the length of its text, so a long address shows at once and the list's layout
costs a dictionary lookup per row.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextDocument,
)
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
# A line of running text holds this share of the characters its width would hold (words do not break).
_WRAP_FILL = 0.92
_SAMPLE = ("The Heads of State of the member states of the Shanghai Cooperation Organisation, meeting in Astana, "
           "noted the growing role of the organisation in regional security, trade and connectivity.")


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def source_colours(palette: QPalette) -> tuple[str, str, str, str]:
    return SOURCE_ON_DARK if is_dark(palette) else SOURCE_ON_LIGHT


class ParagraphDelegate(QStyledItemDelegate):
    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        self._heights: dict[int, int] = {}  # row -> measured height at ``self._width`` in ``self._font``
        self._estimates: dict[int, int] = {}  # row -> estimated height, the same
        self._width = -1
        self._font = QFont()
        self._char_width = 7.0
        self._line_height = 16.0

    def _text_width(self) -> float:
        return max(120.0, self._view.viewport().width() - GUTTER - PADDING_RIGHT)

    # --- row heights: measured in view, estimated elsewhere -----------------------------------------

    def forget_heights(self) -> None:
        """Measure again (the rows, their text or the font changed)."""
        self._heights.clear()
        self._estimates.clear()
        self._width = -1

    def measured_rows(self) -> int:
        """How many rows are laid out at the current width (the others are estimated)."""
        self._check_width()
        return len(self._heights)

    def _check_width(self) -> int:
        width = int(self._text_width())
        if width != self._width:  # (a change of font calls forget_heights)
            font = self._view.font()
            self._heights.clear()
            self._estimates.clear()
            self._width = width
            self._font = QFont(font)
            metrics = QFontMetricsF(font)
            self._char_width = max(1.0, metrics.horizontalAdvance(_SAMPLE) / len(_SAMPLE))
            self._line_height = metrics.height()
        return width

    def _estimate(self, index: Index) -> int:
        model = index.model()
        layout_text = getattr(model, "layout_text", None)
        if layout_text is not None:
            text, heading = layout_text(index.row())
        else:
            text, heading = str(index.data(Qt.ItemDataRole.DisplayRole) or ""), bool(index.data(HEADING_ROLE))
        scale = 1.2 if heading else 1.0
        per_line = max(1.0, self._width * _WRAP_FILL / (self._char_width * scale))
        lines = max(1, math.ceil(len(text) / per_line))
        return int(lines * self._line_height * scale) + 2 * PADDING_V

    def row_height(self, index: Index) -> int:
        """The row's height: measured if it has been, estimated otherwise."""
        self._check_width()
        row = index.row()
        height = self._heights.get(row) or self._estimates.get(row)
        if height is None:
            height = self._estimates[row] = self._estimate(index)
        return height

    def measure(self, index: Index) -> bool:
        """Lay out the row's paragraph and keep its height; True if that changed the row's height."""
        self._check_width()
        row = index.row()
        if row in self._heights:
            return False
        estimate = self.row_height(index)
        option = QStyleOptionViewItem()
        option.font = self._view.font()
        doc = ParagraphDelegate._document(self, option, index)  # the text as painted, whatever a subclass paints
        height = int(doc.size().height()) + 2 * PADDING_V
        self._heights[row] = height
        return height != estimate

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
        height = self.row_height(index)
        return QSize(self._width + GUTTER, height)

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


class ParagraphListView(QListView):
    """The paragraphs, laid out only where they are seen: before each paint, the rows in view and a screen on
    either side are measured (the rest keep their estimated heights), the row at the top staying where it was
    (or, scrolled to the end, the last row at the bottom)."""

    def setModel(self, model) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        super().setModel(model)
        if model is not None:
            for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved,
                           model.rowsMoved):
                signal.connect(self._forget_heights)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FontChange:
            self._forget_heights()
        super().changeEvent(event)

    def _forget_heights(self, *_args: object) -> None:
        delegate = self.itemDelegate()
        if isinstance(delegate, ParagraphDelegate):
            delegate.forget_heights()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        self.measure_visible()
        super().paintEvent(event)

    def measure_visible(self) -> None:
        """Measure the rows in and near the viewport; lay the list out again if an estimate was wrong."""
        delegate = self.itemDelegate()
        model = self.model()
        if not isinstance(delegate, ParagraphDelegate) or model is None or model.rowCount() == 0:
            return
        self.executeDelayedItemsLayout()
        top = self.indexAt(QPoint(GUTTER, 0))
        if not top.isValid():
            top = self.indexAt(QPoint(GUTTER, 1))
        if not top.isValid():
            return
        screen = max(1, self.viewport().height())
        anchor = self.visualRect(top).top()
        bar = self.verticalScrollBar()
        at_end = bar.maximum() > 0 and bar.value() >= bar.maximum()
        changed = False
        count = model.rowCount()
        row, covered = top.row(), anchor
        while row < count and covered < 2 * screen:  # the rows in view and a screen below
            index = model.index(row, 0)
            changed = delegate.measure(index) or changed
            covered += delegate.row_height(index)
            row += 1
        row, covered = top.row() - 1, 0
        while row >= 0 and covered < screen:  # a screen above, so scrolling up does not jump either
            index = model.index(row, 0)
            changed = delegate.measure(index) or changed
            covered += delegate.row_height(index)
            row -= 1
        if not changed:
            return
        self.doItemsLayout()
        if at_end:  # the reader went to the end: the last paragraph stays whole at the bottom
            bar.setValue(bar.maximum())
            return
        shift = self.visualRect(top).top() - anchor
        if shift:
            bar.setValue(bar.value() + shift)
