"""The highlight service's change notices as Qt signals, one relay per service, shared by every view of text.

Views that show item text call :func:`highlight_signals` with the app's services and connect to ``changed``
(repaint) and ``focus_requested`` (the Bookmarks tab opened a highlight: scroll to its passage and flash it).
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # the first paint runs without the ORM
    from briefing_app.services.highlights import HighlightChange, HighlightService


class HighlightSignals(QObject):
    #: action ("added", "removed", "changed", "reset"), highlight id and item id ("" for several at once)
    changed = Signal(str, str, str)
    #: highlight id and item id: show that passage (scrolled to and flashed) wherever its item is shown
    focus_requested = Signal(str, str)

    def __init__(self, service: HighlightService) -> None:
        super().__init__()
        # Weakly: the registry below keeps the relay as long as the service lives, not the other way round.
        self._service = weakref.ref(service)
        service.subscribe(self._relay)
        self._watched: set[int] = set()

    def _relay(self, change: HighlightChange) -> None:
        self.changed.emit(change.action, change.highlight_id or "", change.item_id or "")

    def watch(self, bookmark_signals: QObject) -> None:
        """Reload highlights whenever the bookmarks are reset (connected once per bookmark relay)."""
        if id(bookmark_signals) not in self._watched:
            self._watched.add(id(bookmark_signals))
            bookmark_signals.changed.connect(self.bookmarks_changed)  # type: ignore[attr-defined]

    def bookmarks_changed(self, action: str, item_id: str) -> None:
        """Bookmarks were reset (a restored backup, another process): highlights share their file, reload them."""
        service = self._service()
        if action == "reset" and not item_id and service is not None:
            service.reload()


_RELAYS: weakref.WeakKeyDictionary[HighlightService, HighlightSignals] = weakref.WeakKeyDictionary()


def highlight_signals(service: HighlightService) -> HighlightSignals:
    """The one relay of ``service`` (made on first use)."""
    relay = _RELAYS.get(service)
    if relay is None:
        relay = _RELAYS[service] = HighlightSignals(service)
    return relay
