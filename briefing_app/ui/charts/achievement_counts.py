"""Results of the chairmanship per group: achievements, with the documents and projects of the group stacked
after them (one horizontal bar per group of the Achievements tree, first group on top)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from briefing_app.ui.charts.chart_base import SourcedChart, colour_legend
from briefing_app.ui.charts.chart_colours import ChartColours
from briefing_app.ui.models.achievement_tree_model import GroupCount

ACHIEVEMENT_SERIES = 0
FILED_SERIES = 1


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def count_text(count: GroupCount) -> str:
    """The exact values of one bar, as the hover label and the screen reader say them."""
    parts = [_plural(count.achievements, "achievement", "achievements")]
    if count.documents:
        parts.append(_plural(count.documents, "document", "documents"))
    if count.projects:
        parts.append(_plural(count.projects, "flagship project", "flagship projects"))
    return f"{count.label}: " + ", ".join(parts)


class AchievementCountsChart(SourcedChart):
    """Emits ``group_clicked`` with a group's key when its bar is clicked (the tab then shows that group)."""

    group_clicked = Signal(str)

    def __init__(self, source: str, parent: QWidget | None = None) -> None:
        super().__init__("Results by group", source=source, export_name="achievements-by-group", parent=parent)
        self.set_axis_titles(bottom=("Items in the briefing", "count"))
        self._counts: list[GroupCount] = []
        self.legend = self.plot_item.addLegend(offset=(-6, 2), colCount=2, labelTextSize=f"{self._font_pt() - 1}pt")
        self.setMinimumHeight(220)
        self.plot_clicked.connect(self._clicked)
        self.plot_widget.setCursor(Qt.CursorShape.PointingHandCursor)

    @property
    def counts(self) -> list[GroupCount]:
        return list(self._counts)

    def set_counts(self, counts: Sequence[GroupCount]) -> None:
        self.clear()
        self.legend.clear()
        self._counts = list(counts)
        # Bars are placed from the bottom up: reverse, so the first group of the tree is the top bar.
        shown = list(reversed(self._counts))
        texts = [count_text(c) for c in shown]
        # The whole length first, the achievements over it: what shows beyond them is the documents and projects.
        filed = self.add_bars([c.total for c in shown], texts=texts, colour_index=FILED_SERIES, horizontal=True,
                              hover=False)
        own = self.add_bars([c.achievements for c in shown], texts=texts, colour_index=ACHIEVEMENT_SERIES,
                            horizontal=True)
        self.legend.addItem(own, "Achievements")
        if any(c.documents or c.projects for c in shown):
            self.legend.addItem(filed, "Documents and projects")
        self.set_categories([c.label for c in shown], axis="left")
        top = max((c.total for c in shown), default=1)
        self.plot_item.setXRange(-top * 0.015, top * 1.02 + 0.2, padding=0)  # a hair left of 0: the 0 tick shows
        self.plot_item.setYRange(-0.6, len(shown) - 0.4 + 0.9, padding=0)  # headroom above for the legend
        step = max(1, round(top / 6))
        self.plot_item.getAxis("bottom").setTicks([[(n, str(n)) for n in range(0, top + 1, step)], []])
        self.set_value_summary("; ".join(count_text(c) for c in self._counts))
        self.apply_colours(self.colours())

    def group_at(self, y: float) -> str | None:
        """The key of the group whose bar is at height ``y`` (view coordinates), if any."""
        row = round(y)
        shown = list(reversed(self._counts))
        return shown[row].key if 0 <= row < len(shown) and abs(y - row) <= 0.5 else None

    def _clicked(self, _x: float, y: float) -> None:
        key = self.group_at(y)
        if key is not None:
            self.group_clicked.emit(key)

    def apply_colours(self, colours: ChartColours) -> None:
        # The base class calls this before __init__ here has added the legend.
        colour_legend(getattr(self, "legend", None), colours)
