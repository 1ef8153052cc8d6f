"""The documents of the chairmanship by status: how many were adopted, signed, are being adopted or proposed.

What a reader of the Achievements tab asks ("how much of this is done?"), one bar per status with its count
written at its end; a click on a bar opens the first document of that status."""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QWidget

from briefing_app.domain.items import Item
from briefing_app.ui.charts.chart_base import SourcedChart
from briefing_app.ui.charts.chart_colours import ChartColours
from briefing_app.views.attributes import item_status

#: the statuses in the order a reader follows them, done first
STATUS_ORDER = ("in_force", "signed", "adopted", "adopted_without_signing", "being_adopted", "approved_as_draft",
                "submitted", "announced", "proposed")
STATUS_TEXT = {"in_force": "In force", "adopted": "Adopted", "signed": "Signed",
               "adopted_without_signing": "Adopted without signing", "being_adopted": "Being adopted at the summit",
               "approved_as_draft": "Approved as a draft", "submitted": "Submitted for consideration",
               "announced": "Announced before the summit", "proposed": "Proposed"}


def status_counts(documents: Sequence[Item]) -> list[tuple[str, list[str]]]:
    """(status, document ids) for every status some document has, in :data:`STATUS_ORDER`."""
    by_status: dict[str, list[str]] = {}
    for document in documents:
        by_status.setdefault(item_status(document) or "unknown", []).append(document.id)
    known = [s for s in STATUS_ORDER if s in by_status]
    return [(s, by_status[s]) for s in known + sorted(set(by_status) - set(known))]


def count_line(status: str, ids: Sequence[str]) -> str:
    count = len(ids)
    return f"{STATUS_TEXT.get(status, status.replace('_', ' ').capitalize())}: {count} document{'s' * (count != 1)}"


class DocumentStatusChart(SourcedChart):
    """Emits ``document_clicked`` with the first document of the status whose bar was clicked."""

    document_clicked = Signal(str)

    def __init__(self, source: str = "", parent: QWidget | None = None) -> None:
        super().__init__("Documents of the chairmanship by status", source=source, export_name="documents-by-status",
                         parent=parent)
        self.set_axis_titles(bottom=("Documents", "count"))
        self._rows: list[tuple[str, list[str]]] = []
        self.value_labels: list[pg.TextItem] = []
        self.setMinimumHeight(180)
        self.plot_clicked.connect(self._clicked)
        self.plot_widget.setCursor(Qt.CursorShape.PointingHandCursor)
        self._top = 1
        self.plot_item.getViewBox().sigResized.connect(self._fit_counts)

    @property
    def rows(self) -> list[tuple[str, list[str]]]:
        return list(self._rows)

    def set_documents(self, documents: Sequence[Item]) -> None:
        self.clear()
        for label in self.value_labels:
            self.plot_item.removeItem(label)
        self.value_labels = []
        self._rows = status_counts(documents)
        shown = list(reversed(self._rows))  # bars go bottom-up: the first status is the top bar
        texts = [count_line(status, ids) for status, ids in shown]
        self.add_bars([len(ids) for _s, ids in shown], texts=texts, horizontal=True)
        self.set_categories([STATUS_TEXT.get(s, s) for s, _ids in shown], axis="left")
        for row, (_status, ids) in enumerate(shown):
            label = pg.TextItem(str(len(ids)), anchor=(0.0, 0.5))
            label.setPos(len(ids), row)
            self.plot_item.addItem(label, ignoreBounds=True)
            self.value_labels.append(label)
        self._top = max((len(ids) for _s, ids in shown), default=1)
        self._fit_counts()
        self.plot_item.getAxis("bottom").setTicks(
            [[(n, str(n)) for n in range(0, self._top + 1, max(1, self._top // 5))], []])
        self.set_value_summary("; ".join(count_line(s, ids) for s, ids in self._rows))
        self.apply_colours(self.colours())

    def _fit_counts(self, *_args: object) -> None:
        """Room left of 0 for its tick label (pyqtgraph drops a label reaching past the plot, and 0 sits at the
        bars' base) and right of the longest bar for its count, in pixels of the plot's current width."""
        top = self._top
        axis = self.plot_item.getAxis("bottom")
        metrics = QFontMetricsF(axis.style["tickFont"] or self.font())
        left_px = metrics.horizontalAdvance("0") / 2 + 2
        right_px = metrics.horizontalAdvance(str(top)) + 12
        pixels = self.plot_item.getViewBox().width()
        low, high = -top * 0.015, top * 1.12 + 0.3
        if pixels > 2 * (left_px + right_px):
            per_pixel = top / (pixels - left_px - right_px)  # the counts 0..top between the two margins
            low, high = min(low, -left_px * per_pixel), max(high, top + right_px * per_pixel)
        self.plot_item.setXRange(low, high, padding=0)

    def status_at(self, y: float) -> str | None:
        row = round(y)
        shown = list(reversed(self._rows))
        return shown[row][0] if 0 <= row < len(shown) and abs(y - row) <= 0.5 else None

    def _clicked(self, _x: float, y: float) -> None:
        status = self.status_at(y)
        ids = dict(self._rows).get(status or "")
        if ids:
            self.document_clicked.emit(ids[0])

    def apply_colours(self, colours: ChartColours) -> None:
        for label in getattr(self, "value_labels", []):
            label.setColor(colours.text)
