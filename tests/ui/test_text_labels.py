"""Chart labels drawn by one item: placed as pg.TextItem places each text, and one item however many rows."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont

from briefing_app.ui.charts.member_charts import AccessionTimelineChart
from briefing_app.ui.charts.member_shares import MemberSharesChart
from briefing_app.ui.charts.text_labels import TextLabels
from briefing_app.views.members import member_rows


@pytest.mark.parametrize("anchor", [(0.0, 0.5), (0.0, 0.05), (0.5, 1.0)])
def test_labels_sit_where_pg_text_items_sit(qtbot, anchor) -> None:  # type: ignore[no-untyped-def]
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(500, 300)
    widget.show()
    plot = widget.getPlotItem()
    plot.setXRange(0, 10, padding=0)
    plot.setYRange(0, 5, padding=0)
    font = QFont()
    font.setPointSizeF(8.0)
    points = [("12.5%", 1.0, 1.0), ("Kazakhstan (2001)", 4.0, 2.5), ("<0.1%", 8.5, 4.0)]
    items = []
    for text, x, y in points:
        item = pg.TextItem(text, anchor=anchor)
        item.setFont(font)
        item.setPos(x, y)
        plot.addItem(item)
        items.append(item)
    labels = TextLabels(anchor=anchor)
    labels.setFont(font)
    labels.set_labels(points)
    plot.addItem(labels)
    qtbot.wait(20)
    widget.grab()
    for item, (box, _baseline) in zip(items, labels._boxes(), strict=True):
        expected = item.textItem.mapRectToScene(item.textItem.boundingRect())
        assert abs(box.left() - expected.left()) < 1.0 and abs(box.top() - expected.top()) < 1.0
        assert abs(box.width() - expected.width()) < 2.0 and abs(box.height() - expected.height()) < 1.0
    # Zooming keeps their size in pixels and their anchors on the points
    plot.setXRange(0, 20, padding=0)
    widget.grab()
    for (_text, x, y), (box, _baseline) in zip(points, labels._boxes(), strict=True):
        anchor_point = labels.mapToScene(QPointF(x, y))
        assert abs(box.left() + anchor[0] * box.width() - anchor_point.x()) < 0.01
    assert labels.texts() == [p[0] for p in points]


def test_a_chart_of_many_members_holds_one_label_item(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    rows = member_rows(services.briefing) * 30  # a library of summits: hundreds of member rows
    shares = MemberSharesChart()
    qtbot.addWidget(shares)
    shares.set_members(rows)
    timeline = AccessionTimelineChart("source")
    qtbot.addWidget(timeline)
    timeline.set_members(rows)
    # beyond MAX_BARS members the shares chart draws the largest and one pair of bars for the others
    # and the timeline one label a year (the states joined that year), not a name per point
    for chart, count in ((shares, 2 * (len(shares.order) + 1)), (timeline, len(timeline.years()))):
        texts = [i for i in chart.plot_item.items if isinstance(i, pg.TextItem) and i is not chart.hover_label]
        labels = [i for i in chart.plot_item.items if isinstance(i, TextLabels)]
        assert texts == [] and len(labels) == 1 and len(labels[0].texts()) == count
    written = {shares.value_text(v) for pair in shares._drawn_shares() for v in pair}
    assert set(shares.value_labels.texts()) == written


def test_member_bars_read_each_value_a_bounded_number_of_times(qtbot, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A library of summits: the share in each bar's text comes from one total, not a sum per bar
    from briefing_app.ui.charts.member_charts import POPULATION, Measure, MemberBarsChart

    rows = member_rows(services.briefing) * 30
    chart = MemberBarsChart(POPULATION)
    qtbot.addWidget(chart)
    reads = {"n": 0}
    quantity = Measure.quantity

    def counting(self, row):  # type: ignore[no-untyped-def]
        reads["n"] += 1
        return quantity(self, row)

    monkeypatch.setattr(Measure, "quantity", counting)
    chart.set_members(rows)
    chart.set_log_scale(True)
    assert reads["n"] <= 20 * len(rows)
    india = next(r for r in rows if r.item.id == "member:ind")
    total = sum(r.population.value for r in rows)
    share = india.population.value / total * 100
    assert chart.hover_text(india) == f"India: {POPULATION.exact(india.population)}, {share:.1f}% of the members' total"


def test_many_labels_are_measured_once_not_at_every_question(qtbot, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFontMetricsF

    from briefing_app.ui.charts import text_labels

    measured = {"n": 0}

    class Counting(QFontMetricsF):
        def horizontalAdvance(self, *args):  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
            measured["n"] += 1
            return super().horizontalAdvance(*args)

    monkeypatch.setattr(text_labels, "QFontMetricsF", Counting)
    rows = member_rows(services.briefing) * 30
    timeline = AccessionTimelineChart("source")
    qtbot.addWidget(timeline)
    timeline.resize(600, 300)
    timeline.set_members(rows)
    timeline.grab()
    labels = next(i for i in timeline.plot_item.items if isinstance(i, TextLabels))
    before = labels.boundingRect()
    # Asked again (Qt asks at every change of the scene) and painted again, in the same place: nothing measured
    measured["n"] = 0
    for _ in range(5):
        assert labels.boundingRect() == before
    timeline.grab()
    assert measured["n"] == 0
    assert len(labels.texts()) == len(timeline.years())  # one label a year beyond MAX_BARS members
