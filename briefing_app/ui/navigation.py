"""Opening items in their tabs, with Back and Forward history like a browser."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from briefing_app.views.targets import Target, TargetError, TargetKind

log = logging.getLogger(__name__)

HISTORY_LIMIT = 200


class Navigator(QObject):
    """Keeps the history of opened items; the main window listens and shows them.

    ``open_requested`` carries a :class:`~briefing_app.views.targets.Target`; ``history_changed`` tells the
    Back/Forward actions when to enable themselves. Every method takes a ``Target`` or its text (an item id,
    ``tab:KEY``, ``source-for:ID``, a link); :attr:`current` is the history form of the current target.
    """

    open_requested = Signal(object)
    history_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._back: list[Target] = []
        self._forward: list[Target] = []
        self._current: Target | None = None
        self._showing = False

    def _leave_current(self, target: Target) -> None:
        """Put the current place on the Back list, unless ``target`` is no step of its own: a tab, then an item
        shown in that same tab, are one place (Back to "the tab" would show the same item: a step that changes
        nothing), so the item takes the tab's place."""
        current = self._current
        if current is None:
            return
        if current.kind is TargetKind.TAB and target.kind is TargetKind.ITEM and target.tab_key == current.value:
            return
        self._back.append(current)
        del self._back[:-HISTORY_LIMIT]

    @property
    def current(self) -> str | None:
        return str(self._current) if self._current is not None else None

    @property
    def current_target(self) -> Target | None:
        return self._current

    def _show(self, target: Target) -> None:
        # While the window shows a target, the selections and focus changes it causes (a list taking focus
        # selects its first row) are not places the user went to: record() ignores them.
        self._showing = True
        try:
            self.open_requested.emit(target)
        finally:
            self._showing = False

    def open(self, where: Target | str) -> None:
        """Open a target (or its text) and record it in the history; text that names no place is logged, ignored."""
        try:
            target = Target.parse(where)
        except TargetError as exc:
            log.warning("not opened: %s", exc)
            return
        if target == self._current:
            self._show(target)
            return
        self._leave_current(target)
        self._forward.clear()
        self._current = target
        self._show(target)
        self.history_changed.emit()

    def record(self, where: Target | str) -> None:
        """Note a place the user reached without a link (a tab click, a row selection), without emitting."""
        try:
            target = Target.parse(where)
        except TargetError:
            return
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

    def _step(self, source: list[Target], other: list[Target]) -> None:
        """Move one place along the history: from ``source`` (back or forward), remembering where we were."""
        if not source:
            return
        if self._current is not None:
            other.append(self._current)
        self._current = source.pop()
        self._show(self._current)
        self.history_changed.emit()
