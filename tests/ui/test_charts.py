"""The shared chart: axis titles with units, source line, exact values on hover, export, palette, print."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication

from tests.ui.palettes import dark_palette

POPULATION = {"China": 1410.71, "India": 1428.63, "Pakistan": 240.49, "Iran": 89.17}


@pytest.fixture
def chart(qtbot):  # type: ignore[no-untyped-def]
    from briefing_app.ui.charts.chart_base import SourcedChart

    chart = SourcedChart("Population by member state", source="World Bank, World Development Indicators (2023)")
    chart.set_axis_titles(left=("Population", "million people"), bottom=("Member state", None))
    chart.set_categories(list(POPULATION))
    chart.add_bars(list(POPULATION.values()), texts=[f"{k}: {v:,} million" for k, v in POPULATION.items()])
    qtbot.addWidget(chart)
    return chart


def is_png(path: Path) -> bool:
    return path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_chart_shows_axis_titles_with_units_and_its_source(chart) -> None:  # type: ignore[no-untyped-def]
    assert chart.axis_titles() == {"left": "Population (million people)", "bottom": "Member state"}
    assert chart.plot_item.getAxis("left").labelText == "Population (million people)"
    assert chart.source_label.text() == "Source: World Bank, World Development Indicators (2023)"
    assert not chart.source_label.isHidden()


def test_hovering_a_bar_shows_its_exact_value(chart) -> None:  # type: ignore[no-untyped-def]
    # Given the pointer over India's column, even above the bar
    shown = chart.show_hover_at(1.1, 5.0)
    # Then the exact value is shown beside it and as tooltip
    assert shown == "India: 1,428.63 million"
    assert chart.hover_label.isVisible() or not chart.isVisible()
    assert chart.hover_label.textItem.toPlainText() == "India: 1,428.63 million"
    assert chart.plot_widget.toolTip() == "India: 1,428.63 million"
    # And away from the bars nothing is shown
    assert chart.show_hover_at(7.0, 5.0) is None
    assert chart.plot_widget.toolTip() == ""


def test_pointer_moving_over_the_scene_shows_the_value(chart, qtbot) -> None:  # type: ignore[no-untyped-def]
    chart.resize(700, 400)
    chart.show()
    qtbot.waitExposed(chart)
    scene_point = chart.plot_item.getViewBox().mapViewToScene(chart.plot_item.getViewBox().mapToView(
        chart.plot_item.getViewBox().mapFromView(pg_point(2.0, 100.0))))
    chart.plot_item.scene().sigMouseMoved.emit(scene_point)
    assert chart.hover_label.isVisible()
    assert chart.hover_label.textItem.toPlainText() == "Pakistan: 240.49 million"


def pg_point(x: float, y: float):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPointF

    return QPointF(x, y)


def test_chart_exports_png_and_svg_without_being_shown(chart, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    png = chart.export_png(tmp_path / "population.png")
    svg = chart.export_svg(tmp_path / "population.svg")
    assert is_png(png)
    image = QImage(str(png))
    assert image.width() >= 1000 and image.height() >= 500
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert "World Bank, World Development Indicators (2023)" in text
    assert "Population (million people)" in text


def test_context_menu_export_asks_for_a_file_and_writes_it(chart, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.charts import chart_output

    chosen = tmp_path / "chosen"  # no suffix: the right one is added
    monkeypatch.setattr(chart_output.QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen), ""))
    written = []
    chart.exported.connect(written.append)
    assert chart.ask_export_png() == tmp_path / "chosen.png"
    assert chart.ask_export_svg() == tmp_path / "chosen.svg"
    assert is_png(tmp_path / "chosen.png")
    assert (tmp_path / "chosen.svg").read_text(encoding="utf-8").count("<svg") == 1
    assert written == [str(tmp_path / "chosen.png"), str(tmp_path / "chosen.svg")]


def test_context_menu_offers_both_exports(chart) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    assert chart.plot_widget.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    assert not chart.plot_item.menuEnabled()  # pyqtgraph's own menu would offer zoom and its export dialog
    assert [action.text() for action in chart.context_menu().actions()] == ["Export PNG…", "Export SVG…"]


def test_cancelled_export_writes_nothing(chart, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.charts import chart_output

    out = tmp_path / "exports"
    out.mkdir()
    monkeypatch.setattr(chart_output.QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert chart.ask_export_png() is None
    assert chart.ask_export_svg() is None
    assert list(out.iterdir()) == []


def test_export_to_an_unwritable_place_gives_a_message(chart, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.charts import chart_output

    target = tmp_path / "missing-folder" / "chart.png"
    monkeypatch.setattr(chart_output.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    messages: list[str] = []
    monkeypatch.setattr(chart_output.QMessageBox, "warning",
                        lambda _parent, title, text: messages.append(f"{title}: {text}"))
    assert chart.ask_export_png() is None
    assert len(messages) == 1 and messages[0].startswith("Chart not exported") and str(target) in messages[0]


def test_render_for_print_works_offscreen_at_any_size(chart) -> None:  # type: ignore[no-untyped-def]
    # Given a chart never shown, when rendered at 800x450 logical pixels at 2x
    image = chart.render_image(800, 450, scale=2.0)
    # Then the image has the asked size, with ink (not blank) and a white print background
    assert (image.width(), image.height()) == (1600, 900)
    assert image.devicePixelRatio() == 2.0
    assert QColor(image.pixel(5, 5)) == QColor("#ffffff")
    dark_pixels = sum(1 for x in range(0, 1600, 8) for y in range(0, 900, 8)
                      if QColor(image.pixel(x, y)).lightness() < 128)
    assert dark_pixels > 100


def test_chart_follows_the_palette_and_prints_light(chart, qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    light = app.palette()
    try:
        # When the application switches to a dark palette
        app.setPalette(dark_palette())
        qtbot.waitUntil(lambda: chart.colours().dark)
        # Then the plot background and text follow it
        assert chart.plot_widget.backgroundBrush().color() == dark_palette().color(QPalette.ColorRole.Base)
        assert chart.plot_item.getAxis("left").textPen().color().lightness() > 180
        # And print output stays black on white
        image = chart.render_image(400, 250)
        assert QColor(image.pixel(3, 3)) == QColor("#ffffff")
        assert chart.colours().dark
    finally:
        app.setPalette(light)
    qtbot.waitUntil(lambda: not chart.colours().dark)


def test_a_chart_never_shown_prints_its_category_names_whole(qtbot) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.charts.chart_base import SourcedChart

    # Given a horizontal bar chart of ten states that was never on screen (printing from the command line)
    chart = SourcedChart("Members", source="test")
    qtbot.addWidget(chart)
    names = ["Kyrgyzstan", "Uzbekistan", "Tajikistan", "Kazakhstan", "Belarus", "Pakistan", "Russia", "India",
             "China", "Iran"]
    chart.add_bars([float(n) for n in range(10, 0, -1)], texts=names, horizontal=True)
    chart.set_categories(names, axis="left")
    # When it is rendered for print
    image = chart.render_image(600, 300)
    # Then every name is drawn: pyqtgraph thins out labels it believes overlap, judging by the axis size of its
    # last paint; text of all ten names reaches the left margin (about 250 dark pixels; with every third
    # name thinned out, about 100)
    ink = sum(1 for x in range(0, 30) for y in range(20, 260) if QColor(image.pixel(x, y)).lightness() < 120)
    assert ink > 180
