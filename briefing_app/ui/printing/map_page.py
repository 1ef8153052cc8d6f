"""The corridors map on its own landscape page: the map filling the page, the key beside it, every node named.

The map itself is the Corridors tab's own view (same projection, colours, line styles and disclaimer), drawn as
vector shapes through SVG; the names are set by the printer in the print font: the most important first, the rest
further out with a leader line, and where nodes crowd (the Caspian ports) an inset at a larger scale names them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtSvg import QSvgGenerator, QSvgRenderer

from briefing_app.domain.corridor_map import LegStatus, MapNode, SCOStatus
from briefing_app.domain.label_placement import LabelRequest, LeaderLabel, nearest_point, place_labels_with_leaders
from briefing_app.ui.map import style
from briefing_app.ui.printing.flow import sheet_font

if TYPE_CHECKING:
    from briefing_app.services.app import ContentReader
    from briefing_app.ui.map.view import CorridorMapView

log = logging.getLogger(__name__)

SCREEN_DPI = 96.0
KEY_SHARE = 0.25  # of the page's width, beside the map
LABEL_POINTS = 6.8
INSET_SHARE = 0.42  # of the map's width, at most
INSET_ZOOM = 2.6  # the inset's scale over the map's, at most
LEADER = QColor("#555555")
#: the white outline behind each name. Opaque on paper (the screen's is 90% white): a PDF strokes an opaque pen as a
#: line, where a translucent one becomes a filled outline of every letter's every curve, three quarters of the map
#: page's size and of the time to write it. On the page the two cannot be told apart.
PRINT_HALO = QColor("#ffffff")
Rect = tuple[float, float, float, float]


@dataclass
class PlacedName:
    node: MapNode
    placed: LeaderLabel
    inset: bool


class MapPage:
    """Paints the map page into a rectangle of a print device; :attr:`names` says which nodes got a name where."""

    def __init__(self, services: ContentReader, numbers: dict[str, int] | None = None) -> None:
        self.services = services
        self.numbers = numbers or {}
        self.names: list[PlacedName] = []
        self.inset_region: QRectF | None = None

    # --- the page ------------------------------------------------------------------------------------

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        from briefing_app.ui.map.render import offscreen_view

        dpi = float(painter.device().logicalDpiY())
        scale = dpi / SCREEN_DPI
        gap = 3.0 * dpi / 25.4
        key_width = rect.width() * KEY_SHARE
        map_rect = QRectF(rect.left(), rect.top(), rect.width() - key_width - gap, rect.height())
        key_rect = QRectF(map_rect.right() + gap, rect.top(), key_width, rect.height())
        logical = QSize(round(map_rect.width() / scale), round(map_rect.height() / scale))
        view = offscreen_view(self.services, logical)
        try:
            view.state.set_layer_visible("labels", False)
            view.key.setVisible(False)
            # the key is beside the map: the disclaimer has the room to be printed whole, not cut to one line
            view.disclaimer.layout_in(view.box.boundingRect())
            view.reset_view()
            with _countries_in_sight(view):
                svg = _view_svg(view)
            _draw_svg(painter, svg, map_rect)
            self._names(painter, view, map_rect, scale)
            self._key(painter, view, key_rect, scale)
        finally:
            view.deleteLater()
        pen = QPen(QColor("#8c8c8c"))
        pen.setWidthF(0.15 * dpi / 25.4)
        painter.save()
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(map_rect)
        painter.restore()

    # --- names ---------------------------------------------------------------------------------------

    def _names(self, painter: QPainter, view: CorridorMapView, map_rect: QRectF, scale: float) -> None:
        font = sheet_font(LABEL_POINTS)
        metrics = QFontMetricsF(font, painter.device())
        nodes = list(view.state.visible_nodes())
        t = view.device_transform()

        def at(node: MapNode) -> QPointF:
            p = t.map(QPointF(node.x, node.y))
            return QPointF(map_rect.left() + p.x() * scale, map_rect.top() + p.y() * scale)

        positions = {n.id: at(n) for n in nodes}
        disclaimer = view.mapFromScene(view.disclaimer.sceneBoundingRect()).boundingRect()
        obstacles: list[Rect] = [(map_rect.left() + disclaimer.left() * scale,
                                  map_rect.top() + disclaimer.top() * scale,
                                  map_rect.left() + disclaimer.right() * scale,
                                  map_rect.top() + disclaimer.bottom() * scale)]
        viewport: Rect = (map_rect.left(), map_rect.top(), map_rect.right(), map_rect.bottom())
        radius = (style.NODE_RADIUS + 1.0) * scale
        gaps = tuple(g * scale for g in (style.NODE_RADIUS + 2.0, 9.0, 16.0, 24.0))
        crowded: list[str] = []
        inset_rect: QRectF | None = None
        region: set[str] = set()
        placed: list[LeaderLabel] = []
        markers = [(p.x() - radius, p.y() - radius, p.x() + radius, p.y() + radius) for p in positions.values()]
        requests = [_request(n, positions[n.id], metrics) for n in nodes]
        placed, crowded = place_labels_with_leaders(requests, markers=markers, obstacles=obstacles,
                                                    viewport=viewport, gaps=gaps, padding=0.8 * scale)
        if crowded:
            # The largest cluster of nodes without room (the Caspian ports) goes to an inset at a larger scale;
            # the others get their names further out, with leader lines.
            region = self._grow_region(self._largest_cluster(crowded, positions, map_rect), nodes, positions,
                                       map_rect)
            inset_rect = self._inset_rect(map_rect, positions, region, radius)
            extra = [*obstacles, _rect(inset_rect), _rect(self._region_box(positions, region, radius * 2))]
            requests = [_request(n, positions[n.id], metrics) for n in nodes if n.id not in region]
            far = (*gaps, 34.0 * scale, 46.0 * scale)
            placed, crowded = place_labels_with_leaders(requests, markers=markers, obstacles=extra,
                                                        viewport=viewport, gaps=far, padding=0.8 * scale)
        if crowded:
            # Last resort: further out still, over other nodes' markers if need be, never over another name.
            rest = [_request(n, positions[n.id], metrics) for n in nodes if n.id in crowded]
            more, crowded = place_labels_with_leaders(
                rest, obstacles=[*obstacles, *([_rect(inset_rect)] if inset_rect is not None else [])],
                viewport=viewport, gaps=tuple(g * scale for g in (30.0, 45.0, 60.0, 80.0)), padding=0.8 * scale,
                taken=[p.label.rect for p in placed])
            placed.extend(more)
        by_id = {n.id: n for n in nodes}
        self.names = [PlacedName(by_id[p.label.key], p, False) for p in placed]
        if region and inset_rect is not None:
            self._inset(painter, view, map_rect, inset_rect, region, positions, metrics, scale)
        elif crowded:
            log.warning("map page: no room for the names of %s", ", ".join(crowded))
        _paint_names(painter, font, [(n.node.label, n.placed) for n in self.names if not n.inset], scale)

    def _largest_cluster(self, crowded: Sequence[str], positions: dict[str, QPointF],
                         map_rect: QRectF) -> list[str]:
        reach = map_rect.width() * 0.06
        clusters: list[list[str]] = []
        for node_id in crowded:
            p = positions[node_id]
            joined = [c for c in clusters if any(abs(p.x() - positions[o].x()) < reach
                                                 and abs(p.y() - positions[o].y()) < reach for o in c)]
            merged = [node_id] + [i for c in joined for i in c]
            clusters = [c for c in clusters if c not in joined] + [merged]
        return max(clusters, key=len)

    def _grow_region(self, crowded: Sequence[str], nodes: Sequence[MapNode], positions: dict[str, QPointF],
                     map_rect: QRectF) -> set[str]:
        """The crowded nodes and every node near them (a fifth of the map's width)."""
        reach = map_rect.width() * 0.035
        out = set(crowded)
        for node in nodes:
            p = positions[node.id]
            if any(abs(p.x() - positions[c].x()) < reach and abs(p.y() - positions[c].y()) < reach for c in crowded):
                out.add(node.id)
        return out

    def _region_box(self, positions: dict[str, QPointF], region: set[str], margin: float) -> QRectF:
        xs = [positions[i].x() for i in region]
        ys = [positions[i].y() for i in region]
        return QRectF(min(xs) - margin, min(ys) - margin, max(xs) - min(xs) + 2 * margin,
                      max(ys) - min(ys) + 2 * margin)

    def _inset_rect(self, map_rect: QRectF, positions: dict[str, QPointF], region: set[str],
                    radius: float) -> QRectF:
        """The inset in a corner of the map where it hides no node, shaped like the crowded region."""
        box = self._region_box(positions, region, radius * 8)
        width = min(map_rect.width() * INSET_SHARE, box.width() * INSET_ZOOM, box.height() * INSET_ZOOM * 2)
        height = min(width * box.height() / max(box.width(), 1.0), map_rect.height() * 0.45)
        width = min(width, height * box.width() / max(box.height(), 1.0))
        margin = 2.0 * radius
        outside = [p for i, p in positions.items() if i not in region]

        def corners(w: float, h: float) -> list[QRectF]:
            low = map_rect.bottom() - margin - h - map_rect.height() * 0.12  # above the disclaimer
            return [QRectF(map_rect.left() + margin, map_rect.top() + margin, w, h),
                    QRectF(map_rect.right() - margin - w, map_rect.top() + margin, w, h),
                    QRectF(map_rect.left() + margin, low, w, h),
                    QRectF(map_rect.right() - margin - w, low, w, h)]

        def covered(r: QRectF) -> int:
            wide = r.adjusted(-radius * 6, -radius * 6, radius * 6, radius * 6)
            return sum(1 for p in outside if wide.contains(p)) + (10 if r.intersects(box) else 0)

        # The largest inset that hides no other node (and not the region itself), shrinking if need be.
        for factor in (1.0, 0.85, 0.7, 0.55, 0.45):
            free = [r for r in corners(width * factor, height * factor) if covered(r) == 0]
            if free:
                return free[0]
        return min(corners(width * 0.45, height * 0.45), key=covered)

    def _inset(self, painter: QPainter, view: CorridorMapView, map_rect: QRectF, inset: QRectF, region: set[str],
               positions: dict[str, QPointF], metrics: QFontMetricsF, scale: float) -> None:
        from briefing_app.ui.map.render import offscreen_view

        radius = (style.NODE_RADIUS + 1.0) * scale
        box = self._region_box(positions, region, radius * 8)
        self.inset_region = box
        t = view.device_transform().inverted()[0]

        def to_map(x: float, y: float) -> QPointF:
            return t.map(QPointF((x - map_rect.left()) / scale, (y - map_rect.top()) / scale))

        a, b = to_map(box.left(), box.top()), to_map(box.right(), box.bottom())
        logical = QSize(round(inset.width() / scale), round(inset.height() / scale))
        small = offscreen_view(self.services, logical)
        try:
            small.state.set_layer_visible("labels", False)
            small.key.setVisible(False)
            small.disclaimer.setVisible(False)
            small.box.setRange(xRange=(min(a.x(), b.x()), max(a.x(), b.x())),
                               yRange=(min(a.y(), b.y()), max(a.y(), b.y())), padding=0.0)
            small.at_home = False
            painter.save()
            painter.fillRect(inset, QColor("#ffffff"))
            with _countries_in_sight(small):
                svg = _view_svg(small)
            _draw_svg(painter, svg, inset)
            st = small.device_transform()
            nodes = [n for n in small.state.visible_nodes() if n.id in region]
            local = {n.id: QPointF(inset.left() + st.map(QPointF(n.x, n.y)).x() * scale,
                                   inset.top() + st.map(QPointF(n.x, n.y)).y() * scale) for n in nodes}
            requests = [_request(n, local[n.id], metrics) for n in nodes if inset.contains(local[n.id])]
            markers = [(p.x() - radius, p.y() - radius, p.x() + radius, p.y() + radius) for p in local.values()]
            gaps = tuple(g * scale for g in (style.NODE_RADIUS + 2.0, 9.0, 16.0, 24.0))
            placed, missing = place_labels_with_leaders(requests, markers=markers, viewport=_rect(inset),
                                                        gaps=gaps, padding=0.8 * scale)
            if missing:
                log.warning("map inset: no room for the names of %s", ", ".join(missing))
            by_id = {n.id: n for n in nodes}
            inset_names = [PlacedName(by_id[p.label.key], p, True) for p in placed]
            self.names.extend(inset_names)
            frame = QPen(QColor("#333333"))
            frame.setWidthF(0.6 * scale)
            painter.setPen(frame)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(inset)
            painter.drawRect(box)
            caption_font = sheet_font(LABEL_POINTS)
            caption_font.setItalic(True)
            painter.setFont(caption_font)
            painter.drawText(QRectF(inset.left() + 3 * scale, inset.bottom() - metrics.height() - 2 * scale,
                                    inset.width(), metrics.height()),
                             Qt.AlignmentFlag.AlignLeft, "Inset: the crowded area, enlarged")
            painter.restore()
            _paint_names(painter, sheet_font(LABEL_POINTS), [(n.node.label, n.placed) for n in inset_names], scale)
        finally:
            small.deleteLater()

    # --- key -----------------------------------------------------------------------------------------

    def _key(self, painter: QPainter, view: CorridorMapView, rect: QRectF, scale: float) -> None:
        dpi = float(painter.device().logicalDpiY())
        mm = dpi / 25.4
        title = sheet_font(10.0)
        title.setBold(True)
        text_font = sheet_font(7.6)
        fm = QFontMetricsF(text_font, painter.device())
        y = rect.top()
        painter.save()
        painter.setPen(QColor("#0b2a4a"))
        painter.setFont(title)
        painter.drawText(QRectF(rect.left(), y, rect.width(), 6 * mm), Qt.AlignmentFlag.AlignLeft, "Key")
        y += 6 * mm
        painter.setFont(text_font)
        sample = 9 * mm
        text_left = rect.left() + sample + 2 * mm
        text_width = rect.right() - text_left
        corridors = sorted(view.state.data.corridors, key=lambda c: self.numbers.get(c.id, 999))
        for corridor in corridors:
            number = self.numbers.get(corridor.id)
            label = f"{number}. {corridor.title}" if number else corridor.title
            bounds = fm.boundingRect(QRectF(0, 0, text_width, 100 * mm), int(Qt.TextFlag.TextWordWrap), label)
            pen = style.line_pen(QColor(view.corridors.colours[corridor.id]), style.LINE_WIDTH * scale * 0.8,
                                 corridor.status)
            painter.setPen(pen)
            middle = y + fm.height() / 2
            painter.drawLine(QPointF(rect.left(), middle), QPointF(rect.left() + sample, middle))
            painter.setPen(QColor("#1f1f1f"))
            painter.drawText(QRectF(text_left, y, text_width, bounds.height()), int(Qt.TextFlag.TextWordWrap), label)
            y += bounds.height() + 1.6 * mm
        y += 2 * mm
        rows: list[tuple[str, object]] = [
            ("Operational", LegStatus.OPERATIONAL), ("Partly built", LegStatus.PARTIAL),
            ("Proposed", LegStatus.PROPOSED),
            ("Place on a corridor", "node"), ("Position approximate", "approximate"),
            ("SCO member state", SCOStatus.MEMBER), ("Observer", SCOStatus.OBSERVER),
            ("Dialogue partner", SCOStatus.DIALOGUE_PARTNER),
        ]
        for text, what in rows:
            middle = y + fm.height() / 2
            if isinstance(what, LegStatus):
                painter.setPen(style.line_pen(QColor("#444444"), style.LINE_WIDTH * scale * 0.6, what))
                painter.drawLine(QPointF(rect.left(), middle), QPointF(rect.left() + sample, middle))
            elif isinstance(what, SCOStatus):
                painter.setPen(QPen(style.COUNTRY_BORDER, 0.5 * scale))
                painter.setBrush(style.COUNTRY_FILLS[what])
                painter.drawRect(QRectF(rect.left(), middle - 1.6 * mm, sample, 3.2 * mm))
            else:
                pen = QPen(style.NODE_OUTLINE, 1.3 * scale,
                           Qt.PenStyle.DotLine if what == "approximate" else Qt.PenStyle.SolidLine)
                painter.setPen(pen)
                painter.setBrush(style.NODE_FILL)
                r = style.NODE_RADIUS * scale
                painter.drawEllipse(QPointF(rect.left() + sample / 2, middle), r, r)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QColor("#1f1f1f"))
            painter.drawText(QRectF(text_left, y, text_width, fm.height()), Qt.AlignmentFlag.AlignLeft, text)
            y += fm.height() + 1.4 * mm
        painter.restore()


def _request(node: MapNode, p: QPointF, metrics: QFontMetricsF) -> LabelRequest:
    return LabelRequest(node.id, p.x(), p.y(), metrics.horizontalAdvance(node.label), metrics.height(),
                        node.priority)


def _rect(r: QRectF) -> Rect:
    return (r.left(), r.top(), r.right(), r.bottom())


def _paint_names(painter: QPainter, font: QFont, names: Sequence[tuple[str, LeaderLabel]], scale: float) -> None:
    metrics = QFontMetricsF(font, painter.device())
    painter.save()
    painter.setFont(font)
    leader = QPen(LEADER)
    leader.setWidthF(0.5 * scale)
    painter.setPen(leader)
    for _text, placed in names:
        if placed.leader:
            x, y = placed.anchor
            end = nearest_point(placed.label.rect, x, y)
            painter.drawLine(QPointF(x, y), QPointF(*end))
    device_font = QFont(font, painter.device())  # the letters' outline at the device's resolution
    halo = QPen(PRINT_HALO)
    halo.setWidthF(2.2 * scale)
    halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    for text, placed in names:
        # the halo is the outline of the letters drawn wide in white (a shape, so each name is text only once)
        path = QPainterPath()
        path.addText(QPointF(placed.label.left, placed.label.top + metrics.ascent()), device_font, text)
        painter.strokePath(path, halo)
    painter.setPen(style.LABEL_COLOUR)
    for text, placed in names:
        painter.drawText(QPointF(placed.label.left, placed.label.top + metrics.ascent()), text)
    painter.restore()


#: how far outside the view (in its pixels) a country's ring may lie and still be drawn: its border's half width
SIGHT_MARGIN_PX = 4.0


@contextmanager
def _countries_in_sight(view: CorridorMapView) -> Iterator[None]:
    """While in this block, the view's countries are only the rings that reach into what it shows.

    A print keeps every shape it is given, even where the map's frame clips it away: the whole world, in the map
    and again in the inset, was most of the map page's size and of the time to write it. A ring whose bounds lie
    wholly outside the view adds nothing to what is seen, so the page looks the same without it.
    """
    layer = view.countries
    to_map, invertible = view.device_transform().inverted()
    if not invertible:
        yield
        return
    m = SIGHT_MARGIN_PX
    sight = to_map.mapRect(QRectF(view.viewport().rect()).adjusted(-m, -m, m, m))
    paths, borders = layer.paths, layer.borders
    layer.paths = {status: _rings_within(path, sight) for status, path in paths.items()}
    layer.borders = _rings_within(borders, sight)
    try:
        yield
    finally:
        layer.paths, layer.borders = paths, borders


def _rings_within(path: QPainterPath, sight: QRectF) -> QPainterPath:
    """The closed rings of ``path`` whose bounds meet ``sight``, in their order, with the path's fill rule."""
    out = QPainterPath()
    out.setFillRule(path.fillRule())
    for ring in path.toSubpathPolygons():
        if _meets(ring, sight):
            out.addPolygon(ring)
            out.closeSubpath()
    return out


def _meets(ring: QPolygonF, sight: QRectF) -> bool:
    bounds = ring.boundingRect()  # may have no width or height (a ring drawn only by its border)
    return not (bounds.right() < sight.left() or bounds.left() > sight.right()
                or bounds.bottom() < sight.top() or bounds.top() > sight.bottom())


def _view_svg(view: CorridorMapView) -> QByteArray:
    """The view as SVG (vector shapes at 96 dpi, whatever the print device's resolution)."""
    size = view.viewport().size()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(size)
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setResolution(round(SCREEN_DPI))
    painter = QPainter(generator)
    try:
        view.paint_export(painter, QRectF(0, 0, size.width(), size.height()))
    finally:
        painter.end()
    buffer.close()
    return data


def _draw_svg(painter: QPainter, svg: QByteArray, target: QRectF) -> None:
    # A shape the SVG fills with no stroke reaches a PDF as its fill and then an outline of it one pixel wide in the
    # same colour (Qt's SVG renderer hands the PDF writer a pen without a brush): every country's every point
    # written twice more. A stroke that is also fully transparent is not drawn at all.
    svg = QByteArray(svg).replace(QByteArray(b' stroke="none" '), QByteArray(b' stroke="none" stroke-opacity="0" '))
    renderer = QSvgRenderer(svg)
    painter.save()
    painter.setClipRect(target)
    renderer.render(painter, target)
    painter.restore()
