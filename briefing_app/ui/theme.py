"""View > Theme: System (follow the desktop), Light or Dark, remembered in the settings.

Light and Dark set the application palette (and tell Qt the colour scheme, so the style draws to match); System
drops the override and follows the desktop again. Every view of the app already redraws on a palette change.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from briefing_app.ui.window_frame import WindowFrame

THEME_KEY = "view/theme"


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"

    @property
    def label(self) -> str:
        return {"system": "&System", "light": "&Light", "dark": "&Dark"}[self.value]


_DARK = {
    QPalette.ColorRole.Window: "#202124", QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#171717", QPalette.ColorRole.AlternateBase: "#262626",
    QPalette.ColorRole.ToolTipBase: "#303134", QPalette.ColorRole.ToolTipText: "#e8eaed",
    QPalette.ColorRole.PlaceholderText: "#9aa0a6", QPalette.ColorRole.Text: "#e8eaed",
    QPalette.ColorRole.Button: "#2d2e31", QPalette.ColorRole.ButtonText: "#e8eaed",
    QPalette.ColorRole.BrightText: "#ff6b6b", QPalette.ColorRole.Light: "#3c4043",
    QPalette.ColorRole.Midlight: "#35363a", QPalette.ColorRole.Mid: "#5f6368", QPalette.ColorRole.Dark: "#111111",
    QPalette.ColorRole.Shadow: "#000000", QPalette.ColorRole.Highlight: "#3d6fb4",
    QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.LinkVisited: "#c58af9",
}
_LIGHT = {
    QPalette.ColorRole.Window: "#efefef", QPalette.ColorRole.WindowText: "#1a1a1a",
    QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.AlternateBase: "#f5f5f5",
    QPalette.ColorRole.ToolTipBase: "#ffffdc", QPalette.ColorRole.ToolTipText: "#1a1a1a",
    QPalette.ColorRole.PlaceholderText: "#6b6b6b", QPalette.ColorRole.Text: "#1a1a1a",
    QPalette.ColorRole.Button: "#efefef", QPalette.ColorRole.ButtonText: "#1a1a1a",
    QPalette.ColorRole.BrightText: "#ffffff", QPalette.ColorRole.Light: "#ffffff",
    QPalette.ColorRole.Midlight: "#cacaca", QPalette.ColorRole.Mid: "#b8b8b8", QPalette.ColorRole.Dark: "#9f9f9f",
    QPalette.ColorRole.Shadow: "#767676", QPalette.ColorRole.Highlight: "#308cc6",
    QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.Link: "#0b57d0",
    QPalette.ColorRole.LinkVisited: "#7b1fa2",
}


def theme_palette(theme: Theme) -> QPalette | None:
    """The palette of a fixed theme (None for System: the desktop's own)."""
    if theme is Theme.SYSTEM:
        return None
    palette = QPalette()
    for role, colour in (_DARK if theme is Theme.DARK else _LIGHT).items():
        palette.setColor(role, QColor(colour))
    disabled = QColor("#7f8389" if theme is Theme.DARK else "#8c8c8c")
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def apply_theme(theme: Theme) -> None:
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return
    hints = app.styleHints()
    scheme = {Theme.SYSTEM: Qt.ColorScheme.Unknown, Theme.LIGHT: Qt.ColorScheme.Light,
              Theme.DARK: Qt.ColorScheme.Dark}[theme]
    if hasattr(hints, "setColorScheme"):  # Qt 6.8+
        hints.setColorScheme(scheme)
    palette = theme_palette(theme)
    # A default-constructed palette drops the application's override: the platform's palette applies again.
    chosen = palette if palette is not None else QPalette()
    if isinstance(app, QApplication):
        QApplication.setPalette(chosen)
    else:
        QGuiApplication.setPalette(chosen)


def saved_theme(settings: QSettings) -> Theme:
    value = str(settings.value(THEME_KEY, Theme.SYSTEM.value))
    return Theme(value) if value in Theme.__members__.values() else Theme.SYSTEM


class ThemeMenu:
    """The View > Theme submenu of a window: one checkable action per theme; the choice is saved at once."""

    def __init__(self, window: WindowFrame) -> None:
        self.window = window
        self.settings = window.settings
        self.menu = window.view_menu.addMenu("&Theme")
        self.menu.setObjectName("theme-menu")
        self.group = QActionGroup(window)
        self.group.setExclusive(True)
        self.actions: dict[Theme, QAction] = {}
        current = saved_theme(self.settings)
        for theme in Theme:
            action = QAction(theme.label, window)
            action.setObjectName(f"theme-{theme.value}")
            action.setCheckable(True)
            action.setChecked(theme is current)
            action.triggered.connect(lambda _checked=False, t=theme: self.choose(t))
            self.group.addAction(action)
            self.menu.addAction(action)
            self.actions[theme] = action
        if current is not Theme.SYSTEM:
            apply_theme(current)

    @property
    def current(self) -> Theme:
        return next(theme for theme, action in self.actions.items() if action.isChecked())

    def choose(self, theme: Theme) -> None:
        self.actions[theme].setChecked(True)
        apply_theme(theme)
        self.settings.setValue(THEME_KEY, theme.value)
        self.settings.sync()


def install_theme_menu(window: WindowFrame) -> ThemeMenu:
    return ThemeMenu(window)
