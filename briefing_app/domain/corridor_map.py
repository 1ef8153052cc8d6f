"""What the corridors map shows, projected and ready to draw: countries by SCO status, nodes, corridor legs.

Built once from the pack's corridor and node items and the shipped country geometry; plain Python so that
the geometry can be checked without Qt. Coordinates are in the projection's unit (kilometres), y north.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from briefing_app.domain.geo import EURASIA, LambertConformalConic
from briefing_app.domain.items import Item
from briefing_app.domain.map_plane import Extent, Point, distance_to_segment, inside_ring

log = logging.getLogger(__name__)


class SCOStatus(StrEnum):
    MEMBER = "member"
    OBSERVER = "observer"
    DIALOGUE_PARTNER = "dialogue_partner"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            SCOStatus.MEMBER: "SCO member state",
            SCOStatus.OBSERVER: "SCO observer state",
            SCOStatus.DIALOGUE_PARTNER: "SCO dialogue partner",
            SCOStatus.OTHER: "Not in the SCO",
        }[self]

    @classmethod
    def parse(cls, value: Any) -> SCOStatus:
        try:
            return cls(str(value))
        except ValueError:
            return cls.OTHER


class LegStatus(StrEnum):
    OPERATIONAL = "operational"
    PARTIAL = "partial"
    PROPOSED = "proposed"

    @property
    def label(self) -> str:
        return {
            LegStatus.OPERATIONAL: "operational",
            LegStatus.PARTIAL: "partly built or in use",
            LegStatus.PROPOSED: "proposed",
        }[self]

    @classmethod
    def parse(cls, value: Any, default: LegStatus) -> LegStatus:
        try:
            return cls(str(value))
        except ValueError:
            return default


@dataclass(frozen=True, slots=True)
class CountryShape:
    """A country outline, projected, with its SCO status."""

    name: str
    iso_a3: str
    status: SCOStatus
    #: outer rings and holes, each a closed sequence of projected points
    rings: tuple[tuple[Point, ...], ...]


@dataclass(frozen=True, slots=True)
class MapNode:
    """A corridor node where the map draws it, with what its marker and label need."""

    id: str
    title: str
    label: str
    lat: float
    lon: float
    x: float
    y: float
    country: str
    node_type: str
    approximate: bool
    #: ids of the corridors whose main route or alternates pass here, in map order
    corridors: tuple[str, ...]
    #: larger is more important: labels of important nodes survive when the map is zoomed out
    priority: float
    #: the member or partner item the node lies in ("" for a country outside the SCO), its name and status
    state_id: str = ""
    country_name: str = ""
    country_status: SCOStatus = SCOStatus.OTHER


@dataclass(frozen=True, slots=True)
class CorridorLeg:
    """One stretch of a corridor between two consecutive nodes."""

    start: str
    end: str
    status: LegStatus
    alternate: bool
    #: 0 for the main route, 1, 2, ... for the alternative branches in the pack's order
    branch: int = 0


@dataclass(frozen=True, slots=True)
class MapCorridor:
    """A corridor as the map draws it: its legs in route order, then its alternative branches."""

    id: str
    title: str
    status: LegStatus
    legs: tuple[CorridorLeg, ...]
    #: main route in order (node ids present on the map)
    route: tuple[str, ...]

    @property
    def node_ids(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for leg in self.legs:
            seen.setdefault(leg.start)
            seen.setdefault(leg.end)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class CorridorMapData:
    """Everything the corridors map draws, projected once."""

    countries: tuple[CountryShape, ...]
    nodes: Mapping[str, MapNode]
    corridors: tuple[MapCorridor, ...]
    #: what Reset view shows: every node with a margin
    home: Extent
    #: how far the user may pan: the country geometry
    bounds: Extent

    def corridor(self, corridor_id: str) -> MapCorridor | None:
        return next((c for c in self.corridors if c.id == corridor_id), None)


def countries_from_geojson(data: Mapping[str, Any], projection: LambertConformalConic = EURASIA) -> list[CountryShape]:
    """Countries of a GeoJSON FeatureCollection (Polygon and MultiPolygon) with their ``sco`` property, projected."""
    countries: list[CountryShape] = []
    for feature in data.get("features", []):
        geometry = feature.get("geometry") or {}
        props = feature.get("properties") or {}
        kind = geometry.get("type")
        if kind == "Polygon":
            polygons = [geometry["coordinates"]]
        elif kind == "MultiPolygon":
            polygons = geometry["coordinates"]
        else:
            continue
        rings = tuple(
            tuple(projection.forward_many((float(lon), float(lat)) for lon, lat, *_ in ring))
            for polygon in polygons
            for ring in polygon
            if len(ring) >= 3
        )
        countries.append(
            CountryShape(
                str(props.get("name", "")), str(props.get("iso_a3", "")), SCOStatus.parse(props.get("sco")), rings
            )
        )
    return countries


_PARENTHESIS = re.compile(r"\s*\([^)]*\)")


def node_label(title: str, approximate: bool) -> str:
    """The map label: the title without its parenthetical remark, marked ``≈`` when the position is approximate."""
    label = _PARENTHESIS.sub("", title).strip() or title
    return f"≈ {label}" if approximate else label


def _legs_of(item: Item, known: Mapping[str, Any]) -> tuple[list[CorridorLeg], list[str]]:
    attrs = item.attrs
    corridor_status = LegStatus.parse(attrs.get("status"), LegStatus.OPERATIONAL)
    route = [str(n) for n in attrs.get("route") or []]
    statuses = list(attrs.get("leg_status") or [])
    legs: list[CorridorLeg] = []
    for index, (start, end) in enumerate(zip(route, route[1:], strict=False)):
        status = LegStatus.parse(statuses[index], corridor_status) if index < len(statuses) else corridor_status
        legs.append(CorridorLeg(start, end, status, alternate=False))
    # An alternate is as firm as the corridor as a whole unless ``alternate_leg_status`` gives its legs' statuses.
    branch_statuses = list(attrs.get("alternate_leg_status") or [])
    for number, branch in enumerate(attrs.get("alternate_routes") or [], start=1):
        stops = [str(n) for n in branch]
        own = list(branch_statuses[number - 1]) if number - 1 < len(branch_statuses) else []
        legs.extend(
            CorridorLeg(a, b, LegStatus.parse(own[i], corridor_status) if i < len(own) else corridor_status,
                        alternate=True, branch=number)
            for i, (a, b) in enumerate(zip(stops, stops[1:], strict=False))
        )
    missing = sorted({n for leg in legs for n in (leg.start, leg.end) if n not in known})
    if missing:
        log.warning("corridor %s names nodes that are not in the briefing: %s", item.id, ", ".join(missing))
    present = [leg for leg in legs if leg.start in known and leg.end in known and leg.start != leg.end]
    return present, [n for n in route if n in known]


def corridor_map_data(
    corridors: Sequence[Item],
    nodes: Sequence[Item],
    geojson: Mapping[str, Any],
    projection: LambertConformalConic = EURASIA,
    states: Sequence[Item] = (),
) -> CorridorMapData:
    """Project the countries and nodes and resolve each corridor's legs; nodes without coordinates are left out.

    ``states`` are the member and partner items: a node's ``located_in`` link names its country; a node in a
    country outside the SCO gets the name of the country outline it lies in.
    """
    located: dict[str, tuple[Item, float, float]] = {}
    for node in nodes:
        try:
            lat, lon = float(node.attrs["lat"]), float(node.attrs["lon"])
        except (KeyError, TypeError, ValueError):
            log.warning("node %s has no usable coordinates; it is not drawn", node.id)
            continue
        if math.isfinite(lat) and math.isfinite(lon) and -80.0 <= lat <= 89.0:
            located[node.id] = (node, lat, lon)

    map_corridors: list[MapCorridor] = []
    on_corridors: dict[str, list[str]] = {}
    endpoints: set[str] = set()
    for item in corridors:
        legs, route = _legs_of(item, located)
        if not legs:
            continue
        corridor = MapCorridor(
            item.id,
            item.title,
            LegStatus.parse(item.attrs.get("status"), LegStatus.OPERATIONAL),
            tuple(legs),
            tuple(route),
        )
        map_corridors.append(corridor)
        for node_id in corridor.node_ids:
            on_corridors.setdefault(node_id, []).append(corridor.id)
        if route:
            endpoints.update((route[0], route[-1]))

    countries = countries_from_geojson(geojson, projection)
    by_id = {state.id: state for state in states}
    capitals = {str(state.attrs["capital"]) for state in states if state.attrs.get("capital")}
    on_routes: dict[str, int] = {}  # how many corridors' main routes pass each node, counted once
    for corridor in map_corridors:
        for node_id in set(corridor.route):
            on_routes[node_id] = on_routes.get(node_id, 0) + 1
    outline_at: dict[Point, CountryShape | None] = {}  # many nodes share a point: test the outlines once each
    map_nodes: dict[str, MapNode] = {}
    projected: dict[tuple[float, float], tuple[float, float]] = {}  # nodes at one place are projected once
    for node_id, (node, lat, lon) in located.items():
        at = projected.get((lat, lon))
        if at is None:
            at = projected[(lat, lon)] = projection.forward(lat, lon)
        x, y = at
        approximate = bool(node.attrs.get("approximate", False))
        through = tuple(on_corridors.get(node_id, ()))
        on_main = on_routes.get(node_id, 0)
        priority = 2.0 * on_main + len(through) + (1.5 if node_id in endpoints else 0.0)
        if node.title in capitals:
            priority += 2.5
        if node.attrs.get("node_type") in ("border_crossing", "rail_station") or approximate:
            priority -= 2.5
        map_nodes[node_id] = MapNode(
            node_id,
            node.title,
            node_label(node.title, approximate),
            lat,
            lon,
            x,
            y,
            str(node.attrs.get("country", "")),
            str(node.attrs.get("node_type", "")),
            approximate,
            through,
            priority,
            *_place(node, x, y, by_id, countries, outline_at),
        )

    drawn = [map_nodes[n] for c in map_corridors for n in c.node_ids]
    home = Extent.around([(n.x, n.y) for n in drawn]).padded(0.06)
    bounds = Extent.around([p for country in countries for ring in country.rings for p in ring])
    return CorridorMapData(tuple(countries), map_nodes, tuple(map_corridors), home, bounds)


def _place(
    node: Item,
    x: float,
    y: float,
    states: Mapping[str, Item],
    countries: Sequence[CountryShape],
    outline_at: dict[Point, CountryShape | None],
) -> tuple[str, str, SCOStatus]:
    for target in node.links_by_rel("located_in"):
        state = states.get(target)
        if state is not None:
            status = SCOStatus.MEMBER if state.kind.value == "member" else SCOStatus.parse(state.attrs.get("status"))
            return state.id, state.title, status
    # Outlines at 1:110m are coarse near borders, so they only name countries that are not in the SCO.
    if (x, y) not in outline_at:
        outline_at[(x, y)] = country_at(countries, x, y)
    outline = outline_at[(x, y)]
    if outline is not None and outline.status is SCOStatus.OTHER:
        return "", outline.name, SCOStatus.OTHER
    return "", str(node.attrs.get("country", "")), SCOStatus.OTHER


def leg_lanes(corridors: Sequence[MapCorridor]) -> dict[tuple[str, int], float]:
    """Side-by-side lanes for legs that several corridors share, like lines on a metro map.

    Returns, for (corridor id, leg index), the lane offset in line widths to the left of the leg's direction
    of travel: 0 for a leg used by one corridor, -0.5/+0.5 for two, -1/0/+1 for three, and so on. Lanes
    are ordered by the corridors' order, whichever way each corridor runs along the shared leg.
    """
    users: dict[tuple[str, str], list[str]] = {}
    for corridor in corridors:
        for leg in corridor.legs:
            key = (min(leg.start, leg.end), max(leg.start, leg.end))
            if corridor.id not in users.setdefault(key, []):
                users[key].append(corridor.id)
    lanes: dict[tuple[str, int], float] = {}
    for corridor in corridors:
        for index, leg in enumerate(corridor.legs):
            forward = leg.start <= leg.end
            sharing = users[(min(leg.start, leg.end), max(leg.start, leg.end))]
            lane = sharing.index(corridor.id) - (len(sharing) - 1) / 2.0
            lanes[(corridor.id, index)] = lane if forward else -lane
    return lanes


def country_at(countries: Sequence[CountryShape], x: float, y: float, tolerance: float = 40.0) -> CountryShape | None:
    """The country containing a projected point; for a coastal point just outside the coarse outlines, the
    nearest country within ``tolerance`` (kilometres)."""
    for country in countries:
        if sum(inside_ring(x, y, ring) for ring in country.rings) % 2 == 1:
            return country
    best: tuple[float, CountryShape] | None = None
    for country in countries:
        for ring in country.rings:
            for a, b in zip(ring, ring[1:], strict=False):
                d = distance_to_segment((x, y), a, b)
                if d <= tolerance and (best is None or d < best[0]):
                    best = (d, country)
    return best[1] if best else None
