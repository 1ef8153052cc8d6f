"""Geometry in the plane of the corridors map (the projection's kilometres, y north): points, extents,
sideways offsets, distances and point-in-ring tests. Plain Python, no Qt."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Extent:
    """A rectangle in map coordinates (kilometres, y north)."""

    left: float
    bottom: float
    right: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom

    def contains(self, x: float, y: float) -> bool:
        return self.left <= x <= self.right and self.bottom <= y <= self.top

    def padded(self, fraction: float) -> Extent:
        dx, dy = self.width * fraction, self.height * fraction
        return Extent(self.left - dx, self.bottom - dy, self.right + dx, self.top + dy)

    @classmethod
    def around(cls, points: Sequence[Point]) -> Extent:
        if not points:
            return cls(-1.0, -1.0, 1.0, 1.0)
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        return cls(min(xs), min(ys), max(xs), max(ys))


def offset_segment(start: Point, end: Point, distance: float) -> tuple[Point, Point]:
    """The segment moved sideways by ``distance`` to the left of its direction (y up); unchanged if degenerate."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy)
    if length == 0.0 or distance == 0.0:
        return start, end
    nx, ny = -dy / length * distance, dx / length * distance
    return (start[0] + nx, start[1] + ny), (end[0] + nx, end[1] + ny)


def distance_to_segment(point: Point, start: Point, end: Point) -> float:
    """The shortest distance from ``point`` to the segment from ``start`` to ``end``."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length2 = dx * dx + dy * dy
    if length2 == 0.0:
        return math.hypot(point[0] - start[0], point[1] - start[1])
    t = max(0.0, min(1.0, ((point[0] - start[0]) * dx + (point[1] - start[1]) * dy) / length2))
    return math.hypot(point[0] - start[0] - t * dx, point[1] - start[1] - t * dy)


def inside_ring(x: float, y: float, ring: Sequence[Point]) -> bool:
    """Whether the point lies inside the closed ring (even-odd rule; a point on the edge may go either way)."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside
