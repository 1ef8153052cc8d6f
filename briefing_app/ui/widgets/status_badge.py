"""A coloured pill for the status of a proposal or document (proposed, supported, adopted...) in a tree or table."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from briefing_app.ui.models.item_tree_model import STATUS_ROLE

Index = QModelIndex | QPersistentModelIndex

# Saturated enough to carry white text on a light and on a dark base; the word is always written, so the colour
# only helps the eye and never carries the meaning alone.
STATUS_COLOURS: dict[str, str] = {
    "proposed": "#b26a00",
    "supported": "#1f6fb2",
    "being_adopted": "#00796b",
    "adopted": "#2e7d32",
    "signed": "#2e7d32",
    "in_force": "#2e7d32",
    "adopted_without_signing": "#2e7d32",
    "approved_as_draft": "#00796b",
    "submitted": "#1f6fb2",
    "announced": "#b26a00",
}
NEUTRAL_COLOUR = "#616161"


class StatusBadgeDelegate(QStyledItemDelegate):
    """Paints the cell's text as a badge when the row has a status (``STATUS_ROLE``); plain text otherwise."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        status = index.data(STATUS_ROLE) or ""
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        if not status or not text:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        font = QFont(opt.font)
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        font.setBold(True)
        metrics = QFontMetrics(font)
        width = metrics.horizontalAdvance(text) + 14
        height = min(option.rect.height() - 4, metrics.height() + 4)
        rect = QRectF(option.rect.left() + 4, option.rect.center().y() - height / 2 + 0.5, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(STATUS_COLOURS.get(status, NEUTRAL_COLOUR)))
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setPen(QColor("#ffffff"))
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # A status column holds a handful of distinct words over thousands of rows, and a column sized to its
        # contents asks for every row's size: measure each (word, badge or not, font) once.
        self._sizes: dict[tuple[str, bool, str], QSize] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        key = (str(index.data(Qt.ItemDataRole.DisplayRole) or ""), bool(index.data(STATUS_ROLE)), option.font.key())
        size = self._sizes.get(key)
        if size is None:
            hint = super().sizeHint(option, index)
            if key[1]:
                hint = QSize(hint.width() + 18, max(hint.height(), QFontMetrics(option.font).height() + 6))
            size = self._sizes[key] = hint
        return QSize(size)
