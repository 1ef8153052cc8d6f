"""Charts laid out small (print, a narrow window) keep their title off the plot, the "0" of the value axis, and
the whole source line: the faults of the documents-by-status chart in the printed book (page 8, Figure 3).

The checks read the layout pyqtgraph paints from (title and view box geometry, the axis's own list of the tick
labels it draws), not pixels."""

from __future__ import annotations

import contextlib
import math

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QImage, QPainter

#: the size (pixels at 300 dpi) the A4 briefing book prints the documents-by-status chart at
BOOK_FIGURE = (1219, 487)


def drawn_ticks(chart, axis: str = "bottom") -> list[str]:  # type: ignore[no-untyped-def]
    """The tick labels the axis draws at its current geometry (what AxisItem.paint draws)."""
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _axis, _ticks, texts = chart.plot_item.getAxis(axis).generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _rect, _flags, text in texts]


def layout_faults(chart) -> list[str]:  # type: ignore[no-untyped-def]
    """What is wrong with the chart's current layout: title over the plot, rows too low for their names, no "0"
    tick, value labels cut at the right."""
    plot = chart.plot_item
    view = plot.getViewBox()
    title = plot.titleLabel.item
    title_rect = title.mapRectToScene(title.boundingRect())
    view_rect = view.sceneBoundingRect()
    faults = []
    if title_rect.bottom() > view_rect.top() + 0.5:
        faults.append(f"title ({title_rect.height():.0f} px high) runs {title_rect.bottom() - view_rect.top():.0f}"
                      " px into the plot")
    rows = len(getattr(chart, "rows", []))
    line = QFontMetricsF(plot.getAxis("left").style["tickFont"] or chart.font()).height()
    if rows and view_rect.height() / rows < line:
        faults.append(f"{rows} rows in {view_rect.height():.0f} px: their names run into each other")
    if "0" not in drawn_ticks(chart):
        faults.append(f"no 0 tick: {drawn_ticks(chart)}")
    chart_rect = plot.sceneBoundingRect()
    for label in getattr(chart, "value_labels", []):  # each written from its bar's end rightwards
        right = view.mapViewToScene(label.pos()).x() + label.textItem.boundingRect().width()
        if right > chart_rect.right() + 0.5:
            faults.append(f"value {label.textItem.toPlainText()} cut at the right")
    return faults


def test_the_printed_documents_chart_keeps_its_title_off_the_bars_and_its_zero(qtbot, services,
                                                                              monkeypatch) -> None:
    from briefing_app.reports.section_sheets import CHART_ACHIEVEMENTS
    from briefing_app.reports.sheet import Figure
    from briefing_app.ui.charts.chart_output import ChartOutput
    from briefing_app.ui.charts.document_status import DocumentStatusChart
    from briefing_app.ui.printing.figures import FigureRenderer

    # Given the layout each drawing of the chart for print uses (seen while it is laid out at print size)
    seen: list[tuple[list[str], int]] = []
    laid_out = ChartOutput._laid_out

    @contextlib.contextmanager
    def watched(chart, width, height):  # type: ignore[no-untyped-def]
        with laid_out(chart, width, height) as rect:
            yield rect
            seen.append((layout_faults(chart), chart.plot_item.titleLabel.item.document().begin().layout().lineCount()))

    monkeypatch.setattr(DocumentStatusChart, "_laid_out", watched)
    # When the book draws Figure 3
    image = FigureRenderer(services)(Figure(CHART_ACHIEVEMENTS, ""), *BOOK_FIGURE)
    assert image is not None and seen
    # Then the title neither covers the first bar nor wraps (one line), and the value axis starts at a written 0
    faults, title_lines = seen[-1]
    assert faults == []
    assert title_lines == 1


@pytest.mark.parametrize("width", [404, 521, 654])  # the Achievements tab at 800, 1024 and 1280 pixels wide
def test_the_documents_chart_on_screen_keeps_its_title_off_the_bars_and_its_zero(qtbot, services,
                                                                                width: int) -> None:
    from briefing_app.domain.items import ItemKind
    from briefing_app.ui.charts.document_status import DocumentStatusChart

    # Given the Achievements tab's chart in a narrow column (its title has to wrap)
    chart = DocumentStatusChart("items of briefing pack")
    qtbot.addWidget(chart)
    chart.set_documents(services.briefing.items(ItemKind.DOCUMENT))
    chart.resize(width, 200)
    chart.show()
    qtbot.waitExposed(chart)
    # When it has settled (the left axis widens for the names when first painted, the title is wrapped again)
    qtbot.waitUntil(lambda: abs(chart.plot_item.geometry().width() - chart.plot_widget.width()) <= 0.5,
                    timeout=2000)
    qtbot.wait(20)
    # Then nothing overlaps or goes missing, and the title is one line (over the whole chart if need be)
    assert layout_faults(chart) == []
    assert chart.plot_item.titleLabel.item.document().begin().layout().lineCount() == 1


class RecordingPainter(QPainter):
    """A painter that remembers the text boxes it was asked to draw into."""

    def __init__(self, device) -> None:  # type: ignore[no-untyped-def]
        super().__init__(device)
        self.texts: list[tuple[QRectF, int, str]] = []

    def drawText(self, *args) -> None:  # type: ignore[no-untyped-def, override]
        if len(args) == 3 and isinstance(args[0], QRectF):
            self.texts.append((QRectF(args[0]), int(args[1]), args[2]))
        super().drawText(*args)


def test_a_source_line_that_wraps_only_at_the_drawn_width_is_printed_whole(qtbot) -> None:
    from briefing_app.ui.charts.chart_base import SourcedChart

    # Given a chart whose source line just fits the figure's width, but not the width it is written in (as the
    # GDP chart's source in the book: its year was cut off)
    chart = SourcedChart("GDP by member state")
    qtbot.addWidget(chart)
    chart.add_bars([3.0, 2.0], texts=["a", "b"])
    source = "World Bank, World Development Indicators, NY.GDP.MKTP.CD (GDP, current US$), 2023"
    chart.set_source(source)
    font = chart.font()
    font.setPointSizeF(max(7.0, chart._font_pt() - 1.0))
    probe_image = QImage(8, 8, QImage.Format.Format_ARGB32)
    probe = QPainter(probe_image)
    probe.setFont(font)
    one_line = probe.boundingRect(QRectF(0, 0, 5000, 1000), 0, f"Source: {source}")
    probe.end()
    width, height = math.ceil(one_line.width()) + 2, 300  # the source fits on one line of the figure's width
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    # When it is painted for print
    painter = RecordingPainter(image)
    try:
        chart.paint_into(painter, QRectF(0, 0, width, height))
        drawn = [(rect, flags, text) for rect, flags, text in painter.texts if text.startswith("Source: ")]
        assert len(drawn) == 1
        rect, flags, text = drawn[0]
        needed = painter.boundingRect(QRectF(rect.x(), rect.y(), rect.width(), 1000), flags, text)
    finally:
        painter.end()
    # Then its box is tall enough for every line it wraps to, inside the figure
    assert needed.height() <= rect.height() + 0.5
    assert rect.y() + needed.height() <= height + 0.5
