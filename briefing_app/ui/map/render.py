"""The corridors map as an image or an SVG file: for Export on the Corridors tab and for printed briefings.

Everything here works offscreen, without the Corridors tab ever being shown: a map view is built, given
its size and rendered, with the same layers, colours, legend and disclaimer as on screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter

from briefing_app.ui.map.view import CorridorMapView
from briefing_app.views.map_data import load_map

if TYPE_CHECKING:
    from briefing_app.services.app import ContentReader

#: a map narrower than this many logical pixels is drawn 1:1; a wider image is drawn as a map of this width,
#: scaled up, so that lines, markers and names grow with the resolution instead of shrinking
DEFAULT_LOGICAL_WIDTH = 1000.0
SCREEN_DPI = 96.0


class MapExportError(OSError):
    """The map could not be written; the message says where and why, for the user."""


def offscreen_view(services: ContentReader, size: QSize, highlight: str | None = None) -> CorridorMapView:
    """A map view that is never shown on screen, laid out at ``size`` (logical pixels), showing every corridor."""
    view = CorridorMapView(load_map(services.briefing))
    view.layout_offscreen(size)
    view.reset_view()
    if highlight:
        view.state.select(highlight)
        view.show_item(highlight)
    return view


def _figure_view(services: ContentReader, size: QSize, highlight: str | None) -> tuple[CorridorMapView, float]:
    """A map view sized to leave a band for the corridor key below it, within ``size``; and the band's height."""
    view = offscreen_view(services, size, highlight)
    band = view.legend_band_height(size.width())
    view.layout_offscreen(QSize(size.width(), max(50, size.height() - round(band))))
    view.reset_view()
    if highlight:
        view.show_item(highlight)
    return view, size.height() - view.height()


def _paint_figure(view: CorridorMapView, painter: QPainter, band: float) -> None:
    width, height = view.width(), view.height()
    view.paint_export(painter, QRectF(0, 0, width, height))
    if band > 0:
        view.paint_legend_band(painter, QRectF(0, height, width, band))


def _scale_for(width_px: int, height_px: int, dpi: float | None) -> float:
    if dpi:
        return max(1.0, dpi / SCREEN_DPI)
    return max(1.0, width_px / DEFAULT_LOGICAL_WIDTH)


def render_view_image(view: CorridorMapView, scale: float = 2.0) -> QImage:
    """The view as it is on screen (same range and selection) with the corridor key below, ``scale`` times
    its pixels."""
    size = view.viewport().size()
    band = view.legend_band_height(size.width())
    image = QImage(
        round(size.width() * scale), round((size.height() + band) * scale), QImage.Format.Format_ARGB32_Premultiplied
    )
    image.setDevicePixelRatio(scale)
    painter = QPainter(image)
    try:
        _paint_figure(view, painter, band)
    finally:
        painter.end()
    return image


def render_map_image(
    services: ContentReader, width_px: int, height_px: int, highlight: str | None = None, *, dpi: float | None = None
) -> QImage:
    """The whole corridors map, ``width_px`` by ``height_px``, with legend and disclaimer; ``highlight`` an item id.

    With ``dpi`` (say 300 for print) the map is laid out as it would be at that physical size on a 96 dpi
    screen, so names print at their point size; without it, wide images scale up a 1000-pixel-wide map.
    """
    if width_px < 50 or height_px < 50:
        raise ValueError(f"a map needs at least 50x50 pixels, got {width_px}x{height_px}")
    scale = _scale_for(width_px, height_px, dpi)
    logical = QSize(max(1, round(width_px / scale)), max(1, round(height_px / scale)))
    view, band = _figure_view(services, logical, highlight)
    try:
        image = QImage(width_px, height_px, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("#ffffff"))
        image.setDevicePixelRatio(width_px / logical.width())
        painter = QPainter(image)
        try:
            _paint_figure(view, painter, band)
        finally:
            painter.end()
    finally:
        view.deleteLater()
    image.setDevicePixelRatio(1.0)
    return image


def write_view_svg(view: CorridorMapView, path: str | Path, title: str = "Corridors map") -> None:
    """Write what the view shows, with the corridor key below, as an SVG file (vector shapes and text)."""
    from PySide6.QtSvg import QSvgGenerator

    size = view.viewport().size()
    band = view.legend_band_height(size.width())
    total = QSize(size.width(), size.height() + round(band))
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(total)
    generator.setViewBox(QRect(0, 0, total.width(), total.height()))
    generator.setResolution(round(SCREEN_DPI))
    generator.setTitle(title)
    generator.setDescription(view.loaded.disclaimer)
    painter = QPainter()
    if not painter.begin(generator):
        raise MapExportError(f"cannot write the SVG file {path}")
    try:
        _paint_figure(view, painter, band)
    finally:
        painter.end()
    if not Path(path).is_file():
        raise MapExportError(f"the SVG file {path} was not written")


def write_view_png(view: CorridorMapView, path: str | Path, scale: float = 2.0) -> None:
    image = render_view_image(view, scale)
    image.setDevicePixelRatio(1.0)
    # The stubs ask for bytes as the format; PySide accepts only str at run time.
    if not image.save(str(path), "PNG"):  # type: ignore[call-overload]
        raise MapExportError(f"cannot write the PNG file {path}")


def render_map_svg(
    services: ContentReader, path: str | Path, highlight: str | None = None, size: QSize | None = None
) -> None:
    """The whole corridors map as an SVG file (default 1000x700 logical pixels with the corridor key below)."""
    view, _band = _figure_view(services, size or QSize(1000, 700), highlight)
    try:
        info = services.briefing.pack_info()
        write_view_svg(view, path, f"Corridors map — {info.title}")
    finally:
        view.deleteLater()
