"""The corridors map's data without Qt: corridors resolved to legs, shared legs in lanes, labels that never overlap."""

from __future__ import annotations

import json
import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_app.domain.corridor_map import (
    CorridorMapData,
    LegStatus,
    SCOStatus,
    corridor_map_data,
    country_at,
    leg_lanes,
    node_label,
)
from briefing_app.domain.items import Item, ItemKind, Link
from briefing_app.domain.label_placement import LabelRequest, place_labels
from briefing_app.domain.map_plane import offset_segment
from briefing_app.paths import geodata_path

SQUARE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "Squareland", "iso_a3": "SQL", "sco": "member"},
            "geometry": {"type": "Polygon", "coordinates": [[[60, 40], [70, 40], [70, 50], [60, 50], [60, 40]]]},
        }
    ],
}


def node(slug: str, lat: float, lon: float, **attrs: object) -> Item:
    return Item(f"node:{slug}", ItemKind.NODE, slug.title(), attrs={"lat": lat, "lon": lon, **attrs})


def corridor(slug: str, route: list[str], **attrs: object) -> Item:
    return Item(f"corridor:{slug}", ItemKind.CORRIDOR, slug.title(), attrs={"route": route, **attrs})


@pytest.fixture
def real_map(services) -> CorridorMapData:  # type: ignore[no-untyped-def]
    briefing = services.briefing
    states = [*briefing.items("member"), *briefing.items("partner")]
    geojson = json.loads(geodata_path().read_text(encoding="utf-8"))
    return corridor_map_data(briefing.items("corridor"), briefing.items("node"), geojson, states=states)


def test_a_corridor_becomes_legs_in_route_order_then_its_alternate_branches() -> None:
    # Given three nodes and a corridor with one proposed leg and one alternate branch
    nodes = [node("a", 40, 60), node("b", 41, 62), node("c", 42, 64)]
    item = corridor(
        "x", ["node:a", "node:b", "node:c"], status="partial", leg_status=["operational", "proposed"],
        alternate_routes=[["node:a", "node:c"]],
    )

    # When the map data is built
    data = corridor_map_data([item], nodes, SQUARE)

    # Then the legs follow the route with their statuses, and the branch takes the corridor's status
    legs = data.corridors[0].legs
    assert [(leg.start, leg.end, leg.status, leg.alternate) for leg in legs] == [
        ("node:a", "node:b", LegStatus.OPERATIONAL, False),
        ("node:b", "node:c", LegStatus.PROPOSED, False),
        ("node:a", "node:c", LegStatus.PARTIAL, True),
    ]
    assert data.nodes["node:b"].corridors == ("corridor:x",)


def test_legs_through_unknown_or_unlocated_nodes_are_left_out_with_a_warning(caplog) -> None:  # type: ignore[no-untyped-def]
    nodes = [node("a", 40, 60), node("b", 41, 62), Item("node:nowhere", ItemKind.NODE, "Nowhere", attrs={})]
    item = corridor("x", ["node:a", "node:b", "node:ghost", "node:nowhere"])

    with caplog.at_level(logging.WARNING):
        data = corridor_map_data([item], nodes, SQUARE)

    assert [(leg.start, leg.end) for leg in data.corridors[0].legs] == [("node:a", "node:b")]
    assert "node:ghost" in caplog.text
    assert "node:nowhere" in caplog.text


def test_a_corridor_with_no_drawable_leg_is_not_on_the_map() -> None:
    data = corridor_map_data([corridor("x", ["node:a"])], [node("a", 40, 60)], SQUARE)
    assert data.corridors == ()


def test_countries_keep_their_sco_status_and_unknown_statuses_count_as_other() -> None:
    collection = json.loads(json.dumps(SQUARE))
    collection["features"].append({**collection["features"][0], "properties": {"name": "X", "sco": "bogus"}})
    data = corridor_map_data([], [], collection)
    assert [c.status for c in data.countries] == [SCOStatus.MEMBER, SCOStatus.OTHER]


def test_node_inside_a_country_outline_is_located_in_it() -> None:
    data = corridor_map_data([], [node("in", 45, 65)], SQUARE)
    here = data.nodes["node:in"]
    assert country_at(data.countries, here.x, here.y) is data.countries[0]
    far = corridor_map_data([], [node("far", 20, 100)], SQUARE).nodes["node:far"]
    assert country_at(data.countries, far.x, far.y) is None


def test_shared_legs_get_distinct_lanes_whichever_way_each_corridor_runs() -> None:
    # Given two corridors over the same leg in opposite directions, and a third leg used by one corridor
    nodes = [node("a", 40, 60), node("b", 41, 62), node("c", 42, 64)]
    one = corridor("one", ["node:a", "node:b", "node:c"])
    two = corridor("two", ["node:b", "node:a"])
    data = corridor_map_data([one, two], nodes, SQUARE)

    lanes = leg_lanes(data.corridors)

    # Then the shared leg has two lanes half a width either side (opposite signs in a common direction)
    # and the unshared leg runs in the middle
    assert abs(lanes[("corridor:one", 0)]) == 0.5
    assert lanes[("corridor:one", 0)] == lanes[("corridor:two", 0)]  # opposite direction, so same signed value
    assert lanes[("corridor:one", 1)] == 0.0


def test_offset_segment_moves_sideways_by_the_distance() -> None:
    assert offset_segment((0, 0), (10, 0), 2) == ((0, 2), (10, 2))
    assert offset_segment((0, 0), (0, 0), 2) == ((0, 0), (0, 0))


def test_labels_drop_parenthetical_remarks_and_mark_approximate_positions() -> None:
    assert node_label("Alashankou (railway station)", False) == "Alashankou"
    assert node_label("Port of Baku at Alat (approximate)", True) == "≈ Port of Baku at Alat"


def test_every_corridor_of_the_pack_has_at_least_two_nodes_in_the_home_view(real_map: CorridorMapData) -> None:
    assert len(real_map.corridors) >= 5
    for item in real_map.corridors:
        inside = [n for n in item.node_ids if real_map.home.contains(real_map.nodes[n].x, real_map.nodes[n].y)]
        assert len(inside) >= 2, item.id


def test_pack_nodes_are_placed_in_their_sco_countries(real_map: CorridorMapData) -> None:
    assert real_map.nodes["node:aktau"].country_name == "Kazakhstan"
    assert real_map.nodes["node:aktau"].country_status is SCOStatus.MEMBER
    assert real_map.nodes["node:baku"].country_status is SCOStatus.DIALOGUE_PARTNER
    assert real_map.nodes["node:kabul"].country_status is SCOStatus.OBSERVER
    # Georgia is outside the SCO: its name comes from the country outlines
    assert (real_map.nodes["node:tbilisi"].country_name, real_map.nodes["node:tbilisi"].country_status) == (
        "Georgia", SCOStatus.OTHER,
    )


def test_the_shipped_geodata_fills_the_pan_limits_with_every_sco_member(real_map: CorridorMapData) -> None:
    members = {c.name for c in real_map.countries if c.status is SCOStatus.MEMBER}
    assert {"China", "India", "Iran", "Kazakhstan", "Russia", "Belarus", "Pakistan"} <= members
    assert real_map.bounds.width > real_map.home.width
    assert real_map.bounds.height > real_map.home.height


def test_important_labels_are_placed_first_and_others_only_where_room_is_left() -> None:
    # Given two labels at almost the same point, and one far away
    requests = [
        LabelRequest("minor", 100, 100, 50, 12, priority=1),
        LabelRequest("major", 101, 101, 50, 12, priority=5),
        LabelRequest("far", 400, 400, 50, 12, priority=0),
    ]

    placed = {label.key for label in place_labels(requests, gap=4)}

    # Then the major one and the far one are placed; the minor one finds room only on another side
    assert {"major", "far"} <= placed


def test_labels_never_leave_the_viewport_nor_cover_an_obstacle() -> None:
    requests = [LabelRequest("edge", 5, 50, 80, 12, 1), LabelRequest("under", 150, 50, 30, 12, 1)]
    placed = place_labels(requests, viewport=(0, 0, 200, 100), obstacles=[(140, 40, 200, 60)])
    assert [p.key for p in placed] == ["edge"]
    assert placed[0].left >= 0


@given(
    st.lists(
        st.tuples(st.floats(0, 300), st.floats(0, 200), st.floats(5, 80), st.floats(5, 15), st.floats(0, 10)),
        max_size=40,
    )
)
def test_placed_labels_never_overlap_each_other_or_another_nodes_marker(raw) -> None:  # type: ignore[no-untyped-def]
    requests = [LabelRequest(str(i), x, y, w, h, p) for i, (x, y, w, h, p) in enumerate(raw)]
    markers = [(r.x - 3, r.y - 3, r.x + 3, r.y + 3) for r in requests]

    placed = place_labels(requests, markers=markers, viewport=(0, 0, 300, 200), padding=0)

    for i, a in enumerate(placed):
        ax0, ay0, ax1, ay1 = a.rect
        assert ax0 >= 0 and ax1 <= 300 and ay0 >= 0 and ay1 <= 200
        for b in placed[i + 1:]:
            bx0, by0, bx1, by1 = b.rect
            assert not (ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1)
        own = requests[int(a.key)]
        for request, (mx0, my0, mx1, my1) in zip(requests, markers, strict=True):
            if (request.x, request.y) != (own.x, own.y):
                assert not (ax0 < mx1 and mx0 < ax1 and ay0 < my1 and my0 < ay1)


def test_located_in_links_name_the_country_of_a_node() -> None:
    state = Item("partner:zzz", ItemKind.PARTNER, "Zedland", attrs={"status": "observer"})
    located = Item("node:z", ItemKind.NODE, "Z", attrs={"lat": 10, "lon": 10},
                   links=(Link("located_in", "partner:zzz"),))
    data = corridor_map_data([], [located], SQUARE, states=[state])
    assert (data.nodes["node:z"].country_name, data.nodes["node:z"].country_status) == ("Zedland", SCOStatus.OBSERVER)
