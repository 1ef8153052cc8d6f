"""The map's detail pane text for corridors and nodes (Qt-free): what a reader needs to understand a route."""

from __future__ import annotations

import json

import pytest

from briefing_app.domain.corridor_map import CorridorMapData, SCOStatus, corridor_map_data
from briefing_app.paths import geodata_path
from briefing_app.reports.corridor_html import corridor_detail_html, node_detail_html


@pytest.fixture
def map_data(services) -> CorridorMapData:  # type: ignore[no-untyped-def]
    briefing = services.briefing
    states = [*briefing.items("member"), *briefing.items("partner")]
    geojson = json.loads(geodata_path().read_text(encoding="utf-8"))
    return corridor_map_data(briefing.items("corridor"), briefing.items("node"), geojson, states=states)


@pytest.fixture
def statuses(services) -> dict[str, SCOStatus]:  # type: ignore[no-untyped-def]
    out = {item.id: SCOStatus.MEMBER for item in services.briefing.items("member")}
    out.update({item.id: SCOStatus.parse(item.attrs.get("status")) for item in services.briefing.items("partner")})
    return out


def test_trans_caspian_detail_names_the_sco_states_it_crosses_by_status(services, map_data, statuses) -> None:  # type: ignore[no-untyped-def]
    html = corridor_detail_html(services.briefing.detail("corridor:trans-caspian"), map_data,
                                {"corridor:trans-caspian": "#0072b2"}, statuses)

    assert "<h3>SCO states crossed</h3>" in html
    members = html[html.index("Member states:"):html.index("</p>", html.index("Member states:"))]
    assert "China" in members and "Kazakhstan" in members and "Uzbekistan" in members
    partners = html[html.index("Dialogue partners:"):html.index("</p>", html.index("Dialogue partners:"))]
    assert "Azerbaijan" in partners and "Türkiye" in partners
    assert "Also on the route, not in the SCO:</b> Georgia, Turkmenistan" in html
    assert 'href="source:28"' in html
    assert "color:#0072b2" in html


def test_route_is_listed_in_order_and_each_branch_separately(services, map_data, statuses) -> None:  # type: ignore[no-untyped-def]
    html = corridor_detail_html(services.briefing.detail("corridor:trans-caspian"), map_data, {}, statuses)
    route = html[html.index("<ol>", html.index("Route, in order")):html.index("</ol>", html.index("Route, in order"))]
    order = ["Lianyungang", "Xi'an", "Urumqi", "Almaty", "Aktau", "Port of Baku at Alat", "Tbilisi", "Poti"]
    positions = [route.index(name.replace("'", "&#x27;")) for name in order]
    assert positions == sorted(positions)
    start = html.index("Alternative branches")
    branches = html[start:html.index("</ul>", start)]
    assert branches.count("<li>") == 5  # five alternate_routes in the pack, none merged into another


def test_proposed_legs_are_said_in_words(services, map_data, statuses) -> None:  # type: ignore[no-untyped-def]
    html = corridor_detail_html(services.briefing.detail("corridor:central-asia-south-asia"), map_data, {}, statuses)
    assert html.count("next leg proposed") == 2
    assert "Observer states:" in html and "Afghanistan" in html
    assert "Related proposals" in html


def test_node_detail_gives_country_status_and_approximate_position(services, map_data) -> None:  # type: ignore[no-untyped-def]
    html = node_detail_html(services.briefing.detail("node:alat"), map_data, {})
    assert "Azerbaijan</a> (SCO dialogue partner)" in html
    assert "approximate, not authoritative" in html
    assert "Trans-Caspian International Transport Route" in html


def test_pack_text_is_escaped(services, map_data, statuses) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    detail = services.briefing.detail("corridor:north-south")
    hostile = replace(detail, item=replace(detail.item, summary="<script>alert(1)</script>"))
    html = corridor_detail_html(hostile, map_data, {}, statuses)
    assert "<script>" not in html and "&lt;script&gt;" in html
