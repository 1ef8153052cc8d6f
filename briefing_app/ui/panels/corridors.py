"""The Corridors tab: the map of the corridors in the address, its legend with checkboxes, the detail pane."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing_app.ui import collector
from briefing_app.ui.panels.base import Panel, PanelContext
from briefing_app.ui.widgets.item_context_menu import install_item_context_menu
from briefing_app.ui.widgets.item_detail import ItemDetailView
from briefing_app.views.targets import TAB_KINDS

log = logging.getLogger(__name__)

#: how many corridors the overview beside the map lists before "… and N more: show them all"
OVERVIEW_FIRST = 30
ALL_CORRIDORS_HREF = "corridors:all"


class CorridorDetailView(ItemDetailView):
    """The shared detail pane, with the map's own view of corridors (route, states crossed) and nodes."""

    def __init__(self, context: PanelContext, map_view, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        self.map_view = map_view
        self.statuses = map_view.loaded.statuses  # read with the map: the tab loads each item once
        self.colours = {key: colour.name() for key, colour in map_view.corridors.colours.items()}
        #: the overview lists every corridor (after "show them all"), not only the first OVERVIEW_FIRST
        self._all = False
        super().__init__(context, parent)

    def _follow(self, url: QUrl) -> None:
        if url.toString() == ALL_CORRIDORS_HREF:
            self._all = True
            self.show_item(None)
            return
        super()._follow(url)

    def show_item(self, item_id: str | None) -> None:
        super().show_item(item_id)
        if item_id is None:
            from briefing_app.reports.corridor_html import corridors_overview_html

            summaries = self.map_view.loaded.corridor_summaries
            self.browser.setHtml(corridors_overview_html(self.map_view.state.data, self.colours, summaries,
                                                         limit=None if self._all else OVERVIEW_FIRST,
                                                         more_href=ALL_CORRIDORS_HREF))
            return
        if not item_id.startswith(("corridor:", "node:")):
            return
        from briefing_app.reports.corridor_html import corridor_detail_html, node_detail_html
        from briefing_app.services.briefing import UnknownItemError

        try:
            detail = self.context.services.briefing.detail(item_id)
        except UnknownItemError:
            return
        data = self.map_view.state.data
        try:
            if item_id.startswith("corridor:"):
                html = corridor_detail_html(detail, data, self.colours, self.statuses)
            else:
                html = node_detail_html(detail, data, self.colours)
        except Exception:  # noqa: BLE001 - odd pack data: keep the generic detail already shown
            log.exception("map detail of %s failed; showing the generic detail", item_id)
            return
        self.browser.setHtml(html)


#: if the map is built but not painted (never shown), the collector gets its objects back after this long
THAW_AFTER_MS = 2000


class _CollectorHold(QObject):
    """Keeps the cyclic collector paused, and the objects that exist now out of it, until the map's first paint.

    Building the map makes tens of thousands of objects at a large pack (none in reference cycles: reference
    counting frees what is dropped); the collections they set off walked them again and again, and the full ones
    the whole window's heap (two such collections were a third of the tab's first show). The collector catches up
    once the map is painted (or the build failed, or after THAW_AFTER_MS), and then, for the objects made before,
    only when it would have anyway. Released once, whichever comes first.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        collector.hold(pause=True)
        held = [True]

        def release() -> None:
            if held[0]:
                held[0] = False
                collector.release(pause=True)

        # A plain function, not a slot of this object: the timers still release if the panel is deleted first.
        self.release = release
        QTimer.singleShot(THAW_AFTER_MS, release)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.release)  # after this paint
        return False


class CorridorsPanel(Panel):
    kinds = TAB_KINDS["corridors"]

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._hold = _CollectorHold(self)
        try:
            self._build(context)
        except BaseException:
            self._hold.release()
            raise
        self.map.viewport().installEventFilter(self._hold)

    def _build(self, context: PanelContext) -> None:
        from briefing_app.ui.map.legend_model import MapLegendModel
        from briefing_app.ui.map.view import CorridorMapView
        from briefing_app.views.map_data import load_map

        loaded = load_map(context.services.briefing)
        self.map = CorridorMapView(loaded)
        self.state = self.map.state
        self.legend_model = MapLegendModel(self.state, self.map.corridors.colours, self)
        self.legend = QListView()
        self.legend.setObjectName("map-legend")
        self.legend.setAccessibleName("Map legend: corridors and layers to show")
        self.legend.setModel(self.legend_model)
        install_item_context_menu(self.legend, context)
        self.legend.setUniformItemSizes(True)
        self.legend.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.legend.clicked.connect(self._legend_clicked)
        self.detail = CorridorDetailView(context, self.map)
        self.detail.show_item(None)

        self.actions_by_name: dict[str, QAction] = {}
        toolbar = QHBoxLayout()
        toolbar.setContentsMargins(0, 0, 0, 0)
        for name, text, tip, keys, slot in (
            ("reset", "Reset view", "Show every corridor (0 or Home)", "0", self.map.reset_view),
            ("zoom-in", "Zoom in", "Zoom in (+ or the mouse wheel)", "+", lambda: self.map.zoom(1.25)),
            ("zoom-out", "Zoom out", "Zoom out (- or the mouse wheel)", "-", lambda: self.map.zoom(0.8)),
            ("export-png", "Export PNG…", "Save the current view with its legend as a PNG image", "", self.export_png),
            (
                "export-svg",
                "Export SVG…",
                "Save the current view with its legend as an SVG drawing",
                "",
                self.export_svg,
            ),
        ):
            action = QAction(text, self)
            action.setObjectName(name)
            action.setToolTip(tip)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            if keys:
                action.setShortcut(QKeySequence(keys))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.map.addAction(action)
            self.actions_by_name[name] = action
            button = QToolButton()
            button.setDefaultAction(action)
            toolbar.addWidget(button)
            if name == "zoom-out":
                toolbar.addSpacing(12)
        hint = QLabel("Drag to pan · wheel or +/- to zoom · click a line or a node for its details")
        hint.setObjectName("map-hint")
        hint.setEnabled(False)
        hint.setWordWrap(True)  # on a narrow window it takes two lines rather than widen the window
        hint.setMinimumWidth(120)
        toolbar.addStretch(0)
        toolbar.addWidget(hint, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(toolbar)
        for problem in loaded.problems:
            warning = QLabel(f"⚠ {problem}")
            warning.setWordWrap(True)
            warning.setObjectName("map-problem")
            left_layout.addWidget(warning)
        left_layout.addWidget(self.map, 1)

        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.legend)
        side.addWidget(self.detail)
        side.setStretchFactor(0, 2)
        side.setStretchFactor(1, 3)
        side.setSizes([200, 500])
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([880, 400])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.map.item_clicked.connect(self._map_clicked)
        self.map.cleared.connect(self._map_cleared)
        self.map.context_requested.connect(self._context_menu)
        self.map.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- selection ----------------------------------------------------------------------------------

    def _map_clicked(self, item_id: str) -> None:
        self._sync_legend(item_id)
        self.detail.show_item(item_id)
        self.context.navigator.record(item_id)

    def _map_cleared(self) -> None:
        self.legend.clearSelection()
        self.detail.show_item(None)

    def _legend_clicked(self, index: QModelIndex) -> None:
        from briefing_app.ui.models.roles import ITEM_ID_ROLE

        item_id = index.data(ITEM_ID_ROLE)
        if item_id:
            self.state.set_corridor_visible(item_id, True)
            self.state.select(item_id)
            self.detail.show_item(item_id)
            self.context.navigator.record(item_id)

    def _sync_legend(self, item_id: str | None) -> None:
        row = self.legend_model.row_of("corridor", item_id or "")
        if row >= 0:
            self.legend.setCurrentIndex(self.legend_model.index(row))
        else:
            self.legend.clearSelection()

    def open_item(self, item_id: str) -> bool:
        if not self.owns(item_id) or not self.context.services.briefing.exists(item_id):
            return False
        data = self.state.data
        corridor = data.corridor(item_id)
        node = data.nodes.get(item_id)
        if corridor is not None:
            self.state.set_corridor_visible(item_id, True)
        elif node is not None:
            self.state.set_layer_visible("nodes", True)
            if node.corridors and not any(self.state.corridor_visible(c) for c in node.corridors):
                self.state.set_corridor_visible(node.corridors[0], True)
        if corridor is not None or node is not None:
            self.state.select(item_id)
            self.map.show_item(item_id)
        self._sync_legend(item_id)
        self.detail.show_item(item_id)
        return True

    def current_item_id(self) -> str | None:
        return self.state.selected or self.detail.item_id

    # --- menus and export ---------------------------------------------------------------------------

    def _context_menu(self, item_id: str, global_pos: QPoint) -> None:
        if item_id:
            from briefing_app.ui.widgets.item_context_menu import popup_item_context_menu

            popup_item_context_menu(self.context, [item_id], global_pos, self)
            return
        menu = QMenu(self)
        menu.setObjectName("map-context-menu")
        for name in ("reset", "zoom-in", "zoom-out", "", "export-png", "export-svg"):
            if name:
                menu.addAction(self.actions_by_name[name])
            else:
                menu.addSeparator()
        menu.exec(global_pos)

    def _ask_path(self, title: str, suffix: str, filter_text: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation) or str(Path.home())
        default = str(Path(folder) / f"corridors-map.{suffix}")
        chosen, _filter = QFileDialog.getSaveFileName(self, title, default, filter_text)
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == f".{suffix}" else path.with_name(path.name + f".{suffix}")

    def export_png(self) -> Path | None:
        from briefing_app.ui.map.render import write_view_png

        path = self._ask_path("Export the map as a PNG image", "png", "PNG image (*.png)")
        return self._export(path, lambda p: write_view_png(self.map, p))

    def export_svg(self) -> Path | None:
        from briefing_app.ui.map.render import write_view_svg

        title = f"Corridors map — {self.context.services.briefing.pack_info().title}"
        path = self._ask_path("Export the map as an SVG drawing", "svg", "SVG drawing (*.svg)")
        return self._export(path, lambda p: write_view_svg(self.map, p, title))

    def _export(self, path: Path | None, write) -> Path | None:  # type: ignore[no-untyped-def]
        if path is None:
            return None
        try:
            write(path)
        except OSError as exc:
            log.warning("map export to %s failed: %s", path, exc)
            QMessageBox.warning(self, "Map not exported", f"The map could not be saved to {path}:\n{exc}")
            return None
        return path
