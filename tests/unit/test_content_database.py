"""The content database: deterministic builds, atomic replacement, automatic rebuilds, links both ways."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from briefing_app import paths
from briefing_app.content.errors import PackError
from briefing_app.domain.items import ItemKind, ItemRef
from briefing_app.persistence.content_repository import ContentRepository
from briefing_app.services import content
from briefing_app.services.briefing import BriefingService, UnknownItemError
from tests.conftest import MINI_PACK


def dump(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT id, kind, title, summary, body, attrs, keywords, position FROM items ORDER BY id")
        return rows.fetchall()


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    target = tmp_path / "mini"
    shutil.copytree(MINI_PACK, target)
    return target


def test_build_is_deterministic(tmp_path: Path) -> None:
    first = tmp_path / "a.sqlite3"
    second = tmp_path / "b.sqlite3"
    content.build(MINI_PACK, first)
    content.build(MINI_PACK, second)
    assert dump(first) == dump(second)


def test_counts_and_items_per_kind(built_content: Path) -> None:
    repo = ContentRepository(built_content)
    counts = repo.counts()
    assert counts["member"] == 10
    assert counts["paragraph"] == 35
    assert [i.attrs["order"] for i in repo.items("priority")] == [1, 2, 3, 4]
    repo.close()


def test_the_head_of_a_kind_reads_the_address_figures_first_like_the_whole_list(built_content: Path) -> None:
    # Given the real pack, whose figures mix ones the address states with background ones
    repo = ContentRepository(built_content)
    figures = repo.items("figure")
    expected = [f for f in figures if f.paragraphs] + [f for f in figures if not f.paragraphs]
    assert any(f.paragraphs for f in figures) and not all(f.paragraphs for f in figures)
    # When the first n are read alone, Then they are the first n of that order, whole items with sources
    for limit in (0, 1, 8, len(figures), len(figures) + 5):
        assert repo.items_stated_first("figure", limit) == expected[:limit]
    assert repo.items_stated_first("no-such-kind", 8) == []
    repo.close()


def test_detail_resolves_links_both_ways(built_content: Path) -> None:
    service = BriefingService(ContentRepository(built_content))
    detail = service.detail("member:kaz")
    assert any(link.direction == "in" for link in detail.links)
    assert all(link.item.title for link in detail.links)
    with pytest.raises(UnknownItemError):
        service.detail("member:atlantis")


def test_items_citing_a_paragraph_exclude_the_paragraph_itself(built_content: Path) -> None:
    repo = ContentRepository(built_content)
    cited = repo.items_citing_paragraph(12)
    assert "achievement:almaty-cultural-capital" in {ref.id for ref in cited}
    assert all(ref.kind.value != "paragraph" for ref in cited)


def test_invalid_pack_leaves_existing_content_untouched(mini_copy: Path, briefing_home: Path) -> None:
    content.build(mini_copy)
    before = paths.content_db_path().read_bytes()
    (mini_copy / "items" / "items.yaml").write_text("- id: nonsense\n", encoding="utf-8")
    with pytest.raises(PackError):
        content.build(mini_copy)
    assert paths.content_db_path().read_bytes() == before
    assert not list(briefing_home.glob(".content-*"))


def test_changed_pack_is_rebuilt_automatically(mini_copy: Path) -> None:
    content.build(mini_copy)
    path = mini_copy / "items" / "items.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Rudolf V", "title: Rudolf the Fifth"),
                    encoding="utf-8")
    status = content.ContentStatus(mini_copy)
    repo = content.open_current(status)
    assert status.rebuilt
    assert repo.get("person:rudolf").title == "Rudolf the Fifth"
    repo.close()


def test_corrupt_content_database_is_rebuilt_from_the_pack(mini_copy: Path) -> None:
    content.build(mini_copy)
    paths.content_db_path().write_bytes(b"this is not a database" * 100)
    status = content.ContentStatus(mini_copy)
    repo = content.open_current(status)
    assert status.rebuilt and repo.get("member:rur") is not None
    repo.close()


def test_no_pack_and_no_database_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "default_pack_dir", lambda: tmp_path / "missing-pack")
    with pytest.raises(content.ContentUnavailableError, match="missing-pack.*is not a pack folder"):
        content.open_current()


def test_refs_are_read_per_id_and_no_index_of_every_title_is_kept(built_content: Path) -> None:
    """``ref`` and ``exists`` look the one id up: a library of summits' 21,800 titles are not held for the session."""
    import gc
    import tracemalloc

    repo = ContentRepository(built_content)
    try:
        with sqlite3.connect(built_content) as conn:
            kind, title = conn.execute("SELECT kind, title FROM items WHERE id = 'member:kaz'").fetchone()
        gc.collect()
        tracemalloc.start()
        try:
            ref = repo.ref("member:kaz")
            assert repo.exists("member:kaz") and not repo.exists("member:nowhere")
            assert repo.ref("member:nowhere") is None
            del ref
            gc.collect()
            held, _peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert repo.ref("member:kaz") == ItemRef("member:kaz", ItemKind(kind), title)
        # the real pack's 218 titles by id would hold ~60 KB; one prepared statement and its connection far less
        assert held < 20_000, held
    finally:
        repo.close()
