"""The drawn layers of the corridors map, in map coordinates (kilometres, y north) inside the map's view box.

Countries are filled paths built once. Corridor lines, node markers and labels are drawn in device pixels
(widths, lane offsets and label sizes stay the same at any zoom); their device geometry is cached per
painter transform, so a repaint that does not zoom or pan does no geometry work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from briefing_app.domain.corridor_map import LegStatus, SCOStatus, leg_lanes
from briefing_app.domain.map_plane import Extent, distance_to_segment, offset_segment
from briefing_app.ui.map import style
from briefing_app.ui.map.state import MapState


def extent_rect(extent: Extent) -> QRectF:
    return QRectF(extent.left, extent.bottom, extent.width, extent.height)


def transform_key(t: QTransform) -> tuple[float, ...]:
    return (
        round(t.m11(), 9),
        round(t.m12(), 9),
        round(t.m21(), 9),
        round(t.m22(), 9),
        round(t.dx(), 3),
        round(t.dy(), 3),
    )


class MapLayer(QGraphicsItem):
    """A layer covering the whole map, cached as a bitmap in device pixels between changes of the view.

    A plain repaint (a tooltip, a window uncovered) then only copies bitmaps; ``follows_state`` layers
    redraw when the selection, hover or visibility changes.
    """

    def __init__(self, state: MapState, follows_state: bool = True) -> None:
        super().__init__()
        self.state = state
        bounds = extent_rect(state.data.bounds).united(extent_rect(state.data.home))
        self._bounds = bounds.adjusted(-500, -500, 500, 500)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        if follows_state:
            state.changed.connect(self.update)

    def boundingRect(self) -> QRectF:
        return self._bounds


class CountryLayer(MapLayer):
    """Countries filled by SCO status, with their borders; one path per status, built once."""

    def __init__(self, state: MapState) -> None:
        super().__init__(state, follows_state=False)
        self.setZValue(0)
        self.paths: dict[SCOStatus, QPainterPath] = {status: QPainterPath() for status in SCOStatus}
        self.country_paths: list[tuple[str, SCOStatus, QPainterPath]] = []
        for country in state.data.countries:
            path = QPainterPath()
            path.setFillRule(Qt.FillRule.OddEvenFill)
            for ring in country.rings:
                path.addPolygon(QPolygonF([QPointF(x, y) for x, y in ring]))
                path.closeSubpath()
            self.paths[country.status].addPath(path)
            self.country_paths.append((country.name, country.status, path))
        self.borders = QPainterPath()
        for path in self.paths.values():
            path.setFillRule(Qt.FillRule.OddEvenFill)
            self.borders.addPath(path)
        self.border_pen = QPen(style.COUNTRY_BORDER, 0.7)
        self.border_pen.setCosmetic(True)
        self.brushes = {status: QBrush(colour) for status, colour in style.COUNTRY_FILLS.items()}
        self.setVisible(state.layer_visible("countries"))
        state.visibility_changed.connect(lambda: self.setVisible(state.layer_visible("countries")))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        # Filling without antialiasing and then stroking every border once, antialiased, looks the same
        # as antialiased fills and is ten times faster.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(Qt.PenStyle.NoPen)
        for status, path in self.paths.items():
            painter.setBrush(self.brushes[status])
            painter.drawPath(path)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(self.border_pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.borders)

    def country_at(self, x: float, y: float) -> tuple[str, SCOStatus] | None:
        point = QPointF(x, y)
        for name, status, path in self.country_paths:
            if path.contains(point):
                return name, status
        return None


@dataclass
class DeviceRun:
    """Consecutive legs of one corridor drawn with one pen, in device pixels."""

    corridor_id: str
    status: LegStatus
    alternate: bool
    end_node: str
    #: the path's points as numbers: runs along the same route have equal keys (and share one path)
    key: tuple[tuple[float, float], ...] = ()
    path: QPainterPath = field(default_factory=QPainterPath)

    @property
    def points(self) -> list[QPointF]:
        return [QPointF(x, y) for x, y in self.key]


class CorridorLayer(MapLayer):
    """Each corridor as a coloured line through its nodes; shared legs run side by side like metro lines."""

    def __init__(self, state: MapState) -> None:
        super().__init__(state)
        self.setZValue(10)
        corridors = state.data.corridors
        self.colours = {c.id: style.corridor_colour(i) for i, c in enumerate(corridors)}
        self.lanes = leg_lanes(corridors)
        self._cache_key: tuple[float, ...] | None = None
        self._runs: list[DeviceRun] = []

    def device_runs(self, t: QTransform) -> list[DeviceRun]:
        """The runs under transform ``t``, built once per transform; runs along the same points share one path."""
        key = transform_key(t)
        if key == self._cache_key:
            return self._runs
        # PySide6 maps a pair of floats to a pair of floats; its stubs say object
        mapped: Callable[[float, float], tuple[float, float]] = t.map  # type: ignore[assignment]
        device = {node_id: mapped(n.x, n.y) for node_id, n in self.state.data.nodes.items()}
        lanes = self.lanes
        runs: list[DeviceRun] = []
        points: list[list[tuple[float, float]]] = []
        for corridor in self.state.data.corridors:
            current: DeviceRun | None = None
            run_points: list[tuple[float, float]] = []
            for index, leg in enumerate(corridor.legs):
                a, b = device[leg.start], device[leg.end]
                # Device y grows downwards, so "left" flips; only consistency between corridors matters.
                start, end = offset_segment(a, b, lanes[(corridor.id, index)] * style.LANE_SPACING)
                if (
                    current is None
                    or current.end_node != leg.start
                    or current.status is not leg.status
                    or current.alternate != leg.alternate
                ):
                    current = DeviceRun(corridor.id, leg.status, leg.alternate, leg.end)
                    runs.append(current)
                    run_points = []
                    points.append(run_points)
                run_points.append(start)
                run_points.append(end)
                current.end_node = leg.end
        paths: dict[tuple[tuple[float, float], ...], QPainterPath] = {}
        for run, run_points in zip(runs, points, strict=True):
            run.key = tuple(run_points)
            path = paths.get(run.key)
            if path is None:
                path = paths[run.key] = QPainterPath()
                path.addPolygon(QPolygonF([QPointF(x, y) for x, y in run_points]))
            run.path = path
        self._cache_key, self._runs = key, runs
        return runs

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        runs = self.device_runs(painter.transform())
        state = self.state
        visible = set(state.visible_corridor_ids())
        selected = state.selected_corridor()
        hovered = state.hovered if state.hovered and state.hovered.startswith("corridor:") else None
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        shown = [run for run in runs if run.corridor_id in visible]
        ordered = [r for r in shown if r.corridor_id != selected] + [r for r in shown if r.corridor_id == selected]
        casings, lines = self._unhidden(ordered, selected, hovered)
        for run in casings:
            width = self._width(run, selected, hovered) + style.CASING_EXTRA
            casing = QPen(style.CASING, width)
            casing.setCapStyle(Qt.PenCapStyle.RoundCap)
            casing.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            if selected and run.corridor_id != selected:
                casing.setColor(QColor(255, 255, 255, 90))
            painter.setPen(casing)
            painter.drawPath(run.path)
        for run in lines:
            colour = QColor(self.colours[run.corridor_id])
            if selected and run.corridor_id != selected:
                colour.setAlphaF(style.DIMMED_ALPHA)
            painter.setPen(style.line_pen(colour, self._width(run, selected, hovered), run.status))
            painter.drawPath(run.path)
        painter.restore()

    def _unhidden(self, ordered: list[DeviceRun], selected: str | None, hovered: str | None
                  ) -> tuple[list[DeviceRun], list[DeviceRun]]:
        """The runs whose casing and whose line are still seen once every run is drawn in ``ordered`` order.

        Runs along the same route (a large pack repeats corridors over the same nodes) draw the same path: a
        casing is drawn once per path and pen, and a line is left out when a later opaque line covers it along
        the same path, as it would be painted over anyway: a solid line at least as wide, or a dashed line of
        the same status and width (its dashes fall on the same places).
        """
        casings: list[DeviceRun] = []
        lines: list[DeviceRun] = []
        seen_casings: set[tuple[object, ...]] = set()
        solid: dict[tuple[tuple[float, float], ...], float] = {}  # route -> widest opaque solid line over it
        dashed: set[tuple[object, ...]] = set()  # (route, status, width) of opaque dashed lines: same dashes
        for run in reversed(ordered):
            width = self._width(run, selected, hovered)
            dimmed = bool(selected) and run.corridor_id != selected
            casing_key = (run.key, width, dimmed)
            if casing_key not in seen_casings:
                seen_casings.add(casing_key)
                casings.append(run)
            is_dashed = bool(style.DASHES[run.status])
            if solid.get(run.key, -1.0) >= width or (is_dashed and (run.key, run.status, width) in dashed):
                continue
            lines.append(run)
            if dimmed or QColor(self.colours[run.corridor_id]).alpha() != 255:
                continue
            if is_dashed:
                dashed.add((run.key, run.status, width))
            else:
                solid[run.key] = max(solid.get(run.key, -1.0), width)
        casings.reverse()
        lines.reverse()
        return casings, lines

    @staticmethod
    def _width(run: DeviceRun, selected: str | None, hovered: str | None) -> float:
        if run.corridor_id == selected:
            width = style.SELECTED_WIDTH
        else:
            width = style.ALTERNATE_WIDTH if run.alternate else style.LINE_WIDTH
            if run.corridor_id == hovered:
                width += 1.2
        return width * (0.7 if run.alternate and run.corridor_id == selected else 1.0)

    def corridor_near(self, t: QTransform, point: QPointF, tolerance: float = style.LINE_HIT_DISTANCE) -> str | None:
        """The visible corridor whose line passes within ``tolerance`` device pixels of ``point``, nearest first."""
        visible = set(self.state.visible_corridor_ids())
        best: tuple[float, str] | None = None
        p = (point.x(), point.y())
        for run in self.device_runs(t):
            if run.corridor_id not in visible:
                continue
            for a, b in zip(run.key, run.key[1:], strict=False):
                d = distance_to_segment(p, a, b)
                if d <= tolerance and (best is None or d < best[0]):
                    best = (d, run.corridor_id)
        return best[1] if best else None
