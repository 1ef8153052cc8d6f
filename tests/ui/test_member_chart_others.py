"""A member chart of a library of a hundred summits (a thousand members) drew a thousand bars with their labels
printed over each other; beyond MAX_BARS members it draws the largest and one "others (N)" bar, and says so under
the chart. Ten members are drawn as before (the real pack's tests in test_members_panel / test_overview_panel)."""

from __future__ import annotations

from briefing_app.domain.items import Item, ItemKind
from briefing_app.ui.charts.member_charts import MAX_BARS, POPULATION, MemberBarsChart
from briefing_app.ui.charts.member_shares import MemberSharesChart
from briefing_app.views.members import MemberRow, Quantity


def members(count: int) -> list[MemberRow]:
    return [MemberRow(Item(id=f"member:m{n}", kind=ItemKind.MEMBER, title=f"State {n}"), None, "", 2001, "", "",
                      Quantity((n + 1) * 1e6, 2023, "World Bank"), Quantity((n + 1) * 1e9, 2023, "World Bank"),
                      "", "")
            for n in range(count)]


def left_labels(chart) -> list[str]:  # type: ignore[no-untyped-def]
    ticks = chart.plot_item.getAxis("left")._tickLevels[0]
    return [label for _position, label in ticks]


def test_a_thousand_members_make_the_largest_bars_and_one_of_the_others(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = MemberBarsChart(POPULATION)
    qtbot.addWidget(chart)
    chart.resize(600, 700)
    chart.set_members(members(1000))
    labels = left_labels(chart)
    assert len(labels) == MAX_BARS and labels[0] == "State 999" and labels[-1] == f"others ({1000 - MAX_BARS + 1:,})"
    assert len(chart.order) == MAX_BARS - 1
    assert f"The largest {MAX_BARS - 1} of 1,000 members are drawn" in chart.source_label.text()
    assert "others (981): " in chart.accessibleDescription()
    total = sum(n + 1 for n in range(1000))
    others = sum(n + 1 for n in range(1000 - MAX_BARS + 1))
    assert f"{others / total * 100:.1f}% of the members' total" in chart.others_text()
    chart.set_log_scale(True)  # the others' bar is drawn on a log axis too
    assert len(left_labels(chart)) == MAX_BARS


def test_the_shares_chart_draws_the_others_as_one_pair_of_bars(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = MemberSharesChart()
    qtbot.addWidget(chart)
    chart.resize(600, 900)
    chart.set_members(members(1000))
    labels = left_labels(chart)
    assert len(labels) == MAX_BARS and labels[-1] == "others (981)"
    assert len(chart.value_labels._labels) == 2 * MAX_BARS  # a value at the end of each bar
    assert "others (981)" in chart.source_label.text()
    drawn = sum(p for p, _g in chart.shares().values())
    assert f"others (981): {100 - drawn:.1f}% of the members' population" in chart.accessibleDescription()


def test_ten_members_are_all_drawn_with_no_note(qtbot) -> None:  # type: ignore[no-untyped-def]
    for chart in (MemberBarsChart(POPULATION), MemberSharesChart()):
        qtbot.addWidget(chart)
        chart.set_members(members(10))
        assert len(left_labels(chart)) == 10 and not any("others" in label for label in left_labels(chart))
        assert chart.source_label.text() == "Source: World Bank"


def test_a_shorter_chart_draws_fewer_members_one_by_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    for chart in (MemberBarsChart(POPULATION), MemberSharesChart()):
        qtbot.addWidget(chart)
        chart.resize(600, 900)
        chart.show()
        qtbot.waitExposed(chart)
        chart.set_members(members(1000))
        tall = len(left_labels(chart))
        chart.resize(600, 260)
        qtbot.waitUntil(lambda chart=chart, tall=tall: len(left_labels(chart)) < tall)
        short = left_labels(chart)
        assert 4 <= len(short) < tall and short[-1] == f"others ({1000 - len(short) + 1:,})"
        line = chart.fontMetrics().height()
        assert len(short) * line <= 260  # one line of text per bar at most
        assert f"The largest {len(short) - 1} of 1,000 members" in chart.source_label.text()


def test_the_timeline_of_a_thousand_members_labels_each_year_not_each_state(qtbot) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.charts.member_charts import AccessionTimelineChart

    rows = members(1000)
    rows = [row.__class__(**{**row.__dict__, "joined": 2001 + n % 4}) for n, row in enumerate(rows)]
    timeline = AccessionTimelineChart("source")
    qtbot.addWidget(timeline)
    timeline.set_members(rows)
    assert timeline._labels.texts() == ["250 states (2001)", "250 states (2002)", "250 states (2003)",
                                        "250 states (2004)"]
    ticks = [label for _n, label in timeline.plot_item.getAxis("left")._tickLevels[0]]
    assert ticks == ["0", "100", "200", "300", "400", "500", "600", "700", "800", "900", "1,000"]  # not 500 ticks
    timeline.set_selected("member:m5")  # colours one per label
    small = AccessionTimelineChart("source")
    qtbot.addWidget(small)
    small.set_members(rows[:10])
    assert len(small._labels.texts()) == 10 and "State 0 (2001)" in small._labels.texts()
    assert [label for _n, label in small.plot_item.getAxis("left")._tickLevels[0]] == ["0", "2", "4", "6", "8", "10"]
