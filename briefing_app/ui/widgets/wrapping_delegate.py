"""Word-wrapped cells for tree views, so long titles of results and proposals are read whole, not elided.

QTreeView asks a delegate for a row's height without the column's width; this delegate takes the width from
the header, and the view is laid out again whenever a column changes width once rows have been measured (a view
that lays out its rows tells the delegate, see ``ItemTree.doItemsLayout``).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

Index = QModelIndex | QPersistentModelIndex
LINE_PADDING = 6


def depth_of(index: Index) -> int:
    depth = 0
    parent = index.parent()
    while parent.isValid():
        depth += 1
        parent = parent.parent()
    return depth


class WrappingDelegate(QStyledItemDelegate):
    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self._tree = tree
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        #: whether a row was measured since the rows were last laid out (the view keeps the heights it measured)
        self._measured = False
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self._lay_out_rows)
        tree.header().sectionResized.connect(self._width_changed)

    def rows_laid_out(self) -> None:
        """The view is laying out its rows afresh: it holds no height measured at an older width."""
        self._measured = False

    def _width_changed(self, *_args: object) -> None:
        # Laid out again only if the view holds heights measured at the old width: a tree given its width before
        # its first layout (a panel being shown) is not laid out twice, thousands of rows each time.
        if self._measured:
            self._relayout.start()

    def _lay_out_rows(self) -> None:
        self.rows_laid_out()
        self._tree.doItemsLayout()

    def text_width(self, option: QStyleOptionViewItem, index: Index) -> int:
        width = self._tree.header().sectionSize(index.column())
        if index.column() == self._tree.header().logicalIndex(0):
            indent = depth_of(index) + (1 if self._tree.rootIsDecorated() else 0)
            width -= self._tree.indentation() * indent
            if not option.icon.isNull():
                width -= option.decorationSize.width() + 4
        style = self._tree.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self._tree) + 1
        return max(40, width - 2 * margin)

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        self._measured = True
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        width = self.text_width(opt, index)
        metrics = QFontMetrics(opt.font)
        bound = metrics.boundingRect(QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), opt.text or " ")
        return QSize(width, max(bound.height(), metrics.height()) + LINE_PADDING)
