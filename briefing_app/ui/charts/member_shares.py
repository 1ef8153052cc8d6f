"""Each member's share of the members' combined population and GDP: two bars per state, largest GDP on top, each
with its value written at its end (so a share of 0.1%, too short to see as a bar, is still read)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QWidget

from briefing_app.ui.charts.chart_base import ChartColours, HoverTarget, SourcedChart, colour_legend
from briefing_app.ui.charts.member_charts import bars_that_fit, others_label, others_note, with_note
from briefing_app.ui.charts.text_labels import TextLabels
from briefing_app.views.members import MemberRow

POPULATION_SERIES = 0
GDP_SERIES = 1
#: a member's two bars, each with its value written at its end in a smaller font: about this many lines of text
LINES_PER_MEMBER = 1.6


class MemberSharesChart(SourcedChart):
    """Share of population and of GDP by member state, in percent of the ten members' totals."""

    member_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Shares of the members' population and GDP", export_name="sco-member-shares", parent=parent)
        self.set_axis_titles(bottom=("Share of the members' total", "%"))
        self.plot_item.invertY(True)
        self.legend = self.plot_item.addLegend(offset=(-4, -4), labelTextSize=f"{self._font_pt() - 1}pt")
        self._rows: list[MemberRow] = []
        self._shares: list[tuple[float, float]] = []
        #: beyond MAX_BARS members: how many are drawn as one bar, and their population and GDP share together
        self._others: tuple[int, float, float] = (0, 0.0, 0.0)
        self._sorted: list[MemberRow] = []  # every member, largest GDP first
        self._all_shares: dict[str, tuple[float, float]] = {}
        self._citations = ""
        #: the value written at the end of each bar (GDP, population for each member in order)
        self.value_labels = TextLabels(anchor=(0.0, 0.5))
        self.plot_clicked.connect(self._clicked)

    @property
    def order(self) -> list[str]:
        return [row.item.id for row in self._rows]

    def shares(self) -> dict[str, tuple[float, float]]:
        """Population and GDP share (percent) by member id."""
        return {row.item.id: share for row, share in zip(self._rows, self._shares, strict=True)}

    def set_members(self, rows: Sequence[MemberRow]) -> None:
        usable = list(rows)  # every member row has both figures (the pack's schema requires them)
        population = sum(r.population.value for r in usable) or 1.0
        gdp = sum(r.gdp.value for r in usable) or 1.0
        shares = {r.item.id: (r.population.value / population * 100, r.gdp.value / gdp * 100) for r in usable}
        self._sorted = sorted(usable, key=lambda r: -shares[r.item.id][1])
        self._all_shares = shares
        years = sorted({q.year for r in usable for q in (r.population, r.gdp) if q and q.year})
        if years:
            span = str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"
            self.set_title(f"Shares of the members' population and GDP, {span}")
        citations = sorted({q.citation.split(";")[0] for r in usable for q in (r.population, r.gdp)
                            if q and q.citation})
        self._citations = "; ".join(citations)
        self._split(bars_that_fit(self, len(self._sorted), LINES_PER_MEMBER))
        self._draw()

    def _split(self, shown: int) -> None:
        """The largest ``shown`` members one by one, the rest as one pair of bars, and the note saying so."""
        self._rows = self._sorted[:shown]
        self._shares = [self._all_shares[r.item.id] for r in self._rows]
        rest = [self._all_shares[r.item.id] for r in self._sorted[shown:]]
        self._others = (len(rest), sum(p for p, _g in rest), sum(g for _p, g in rest))
        self.set_source(with_note(self._citations, others_note(shown, len(self._sorted)) if rest else ""))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """A taller or shorter chart draws more or fewer members one by one (only beyond MAX_BARS members)."""
        super().resizeEvent(event)
        shown = bars_that_fit(self, len(self._sorted), LINES_PER_MEMBER)
        if self._others[0] and shown != len(self._rows):
            self._split(shown)
            self._draw()

    def hover_text(self, index: int) -> str:
        if index == len(self._rows):  # the others' bar
            count, population, gdp = self._others
            return f"{others_label(count)}: {population:.1f}% of the members' population, {gdp:.1f}% of their GDP"
        row, (population, gdp) = self._rows[index], self._shares[index]
        return f"{row.state}: {population:.1f}% of the members' population, {gdp:.1f}% of their GDP"

    def _drawn_shares(self) -> list[tuple[float, float]]:
        """The shares of the bars drawn: each member's, then the others' together (when there are others)."""
        count, population, gdp = self._others
        return self._shares + ([(population, gdp)] if count else [])

    @staticmethod
    def value_text(share: float) -> str:
        return f"{share:.1f}%" if share >= 0.05 else "<0.1%"

    def _draw(self) -> None:
        self.clear()
        self.legend.clear()
        if self.value_labels.scene() is not None:
            self.plot_item.removeItem(self.value_labels)
        self.value_labels.set_labels([])
        if not self._rows:
            return
        drawn = self._drawn_shares()
        count = len(drawn)
        gdp_bars = self.add_bars([s[1] for s in drawn], texts=[""] * count, colour_index=GDP_SERIES,
                                 horizontal=True, width=0.38, offset=-0.19, hover=False)
        population_bars = self.add_bars([s[0] for s in drawn], texts=[""] * count,
                                        colour_index=POPULATION_SERIES, horizontal=True, width=0.38, offset=0.19,
                                        hover=False)
        self.legend.addItem(gdp_bars, "GDP")
        self.legend.addItem(population_bars, "Population")
        for index in range(count):
            self.add_hover_target(HoverTarget(None, None, index - 0.5, index + 0.5, self.hover_text(index)))
        self.set_categories([row.state for row in self._rows]
                            + ([others_label(self._others[0])] if self._others[0] else []), axis="left")
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, self._font_pt() - 2.0))
        # One item draws every value (thousands of rows in a large pack), placed as pg.TextItem would place it.
        self.value_labels.setFont(font)
        self.value_labels.set_labels([(self.value_text(value), value, index + offset)
                                      for index, (population, gdp) in enumerate(drawn)
                                      for value, offset in ((gdp, -0.19), (population, 0.19))])
        self.plot_item.addItem(self.value_labels, ignoreBounds=True)
        top = max(max(s) for s in drawn)
        self.plot_item.setXRange(-top * 0.01, top * 1.16, padding=0)  # room for the values after the bars
        self.set_value_summary("; ".join(self.hover_text(i) for i in range(count)))
        self.apply_colours(self.colours())

    def apply_colours(self, colours: ChartColours) -> None:
        # The base class calls this before __init__ here has added the legend.
        colour_legend(getattr(self, "legend", None), colours)
        labels = getattr(self, "value_labels", None)
        if labels is not None:
            labels.setColor(colours.text)

    def _clicked(self, _x: float, y: float) -> None:
        index = round(y)
        if 0 <= index < len(self._rows):
            self.member_clicked.emit(self._rows[index].item.id)
