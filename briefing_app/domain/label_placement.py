"""Placing map labels so that they never overlap: the most important first, the rest only where room is left.

Screen geometry in pixels, y down. Each label may sit at one of eight positions around its anchor (right,
left, above, below, then the corners); a label that fits nowhere is left out, which is how labels thin out
as the map is zoomed out.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

Rect = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True, slots=True)
class LabelRequest:
    """A label to place: its anchor point (the node), its size and how much it matters."""

    key: str
    x: float
    y: float
    width: float
    height: float
    priority: float


@dataclass(frozen=True, slots=True)
class PlacedLabel:
    """Where a label went: its top-left corner and size."""

    key: str
    left: float
    top: float
    width: float
    height: float

    @property
    def rect(self) -> Rect:
        return (self.left, self.top, self.left + self.width, self.top + self.height)


@dataclass
class _Grid:
    """Rectangles bucketed by the square cells they touch, so a test looks only at its neighbours (a map of a
    large pack places thousands of labels: comparing each with every placed one is quadratic)."""

    cell: float = 64.0
    cells: dict[tuple[int, int], list[Rect]] = field(default_factory=dict)

    def _keys(self, rect: Rect) -> Iterator[tuple[int, int]]:
        c = self.cell
        for i in range(math.floor(rect[0] / c), math.floor(rect[2] / c) + 1):
            for j in range(math.floor(rect[1] / c), math.floor(rect[3] / c) + 1):
                yield i, j

    def add(self, rect: Rect) -> None:
        for key in self._keys(rect):
            self.cells.setdefault(key, []).append(rect)

    def near(self, rect: Rect) -> Iterator[Rect]:
        """Every stored rectangle that may overlap ``rect`` (some more than once)."""
        for key in self._keys(rect):
            yield from self.cells.get(key, ())


def _overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _candidates(request: LabelRequest, gap: float) -> list[tuple[float, float]]:
    w, h, x, y = request.width, request.height, request.x, request.y
    return [
        (x + gap, y - h / 2),  # right
        (x - gap - w, y - h / 2),  # left
        (x - w / 2, y - gap - h),  # above
        (x - w / 2, y + gap),  # below
        (x + gap * 0.7, y - gap * 0.7 - h),  # upper right
        (x + gap * 0.7, y + gap * 0.7),  # lower right
        (x - gap * 0.7 - w, y - gap * 0.7 - h),  # upper left
        (x - gap * 0.7 - w, y + gap * 0.7),  # lower left
    ]


def place_labels(
    requests: Sequence[LabelRequest],
    *,
    markers: Sequence[Rect] = (),
    obstacles: Sequence[Rect] = (),
    viewport: Rect | None = None,
    gap: float = 6.0,
    padding: float = 1.5,
) -> list[PlacedLabel]:
    """Greedy placement by descending priority (ties keep the given order).

    A label may not overlap another placed label, another node's marker (``markers``) or an ``obstacle``
    (a legend drawn over the map), and must lie inside the viewport when one is given; a node hidden under
    an obstacle gets no label. ``padding`` keeps placed labels apart by that many pixels.
    """
    placed: list[PlacedLabel] = []
    taken = _Grid()
    marker_grid = _Grid()
    for marker in dict.fromkeys(markers):  # nodes at one place have one marker: test it once
        marker_grid.add(marker)

    def fits(request: LabelRequest, left: float, top: float) -> Rect | None:
        """The padded rectangle of ``request`` at (left, top) if nothing is in its way there, else None."""
        rect = (left - padding, top - padding, left + request.width + padding, top + request.height + padding)
        if viewport is not None and (
            left < viewport[0]
            or top < viewport[1]
            or left + request.width > viewport[2]
            or top + request.height > viewport[3]
        ):
            return None
        if any(_overlaps(rect, other) for other in taken.near(rect)):
            return None
        if any(_overlaps(rect, obstacle) for obstacle in obstacles):
            return None
        # A node's own marker is an obstacle for everyone else's label, never for its own.
        if any(_overlaps(rect, m) for m in marker_grid.near(rect) if not _contains_point(m, request.x, request.y)):
            return None
        return rect

    order = sorted(range(len(requests)), key=lambda i: -requests[i].priority)
    # A label that found no room stays without room (places are only ever taken), and so does any later label
    # at the same anchor of the same height that is as wide or wider (each of its places covers the narrower
    # one's): many nodes at one place (a large pack) are tried once, not once each.
    no_room: dict[tuple[float, float, float], float] = {}  # (x, y, height) -> narrowest width that found none
    for index in order:
        request = requests[index]
        if viewport is not None and not (
            viewport[0] <= request.x <= viewport[2] and viewport[1] <= request.y <= viewport[3]
        ):
            continue
        if any(_contains_point(obstacle, request.x, request.y) for obstacle in obstacles):
            continue
        anchor = (request.x, request.y, request.height)
        if request.width >= no_room.get(anchor, math.inf):
            continue
        for left, top in _candidates(request, gap):
            rect = fits(request, left, top)
            if rect is not None:
                placed.append(PlacedLabel(request.key, left, top, request.width, request.height))
                taken.add(rect)
                break
        else:
            no_room[anchor] = request.width
    return placed


def _contains_point(rect: Rect, x: float, y: float) -> bool:
    return rect[0] <= x <= rect[2] and rect[1] <= y <= rect[3]


@dataclass(frozen=True, slots=True)
class LeaderLabel:
    """A placed label; ``leader`` when it sits away from its node and a line joins the two."""

    label: PlacedLabel
    anchor: tuple[float, float]
    leader: bool


def _far_candidates(request: LabelRequest, gap: float) -> list[tuple[float, float]]:
    """Sixteen positions at ``gap`` from the anchor, each label on the side facing away from it."""
    w, h = request.width, request.height
    out = []
    for step in range(16):
        angle = step * math.pi / 8
        cos, sin = math.cos(angle), math.sin(angle)
        px, py = request.x + gap * cos, request.y + gap * sin
        left = px if cos > 0.3 else px - w if cos < -0.3 else px - w / 2
        top = py - h / 2 if abs(sin) < 0.3 else py if sin > 0 else py - h
        out.append((left, top))
    return out


def _segment_hits(rect: Rect, x0: float, y0: float, x1: float, y1: float) -> bool:
    """Whether a leader from a node (x0, y0) to its label crosses ``rect`` (its first fifth, among the
    node's neighbours, is not counted)."""
    for i in range(4, 20):
        t = i / 20
        if _contains_point(rect, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t):
            return True
    return False


def nearest_point(rect: Rect, x: float, y: float) -> tuple[float, float]:
    """The point of ``rect`` nearest to (x, y): where a leader line meets its label."""
    return min(max(x, rect[0]), rect[2]), min(max(y, rect[1]), rect[3])


def place_labels_with_leaders(
    requests: Sequence[LabelRequest],
    *,
    markers: Sequence[Rect] = (),
    obstacles: Sequence[Rect] = (),
    viewport: Rect | None = None,
    gaps: Sequence[float] = (6.0, 16.0, 28.0, 42.0),
    padding: float = 1.5,
    taken: Sequence[Rect] = (),
) -> tuple[list[LeaderLabel], list[str]]:
    """Every label next to its node where there is room (by priority, as :func:`place_labels`); then, for the
    rest, further out with a leader line that crosses no other label. Returns the placed labels and the keys
    of those that found no room at all (for an inset). ``taken`` are labels placed before (by an earlier call)."""
    grid = _Grid()
    for rect in taken:
        grid.add(rect)
    marker_grid = _Grid()
    for marker in dict.fromkeys(markers):
        marker_grid.add(marker)
    leaders: list[tuple[float, float, float, float]] = []
    placed: dict[str, LeaderLabel] = {}
    order = sorted(range(len(requests)), key=lambda i: -requests[i].priority)
    for pass_index, gap in enumerate(gaps):
        for index in order:
            request = requests[index]
            if request.key in placed:
                continue
            if viewport is not None and not _contains_point(viewport, request.x, request.y):
                continue
            if any(_contains_point(o, request.x, request.y) for o in obstacles):
                continue
            candidates = _candidates(request, gap) if pass_index == 0 else _far_candidates(request, gap)
            for left, top in candidates:
                rect = (left - padding, top - padding, left + request.width + padding,
                        top + request.height + padding)
                if viewport is not None and (left < viewport[0] or top < viewport[1]
                                             or left + request.width > viewport[2]
                                             or top + request.height > viewport[3]):
                    continue
                if any(_overlaps(rect, other) for other in grid.near(rect)):
                    continue
                if any(_overlaps(rect, o) for o in obstacles):
                    continue
                if any(_overlaps(rect, m) for m in marker_grid.near(rect)
                       if not _contains_point(m, request.x, request.y)):
                    continue
                if any(_segment_hits(rect, *line) for line in leaders):
                    continue
                leader = pass_index > 0
                if leader:
                    end = nearest_point(rect, request.x, request.y)
                    line = (request.x, request.y, *end)
                    if any(_segment_hits(other, *line) for other in _rects_near(grid, line)):
                        continue
                    leaders.append(line)
                placed[request.key] = LeaderLabel(
                    PlacedLabel(request.key, left, top, request.width, request.height),
                    (request.x, request.y), leader)
                grid.add(rect)
                break
    missing = [r.key for r in requests if r.key not in placed]
    return [placed[r.key] for r in requests if r.key in placed], missing


def _rects_near(grid: _Grid, line: tuple[float, float, float, float]) -> list[Rect]:
    box = (min(line[0], line[2]), min(line[1], line[3]), max(line[0], line[2]), max(line[1], line[3]))
    return list(dict.fromkeys(grid.near(box)))
