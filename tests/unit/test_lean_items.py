"""Readers that need places and links only (the map) load items without their sources; lean queries for state
names and the paragraphs items rest on give what the full loads give."""

from __future__ import annotations

import dataclasses

from briefing_app.domain.corridor_map import corridor_map_data
from briefing_app.domain.items import ItemKind
from briefing_app.views.map_data import read_geojson


def test_items_without_sources_are_the_items_less_their_sources(services) -> None:  # type: ignore[no-untyped-def]
    for kind in (ItemKind.NODE, ItemKind.CORRIDOR, ItemKind.PARTNER):
        full = services.briefing.items(kind)
        lean = services.briefing.items(kind, with_sources=False)
        assert any(item.sources for item in full)
        assert all(item.sources == () for item in lean)
        assert lean == [dataclasses.replace(item, sources=()) for item in full]


def test_the_map_is_the_same_drawn_from_items_without_sources(services) -> None:  # type: ignore[no-untyped-def]
    geojson, _problem = read_geojson()
    b = services.briefing

    def data(**lean: bool):  # type: ignore[no-untyped-def]
        states = [*b.items(ItemKind.MEMBER, **lean), *b.items(ItemKind.PARTNER, **lean)]
        return corridor_map_data(b.items(ItemKind.CORRIDOR, **lean), b.items(ItemKind.NODE, **lean), geojson,
                                 states=states)

    assert data(with_sources=False) == data()


def test_lean_lookups_match_the_full_loads(services) -> None:  # type: ignore[no-untyped-def]
    b = services.briefing
    names = {i.id: i.title for kind in (ItemKind.MEMBER, ItemKind.PARTNER) for i in b.items(kind)}
    assert b.titles(ItemKind.MEMBER, ItemKind.PARTNER) == names
    cited = sorted((i, s.paragraph) for i, s in b.all_sources() if s.paragraph is not None)
    assert sorted(b.paragraph_citations()) == cited


def test_the_map_read_lean_is_the_map_read_from_whole_items(services) -> None:  # type: ignore[no-untyped-def]
    """``load_map`` reads only the attributes and links the map draws from; the map is the same as from the
    whole items, and so are the corridor summaries and the states' statuses the tab shows beside it."""
    from briefing_app.domain.corridor_map import SCOStatus
    from briefing_app.views import map_data
    from briefing_app.views.attributes import item_status

    geojson, _problem = read_geojson()
    b = services.briefing
    members, partners = b.items(ItemKind.MEMBER), b.items(ItemKind.PARTNER)
    corridors = b.items(ItemKind.CORRIDOR)
    whole = corridor_map_data(corridors, b.items(ItemKind.NODE), geojson, states=[*members, *partners])
    map_data._CACHE.clear()
    loaded = map_data.load_map(b)
    assert loaded.data == whole
    assert loaded.corridor_summaries == {c.id: c.summary for c in corridors}
    statuses = {i.id: SCOStatus.MEMBER for i in members} | {
        i.id: SCOStatus.parse(item_status(i)) for i in partners}
    assert loaded.statuses == statuses
    lean_nodes = b.map_items(ItemKind.NODE, map_data.NODE_ATTRS, map_data.NODE_RELS)
    assert lean_nodes and all(set(n.attrs) <= set(map_data.NODE_ATTRS) and not n.body for n in lean_nodes)
    assert {link.rel for n in lean_nodes for link in n.links} == {"located_in"}
