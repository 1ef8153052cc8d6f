"""The Overview tab: the summit at a glance, an ambassador's first screen.

Left, top to bottom: the event (date, venue, theme, summary), the summit's key facts as lines (host, chair,
handover, new member, declaration, format, previous summit), the headline figures as cards and the priority
areas in the order of the address. Right: a chart of the members' shares of population and GDP, and the
detail pane where events, figures and concepts open. Every line and card opens its item.

The first paint does not wait for pyqtgraph: the chart is built just after the tab has painted.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from briefing_app.domain.items import Item
from briefing_app.reports.formatting import esc
from briefing_app.services.first_paint import is_first_paint
from briefing_app.ui.models.figure_card_model import FigureCardModel
from briefing_app.ui.models.summit_line_model import SummitLineModel
from briefing_app.ui.panels.base import Panel, PanelContext
from briefing_app.ui.panels.overview_views import FigureCardView, OpeningListView, SummitLineDelegate
from briefing_app.ui.widgets.capped_label import CappedLabel
from briefing_app.ui.widgets.item_context_menu import install_item_context_menu
from briefing_app.ui.widgets.item_detail import ItemDetailView
from briefing_app.views.attributes import event_attrs
from briefing_app.views.numbers import weekday_date
from briefing_app.views.summit import main_event, priorities_heading_for, priority_lines, summit_lines
from briefing_app.views.targets import TAB_KINDS, Target

if TYPE_CHECKING:
    from briefing_app.ui.charts.member_shares import MemberSharesChart

HEADLINE_FIGURES = 8
#: the lines of a note under a heading shown before "Show all"
NOTE_LINES = 4

def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF((font.pointSizeF() if font.pointSizeF() > 0 else 10.0) * 1.1)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def _note(text: str) -> CappedLabel:
    """A short note under a heading (hidden when empty), wrapped, in italics; a note that names every priority area
    of a large library is cut after a few lines, with a "Show all" button."""
    label = CappedLabel(text, lambda part: f"<i>{esc(part)}</i>", max_lines=NOTE_LINES)
    label.setAccessibleName(text)
    label.setVisible(bool(text))
    return label


class OverviewPanel(Panel):
    kinds = TAB_KINDS["overview"]

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        started = time.perf_counter()
        super().__init__(context, parent)
        briefing = context.services.briefing
        self.build_ms: dict[str, float] = {}
        self.chart: MemberSharesChart | None = None
        self.summit_event = main_event(briefing)
        self._painted = False
        self._sized = False

        page = QWidget()
        page.setObjectName("overview-page")
        column = QVBoxLayout(page)
        column.setContentsMargins(12, 8, 12, 8)
        column.setSpacing(5)
        self._add_header(column, self.summit_event)

        column.addWidget(_heading("At the summit"))
        detail = briefing.detail(self.summit_event.id) if self.summit_event else None
        self.summit_model = SummitLineModel(summit_lines(detail) if detail else [], self)
        self.summit_view = OpeningListView("At the summit", "Host, chair, handover, new member, declaration, "
                                           "format and previous summit; press Enter to open one")
        self.summit_view.setItemDelegate(SummitLineDelegate(parent=self.summit_view))
        self.summit_view.setModel(self.summit_model)
        self.summit_view.opened.connect(context.navigator.open)
        column.addWidget(self.summit_view)

        figures_row = QHBoxLayout()
        figures_row.addWidget(_heading("Headline figures"))
        figures_row.addStretch(1)
        # Only the headline cards are read for the first paint; the rest when "Show all" (or a figure) asks.
        self.figure_model = FigureCardModel(
            briefing.items_stated_first("figure", HEADLINE_FIGURES), self, context.services.bookmarks,
            total=briefing.counts().get("figure", 0), load_all=lambda: briefing.items("figure"))
        context.bookmark_signals.changed.connect(self.figure_model.bookmark_changed)
        self.more_figures = QPushButton()
        self.more_figures.setFlat(True)
        self.more_figures.setCheckable(True)
        self.more_figures.setAccessibleName("Show all figures")
        self.more_figures.toggled.connect(self._show_all_figures)
        figures_row.addWidget(self.more_figures)
        column.addLayout(figures_row)
        self.figure_view = FigureCardView("Headline figures", "Figures of the summit as cards; arrows move, "
                                          "Enter opens a figure with its sources")
        self.figure_view.setModel(self.figure_model)
        self.figure_view.opened.connect(context.navigator.open)
        column.addWidget(self.figure_view)
        self._show_all_figures(False)

        priorities = briefing.items("priority")
        heading = priorities_heading_for(priorities)
        self.priorities_heading = _heading(heading.title)
        column.addWidget(self.priorities_heading)
        self.priorities_note = _note(heading.note)
        column.addWidget(self.priorities_note)
        self.priority_model = SummitLineModel(priority_lines(priorities), self)
        self.priority_view = OpeningListView("Priority areas", "The priority areas in the order of the address, "
                                             "with their proposals; press Enter to open one")
        self.priority_view.setItemDelegate(SummitLineDelegate(parent=self.priority_view))
        self.priority_view.setModel(self.priority_model)
        self.priority_view.opened.connect(context.navigator.open)
        for view in (self.summit_view, self.figure_view, self.priority_view):
            install_item_context_menu(view, context)
        column.addWidget(self.priority_view)
        column.addStretch(1)
        for view in (self.summit_view, self.priority_view):
            view.fit_height()

        scroll = QScrollArea()
        scroll.setWidget(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setAccessibleName("The summit at a glance")
        self.page_scroll = scroll

        self.chart_holder = QWidget()
        self.chart_holder.setAccessibleName("Chart of the members' shares")
        self.chart_layout = QVBoxLayout(self.chart_holder)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        self.chart_holder.setMinimumHeight(260)
        self.detail = ItemDetailView(context)
        self.detail.setAccessibleName("Detail of the opened event, figure or concept")
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.chart_holder)
        right.addWidget(self.detail)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 1)
        right.setChildrenCollapsible(False)
        self.right = right

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(scroll)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        self.split = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        if self.summit_event is not None:
            self.detail.show_item(self.summit_event.id)
        self.build_ms["cards"] = (time.perf_counter() - started) * 1000

    def _add_header(self, column: QVBoxLayout, event: Item | None) -> None:
        if event is None:
            column.addWidget(QLabel("This briefing has no event."))
            return
        attrs = event_attrs(event)
        self.title_label = QLabel(f'<a href="{esc(Target.item(event.id).href())}" style="text-decoration: none">'
                                  f"{esc(event.title)}</a>")
        self.title_label.setWordWrap(True)
        font = QFont(self.title_label.font())
        font.setPointSizeF((font.pointSizeF() if font.pointSizeF() > 0 else 10.0) * 1.55)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.title_label.setAccessibleName(f"Event: {event.title}")
        self.title_label.linkActivated.connect(self.context.navigator.open)
        place = ", ".join(part for part in (attrs.venue, attrs.city) if part)
        when = " · ".join(part for part in (weekday_date(attrs.date), place) if part)
        self.when_label = QLabel(when)
        when_font = QFont(self.when_label.font())
        when_font.setPointSizeF((when_font.pointSizeF() if when_font.pointSizeF() > 0 else 10.0) * 1.15)
        self.when_label.setFont(when_font)
        self.when_label.setAccessibleName(f"Date and place: {when}")
        theme = attrs.theme
        self.theme_label = QLabel(f"<i>Theme:</i> {esc(theme)}" if theme else "")
        self.theme_label.setWordWrap(True)
        self.theme_label.setVisible(bool(theme))
        self.summary_label = QLabel(esc(event.summary))
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName("Summary of the summit")
        for label in (self.title_label, self.when_label, self.theme_label, self.summary_label):
            column.addWidget(label)
        column.addSpacing(4)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "title_label"):
            # A label lays its rich text out with the link colour of the moment: lay it out again.
            text = self.title_label.text()
            self.title_label.clear()
            self.title_label.setText(text)

    # --- figures --------------------------------------------------------------------------------------

    def _show_all_figures(self, show_all: bool) -> None:
        total = self.figure_model.rowCount()
        shown = total if show_all else min(HEADLINE_FIGURES, total)
        if show_all:
            self.figure_model.load_all()
        for row in range(HEADLINE_FIGURES, total):  # the headline cards always show
            self.figure_view.setRowHidden(row, row >= shown)
        self.more_figures.setVisible(total > HEADLINE_FIGURES)
        self.more_figures.setText("Show fewer" if show_all else f"Show all {total} figures")
        self.figure_view.relayout()

    # --- chart, built after the first paint -----------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            total = self.split.width()
            self.split.setSizes([total * 58 // 100, total - total * 58 // 100])
            height = self.right.height()
            self.right.setSizes([height * 45 // 100, height - height * 45 // 100])

    def take_place_of(self, shown: Panel) -> None:
        """Stand in for ``shown`` (the Overview of the first paint, built over the stand-in services) exactly as
        it was laid out: the same split of the page, chart and detail, so nothing moves when it is replaced."""
        if isinstance(shown, OverviewPanel) and shown._sized:
            self._sized = True
            self.resize(shown.size())
            self.split.setSizes(shown.split.sizes())
            self.right.setSizes(shown.right.sizes())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._chart_after_paint)

    def _chart_after_paint(self) -> None:
        """The chart after the Overview's first paint, unless the user has gone to another tab meanwhile: that
        tab must not wait for the chart (and pyqtgraph's import); the Overview's next paint builds it."""
        if self.isVisible():
            self.ensure_chart()
        else:
            self._painted = False

    def ensure_chart(self) -> None:
        """Build the chart now if it is not yet (pyqtgraph is imported here, never before the first paint).

        Not in the Overview of the window's first paint: it is built again over the real services right after."""
        if self.chart is not None or is_first_paint(self.context.services):
            return
        started = time.perf_counter()
        from briefing_app.ui.charts.member_shares import MemberSharesChart
        from briefing_app.views.members import member_rows

        chart = self.chart = MemberSharesChart()
        chart.set_members(member_rows(self.context.services.briefing))
        chart.member_clicked.connect(self.context.navigator.open)
        self.chart_layout.addWidget(chart)
        self.build_ms["chart"] = (time.perf_counter() - started) * 1000

    # --- Panel interface ------------------------------------------------------------------------------

    def open_item(self, item_id: str) -> bool:
        if not self.owns(item_id) or not self.context.services.briefing.exists(item_id):
            return False
        row = self.figure_model.row_of(item_id)
        if row >= 0:
            if self.figure_view.isRowHidden(row):
                self.more_figures.setChecked(True)
            index = self.figure_model.index(row)
            self.figure_view.setCurrentIndex(index)
            self.page_scroll.ensureWidgetVisible(self.figure_view)
        self.detail.show_item(item_id)
        return True

    def current_item_id(self) -> str | None:
        return self.detail.item_id
