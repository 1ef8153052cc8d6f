"""Search stays bounded on huge packs: a query matching more items than are ranked still answers well.

The real pack never reaches the bound (every query there is ranked exactly), so these tests lower it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_app.domain.items import HIGHLIGHT_OPEN
from briefing_app.persistence import fts
from briefing_app.persistence.content_repository import ContentRepository
from briefing_app.services.briefing import BriefingService


@pytest.fixture
def briefing(built_content: Path) -> BriefingService:
    return BriefingService(ContentRepository(built_content))


@pytest.fixture
def small_bound(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(fts, "MAX_RANKED", 8)
    return 8


def test_a_broad_query_still_fills_the_list_with_snippets(briefing: BriefingService, small_bound: int) -> None:
    # Given a one-letter query matching far more items than are ranked
    hits = briefing.search("a", limit=20)
    # Then the list is full, without repeats, and every hit shows where it matched
    assert len(hits) == 20
    assert len({hit.item.id for hit in hits}) == 20
    assert all(HIGHLIGHT_OPEN in hit.snippet for hit in hits)


def test_a_broad_query_puts_name_matches_first(briefing: BriefingService, small_bound: int) -> None:
    # Given "SCO", which the real pack mentions almost everywhere
    hits = briefing.search("SCO", limit=12)
    # Then items named after it (by their title or one of their aliases) come before items that only mention it
    def is_named(item_id: str, title: str) -> bool:
        item = briefing.find(item_id)
        names = [title, *(item.aliases if item is not None else [])]
        return any("sco" in name.lower() for name in names)

    named = [is_named(hit.item.id, hit.item.title) for hit in hits]
    assert named[0]
    assert named == sorted(named, reverse=True)


def test_a_broad_query_with_a_kind_returns_only_that_kind(briefing: BriefingService, small_bound: int) -> None:
    hits = briefing.search("a", limit=10, kind="member")
    assert hits and all(hit.item.kind.value == "member" for hit in hits)


def test_a_narrow_query_is_ranked_exactly_whatever_the_bound(
    briefing: BriefingService, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given the same specific query ranked with and without a bound it does not reach
    exact = [hit.item.id for hit in briefing.search("Almaty")]
    monkeypatch.setattr(fts, "MAX_RANKED", 10_000)
    assert [hit.item.id for hit in briefing.search("Almaty")] == exact
    assert exact[:2] == ["node:almaty", "achievement:almaty-cultural-capital"]


def test_every_query_on_the_real_pack_is_ranked_exactly(briefing: BriefingService) -> None:
    # The bound only ever cuts a pack far larger than a real briefing pack, with room for it to grow
    assert 2 * sum(briefing.counts().values()) <= fts.MAX_RANKED
