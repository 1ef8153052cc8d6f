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
