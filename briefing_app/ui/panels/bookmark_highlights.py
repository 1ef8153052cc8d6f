"""Highlights in the Bookmarks tab: a kind filter (bookmarks, highlights or both) and the highlight list under the
bookmarks, sharing the tab's filter field. Kept apart from bookmarks.py, which calls :func:`add_highlights` once.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QComboBox, QLabel, QLineEdit, QSplitter, QWidget

from briefing_app.ui.app import make_settings
from briefing_app.ui.panels.base import PanelContext
from briefing_app.ui.widgets.highlight_list import HighlightList


class _Say(Protocol):
    def say(self, text: str) -> None: ...


class BookmarksHost(Protocol):
    """What of the Bookmarks tab the highlights part uses (the panel itself; no import of it, no cycle)."""

    @property
    def context(self) -> PanelContext: ...
    @property
    def filter(self) -> QLineEdit: ...
    @property
    def actions_(self) -> _Say: ...

KIND_KEY = "bookmarks/kinds"
KINDS = (("All marks", "both"), ("Bookmarks", "bookmarks"), ("Highlights", "highlights"))


def add_highlights(panel: BookmarksHost, bookmarks_view: QWidget, top: QBoxLayout) -> QWidget:
    """The widget to put where ``bookmarks_view`` went: it above the highlight list, with a kind filter in ``top``."""
    service = panel.context.services.highlights
    if service is None:
        return bookmarks_view
    highlights = HighlightList(service, panel.context.navigator)
    highlights.setObjectName("highlight-list")
    highlights.message.connect(panel.actions_.say)
    kinds = QComboBox()
    kinds.setAccessibleName("Show bookmarks, highlights or both")
    for text, value in KINDS:
        kinds.addItem(text, value)
    split = QSplitter(Qt.Orientation.Vertical)
    split.addWidget(bookmarks_view)
    split.addWidget(highlights)
    split.setChildrenCollapsible(False)
    split.setStretchFactor(0, 3)
    split.setStretchFactor(1, 2)

    def show(_index: int = 0) -> None:
        kind = kinds.currentData()
        bookmarks_view.setVisible(kind in ("both", "bookmarks"))
        highlights.setVisible(kind in ("both", "highlights"))
        make_settings().setValue(KIND_KEY, kind)

    kinds.setCurrentIndex(max(0, kinds.findData(str(make_settings().value(KIND_KEY, "both")))))
    kinds.currentIndexChanged.connect(show)
    show()
    top.insertWidget(0, kinds)
    top.insertWidget(0, QLabel("Show:"))
    panel.filter.textChanged.connect(highlights.set_filter)
    highlights.set_filter(panel.filter.text())
    setattr(panel, "highlight_list", highlights)  # noqa: B010 - tests and the window reach them by name
    setattr(panel, "kind_filter", kinds)  # noqa: B010
    return split
