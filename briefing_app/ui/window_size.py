"""The main window's size on the screen it opens on: never larger than the screen's free area (1024x600 netbooks,
200% scaling), centred when it had to shrink, and a remembered size that no longer fits is brought back in."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

PREFERRED = QSize(1280, 800)


def available_area(window: QWidget) -> QRect | None:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def frame_extra(window: QWidget) -> QSize:
    """What the window manager's frame adds (the title bar, the borders); a guess until the window is shown."""
    frame, inner = window.frameGeometry(), window.geometry()
    if window.isVisible() and frame.height() > inner.height():
        return QSize(frame.width() - inner.width(), frame.height() - inner.height())
    return QSize(0, 0) if QGuiApplication.platformName() == "offscreen" else QSize(8, 36)


def fitting_size(window: QWidget, preferred: QSize = PREFERRED) -> QSize:
    """``preferred``, or the screen's free area less the frame if that is smaller."""
    area = available_area(window)
    if area is None:
        return preferred
    extra = frame_extra(window)
    return QSize(min(preferred.width(), area.width() - extra.width()),
                 min(preferred.height(), area.height() - extra.height()))


def fit_to_screen(window: QWidget, preferred: QSize | None = None) -> None:
    """Size (``preferred``, else keep the current size) the window to fit its screen, and keep it on the screen."""
    area = available_area(window)
    wanted = preferred or window.size()
    size = fitting_size(window, wanted)
    if size != window.size():
        window.resize(size)
    if area is None:
        return
    extra = frame_extra(window)
    geometry = QRect(window.pos(), size + extra)
    if not area.contains(geometry):
        x = min(max(geometry.x(), area.left()), area.right() + 1 - geometry.width())
        y = min(max(geometry.y(), area.top()), area.bottom() + 1 - geometry.height())
        window.move(max(x, area.left()), max(y, area.top()))
