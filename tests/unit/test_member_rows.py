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
