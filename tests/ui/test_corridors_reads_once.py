"""The Corridors tab reads each kind of item from the content database once on its first show: the map's loader
also gives the detail pane the states' statuses and the corridors' summaries (at 100x content, each read of a
kind costs tens of milliseconds), and only the attributes and links the map draws from."""

from __future__ import annotations

from collections import Counter

from briefing_app.domain.corridor_map import SCOStatus
from briefing_app.domain.items import ItemKind
from briefing_app.views import map_data


def test_first_show_reads_each_kind_once(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    map_data._CACHE.clear()  # as in a fresh process
    briefing = window.services.briefing
    real_items, real_map_items = briefing.items, briefing.map_items
    reads: Counter[ItemKind] = Counter()
    whole: Counter[ItemKind] = Counter()

    def counted(kind, *args, **kwargs):  # type: ignore[no-untyped-def]
        reads[kind] += 1
        whole[kind] += 1
        return real_items(kind, *args, **kwargs)

    def counted_lean(kind, *args, **kwargs):  # type: ignore[no-untyped-def]
        reads[kind] += 1
        return real_map_items(kind, *args, **kwargs)

    monkeypatch.setattr(briefing, "items", counted)
    monkeypatch.setattr(briefing, "map_items", counted_lean)
    window.navigator.open("tab:corridors")
    panel = window.panel("corridors")
    qtbot.waitUntil(lambda: panel.map.isVisible())
    assert reads and max(reads.values()) == 1, reads
    assert not whole, whole  # and only what the map draws from: no whole items (bodies, keywords, every link)
    # what the detail pane used to read for itself, it now has from the map's loader, complete
    detail = panel.detail
    corridors = real_items(ItemKind.CORRIDOR, with_sources=False)
    assert detail.map_view.loaded.corridor_summaries == {c.id: c.summary for c in corridors}
    members = real_items(ItemKind.MEMBER, with_sources=False)
    assert members and all(detail.statuses[m.id] is SCOStatus.MEMBER for m in members)
    partners = real_items(ItemKind.PARTNER, with_sources=False)
    assert partners and all(p.id in detail.statuses for p in partners)
    assert "Trans-Caspian" in detail.browser.toPlainText() or corridors[0].title in detail.browser.toPlainText()
