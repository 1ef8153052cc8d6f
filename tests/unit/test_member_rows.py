"""The member rows every reader shares (Members tab, overview, print) are read in a fixed number of queries."""

from __future__ import annotations

from briefing_app.views.members import member_rows


def test_member_rows_resolve_every_representative_at_once(services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A library of every summit holds thousands of member rows: no lookup per row
    briefing = services.briefing
    one_by_one: list[str] = []
    monkeypatch.setattr(briefing, "ref", lambda item_id: one_by_one.append(item_id))
    rows = {row.item.id: row for row in member_rows(briefing)}
    assert one_by_one == []
    assert len(rows) == 10
    kazakhstan = rows["member:kaz"].representative
    assert kazakhstan is not None and kazakhstan.id == "person:tokayev"
    assert kazakhstan.title == "Kassym-Jomart Tokayev"
    assert all(row.representative is not None for row in rows.values())


def test_member_rows_keep_only_what_the_table_and_charts_show(services) -> None:  # type: ignore[no-untyped-def]
    # At 100x content a thousand rows held whole items (sources, decoded attributes, bodies) in the Members tab
    # and the overview chart: a row keeps its citations as text; print asks for the full items.
    briefing = services.briefing
    lean = {row.item.id: row for row in member_rows(briefing)}
    full = {row.item.id: row for row in member_rows(briefing, full=True)}
    assert lean.keys() == full.keys()
    for item_id, row in lean.items():
        whole = briefing.item(item_id)
        assert row.item.sources == () and not row.item.attrs and not row.item.body and not row.item.links
        assert full[item_id].item == whole
        assert (row.state, row.item.summary, row.item.kind) == (whole.title, whole.summary, whole.kind)
        assert row.sources_line() == full[item_id].sources_line() != ""
        assert row.population == full[item_id].population and row.gdp == full[item_id].gdp
    # the few hundred distinct references of a thousand states are kept once, not as a joined line per state
    refs = [ref for row in lean.values() for ref in row.source_refs]
    assert len(refs) > len(set(refs)) and len({id(ref) for ref in refs}) == len(set(refs))


def test_items_read_together_share_their_repeated_citations_and_relations(services) -> None:  # type: ignore[no-untyped-def]
    # SQLite hands back a new string per row: at 100x the same few hundred citations were held thousands of times
    from briefing_app.domain.items import ItemKind

    items = services.briefing.items(ItemKind.MEMBER)
    citations = [s.citation for item in items for s in item.sources if s.citation]
    rels = [link.rel for item in items for link in item.links]
    assert len(citations) > len(set(citations)) and len(rels) > len(set(rels))
    assert len({id(c) for c in citations}) == len(set(citations))
    assert len({id(r) for r in rels}) == len(set(rels))
    quotes = [s.quote for item in services.briefing.items() for s in item.sources if s.quote]
    assert len(quotes) > len(set(quotes)) and len({id(q) for q in quotes}) == len(set(quotes))
