"""The Members tab: the member states (or the observers and dialogue partners) as a sortable, filterable table,
the detail of the selected state, and charts of population, GDP and accession.

People and organisations open here too: their detail shows in the pane, and a head of delegation selects the
state they represented. The charts are built after the table has been painted (pyqtgraph loads then).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from briefing_app.domain.items import kind_of
from briefing_app.ui.models.item_table_model import FILTER_ROLE, ItemTableModel
from briefing_app.ui.models.member_table_model import MemberTableModel, member_rows
from briefing_app.ui.models.partner_table_model import PartnerTableModel, partner_rows
from briefing_app.ui.models.roles import ITEM_ID_ROLE, SORT_ROLE
from briefing_app.ui.panels.base import Panel, PanelContext
from briefing_app.ui.panels.member_detail import MemberDetailView
from briefing_app.ui.widgets.item_context_menu import install_item_context_menu
from briefing_app.views.targets import TAB_KINDS

if TYPE_CHECKING:
    from briefing_app.ui.charts.member_charts import AccessionTimelineChart, MemberBarsChart

MEMBERS_PAGE = 0
PARTNERS_PAGE = 1


#: rows measured for the column widths (a large pack holds thousands, alike in shape) and for the row height
SAMPLE_ROWS = 100
HEIGHT_SAMPLE_ROWS = 20


class SourceSortedProxy(QSortFilterProxyModel):
    """Filters the rows; sorting is the table model's own (its keys computed once and sorted in Python), so
    sorting thousands of rows does not call back into Python at every comparison. The rows keep the order the
    model gives them."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, ItemTableModel):
            source.sort(column, order)
        else:
            super().sort(column, order)


def _table(
    model: ItemTableModel, name: str, stretch_column: int, sort_column: int = 0
) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = SourceSortedProxy(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterRole(FILTER_ROLE)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView()
    view.setModel(proxy)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    # Measured once from a sample, not re-measured over every row at each layout: rows are one line each, and
    # the columns start as wide as their content (the user may widen them); the stretch column takes the rest.
    rows = view.verticalHeader()
    rows.setVisible(False)
    for measured in (header, rows):
        measured.setResizeContentsPrecision(SAMPLE_ROWS)
    sample = range(min(HEIGHT_SAMPLE_ROWS, proxy.rowCount()))
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(max([view.sizeHintForRow(row) for row in sample] + [view.fontMetrics().height() + 6]))
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.resizeColumnsToContents()
    star = view.fontMetrics().horizontalAdvance("★ ")  # a bookmarked row's first cell gains a star
    header.resizeSection(0, header.sectionSize(0) + star)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    # Sorting on after the model is set, with the indicator already on the column: one sort, not three.
    header.setSortIndicator(sort_column, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    return view, proxy


class MembersPanel(Panel):
    kinds = TAB_KINDS["members"]

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        started = time.perf_counter()
        super().__init__(context, parent)
        briefing = context.services.briefing
        bookmarks = context.services.bookmarks
        self._syncing = False
        self._fitted = False
        self._painted = False
        self.charts_ready = False
        self.build_ms: dict[str, float] = {}

        self.member_model = MemberTableModel(member_rows(briefing), bookmarks, self)
        self.member_view, self.member_proxy = _table(self.member_model, "Member states", 3)
        install_item_context_menu(self.member_view, context)
        self.member_view.setAccessibleDescription(
            "Sortable table: state, capital, year joined, head of delegation at Astana, population and GDP")
        # The observers and dialogue partners are on the other page: their table is built when first needed (a
        # library of every summit holds thousands of them), from the count alone until then.
        self._partners: tuple[PartnerTableModel, QTableView, QSortFilterProxyModel] | None = None
        partner_count = briefing.counts().get("partner", 0)

        self.show_members = QRadioButton(f"&Member states ({self.member_model.rowCount()})")
        self.show_partners = QRadioButton(f"Observers and dialogue &partners ({partner_count})")
        self.show_members.setChecked(True)
        self.show_members.setAccessibleName("Show the member states")
        self.show_partners.setAccessibleName("Show the observers and dialogue partners")
        self.switch = QButtonGroup(self)
        self.switch.addButton(self.show_members, MEMBERS_PAGE)
        self.switch.addButton(self.show_partners, PARTNERS_PAGE)
        self.switch.idToggled.connect(self._switch_toggled)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by state, capital, representative or code…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter the states")
        self.filter.setAccessibleDescription("Shows only the rows containing the typed text in any column")
        self.filter.textChanged.connect(self._filter_changed)
        self.shown_label = QLabel()
        self.shown_label.setAccessibleName("Rows shown")

        self.tables = QStackedWidget()
        self.tables.addWidget(self.member_view)
        self.tables.addWidget(QWidget())  # the partners' table, once built

        self.detail = MemberDetailView(context)
        self.detail.setAccessibleName("Detail of the selected state")
        self.detail.setMinimumWidth(320)

        self.charts = QTabWidget()
        self.charts.setDocumentMode(True)
        self.charts.setAccessibleName("Charts of the member states")
        self.log_scale = QCheckBox("&Logarithmic scale")
        self.log_scale.setToolTip("Show population and GDP on a logarithmic axis, so the small states are visible")
        self.log_scale.toggled.connect(self._log_toggled)
        self.charts.setCornerWidget(self.log_scale, Qt.Corner.TopRightCorner)
        self.charts.setMinimumHeight(240)
        self.population_chart: MemberBarsChart | None = None
        self.gdp_chart: MemberBarsChart | None = None
        self.timeline_chart: AccessionTimelineChart | None = None

        controls = QHBoxLayout()
        controls.addWidget(self.show_members)
        controls.addWidget(self.show_partners)
        controls.addSpacing(12)
        controls.addWidget(self.filter, 1)
        controls.addWidget(self.shown_label)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(controls)
        self.left_split = QSplitter(Qt.Orientation.Vertical)
        self.left_split.addWidget(self.tables)
        self.left_split.addWidget(self.charts)
        self.left_split.setStretchFactor(0, 1)
        self.left_split.setStretchFactor(1, 1)
        self.left_split.setChildrenCollapsible(False)
        left_layout.addWidget(self.left_split, 1)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(left)
        self.split.addWidget(self.detail)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.split)

        self.member_view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.member_view.activated.connect(self._activated)
        context.bookmark_signals.changed.connect(self._bookmark_changed)
        self._update_shown()
        self._select_row(self.member_view, self.member_proxy.index(0, 0))
        self.build_ms["table"] = (time.perf_counter() - started) * 1000

    # --- the partners' table, built when first needed ------------------------------------------------

    @property
    def partners_built(self) -> bool:
        return self._partners is not None

    def _ensure_partners(self) -> tuple[PartnerTableModel, QTableView, QSortFilterProxyModel]:
        if self._partners is None:
            model = PartnerTableModel(partner_rows(self.context.services.briefing), self.context.services.bookmarks,
                                      self)
            view, proxy = _table(model, "Observers and dialogue partners", 3, sort_column=1)
            install_item_context_menu(view, self.context)
            view.setAccessibleDescription("Sortable table: state, status, presence at the summit, note")
            proxy.setFilterFixedString(self.filter.text())
            view.selectionModel().currentRowChanged.connect(self._current_changed)
            view.activated.connect(self._activated)
            placeholder = self.tables.widget(PARTNERS_PAGE)
            self.tables.insertWidget(PARTNERS_PAGE, view)
            if placeholder is not None:
                self.tables.removeWidget(placeholder)
                placeholder.deleteLater()
            self._partners = (model, view, proxy)
        return self._partners

    @property
    def partner_model(self) -> PartnerTableModel:
        return self._ensure_partners()[0]

    @property
    def partner_view(self) -> QTableView:
        return self._ensure_partners()[1]

    @property
    def partner_proxy(self) -> QSortFilterProxyModel:
        return self._ensure_partners()[2]

    # --- charts, built after the first paint ----------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            QTimer.singleShot(0, self._fit_table)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True  # the table is on screen: now load pyqtgraph and draw the charts
            QTimer.singleShot(0, self.ensure_charts)

    def _fit_table(self) -> None:
        """Give the table the height of its ten member rows and the charts the rest."""
        view = self.member_view
        rows = sum(view.rowHeight(row) for row in range(self.member_proxy.rowCount()))
        wanted = view.horizontalHeader().height() + rows + 2 * view.frameWidth() + 2
        total = sum(self.left_split.sizes())
        if total > 0:
            table = min(wanted, int(total * 0.55))
            self.left_split.setSizes([table, total - table])

    def ensure_charts(self) -> None:
        """Build the charts now if they are not yet (pyqtgraph is imported here, not at startup)."""
        if self.charts_ready:
            return
        started = time.perf_counter()
        from briefing_app.ui.charts.member_charts import GDP, POPULATION, AccessionTimelineChart, MemberBarsChart

        rows = self.member_model.rows()
        self.population_chart = MemberBarsChart(POPULATION)
        self.gdp_chart = MemberBarsChart(GDP)
        self.timeline_chart = AccessionTimelineChart()
        for chart, title in ((self.population_chart, "&Population"), (self.gdp_chart, "&GDP"),
                             (self.timeline_chart, "&Accession timeline")):
            chart.set_members(rows)
            chart.set_selected(self._selected_member())
            chart.member_clicked.connect(self.context.navigator.open)
            self.charts.addTab(chart, title)
        self.charts.currentChanged.connect(lambda _i: self._update_log_enabled())
        self._update_log_enabled()
        self.charts_ready = True
        self.build_ms["charts"] = (time.perf_counter() - started) * 1000

    def _log_toggled(self, on: bool) -> None:
        for chart in (self.population_chart, self.gdp_chart):
            if chart is not None:
                chart.set_log_scale(on)

    def _update_log_enabled(self) -> None:
        self.log_scale.setEnabled(self.charts.currentWidget() in (self.population_chart, self.gdp_chart))

    # --- table, filter and selection ------------------------------------------------------------------

    def current_view(self) -> QTableView:
        return self.partner_view if self.tables.currentIndex() == PARTNERS_PAGE else self.member_view

    def _switch_toggled(self, page: int, checked: bool) -> None:
        if checked:
            if page == PARTNERS_PAGE:
                self._ensure_partners()
            self.tables.setCurrentIndex(page)
            # The charts are of the member states: the partners' table takes their room.
            self.charts.setVisible(page == MEMBERS_PAGE)
            self._update_shown()
            current = self.current_view().currentIndex()
            if not self._syncing:
                self.detail.show_item(current.data(ITEM_ID_ROLE) if current.isValid() else None)

    def _filter_changed(self, text: str) -> None:
        self.member_proxy.setFilterFixedString(text)
        if self._partners is not None:  # else it takes the filter when built
            self._partners[2].setFilterFixedString(text)
        self._update_shown()

    def _update_shown(self) -> None:
        proxy = self.partner_proxy if self.tables.currentIndex() == PARTNERS_PAGE else self.member_proxy
        shown, total = proxy.rowCount(), proxy.sourceModel().rowCount()
        self.shown_label.setText(f"{shown} of {total}" if shown != total else "")

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item_id = current.data(ITEM_ID_ROLE) if current.isValid() else None
        if kind_of(item_id or "") == "member":
            self._charts_select(item_id)
        if self._syncing:
            return
        self.detail.show_item(item_id)
        if item_id:
            self.context.navigator.record(item_id)

    def _activated(self, index: QModelIndex) -> None:
        item_id = index.data(ITEM_ID_ROLE)
        if item_id:
            self.detail.show_item(item_id)

    def _selected_member(self) -> str | None:
        index = self.member_view.currentIndex()
        return index.data(ITEM_ID_ROLE) if index.isValid() else None

    def _charts_select(self, member_id: str | None) -> None:
        for chart in (self.population_chart, self.gdp_chart, self.timeline_chart):
            if chart is not None:
                chart.set_selected(member_id)

    def _select_row(self, view: QTableView, index: QModelIndex, *, quiet: bool = True) -> None:
        """Make a row current; ``quiet`` leaves the detail pane and history alone."""
        self._syncing = quiet
        try:
            view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            view.scrollTo(index)
        finally:
            self._syncing = False
        if quiet and index.isValid():
            self.detail.show_item(index.data(ITEM_ID_ROLE))

    def _show_page(self, page: int) -> None:
        self._syncing = True
        try:
            (self.show_partners if page == PARTNERS_PAGE else self.show_members).setChecked(True)
        finally:
            self._syncing = False

    def _bookmark_changed(self, _action: str, item_id: str) -> None:
        self.member_model.bookmark_changed(item_id)
        if self._partners is not None:
            self._partners[0].bookmark_changed(item_id)

    # --- Panel interface ------------------------------------------------------------------------------

    def _index_of(self, item_id: str) -> tuple[int, QTableView, QModelIndex] | None:
        pages: list[tuple[int, ItemTableModel, QSortFilterProxyModel, QTableView]] = [
            (MEMBERS_PAGE, self.member_model, self.member_proxy, self.member_view)]
        if kind_of(item_id) == "partner" or self._partners is not None:  # only partners have rows there
            partners = self._ensure_partners()
            pages.append((PARTNERS_PAGE, partners[0], partners[2], partners[1]))
        for page, model, proxy, view in pages:
            row = model.row_of(item_id)
            if row >= 0:
                index = proxy.mapFromSource(model.index(row, 0))
                if not index.isValid():  # filtered out: show every row again
                    self.filter.clear()
                    index = proxy.mapFromSource(model.index(row, 0))
                return page, view, index
        return None

    def open_item(self, item_id: str) -> bool:
        briefing = self.context.services.briefing
        if not self.owns(item_id) or not briefing.exists(item_id):
            return False
        found = self._index_of(item_id)
        if found is not None:
            page, view, index = found
            self._show_page(page)
            self._select_row(view, index)
            return True
        # A person selects the state they represented; an organisation only shows in the pane.
        row = self.member_model.member_of_representative(item_id)
        if row >= 0:
            self._show_page(MEMBERS_PAGE)
            index = self.member_proxy.mapFromSource(self.member_model.index(row, 0))
            if not index.isValid():
                self.filter.clear()
                index = self.member_proxy.mapFromSource(self.member_model.index(row, 0))
            self._select_row(self.member_view, index, quiet=True)
        else:
            self._syncing = True
            self.current_view().selectionModel().clearSelection()
            self._syncing = False
        self.detail.show_item(item_id)
        return True

    def current_item_id(self) -> str | None:
        return self.detail.item_id
