"""The map page of a print is given only the countries it shows: a PDF keeps every shape it is drawn, even where
the map's frame clips it away, so the rest of the world is left out; what is seen stays exactly the same."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter


def _image(view) -> QImage:  # type: ignore[no-untyped-def]
    size = view.viewport().size()
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    try:
        view.paint_export(painter, QRectF(0, 0, size.width(), size.height()))
    finally:
        painter.end()
    return image


def _rings(path) -> int:  # type: ignore[no-untyped-def]
    return len(path.toSubpathPolygons())


def test_the_map_page_draws_only_the_countries_in_sight_and_looks_the_same(qapp, services) -> None:
    from briefing_app.ui.map.render import offscreen_view
    from briefing_app.ui.printing.map_page import _countries_in_sight

    view = offscreen_view(services, QSize(420, 300))
    try:
        layer = view.countries
        everything = {status: _rings(path) for status, path in layer.paths.items()}
        all_borders = _rings(layer.borders)
        whole = _image(view)
        with _countries_in_sight(view):
            kept = {status: _rings(path) for status, path in layer.paths.items()}
            kept_borders = _rings(layer.borders)
            culled = _image(view)
        # the Americas and the far south are not drawn for a map of the SCO's part of the world
        assert kept_borders < all_borders * 0.8
        assert all(kept[s] <= everything[s] for s in everything) and sum(kept.values()) == kept_borders
        assert culled == whole
        # and the layer is as it was afterwards
        assert {status: _rings(path) for status, path in layer.paths.items()} == everything
        assert _rings(layer.borders) == all_borders
    finally:
        view.deleteLater()


def test_a_zoomed_in_view_keeps_only_a_few_countries_and_looks_the_same(qapp, services) -> None:
    from briefing_app.ui.map.render import offscreen_view
    from briefing_app.ui.printing.map_page import _countries_in_sight

    view = offscreen_view(services, QSize(300, 220))
    try:
        view.box.setRange(xRange=(-400.0, 400.0), yRange=(-300.0, 300.0), padding=0.0)  # the inset's kind of view
        view.at_home = False
        whole = _image(view)
        with _countries_in_sight(view):
            kept = _rings(view.countries.borders)
            culled = _image(view)
        assert 0 < kept < _rings(view.countries.borders) / 4
        assert culled == whole
    finally:
        view.deleteLater()
