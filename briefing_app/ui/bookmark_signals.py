"""Bookmark change notices from the service, as a Qt signal (delivered on the GUI thread)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # the first paint runs without the ORM
    from briefing_app.services.bookmarks import BookmarkChange, BookmarkService


class BookmarkSignals(QObject):
    #: action ("added", "removed", "changed", "reset") and item id ("" for several at once)
    changed = Signal(str, str)

    def __init__(self, service: BookmarkService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._unsubscribe = service.subscribe(self._relay)

    def _relay(self, change: BookmarkChange) -> None:
        self.changed.emit(change.action, change.item_id or "")
