"""Views of the Overview tab: one-line links and headline figure cards, both over item models.

Each row opens its item: by click, or with Enter, Return or Space when the view has focus; arrows move between
rows. The views are as tall as their content (the tab scrolls as a whole, never a view inside it).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from briefing_app.ui.models.figure_card_model import CAPTION_ROLE, SOURCE_ROLE
from briefing_app.ui.models.roles import BOOKMARKED_ROLE, ITEM_ID_ROLE
from briefing_app.ui.models.summit_line_model import LABEL_ROLE, NOTE_ROLE

Index = QModelIndex | QPersistentModelIndex
OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


class OpeningListView(QListView):
    """A list whose rows are links: click, Enter, Return or Space emits ``opened`` with the item id."""

    opened = Signal(str)

    def __init__(self, name: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setAccessibleDescription(description)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setMouseTracking(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.viewport().setAutoFillBackground(False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clicked.connect(self._open_index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in OPEN_KEYS and self.currentIndex().isValid():
            self._open_index(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def _open_index(self, index: QModelIndex) -> None:
        item_id = index.data(ITEM_ID_ROLE)
        if item_id:
            self.opened.emit(item_id)

    def fit_height(self) -> None:
        """Make the view exactly as tall as its visible rows."""
        model = self.model()
        rows = [r for r in range(model.rowCount()) if not self.isRowHidden(r)] if model else []
        height = sum(self.sizeHintForRow(r) for r in rows) + 2 * self.frameWidth() + 2
        self.setFixedHeight(max(height, 8))


class SummitLineDelegate(QStyledItemDelegate):
    """``Label   Linked text   note``: the labels in a muted column as wide as the longest, the text as a link,
    the note muted."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        metrics = QFontMetrics(option.font)
        return QSize(200, metrics.height() + 7)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        palette = option.palette
        rect = option.rect
        state = option.state
        if state & QStyle.StateFlag.State_Selected and state & QStyle.StateFlag.State_HasFocus:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.AlternateBase))
        metrics = QFontMetrics(option.font)
        x = rect.left() + 4
        label = index.data(LABEL_ROLE) or ""
        if label:
            model = index.model()
            labels = [model.index(row, 0).data(LABEL_ROLE) or "" for row in range(model.rowCount())]
            width = max(metrics.horizontalAdvance(text) for text in labels) + 20
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(QRect(x, rect.top(), width, rect.height()),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             metrics.elidedText(label, Qt.TextElideMode.ElideRight, width - 8))
            x += width
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        note = index.data(NOTE_ROLE) or ""
        font = QFont(option.font)
        font.setUnderline(bool(state & QStyle.StateFlag.State_MouseOver))
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.Link))
        available = rect.right() - x - 4
        text_width = min(metrics.horizontalAdvance(text), available)
        painter.drawText(QRect(x, rect.top(), text_width + 2, rect.height()),
                         int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                         metrics.elidedText(text, Qt.TextElideMode.ElideRight, available))
        x += text_width + metrics.horizontalAdvance("  ")
        if note and x < rect.right() - 40:
            painter.setFont(option.font)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(QRect(x, rect.top(), rect.right() - x, rect.height()),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             metrics.elidedText(f"— {note}", Qt.TextElideMode.ElideRight, rect.right() - x - 4))
        if state & QStyle.StateFlag.State_HasFocus:
            pen = QPen(palette.color(QPalette.ColorRole.Highlight))
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()


class FigureCardDelegate(QStyledItemDelegate):
    """A card: the figure as stated (large), its title, its source."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: set by the view so that every card fills its grid cell
        self.card_width = 200
        #: lines given to the figure itself: as many as the longest figure needs at this width (never cut)
        self.value_lines = 2

    def value_lines_needed(self, font: QFont, width: int, texts: list[str]) -> int:
        """Lines the longest of ``texts`` takes, word-wrapped in a card ``width`` wide (at least two)."""
        metrics = QFontMetrics(self._fonts(font)[0])
        inner = width - 6 - 20
        spacing = metrics.lineSpacing()
        return max([2, *(-(-metrics.boundingRect(QRect(0, 0, inner, 10_000), int(Qt.TextFlag.TextWordWrap),
                                                 text).height() // spacing) for text in texts)])

    def card_size(self, font: QFont, width: int) -> QSize:
        value, caption, source = self._fonts(font)
        height = (self.value_lines * QFontMetrics(value).lineSpacing() + 2 * QFontMetrics(caption).lineSpacing()
                  + QFontMetrics(source).lineSpacing() + 24)
        return QSize(width, height)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return self.card_size(option.font, self.card_width)

    @staticmethod
    def _fonts(base: QFont) -> tuple[QFont, QFont, QFont]:
        size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
        value = QFont(base)
        value.setPointSizeF(size * 1.35)
        value.setBold(True)
        caption = QFont(base)
        source = QFont(base)
        source.setPointSizeF(max(7.0, size * 0.85))
        return value, caption, source

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = option.palette
        state = option.state
        card = option.rect.adjusted(3, 3, -3, -3)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        border = palette.color(QPalette.ColorRole.Highlight if (focused or hovered) else QPalette.ColorRole.Mid)
        pen = QPen(border)
        pen.setWidthF(2.0 if focused else 1.0)
        painter.setPen(pen)
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(card, 6, 6)

        value_font, caption_font, source_font = self._fonts(option.font)
        inner = card.adjusted(10, 6, -10, -5)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        y = inner.top()
        for text, font, role, lines in (
            (index.data(Qt.ItemDataRole.DisplayRole) or "", value_font, QPalette.ColorRole.Text, self.value_lines),
            (index.data(CAPTION_ROLE) or "", caption_font, QPalette.ColorRole.Text, 2),
        ):
            metrics = QFontMetrics(font)
            box = QRect(inner.left(), y, inner.width(), metrics.lineSpacing() * lines)
            painter.setFont(font)
            painter.setPen(palette.color(role))
            painter.drawText(box, flags, _fit(text, metrics, inner.width(), lines))
            y += box.height() + 2
        if index.data(BOOKMARKED_ROLE):
            painter.setFont(caption_font)
            painter.setPen(palette.color(QPalette.ColorRole.Highlight))
            painter.drawText(card.adjusted(0, 4, -8, 0), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                             "★")
        source = index.data(SOURCE_ROLE) or ""
        metrics = QFontMetrics(source_font)
        painter.setFont(source_font)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(QRect(inner.left(), inner.bottom() - metrics.lineSpacing(), inner.width(),
                               metrics.lineSpacing()),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         metrics.elidedText(source, Qt.TextElideMode.ElideRight, inner.width()))
        painter.restore()


def _fit(text: str, metrics: QFontMetrics, width: int, lines: int) -> str:
    """Word-wrapped text cut to ``lines`` lines with an ellipsis."""
    bound = metrics.boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), text)
    if bound.height() <= metrics.lineSpacing() * lines:
        return text
    words = text.split()
    while words:
        words.pop()
        candidate = " ".join(words) + "…"
        bound = metrics.boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), candidate)
        if bound.height() <= metrics.lineSpacing() * lines:
            return candidate
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


class FigureCardView(OpeningListView):
    """Cards in a grid of as many columns as fit (at least two), each card the same size."""

    MIN_CARD_WIDTH = 160

    def __init__(self, name: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(name, description, parent)
        self.card_delegate = FigureCardDelegate(self)
        self.setItemDelegate(self.card_delegate)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setSpacing(0)
        self.max_columns = 4

    def columns(self) -> int:
        width = self.viewport().width()
        return max(2, min(self.max_columns, width // self.MIN_CARD_WIDTH))

    def visible_rows(self) -> int:
        model = self.model()
        return sum(1 for r in range(model.rowCount()) if not self.isRowHidden(r)) if model else 0

    def relayout(self) -> None:
        columns = self.columns()
        width = max(self.MIN_CARD_WIDTH, (self.viewport().width() - 2) // columns)
        model = self.model()
        values = [str(model.index(r, 0).data(Qt.ItemDataRole.DisplayRole) or "") for r in range(model.rowCount())
                  if not self.isRowHidden(r)] if model else []
        self.card_delegate.value_lines = self.card_delegate.value_lines_needed(self.font(), width, values)
        size = self.card_delegate.card_size(self.font(), width)
        self.card_delegate.card_width = width
        self.setGridSize(size)
        lines = math.ceil(self.visible_rows() / columns)
        self.setFixedHeight(lines * size.height() + 2 * self.frameWidth() + 4)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.relayout()
