"""Tooltips are plain text: a note, tag or pack text that looks like markup is shown as typed.

Qt shows a tooltip as rich text whenever it merely *looks* like markup (``Qt::mightBeRichText``), so a note
such as ``<b>urgent</b>`` or a title with ``<img src=…>`` would be interpreted. One application-wide filter
catches every tooltip (item views, their headers, widgets, toolbar buttons) and shows such text escaped, so the
models and widgets keep giving plain text. A tooltip meant as rich text says so by starting with ``<qt>``.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QToolTip, QWidget

RICH_PREFIX = "<qt>"


def shown_as_typed(text: str) -> str:
    """Rich text that displays ``text`` exactly: escaped, white space and line breaks kept."""
    return f"{RICH_PREFIX}<p style='white-space:pre-wrap'>{html.escape(text)}</p></qt>"


def _tip_at(watched: QObject, pos: QPoint) -> tuple[str | None, QRect]:
    """The tooltip Qt is about to show for ``watched`` at ``pos``, and the area it belongs to."""
    if not isinstance(watched, QWidget):
        return None, QRect()
    parent = watched.parentWidget()
    if isinstance(parent, QHeaderView) and watched is parent.viewport():
        section = parent.logicalIndexAt(pos)
        model = parent.model()
        if section < 0 or model is None:
            return None, QRect()
        tip = model.headerData(section, parent.orientation(), Qt.ItemDataRole.ToolTipRole)
        return (tip if isinstance(tip, str) else None), QRect()
    if isinstance(parent, QAbstractItemView) and watched is parent.viewport():
        index = parent.indexAt(pos)
        tip = index.data(Qt.ItemDataRole.ToolTipRole) if index.isValid() else None
        return (tip if isinstance(tip, str) else None), parent.visualRect(index)
    return watched.toolTip() or None, QRect()


class PlainTextToolTips(QObject):
    """The application-wide filter; see the module's description."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        tip, area = _tip_at(watched, event.pos())
        if not tip or tip.lstrip().lower().startswith(RICH_PREFIX) or not GuiQt.mightBeRichText(tip):
            return False  # nothing, plain already, or rich on purpose: Qt shows it as usual
        assert isinstance(watched, QWidget)
        QToolTip.showText(event.globalPos(), shown_as_typed(tip), watched, area)
        return True


def install_plain_tooltips(app: QApplication | None = None) -> PlainTextToolTips | None:
    """Install the filter on the application once; later calls return the installed one."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    if app is None:
        return None
    existing = app.findChild(PlainTextToolTips)
    if existing is not None:
        return existing
    tooltips = PlainTextToolTips(app)
    app.installEventFilter(tooltips)
    return tooltips
