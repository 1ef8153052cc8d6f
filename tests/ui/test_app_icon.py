"""The application icon: the SVG the window uses renders at every size, and the PNG renders match their sizes."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QImage

from briefing_app import paths

PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


def _opaque_share(image: QImage) -> float:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    opaque = sum(1 for y in range(image.height()) for x in range(image.width()) if image.pixelColor(x, y).alpha() > 200)
    return opaque / (image.width() * image.height())


@pytest.mark.parametrize("size", [16, 32, 256])
def test_window_icon_renders_at_size(qapp, size: int) -> None:  # type: ignore[no-untyped-def]
    # Given the icon the GUI sets on the application (briefing_app/ui/app.py uses paths.icon_path())
    icon = QIcon(str(paths.icon_path()))
    # When Qt draws it at a menu, title bar or launcher size
    image = icon.pixmap(QSize(size, size)).toImage()
    # Then the SVG engine drew the tile: most of the square is opaque, the rounded corners are not
    assert not icon.isNull()
    assert image.width() == size
    assert 0.6 < _opaque_share(image) < 0.99
    assert image.pixelColor(0, 0).alpha() < 50


@pytest.mark.parametrize("size", PNG_SIZES)
def test_png_render_exists_in_the_hicolor_layout_at_its_size(size: int) -> None:
    png = paths.resources_dir() / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "sco-briefing.png"
    header = Path(png).read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (size, size)
