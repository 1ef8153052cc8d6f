"""Opening items in their tabs, with Back and Forward history like a browser."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

HISTORY_LIMIT = 200


class Navigator(QObject):
    """Keeps the history of opened items; the main window listens and shows them.

    ``open_requested`` carries the item id (or ``tab:KEY`` for a whole tab); ``history_changed`` tells the
    Back/Forward actions when to enable themselves.
    """

    open_requested = Signal(str)
    history_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._back: list[str] = []
        self._forward: list[str] = []
        self._current: str | None = None
        self._showing = False
        #: ``folds(current, new)``: True when going from ``current`` to ``new`` is no step of its own (a tab, then
        #: an item in that same tab): ``new`` takes ``current``'s place, so Back never has a step that shows nothing
        self.folds: Callable[[str, str], bool] | None = None

    def _leave_current(self, target: str) -> None:
        if self._current is None or (self.folds is not None and self.folds(self._current, target)):
            return
        self._back.append(self._current)
        del self._back[:-HISTORY_LIMIT]

    @property
    def current(self) -> str | None:
        return self._current

    def _show(self, target: str) -> None:
        # While the window shows a target, the selections and focus changes it causes (a list taking focus
        # selects its first row) are not places the user went to: record() ignores them.
        self._showing = True
        try:
            self.open_requested.emit(target)
        finally:
            self._showing = False

    def open(self, target: str) -> None:
        """Open an item id (or ``tab:KEY``) and record it in the history."""
        if target == self._current:
            self._show(target)
            return
        self._leave_current(target)
        self._forward.clear()
        self._current = target
        self._show(target)
        self.history_changed.emit()

    def record(self, target: str) -> None:
        """Note a place the user reached without a link (a tab click, a row selection), without emitting."""
        if self._showing or target == self._current:
            return
        self._leave_current(target)
        self._forward.clear()
        self._current = target
        self.history_changed.emit()

    def can_go_back(self) -> bool:
        return bool(self._back)

    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def back(self) -> None:
        self._step(self._back, self._forward)

    def forward(self) -> None:
        self._step(self._forward, self._back)

    def _step(self, source: list[str], other: list[str]) -> None:
        """Move one place along the history: from ``source`` (back or forward), remembering where we were."""
        if not source:
            return
        if self._current is not None:
            other.append(self._current)
        self._current = source.pop()
        self._show(self._current)
        self.history_changed.emit()
