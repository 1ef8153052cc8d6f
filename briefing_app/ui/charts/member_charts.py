"""Charts of the member states: population and GDP by member (bars, linear or logarithmic), and the accession
timeline (2001, 2017, 2023, 2024). The selected member is drawn in the second series colour; clicking a bar or a
point asks for that member (``member_clicked``)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QWidget

from briefing_app.ui.charts.chart_base import ChartColours, HoverTarget, SourcedChart
from briefing_app.ui.charts.text_labels import TextLabels
from briefing_app.views.members import MemberRow, Quantity

BAR_SERIES = 0
SELECTED_SERIES = 1
#: the most bars a member chart draws: with more members (a library of a hundred summits has a thousand), the
#: largest MAX_BARS - 1 and one bar of the others, so the labels stay legible (a thousand bars were a black smear)
MAX_BARS = 20


def bars_that_fit(chart: QWidget, count: int, lines_per_bar: float = 1.0) -> int:
    """How many members a chart draws one by one: all up to MAX_BARS; beyond, as many as the plot's height holds
    with a line of text each (``lines_per_bar``), at least 3 and at most MAX_BARS - 1, the rest as one bar."""
    if count <= MAX_BARS:
        return count
    line = chart.fontMetrics().height()
    height = chart.height() - 5 * line  # the title, the axis and its title, the source under the plot
    if height <= 0:  # not laid out yet
        return MAX_BARS - 1
    return max(3, min(MAX_BARS - 1, int(height / (line * lines_per_bar)) - 1))


def others_label(count: int) -> str:
    return f"others ({count:,})"


def others_note(shown: int, total: int) -> str:
    """The sentence under a chart that draws the largest ``shown`` of ``total`` members and the rest as one bar."""
    return (f"The largest {shown:,} of {total:,} members are drawn; the other {total - shown:,} make one bar, "
            f"“{others_label(total - shown)}”.")


def with_note(source: str, note: str) -> str:
    return f"{source}. {note}" if source and note else source or note


@dataclass(frozen=True)
class Measure:
    key: str
    title: str
    axis: str
    unit: str
    divisor: float
    money: bool

    def quantity(self, row: MemberRow) -> Quantity | None:
        return row.population if self.key == "population" else row.gdp

    def exact(self, quantity: Quantity) -> str:
        return quantity.exact("people")


POPULATION = Measure("population", "Population by member state", "Population", "million people", 1e6, False)
GDP = Measure("gdp", "GDP by member state", "GDP", "US$ billion, current", 1e9, True)


def log_ticks(low: int, high: int) -> list[tuple[float, str]]:
    """Ticks at the powers of ten from 10^low to 10^high, written out (1, 10, 100, 1,000)."""
    return [(k, f"{10.0 ** k:,.0f}" if k >= 0 else f"{10.0 ** k:g}") for k in range(low, high + 1)]


class MemberBarsChart(SourcedChart):
    """One bar per member, largest on top; linear or logarithmic value axis."""

    member_clicked = Signal(str)

    def __init__(self, measure: Measure, parent: QWidget | None = None) -> None:
        super().__init__(measure.title, export_name=f"sco-members-{measure.key}", parent=parent)
        self.measure = measure  # not "metric": that name is QWidget.metric(), which Qt calls when painting
        self._rows: list[MemberRow] = []
        self._sorted: list[MemberRow] = []  # every member with a value, largest first
        self._citations = ""
        self._others: list[MemberRow] = []  # beyond MAX_BARS members, those drawn as one bar
        self._total = 1.0  # of the members' values: each bar's text gives its share
        self._log = False
        self._selected: str | None = None
        self.plot_item.invertY(True)
        self.set_axis_titles(bottom=(measure.axis, measure.unit))
        self.plot_clicked.connect(self._clicked)

    @property
    def log_scale(self) -> bool:
        return self._log

    @property
    def order(self) -> list[str]:
        """Member ids from the top bar down."""
        return [row.item.id for row in self._rows]

    def set_members(self, rows: Sequence[MemberRow]) -> None:
        with_values = sorted((row for row in rows if self.measure.quantity(row) is not None),
                             key=lambda r: -self._value(r))
        self._total = sum(self._value(r) for r in with_values) or 1.0
        citations = {q.citation for r in with_values if (q := self.measure.quantity(r)) and q.citation}
        years = sorted({q.year for r in with_values if (q := self.measure.quantity(r)) and q.year})
        self._sorted, self._citations = with_values, "; ".join(sorted(citations))
        if years:
            self.set_title(f"{self.measure.title}, {', '.join(str(y) for y in years)}")
        self._split(bars_that_fit(self, len(with_values)))
        self._draw()

    def _split(self, shown: int) -> None:
        """The largest ``shown`` members one by one, the rest as one bar, and the note and summary saying so."""
        self._rows, self._others = self._sorted[:shown], self._sorted[shown:]
        self.set_source(with_note(self._citations, others_note(shown, len(self._sorted)) if self._others else ""))
        self.set_value_summary("; ".join([self.hover_text(row) for row in self._rows]
                                         + ([self.others_text()] if self._others else [])))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """A taller or shorter chart draws more or fewer members one by one (only beyond MAX_BARS members)."""
        super().resizeEvent(event)
        shown = bars_that_fit(self, len(self._sorted))
        if self._others and shown != len(self._rows):
            self._split(shown)
            self._draw()

    def set_log_scale(self, on: bool) -> None:
        if on != self._log:
            self._log = on
            self._draw()

    def set_selected(self, member_id: str | None) -> None:
        if member_id != self._selected:
            self._selected = member_id
            self._colour_selection()

    def hover_text(self, row: MemberRow) -> str:
        quantity = self.measure.quantity(row)
        if quantity is None:
            return f"{row.state}: no figure"
        share = self._value(row) / self._total * 100
        return f"{row.state}: {self.measure.exact(quantity)}, {share:.1f}% of the members' total"

    def others_text(self) -> str:
        value = sum(self._value(row) for row in self._others)
        return (f"{others_label(len(self._others))}: {value:,.1f} {self.measure.unit} together, "
                f"{value / self._total * 100:.1f}% of the members' total")

    def _value(self, row: MemberRow) -> float:
        quantity = self.measure.quantity(row)
        return quantity.value / self.measure.divisor if quantity else 0.0

    def _draw(self) -> None:
        self.clear()
        if not self._rows:
            return
        values = [self._value(row) for row in self._rows]
        texts = [self.hover_text(row) for row in self._rows]
        if self._others:
            values.append(sum(self._value(row) for row in self._others))
            texts.append(self.others_text())
        axis = self.plot_item.getAxis("bottom")
        scale = "logarithmic scale" if self._log else None
        self.set_axis_titles(bottom=(self.measure.axis, f"{self.measure.unit}{', ' + scale if scale else ''}"))
        if self._log:
            low = math.floor(math.log10(min(values)))
            high = math.ceil(math.log10(max(values)))
            self.add_bars([math.log10(v) for v in values], texts=texts, horizontal=True, base=low,
                          colour_index=self._colour_indexes())
            axis.setTicks([log_ticks(low, high), []])
            top = math.log10(max(values))
            self.plot_item.setXRange(low - 0.015 * (top - low), top + 0.04 * (top - low), padding=0)
        else:
            axis.setTicks(None)
            self.add_bars(values, texts=texts, horizontal=True, colour_index=self._colour_indexes())
        self.set_categories([row.state for row in self._rows]
                            + ([others_label(len(self._others))] if self._others else []), axis="left")

    def _colour_indexes(self) -> list[int]:
        return [SELECTED_SERIES if row.item.id == self._selected else BAR_SERIES for row in self._rows] + \
            ([BAR_SERIES] if self._others else [])

    def _colour_selection(self) -> None:
        for bars in self._bars:
            bars.colour_index = self._colour_indexes()
        self._colour_bars(self.colours())

    def _clicked(self, _x: float, y: float) -> None:
        index = round(y)
        if 0 <= index < len(self._rows):
            self.member_clicked.emit(self._rows[index].item.id)


class AccessionTimelineChart(SourcedChart):
    """Members by year joined: a step line of the total and one labelled point per member."""

    member_clicked = Signal(str)

    def __init__(self, source: str = "", parent: QWidget | None = None) -> None:
        super().__init__("Accession of the member states, 2001–2024", source=source,
                         export_name="sco-accession-timeline", parent=parent)
        self.set_axis_titles(left=("Member states", "total"), bottom=("Year of accession", None))
        self._rows: list[MemberRow] = []
        self._points: list[tuple[MemberRow, int, int]] = []  # row, year, running total
        self._selected: str | None = None
        self._labels = TextLabels(anchor=(0.0, 0.05))
        self._label_rows: list[MemberRow | None] = []  # the member each label names (None: a year's count)
        self._step: pg.PlotDataItem | None = None
        self._scatter: pg.ScatterPlotItem | None = None
        self.plot_clicked.connect(self._clicked)

    def years(self) -> list[int]:
        return sorted({year for _row, year, _n in self._points})

    def set_members(self, rows: Sequence[MemberRow]) -> None:
        joined = sorted((row for row in rows if row.joined), key=lambda r: (r.joined or 0, r.state))
        self._rows = joined
        self._points = [(row, row.joined or 0, n) for n, row in enumerate(joined, start=1)]
        by_year: dict[int, list[str]] = {}
        for row, year, _n in self._points:
            by_year.setdefault(year, []).append(row.state)
        self.set_value_summary("; ".join(f"{year}: {', '.join(names)}" for year, names in by_year.items()))
        if by_year:
            self.set_title(f"Accession of the member states, {min(by_year)}–{max(by_year)}")
        if not self.source_label.text():
            self.set_source("the year each state joined, as stated in the briefing pack (each state's sources in "
                            "the table's tooltips)")
        self._draw()

    def set_selected(self, member_id: str | None) -> None:
        if member_id != self._selected:
            self._selected = member_id
            self.apply_colours(self.colours())

    def _draw(self) -> None:
        self.clear()
        if self._labels.scene() is not None:
            self.plot_item.removeItem(self._labels)
        self._labels.set_labels([])
        for item in (self._step, self._scatter):
            if item is not None:
                self.plot_item.removeItem(item)
        if not self._points:
            return
        first = self._points[0][1]
        last = self._points[-1][1]
        totals: dict[int, int] = {}
        for _row, year, n in self._points:
            totals[year] = n
        xs = [first - 1, *totals.keys(), last + 1]
        ys = [0, *totals.values(), 0]
        ys[-1] = ys[-2]
        self._step = pg.PlotDataItem(xs, ys, stepMode="right")
        self.plot_item.addItem(self._step)
        self._scatter = pg.ScatterPlotItem([y for _r, y, _n in self._points], [n for _r, _y, n in self._points],
                                           size=9)
        self.plot_item.addItem(self._scatter)
        # Below and right of each point: clear of the step line, which runs along and up from the point.
        if len(self._points) > MAX_BARS:  # a library's thousand names would print over each other: one a year
            last_of_year = {year: (row, n) for row, year, n in self._points}
            counts = {year: sum(1 for _r, y, _n in self._points if y == year) for year in last_of_year}
            self._label_rows = [None] * len(last_of_year)
            self._labels.set_labels([(f"{counts[year]:,} states ({year})", year + 0.2, n)
                                     for year, (_row, n) in last_of_year.items()])
        else:
            self._label_rows = [row for row, _year, _n in self._points]
            self._labels.set_labels([(f"{row.state} ({year})", year + 0.2, n) for row, year, n in self._points])
        self.plot_item.addItem(self._labels)
        for row, year, n in self._points:
            self.add_hover_target(HoverTarget(year - 0.5, year + 5.5, n - 0.8, n + 0.2,
                                              f"{row.state} joined in {year}: {row.joined_note}"))
        self.plot_item.setXRange(first - 1.5, last + 5.5, padding=0)
        self.plot_item.setYRange(0, len(self._points) + 0.8, padding=0)
        step = next(s for s in (2, 5, 10, 20, 50, 100, 200, 500, 1000, 10**9) if len(self._points) / s <= 12)
        self.plot_item.getAxis("left").setTicks([[(n, f"{n:,}") for n in range(0, len(self._points) + 1, step)], []])
        self.plot_item.getAxis("bottom").setTicks([[(y, str(y)) for y in (2001, 2005, 2010, 2017, 2024)
                                                    if first - 1.5 <= y <= last + 5.5], []])
        self.apply_colours(self.colours())

    def apply_colours(self, colours: ChartColours) -> None:
        # Called by the base class before this one has set its items up.
        step, scatter = getattr(self, "_step", None), getattr(self, "_scatter", None)
        if step is None or scatter is None:
            return
        step.setPen(pg.mkPen(colours.series_colour(BAR_SERIES), width=2))
        # Two brushes shared by every point (one per point made the scatter draw a symbol per member)
        selected = pg.mkBrush(colours.series_colour(SELECTED_SERIES))
        other = pg.mkBrush(colours.series_colour(BAR_SERIES))
        scatter.setBrush([selected if row.item.id == self._selected else other for row, _y, _n in self._points])
        scatter.setPen(pg.mkPen(colours.background, width=1))
        self._labels.set_colours([colours.series_colour(SELECTED_SERIES) if row is not None
                                  and row.item.id == self._selected else colours.text for row in self._label_rows])

    def _clicked(self, x: float, y: float) -> None:
        for row, year, n in self._points:
            if year - 0.5 <= x <= year + 5.5 and n - 0.8 <= y <= n + 0.2:
                self.member_clicked.emit(row.item.id)
                return

