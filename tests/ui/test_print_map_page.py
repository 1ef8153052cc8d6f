"""The map page of a print is given only the countries it shows: a PDF keeps every shape it is drawn, even where
the map's frame clips it away, so the rest of the world is left out; what is seen stays exactly the same."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize
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


def _page_content(paint) -> bytes:  # type: ignore[no-untyped-def]
    import io

    from pypdf import PdfReader
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QPdfWriter

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(1200)
    painter = QPainter(writer)
    try:
        paint(painter)
    finally:
        painter.end()
    del writer
    return PdfReader(io.BytesIO(bytes(data))).pages[0].get_contents().get_data()


def test_a_names_halo_is_written_as_a_stroke_not_as_an_outline_of_every_curve(qapp) -> None:
    """A translucent pen is written to a PDF as the filled outline of the stroke (five times the letters' own
    size); the halo is an opaque white line, written as the letters' path with a line width."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QFont, QPainterPath

    from briefing_app.domain.label_placement import LabelRequest, place_labels_with_leaders
    from briefing_app.ui.printing.flow import sheet_font
    from briefing_app.ui.printing.map_page import LABEL_POINTS, _paint_names

    scale = 1200 / 96
    font = sheet_font(LABEL_POINTS)
    names = ["Aktau", "Baku", "Kashgar", "Bandar Abbas", "Urumqi", "Zhanaozen"]
    requests = [LabelRequest(name, 2000.0 + 3000 * (i % 2), 1000.0 + 600 * i, 900.0, 120.0, 1)
                for i, name in enumerate(names)]
    placed, missing = place_labels_with_leaders(requests, viewport=(0, 0, 9000, 9000), gaps=(40.0,))
    assert not missing
    with_halos = _page_content(lambda p: _paint_names(p, font, [(p_.label.key, p_) for p_ in placed], scale))

    def letters(painter: QPainter) -> None:
        device_font = QFont(font, painter.device())
        for p_ in placed:
            path = QPainterPath()
            path.addText(QPointF(p_.label.left, p_.label.top), device_font, p_.label.key)
            painter.fillPath(path, QColor("#1f1f1f"))

    outlines = _page_content(letters)
    assert len(with_halos) < 1.5 * len(outlines), (len(with_halos), len(outlines))


def test_a_filled_shape_of_the_map_reaches_the_pdf_as_one_fill_without_an_outline(qapp) -> None:
    """Qt's SVG renderer gave every filled shape of the map an outline in its own colour, one pixel wide: each
    country's points were written to the PDF three times."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
    from PySide6.QtGui import QPainterPath, QPolygonF
    from PySide6.QtSvg import QSvgGenerator

    from briefing_app.ui.printing.map_page import _draw_svg

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(100, 100))
    generator.setViewBox(QRect(0, 0, 100, 100))
    painter = QPainter(generator)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#f3dfb3"))
    shape = QPainterPath()  # a country is a path
    shape.addPolygon(QPolygonF([QPointF(10, 10), QPointF(90, 12), QPointF(85, 90), QPointF(12, 80)]))
    shape.closeSubpath()
    painter.drawPath(shape)
    painter.end()
    buffer.close()
    content = _page_content(lambda p: _draw_svg(p, data, QRectF(0, 0, 1250, 1250))).decode("latin-1")
    operators = [line.split()[-1] for line in content.splitlines() if line.split()]
    # the clip (four sides) and the shape (four sides), filled once: no outline ("h f") after the fill
    assert operators.count("l") == 8 and operators.count("f*") == 1 and "f" not in operators, content
