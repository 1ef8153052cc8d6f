"""The Achievements tab: the results of Kazakhstan's chairmanship grouped by category, the documents and flagship
projects under the achievements that name them, a chart of the documents by status, and the detail pane with the
quote."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QStyledItemDelegate, QVBoxLayout, QWidget

from briefing_app.domain.items import ItemKind
from briefing_app.reports.formatting import long_date
from briefing_app.ui.models.achievement_tree_model import AchievementTreeModel
from briefing_app.ui.models.item_tree_model import ItemTreeModel
from briefing_app.ui.panels.base import PanelContext
from briefing_app.ui.panels.item_tree_panel import ItemTreePanel
from briefing_app.ui.widgets.status_badge import StatusBadgeDelegate
from briefing_app.views.targets import TAB_KINDS

if TYPE_CHECKING:
    from briefing_app.ui.charts.document_status import DocumentStatusChart

STATUS_COLUMN = 1
SOURCE_COLUMN = 2
CHART_HEIGHT = 200


class AchievementsPanel(ItemTreePanel):
    #: emitted once the chart of the documents by status is built (after the tree's first paint)
    chart_ready = Signal()
    kinds = TAB_KINDS["achievements"]
    filter_placeholder = "Filter results, documents and projects…"
    tree_name = "Results of the chairmanship"
    tree_description = (
        "Achievements grouped by category, with the documents and flagship projects they name; "
        "the Source column gives the paragraphs of the address"
    )
    fixed_columns = {SOURCE_COLUMN: 72}

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)

        # The chart (and pyqtgraph with it) comes after the tree's first paint: a window reopened on this tab
        # paints at once, without waiting for the plotting library.
        self.chart: DocumentStatusChart | None = None
        self.chart_holder = QWidget()
        self.chart_holder.setMinimumHeight(CHART_HEIGHT)
        self.chart_holder.setMaximumHeight(CHART_HEIGHT)
        QVBoxLayout(self.chart_holder).setContentsMargins(0, 0, 0, 0)
        self.left_layout.addWidget(self.chart_holder)
        self.tree.viewport().installEventFilter(self)
        self.select_first_item()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.chart is None and watched is self.tree.viewport() and event.type() == QEvent.Type.Paint:
            self.tree.viewport().removeEventFilter(self)
            QTimer.singleShot(0, self.ensure_chart)
        return super().eventFilter(watched, event)

    def ensure_chart(self) -> DocumentStatusChart:
        """The chart of the documents by status, built now if it was not yet."""
        if self.chart is not None:
            return self.chart
        from briefing_app.ui.charts.document_status import DocumentStatusChart

        info = self.context.services.briefing.pack_info()
        primary = next((d for d in info.documents if d.primary), None)
        source = f"items of briefing pack {info.id} {info.version}"
        if primary is not None:
            source += f", from the primary source ({primary.publisher.split(',')[0]}, "
            source += f"{long_date(primary.date)})"
        chart = DocumentStatusChart(source)
        chart.set_documents(self.documents)  # the tree's own: read once
        chart.document_clicked.connect(self.context.navigator.open)
        holder_layout = self.chart_holder.layout()
        assert holder_layout is not None  # made with the holder
        holder_layout.addWidget(chart)
        chart.show()  # a child added to a shown parent is otherwise shown only on the next turn of the event loop
        self.chart = chart
        self.chart_ready.emit()
        return chart

    def column_delegates(self) -> dict[int, QStyledItemDelegate]:
        self.status_delegate = StatusBadgeDelegate(self.tree)
        return {STATUS_COLUMN: self.status_delegate}

    def make_model(self) -> ItemTreeModel:
        briefing = self.context.services.briefing
        #: the summit's documents, in the tree and in the chart
        self.documents = briefing.items(ItemKind.DOCUMENT)
        self.achievement_model = AchievementTreeModel(
            briefing.items(ItemKind.ACHIEVEMENT), self.documents, briefing.items(ItemKind.PROJECT),
            self.context.services.bookmarks, self,
        )
        return self.achievement_model
