"""What the window's add-ons (printing, Restore Bookmarks…) may use of the main window, without importing it.

:class:`~briefing_app.ui.main_window.MainWindow` is a :class:`WindowFrame`; the add-ons take a ``WindowFrame``, so
the window imports them and they never import the window back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QTabWidget

if TYPE_CHECKING:
    from briefing_app.services.app import AppServices
    from briefing_app.ui.panels.base import Panel, PanelContext


class WindowFrame(QMainWindow):
    """The main window's parts its add-ons use: services, settings, the panel context, tabs, File menu, Quit."""

    services: AppServices
    settings: QSettings
    context: PanelContext
    tabs: QTabWidget
    file_menu: QMenu
    quit_action: QAction
    #: View and Help menus and the About action (the theme menu and the help add-ons use them)
    view_menu: QMenu
    help_menu: QMenu
    about_action: QAction
    restore_action: QAction
    switch_pack_menu: QMenu
    #: emitted when File > Switch Pack put a new window (the argument) in place of this one
    replaced = Signal(object)

    def save_state(self) -> None:
        """Remember the geometry, toolbars and tab."""
        raise NotImplementedError

    def current_panel(self) -> Panel:
        """The panel of the tab on screen."""
        raise NotImplementedError
