"""The corridors map widget: a view box (our own, on plain Qt) with wheel zoom and drag pan (aspect locked), hit
testing, hover tooltips, keyboard zoom and rendering for export."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QKeyEvent, QPainter, QPixmapCache, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QToolTip, QWidget

from briefing_app.domain.corridor_map import MapNode
from briefing_app.ui.map import style
from briefing_app.ui.map.layers import CorridorLayer, CountryLayer, extent_rect
from briefing_app.ui.map.node_layer import NodeLayer
from briefing_app.ui.map.overlays import CorridorKeyItem, DisclaimerItem, KeyStripItem, short_title
from briefing_app.ui.map.state import MapState
from briefing_app.ui.map.viewbox import MapGraphicsView
from briefing_app.views.map_data import LoadedMap

ZOOM_STEP = 1.25
PIXMAP_CACHE_KB = 160 * 1024
#: narrowest view, in kilometres across
MIN_SPAN_KM = 250.0
#: below this map height, or when the key and disclaimer would cover more than this share of it, they fold
COMPACT_BELOW_PX = 420.0
COVER_AT_MOST = 0.15


class CorridorMapView(MapGraphicsView):
    """Shows a :class:`LoadedMap`; emits what the user clicks. Selection and visibility live in ``state``."""

    item_clicked = Signal(str)
    #: a right click: the item id under the pointer ("" on empty map) and the global position
    context_requested = Signal(str, QPoint)
    cleared = Signal()

    def __init__(self, loaded: LoadedMap, parent: QWidget | None = None) -> None:
        super().__init__(parent, background=style.SEA)
        self.setAccessibleName("Corridors map")
        self.setAccessibleDescription("Map of the transport corridors; click a line or a node to see its details")
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.loaded = loaded
        data = loaded.data
        # The layers are cached as viewport-sized bitmaps (4 MB each at 1280x800, four times that on a
        # high-density screen); Qt's default 10 MB pixmap cache would evict them on every repaint.
        QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), PIXMAP_CACHE_KB))
        self.state = MapState(data, self)
        # self.box (from MapGraphicsView) fills the view: map coordinates in kilometres, y north, aspect locked

        self.countries = CountryLayer(self.state)
        self.corridors = CorridorLayer(self.state)
        self.nodes = NodeLayer(self.state, self.corridors.colours, self.box.viewRect)
        for layer in (self.countries, self.corridors, self.nodes):
            self.box.addItem(layer, ignoreBounds=True)
        self.disclaimer = DisclaimerItem(loaded.disclaimer, parent=self.box)
        self.key = KeyStripItem(self.state, self.corridors.colours, parent=self.box)
        #: the corridor key of exports, painted in a band below the map (never in the scene, never over the map)
        self.legend = CorridorKeyItem(self.state, self.corridors.colours)
        self.nodes.overlays = [self.disclaimer, self.key]
        self.key.on_toggle = self._layout_overlays
        self.box.sigResized.connect(self._resized)
        self.box.sigRangeChangedManually.connect(self._left_home)
        self.state.visibility_changed.connect(self._layout_overlays)
        #: True until the user pans or zooms: the view then follows resizes to keep showing every corridor
        self.at_home = True
        #: an item to frame once the view has its size
        self._pending_item: str | None = None

        bounds = extent_rect(data.bounds).united(extent_rect(data.home))
        self.box.setLimits(
            xMin=bounds.left(),
            xMax=bounds.right(),
            yMin=bounds.top(),
            yMax=bounds.bottom(),
            minXRange=MIN_SPAN_KM,
            minYRange=MIN_SPAN_KM,
        )
        self.map_scene.sigMouseClicked.connect(self._clicked)
        self.map_scene.sigMouseMoved.connect(self._moved)
        self.viewport().installEventFilter(self)
        self.reset_view()

    # --- geometry helpers ---------------------------------------------------------------------------

    def device_transform(self) -> QTransform:
        """Map coordinates to viewport pixels (bringing the ViewBox's deferred range change up to date first)."""
        self.box.prepareForPaint()
        return self.corridors.deviceTransform(self.viewportTransform())

    def viewport_point(self, node: MapNode) -> QPoint:
        """Where a node is drawn, in viewport pixels (for tests and for placing menus)."""
        return self.device_transform().map(QPointF(node.x, node.y)).toPoint()

    def item_at(self, viewport_pos: QPointF) -> str | None:
        """The node (preferred) or corridor drawn under a viewport position, if any."""
        t = self.device_transform()
        return self.nodes.node_near(t, viewport_pos) or self.corridors.corridor_near(t, viewport_pos)

    def _resized(self) -> None:
        self._layout_overlays()
        if self._pending_item is not None:
            self.show_item(self._pending_item)
        elif self.at_home:
            self.reset_view()

    def _left_home(self, *_args: object) -> None:
        self.at_home = False

    def _layout_overlays(self) -> None:
        """Key and disclaimer along the bottom; on a small map they fold to one line each (a click opens the key)."""
        area = self.box.boundingRect()
        self.disclaimer.layout_in(area)
        self.key.set_folded(False)
        self.key.relayout(area.width() - 16)
        covered = self.disclaimer.boundingRect().height() + self.key.boundingRect().height() + 12
        small = area.height() < COMPACT_BELOW_PX or covered > area.height() * COVER_AT_MOST
        if small:
            self.disclaimer.layout_in(area, compact=True)
            self.key.set_folded(True)
            self.key.relayout(area.width() - 16)
        self.key.setVisible(not self.key.boundingRect().isEmpty())
        self.key.setPos(area.left() + 8, self.disclaimer.pos().y() - self.key.boundingRect().height() - 4)

    # --- view ---------------------------------------------------------------------------------------

    def reset_view(self) -> None:
        """Show every corridor, centred in the part of the map that the disclaimer does not cover."""
        self.at_home = True
        home = self.state.data.home
        box = self.box.boundingRect()
        width, height = box.width(), box.height()
        free = height - self.disclaimer.boundingRect().height() - self.key.boundingRect().height() - 16.0
        if width < 10 or free < 10:
            self.box.setRange(rect=extent_rect(home), padding=0.0)
            return
        km_per_px = max(home.width / width, home.height / free)
        centre_x, centre_y = (home.left + home.right) / 2, (home.bottom + home.top) / 2
        top = centre_y + free / 2 * km_per_px
        left = centre_x - width / 2 * km_per_px
        self.box.setRange(xRange=(left, left + width * km_per_px), yRange=(top - height * km_per_px, top), padding=0.0)

    def zoom(self, factor: float) -> None:
        """Zoom in (factor > 1) or out around the centre of the view."""
        self.at_home = False
        self.box.scaleBy(s=(1.0 / factor, 1.0 / factor), center=self.box.viewRect().center())

    def show_item(self, item_id: str) -> None:
        """Bring an item into view: a corridor framed whole (above the key and disclaimer), a node centred.

        A map not yet laid out (the tab was just built to show the item) frames it once it has its size."""
        data = self.state.data
        corridor = data.corridor(item_id)
        box = self.box.boundingRect()
        if box.width() < 10 or box.height() < 10:
            self._pending_item = item_id
            self.at_home = False
            return
        self._pending_item = None
        view = self.box.viewRect()
        if corridor is not None:
            nodes = [data.nodes[n] for n in corridor.node_ids]
            xs, ys = [n.x for n in nodes], [n.y for n in nodes]
            rect = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
            rect = rect.adjusted(-rect.width() * 0.12 - 100, -rect.height() * 0.12 - 100,
                                 rect.width() * 0.12 + 100, rect.height() * 0.12 + 100)
            covered = self.disclaimer.boundingRect().height() + (
                self.key.boundingRect().height() if self.key.isVisible() else 0.0) + 12.0
            free = max(box.height() - covered, box.height() * 0.4)
            # room below the route for the overlays (y grows upwards on the map)
            rect.setTop(rect.top() - rect.height() * (box.height() / free - 1.0))
            self.at_home = False
            self.box.setRange(rect=rect, padding=0.0)
            return
        node = data.nodes.get(item_id)
        if node is not None and not view.contains(QPointF(node.x, node.y)):
            self.at_home = False
            self.box.translateBy(x=node.x - view.center().x(), y=node.y - view.center().y())

    # --- input --------------------------------------------------------------------------------------

    def _clicked(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.isAccepted() and event.currentItem is not None and event.currentItem is not self.box:
            return
        pos = self.viewportTransform().map(event.scenePos())
        hit = self.item_at(pos)
        if event.button() == Qt.MouseButton.LeftButton:
            if hit:
                self.state.select(hit)
                self.item_clicked.emit(hit)
            else:
                self.state.select(None)
                self.cleared.emit()
            event.accept()
        elif event.button() == Qt.MouseButton.RightButton:
            self.context_requested.emit(hit or "", event.screenPos().toPoint())
            event.accept()

    def _moved(self, scene_pos: QPointF) -> None:
        hit = self.item_at(self.viewportTransform().map(scene_pos))
        self.state.hover(hit)
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.OpenHandCursor)

    def leaveEvent(self, event: QEvent) -> None:
        self.state.hover(None)
        super().leaveEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().eventFilter(watched, event)

    def tooltip_at(self, viewport_pos: QPointF) -> str:
        """Rich text for what is under the pointer: a node, a corridor or a country."""
        from briefing_app.reports.formatting import esc

        data = self.state.data
        if self.disclaimer.compact:
            scene = self.mapToScene(viewport_pos.toPoint())
            if self.disclaimer.sceneBoundingRect().contains(scene):
                return esc(self.disclaimer.text)
        hit = self.item_at(viewport_pos)
        if hit and hit in data.nodes:
            node = data.nodes[hit]
            names = [short_title(c.title) for c in data.corridors if c.id in node.corridors]
            where = " · approximate position" if node.approximate else ""
            lines = f"<b>{esc(node.title)}</b><br>{esc(node.node_type.replace('_', ' '))}{where}"
            if names:
                lines += "<br>On: " + esc(", ".join(names))
            return lines + "<br><i>Click for details</i>"
        corridor = data.corridor(hit) if hit else None
        if corridor is not None:
            return f"<b>{esc(corridor.title)}</b><br>Status: {esc(corridor.status.label)}<br><i>Click for details</i>"
        if self.state.layer_visible("countries"):
            at = self.device_transform().inverted()[0].map(viewport_pos)
            country = self.countries.country_at(at.x(), at.y())
            if country:
                return f"{esc(country[0])} — {esc(country[1].label)}"
        return ""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(ZOOM_STEP)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom(1.0 / ZOOM_STEP)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Home):
            self.reset_view()
        elif key == Qt.Key.Key_K and self.key.folded:
            self.key.toggle()
            self._layout_overlays()
        elif key == Qt.Key.Key_Escape and self.state.selected:
            self.state.select(None)
            self.cleared.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # --- rendering ----------------------------------------------------------------------------------

    def layout_offscreen(self, size: QSize) -> None:
        """Lay out a view that is never shown on screen at ``size`` (for print and export without the tab)."""
        self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.resize(size)
        self.show()

    def legend_band_height(self, width: float) -> float:
        """Height of the band below an exported map that holds the corridor key, laid out for ``width``."""
        self.legend.relayout(width - 16)
        height = self.legend.boundingRect().height()
        return height + 12 if height else 0.0

    def paint_export(self, painter: QPainter, target: QRectF) -> None:
        """Paint the current view into ``target`` (the view's own size) as vector drawing, no cached bitmaps."""
        cached = [item for item in self.scene().items() if item.cacheMode() != QGraphicsItem.CacheMode.NoCache]
        for item in cached:
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        try:
            painter.fillRect(target, QColor(style.SEA))
            self.render(painter, target, self.viewport().rect())
        finally:
            for item in cached:
                item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def paint_legend_band(self, painter: QPainter, band: QRectF) -> None:
        """Paint the corridor key centred in ``band`` (below the map) on white, as a figure legend."""
        painter.fillRect(band, QColor("#ffffff"))
        size = self.legend.boundingRect()
        if size.isEmpty():
            return
        painter.save()
        painter.translate(band.left() + max(0.0, (band.width() - size.width()) / 2), band.top() + 6)
        self.legend.paint(painter, QStyleOptionGraphicsItem(), None)
        painter.restore()
