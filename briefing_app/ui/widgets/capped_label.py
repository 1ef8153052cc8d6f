"""A wrapped rich-text label that shows at most a few lines: a longer text is cut at a word with "…" and a
"Show all" button under it shows the rest (and "Show less" cuts it again).

A heading's note that names every item of a kind ("listing “A”, “B”, … as a priority area") is a line or two at a
real pack and forty at a library of a hundred summits, where it left the tree under it two rows. The full text is
always the label's accessible description, so a screen reader reads all of it whether cut or not; the button is
reached with Tab and pressed with Space. A text that fits is shown exactly as a plain ``QLabel`` would show it.

Only QtWidgets: the Overview builds one for its first paint.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

ELLIPSIS = "…"


class CappedLabel(QWidget):
    """``render(text)`` makes the label's rich text from (a part of) ``text``; ``max_lines`` lines of the label's
    font are shown at most while collapsed; expanded, a text longer than ``EXPANDED_CAP`` times that scrolls in a
    box of that height (so "Show all" of a forty-line note still leaves the view under it most of the tab)."""

    EXPANDED_CAP = 3

    def __init__(self, text: str, render: Callable[[str], str], max_lines: int = 5,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = text
        self._render = render
        self.max_lines = max_lines
        self.expanded = False
        self._cut_for: tuple[int, bool] | None = None  # (width, expanded) the shown text was made for
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.label = QLabel(render(text), self)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self.scroll_area: QScrollArea | None = None  # made when an expanded text first needs it
        self.toggle = QPushButton("Show all", self)
        self.toggle.setFlat(True)
        self.toggle.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.toggle.setAccessibleName("Show all of the note")
        self.toggle.setAccessibleDescription("The note is cut after a few lines; this shows the rest")
        self.toggle.clicked.connect(self._toggled)
        self.toggle.hide()
        layout.addWidget(self.toggle)
        self.setAccessibleDescription(text)

    # QLabel's API the panels use
    def text(self) -> str:
        """The rich text shown now (the whole of it when it fits or is expanded)."""
        return self.label.text()

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt's name
        super().setAccessibleName(name)
        self.label.setAccessibleName(name)

    def setAccessibleDescription(self, description: str) -> None:  # noqa: N802 - Qt's name
        super().setAccessibleDescription(description)
        self.label.setAccessibleDescription(description)

    @property
    def is_cut(self) -> bool:
        return self.toggle.isVisibleTo(self) and not self.expanded

    def cap_height(self) -> int:
        """The height of ``max_lines`` lines of the label's font (and the label's own margins)."""
        margins = self.label.contentsMargins()
        return self.label.fontMetrics().lineSpacing() * self.max_lines + margins.top() + margins.bottom() + \
            2 * self.label.margin()

    def _toggled(self) -> None:
        self.expanded = not self.expanded
        self.toggle.setText("Show less" if self.expanded else "Show all")
        self.toggle.setAccessibleName("Show less of the note" if self.expanded else "Show all of the note")
        self._cut_for = None
        self.fit(self.label.width())

    def fit(self, width: int) -> None:
        """Shows the whole text if it fits in ``max_lines`` at ``width`` (or the user expanded it); else the
        longest start of it, cut at a word, that fits with "…"."""
        if width <= 0 or self._cut_for == (width, self.expanded):
            return
        self._cut_for = (width, self.expanded)
        full = self._render(self.full_text)
        self._set(full)
        cap = self.cap_height()
        if self.label.heightForWidth(width) <= cap:
            self.toggle.hide()
            return
        self.toggle.show()
        if self.expanded:
            self._scroll(self.label.heightForWidth(width) > cap * self.EXPANDED_CAP, cap * self.EXPANDED_CAP)
            return
        self._scroll(False, 0)
        words = self.full_text.split(" ")
        low, high = 0, len(words) - 1  # the most words that fit: at least none
        while low < high:
            middle = (low + high + 1) // 2
            self._set(self._render(_cut(words, middle)))
            if self.label.heightForWidth(width) <= cap:
                low = middle
            else:
                high = middle - 1
        self._set(self._render(_cut(words, low)))

    def _scroll(self, on: bool, height: int) -> None:
        """The label in a scrolling box ``height`` high (``on``), or straight in the layout."""
        layout = self._layout
        if on:
            if self.scroll_area is None:
                self.scroll_area = QScrollArea(self)
                self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
                self.scroll_area.setWidgetResizable(True)
                self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
                self.scroll_area.setAccessibleName("The whole note")
                layout.insertWidget(0, self.scroll_area)
            if self.scroll_area.widget() is not self.label:
                layout.removeWidget(self.label)
                self.scroll_area.setWidget(self.label)
            self.scroll_area.setFixedHeight(height)
            self.scroll_area.show()
        elif self.scroll_area is not None and self.scroll_area.widget() is self.label:
            self.scroll_area.takeWidget()
            self.label.setParent(self)
            layout.insertWidget(0, self.label)
            self.label.show()
            self.scroll_area.hide()

    def _set(self, rich: str) -> None:
        if self.label.text() != rich:
            self.label.setText(rich)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit(event.size().width())  # the label has the whole width: no margins


def _cut(words: list[str], count: int) -> str:
    """The first ``count`` words and "…", without the comma or colon the last word ended with."""
    return " ".join(words[:count]).rstrip(",;:") + ELLIPSIS
