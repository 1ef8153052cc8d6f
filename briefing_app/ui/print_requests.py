"""The one place any view asks for printing; the printing code (``ui/printing``) listens and does it.

A view only emits: ``context.print_requests.request_items([...])`` from a Print… button or a context menu,
``request_bookmarks([...])`` from the Bookmarks tab. The printing engineer connects the two signals once, in
the main window, to the print dialog and the briefing sheet. Nothing else needs to know about printing.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import SIGNAL, QObject, Signal


class PrintRequests(QObject):
    #: item ids to print as briefing sheets, in the order given
    items_requested = Signal(list)
    #: bookmarked item ids to print with their notes and tags, in the user's bookmark order
    bookmarks_requested = Signal(list)

    def request_items(self, item_ids: Sequence[str]) -> None:
        if item_ids:
            self.items_requested.emit(list(item_ids))

    def request_bookmarks(self, item_ids: Sequence[str]) -> None:
        if item_ids:
            self.bookmarks_requested.emit(list(item_ids))

    def is_connected(self) -> bool:
        """True once the printing code listens (views may hide or disable Print… until then)."""
        return self.receivers(SIGNAL("items_requested(QVariantList)")) > 0 or (
            self.receivers(SIGNAL("bookmarks_requested(QVariantList)")) > 0
        )
