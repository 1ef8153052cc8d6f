"""A large pack repeats corridors and nodes over the same places: the map draws each route, each marker and
tries each label place once, so its cost follows what is seen, not how many items lie under it."""

from __future__ import annotations

import dataclasses

from PySide6.QtGui import QColor, QImage, QPainter, QTransform

from briefing_app.domain import label_placement
from briefing_app.domain.label_placement import LabelRequest, place_labels
from briefing_app.ui.map.layers import CorridorLayer
from briefing_app.ui.map.state import MapState
from briefing_app.views.map_data import load_map

COPIES = 20


def repeated(data, copies: int = COPIES):  # type: ignore[no-untyped-def]
    """The map data as a large pack has it: every corridor and node repeated ``copies`` times at the same places,
    each copy with its own ids (copy 0 is the real one)."""

    def rename(node_id: str, k: int) -> str:
        return f"{node_id}-{k}" if k else node_id

    nodes = {}
    corridors = []
    for k in range(copies):
        for node in data.nodes.values():
            copy = dataclasses.replace(node, id=rename(node.id, k),
                                       corridors=tuple(rename(c, k) for c in node.corridors))
            nodes[copy.id] = copy
        for c in data.corridors:
            legs = tuple(dataclasses.replace(leg, start=rename(leg.start, k), end=rename(leg.end, k))
                         for leg in c.legs)
            corridors.append(dataclasses.replace(c, id=rename(c.id, k), legs=legs,
                                                 route=tuple(rename(n, k) for n in c.route)))
    return dataclasses.replace(data, nodes=nodes, corridors=tuple(corridors))


def test_repeated_labels_at_one_place_are_tried_once_and_placed_as_before(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls = {"n": 0}
    overlaps = label_placement._overlaps

    def counting(a, b):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        return overlaps(a, b)

    monkeypatch.setattr(label_placement, "_overlaps", counting)
    one = [LabelRequest(f"n{i}", 100.0 + 40 * i, 100.0, 30.0, 12.0, 1.0) for i in range(5)]
    markers = [(r.x - 4, r.y - 4, r.x + 4, r.y + 4) for r in one]
    alone = place_labels(one, markers=markers)
    calls["n"] = 0
    many = [dataclasses.replace(r, key=f"{r.key}-{k}") for k in range(200) for r in one]
    placed = place_labels(many, markers=[m for _k in range(200) for m in markers])
    # Each place takes as many labels as it has room for (the first copies), the same as without the repeats
    first = {p.key: (p.left, p.top) for p in placed if p.key.endswith("-0")}
    assert first == {f"{p.key}-0": (p.left, p.top) for p in alone}
    assert len({(p.left, p.top) for p in placed}) == len(placed)
    # and a copy that cannot fit is not tried again at every candidate: work does not grow with the copies
    assert calls["n"] < 200 * len(one) * 2


def test_repeated_labels_of_many_widths_at_one_place_are_tried_once_each_place(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Copies of a node have labels of different widths ("Almaty — Tashkent 2027", "Almaty — Goa 2025"): once a
    label found no room at a place, no label as wide or wider is tried there; the places are those found by
    trying every label in full."""
    rng = __import__("random").Random(7)
    points = [(100.0 + 40 * i, 100.0) for i in range(5)]
    many = [LabelRequest(f"n{i}-{k}", x, y, rng.uniform(20, 60), 12.0, 1.0)
            for k in range(200) for i, (x, y) in enumerate(points)]
    markers = [(r.x - 4, r.y - 4, r.x + 4, r.y + 4) for r in many]
    calls = {"n": 0}
    overlaps = label_placement._overlaps

    def counting(a, b):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        return overlaps(a, b)

    def every_label_tried_in_full() -> list[label_placement.PlacedLabel]:
        placed: list[label_placement.PlacedLabel] = []
        for request in many:
            for left, top in label_placement._candidates(request, 6.0):
                rect = (left - 1.5, top - 1.5, left + request.width + 1.5, top + request.height + 1.5)
                if any(overlaps(rect, (p.left - 1.5, p.top - 1.5, p.left + p.width + 1.5, p.top + p.height + 1.5))
                       for p in placed):
                    continue
                if any(overlaps(rect, m) for m in markers if not (m[0] <= request.x <= m[2]
                                                                   and m[1] <= request.y <= m[3])):
                    continue
                placed.append(label_placement.PlacedLabel(request.key, left, top, request.width, request.height))
                break
        return placed

    monkeypatch.setattr(label_placement, "_overlaps", counting)
    placed = place_labels(many, markers=markers)
    assert placed == every_label_tried_in_full()
    assert calls["n"] < len(many) * 8


def test_a_route_repeated_by_many_corridors_draws_one_casing_and_one_line(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    data = load_map(services.briefing).data
    single = CorridorLayer(MapState(data))
    many = CorridorLayer(MapState(repeated(data)))
    t = QTransform()
    ordered_single = single.device_runs(t)
    ordered_many = many.device_runs(t)
    assert len(ordered_many) == COPIES * len(ordered_single)
    casings, lines = single._unhidden(ordered_single, None, None)
    assert len(casings) == len(lines) == len(ordered_single)  # the real pack: every run is drawn, as before
    casings, lines = many._unhidden(ordered_many, None, None)
    routes = {run.key for run in ordered_many}
    assert len(casings) == len(routes)
    # A line is left out only under a later solid line at least as wide along the same route
    assert len(routes) <= len(lines) < len(ordered_many) / 4
    drawn = set(map(id, lines))
    for i, run in enumerate(ordered_many):
        if id(run) not in drawn:
            assert any(later.key == run.key and id(later) in drawn for later in ordered_many[i + 1:])


def naive_paint(layer: CorridorLayer, painter: QPainter) -> None:
    """Every run's casing, then every run's line, in order: how the layer drew before (the reference)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPen

    from briefing_app.ui.map import style

    runs = layer.device_runs(painter.transform())
    painter.save()
    painter.resetTransform()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for run in runs:
        casing = QPen(style.CASING, layer._width(run, None, None) + style.CASING_EXTRA)
        casing.setCapStyle(Qt.PenCapStyle.RoundCap)
        casing.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(casing)
        painter.drawPath(run.path)
    for run in runs:
        painter.setPen(style.line_pen(QColor(layer.colours[run.corridor_id]), layer._width(run, None, None),
                                      run.status))
        painter.drawPath(run.path)
    painter.restore()


def render(layer: CorridorLayer, data, paint) -> QImage:  # type: ignore[no-untyped-def]
    image = QImage(800, 500, QImage.Format.Format_ARGB32)
    image.fill(QColor("#f4efe4"))
    box = data.home
    sx, sy = 800 / (box.right - box.left), 500 / (box.top - box.bottom)
    painter = QPainter(image)
    painter.setTransform(QTransform(sx, 0, 0, -sy, -box.left * sx, box.top * sy))
    paint(painter)
    painter.end()
    return image


def test_repeated_routes_look_as_when_every_run_was_drawn(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    data = repeated(load_map(services.briefing).data, 4)
    layer = CorridorLayer(MapState(data))
    new = render(layer, data, lambda p: layer.paint(p, None))  # type: ignore[arg-type]
    old = render(layer, data, lambda p: naive_paint(layer, p))
    background = QColor("#f4efe4")

    def distance(c: QColor) -> int:
        return max(abs(c.red() - background.red()), abs(c.green() - background.green()),
                   abs(c.blue() - background.blue()))

    coloured = differing = 0
    for x in range(0, 800, 2):
        for y in range(0, 500, 2):
            a, b = distance(new.pixelColor(x, y)), distance(old.pixelColor(x, y))
            coloured += a > 100
            # The same lines in the same places: no line drawn where there was none, none missing. (The soft
            # edges differ: the lines painted over one another no longer darken them.)
            differing += (a > 100 and b < 20) or (b > 100 and a < 20)
    assert coloured > 1000
    assert differing <= coloured / 100
