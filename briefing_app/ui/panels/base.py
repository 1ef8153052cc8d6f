"""What every tab panel offers the main window.

A panel is built the first time its tab is shown. It gets the :class:`PanelContext` (services and the
navigator) and answers three questions for the window: can you show this item (``owns``), show it
(``open_item``), and what is selected (``current_item_id``). A panel asks for navigation by calling
``context.navigator.open(item_id)``; it never reaches into another panel.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from briefing_app.ui import collector
from briefing_app.ui.print_requests import PrintRequests

if TYPE_CHECKING:
    from briefing_app.services.app import AppServices
    from briefing_app.ui.bookmark_signals import BookmarkSignals
    from briefing_app.ui.navigation import Navigator


@dataclass
class PanelContext:
    services: AppServices
    navigator: Navigator
    bookmark_signals: BookmarkSignals
    #: where Print… buttons and menus ask for printing; the printing code connects to it (see print_requests.py)
    print_requests: PrintRequests = field(default_factory=PrintRequests)


class Panel(QWidget):
    """Base class of the tab panels."""

    #: The kinds of item this panel shows when asked to open one.
    kinds: tuple[str, ...] = ()  # from views.targets.TAB_KINDS: each tab's kinds are declared there once

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        # While the panel is built, the objects that existed before it are frozen out of the cyclic garbage
        # collector (as the team sync does): a panel of a large pack allocates enough to set off a full
        # collection, which would walk the whole window's heap (100-200 ms at the 100x pack) before the tab shows.
        # They go back to the collector at the next turn of the event loop, once the build is over.
        collector.hold()
        QTimer.singleShot(0, collector.release)

    def owns(self, item_id: str) -> bool:
        return item_id.partition(":")[0] in self.kinds

    def open_item(self, item_id: str) -> bool:
        """Select and show the item; return False if this panel cannot show it."""
        raise NotImplementedError

    def current_item_id(self) -> str | None:
        """The selected item, for Ctrl+D, Print selection and the navigator's history."""
        return None

    def selected_item_ids(self) -> list[str]:
        current = self.current_item_id()
        return [current] if current else []


@runtime_checkable
class SourcesView(Protocol):
    """A panel that can mark the paragraphs an item rests on (the Source tab)."""

    def show_sources_of(self, item_id: str) -> bool: ...
