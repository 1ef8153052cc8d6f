"""Corridor nodes as markers with names; names are placed without overlaps, the important ones first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from briefing_app.domain.corridor_map import MapNode
from briefing_app.domain.label_placement import LabelRequest, PlacedLabel, place_labels
from briefing_app.ui.map import style
from briefing_app.ui.map.layers import MapLayer, transform_key
from briefing_app.ui.map.state import MapState

HALO_OFFSETS = ((-1.0, 0.0), (1.0, 0.0), (0.0, -1.0), (0.0, 1.0), (-1.0, -1.0), (1.0, 1.0), (-1.0, 1.0), (1.0, -1.0))


class NodeLayer(MapLayer):
    """Markers and labels of the visible nodes. ``view_rect`` gives the map area shown, in map coordinates."""

    def __init__(self, state: MapState, colours: dict[str, QColor], view_rect: Callable[[], QRectF]) -> None:
        super().__init__(state)
        self.setZValue(20)
        self.colours = colours
        self.view_rect = view_rect
        #: items drawn over the map (legend, disclaimer) whose area labels must keep clear of
        self.overlays: list[QGraphicsItem] = []
        self.font = style.label_font()
        self.bold_font = style.label_font(bold=True)
        self._metrics = QFontMetricsF(self.font)
        self._bold_metrics = QFontMetricsF(self.bold_font)
        self._label_key: tuple[object, ...] | None = None
        self._labels: list[tuple[PlacedLabel, QPointF, QFont, str]] = []
        self._widths: dict[tuple[str, bool], float] = {}
        self._device_key: tuple[float, ...] | None = None
        self._device: dict[str, tuple[float, float]] = {}
        # One pen per look, shared by every marker drawn with it
        self.outline_pen = QPen(style.NODE_OUTLINE, 1.3)
        self.approximate_pen = QPen(style.NODE_OUTLINE, 1.3, Qt.PenStyle.DotLine)
        self.selected_pen = QPen(QColor("#000000"), 2.4)
        self._corridor_pens: dict[int, QPen] = {}

    # --- what is emphasised -------------------------------------------------------------------------

    def _emphasis(self, node: MapNode) -> float:
        state = self.state
        if state.selected == node.id:
            return 1000.0
        bonus = 0.0
        corridor = state.selected_corridor()
        if corridor and corridor in node.corridors:
            bonus += 100.0
        if state.hovered == node.id:
            bonus += 500.0
        return bonus

    def _is_bold(self, node: MapNode) -> bool:
        return self.state.selected == node.id or self.state.hovered == node.id

    # --- labels -------------------------------------------------------------------------------------

    def device_points(self, t: QTransform) -> dict[str, tuple[float, float]]:
        """Every node's position in device pixels under ``t``, computed once per transform."""
        key = transform_key(t)
        if key != self._device_key:
            # PySide6 maps a pair of floats to a pair of floats; its stubs say object
            mapped: Callable[[float, float], tuple[float, float]] = t.map  # type: ignore[assignment]
            self._device = {node_id: mapped(n.x, n.y) for node_id, n in self.state.data.nodes.items()}
            self._device_key = key
        return self._device

    def _text_width(self, text: str, bold: bool) -> float:
        """The width of a label's text, measured once per text and weight."""
        width = self._widths.get((text, bold))
        if width is None:
            width = (self._bold_metrics if bold else self._metrics).horizontalAdvance(text)
            self._widths[(text, bold)] = width
        return width

    def placed_labels(self, t: QTransform) -> list[tuple[PlacedLabel, QPointF, QFont, str]]:
        """Labels for the current transform and state, placed once and cached until either changes."""
        area = t.mapRect(self.view_rect())
        scene_to_device = self.sceneTransform().inverted()[0] * t
        obstacles = []
        for overlay in self.overlays:
            if overlay.isVisible():
                o = scene_to_device.mapRect(overlay.sceneBoundingRect())
                obstacles.append((o.left(), o.top(), o.right(), o.bottom()))
        key = (transform_key(t), self.state.version, round(area.width()), round(area.height()), tuple(obstacles))
        if key == self._label_key:
            return self._labels
        nodes = self.state.visible_nodes()
        points = self.device_points(t)
        r = style.NODE_RADIUS + 1.0
        markers = []
        for node in nodes:
            x, y = points[node.id]
            markers.append((x - r, y - r, x + r, y + r))
        requests = []
        nodes_by_id = {n.id: n for n in nodes}
        if self.state.layer_visible("labels"):
            height, bold_height = self._metrics.height(), self._bold_metrics.height()
            plain = self.state.selected is None and self.state.hovered is None  # nothing emphasised
            for node in nodes:
                bold = False if plain else self._is_bold(node)
                x, y = points[node.id]
                priority = node.priority if plain else node.priority + self._emphasis(node)
                requests.append(LabelRequest(node.id, x, y, self._text_width(node.label, bold),
                                             bold_height if bold else height, priority))
        viewport = (area.left(), area.top(), area.right(), area.bottom())
        placed = place_labels(
            requests, markers=markers, obstacles=obstacles, viewport=viewport, gap=style.NODE_RADIUS + 3.0
        )
        labels = []
        for label in placed:
            node = nodes_by_id[label.key]
            bold = self._is_bold(node)
            metrics = self._bold_metrics if bold else self._metrics
            font = self.bold_font if bold else self.font
            labels.append((label, QPointF(label.left, label.top + metrics.ascent()), font, node.label))
        self._label_key, self._labels = key, labels
        return labels

    def label_of(self, node_id: str, t: QTransform) -> PlacedLabel | None:
        return next((label for label, *_text in self.placed_labels(t) if label.key == node_id), None)

    # --- painting -----------------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        t = painter.transform()
        labels = self.placed_labels(t)
        state = self.state
        corridor = state.selected_corridor()
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(QBrush(style.NODE_FILL))
        points = self.device_points(t)
        # Nodes at one place (a large pack repeats them) draw one marker: the last, as it would be seen.
        markers: dict[tuple[float, float, float, int], tuple[float, float, float, QPen]] = {}
        for node in state.visible_nodes():
            x, y = points[node.id]
            radius = style.NODE_RADIUS
            pen = self.approximate_pen if node.approximate else self.outline_pen
            if state.selected == node.id:
                radius = style.NODE_SELECTED_RADIUS
                pen = self.selected_pen
            elif state.hovered == node.id:
                radius += 1.5
            elif corridor and corridor in node.corridors:
                pen = self._corridor_pen(corridor)
            key = (x, y, radius, id(pen))
            markers.pop(key, None)
            markers[key] = (x, y, radius, pen)
        for x, y, radius, pen in markers.values():
            painter.setPen(pen)
            painter.drawEllipse(QPointF(x, y), radius, radius)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # A halo of the text drawn around it in white keeps names readable over lines and borders.
        painter.setPen(style.LABEL_HALO)
        for _label, origin, font, text in labels:
            painter.setFont(font)
            for dx, dy in HALO_OFFSETS:
                painter.drawText(origin + QPointF(dx, dy), text)
        painter.setPen(style.LABEL_COLOUR)
        for _label, origin, font, text in labels:
            painter.setFont(font)
            painter.drawText(origin, text)
        painter.restore()

    def _corridor_pen(self, corridor_id: str) -> QPen:
        """The outline of the nodes of the selected corridor: one pen per colour (corridors share colours)."""
        colour = self.colours.get(corridor_id, style.NODE_OUTLINE)
        pen = self._corridor_pens.get(colour.rgba())
        if pen is None:
            pen = self._corridor_pens[colour.rgba()] = QPen(colour, 2.0)
        return pen

    def node_near(self, t: QTransform, point: QPointF, tolerance: float = style.NODE_HIT_RADIUS) -> str | None:
        """The visible node within ``tolerance`` device pixels of ``point``, or whose label is under it."""
        best: tuple[float, str] | None = None
        points = self.device_points(t)
        px, py = point.x(), point.y()
        for node in self.state.visible_nodes():
            x, y = points[node.id]
            d = ((x - px) ** 2 + (y - py) ** 2) ** 0.5
            if d <= tolerance and (best is None or d < best[0]):
                best = (d, node.id)
        if best:
            return best[1]
        for label, *_text in self.placed_labels(t):
            if QRectF(label.left, label.top, label.width, label.height).contains(point):
                return label.key
        return None
