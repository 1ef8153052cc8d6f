"""A rebuild parses only the pack files that changed, and builds exactly what a build from nothing builds (issue 22).

The parsed and validated items of each items file are kept beside the content database under the hash of the
file's text (content/parse_cache.py). These tests prove the cache is used, that what it builds and every
problem it reports are the same as without it, and that a damaged or foreign cache is ignored.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import briefing_app.content.loader as loader
from briefing_app.content.errors import PackError
from briefing_app.content.parse_cache import ParseCache, cache_path
from briefing_app.services import content
from tests.conftest import REAL_PACK

TABLES = {
    "items": "SELECT * FROM items ORDER BY row_id",
    "sources": "SELECT * FROM sources ORDER BY row_id",
    "links": "SELECT * FROM links ORDER BY row_id",
    "search_names": "SELECT * FROM search_names ORDER BY row_id",
    "search_terms": "SELECT * FROM search_terms ORDER BY term",
    "fts": "SELECT rowid, * FROM items_fts ORDER BY rowid",
    "meta": "SELECT key, value FROM meta WHERE key NOT IN ('built_at', 'pack_stat') ORDER BY key",
}


def dump(path: Path) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    with sqlite3.connect(path) as conn:
        return {name: conn.execute(sql).fetchall() for name, sql in TABLES.items()}


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    target = tmp_path / "pack"
    shutil.copytree(REAL_PACK, target)
    return target


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The items files parsed as YAML, in order, during the test."""
    seen: list[str] = []
    real = loader._parse_yaml

    def spy(text: str, rel: str, problems: list) -> object:  # type: ignore[type-arg]
        if rel.startswith("items/"):
            seen.append(rel)
        return real(text, rel, problems)

    monkeypatch.setattr(loader, "_parse_yaml", spy)
    return seen


def test_a_rebuild_parses_only_the_items_file_that_changed(tmp_path: Path, pack: Path, parsed: list[str]) -> None:
    target = tmp_path / "home" / "content.sqlite3"
    content.build(pack, target, remember=False)
    files = sorted(p.name for p in (pack / "items").glob("*.yaml"))
    assert [Path(rel).name for rel in parsed] == files  # the first build parses every file
    assert cache_path(target).is_file()

    parsed.clear()
    content.build(pack, target, remember=False)
    assert parsed == []  # nothing changed: nothing parsed

    members = pack / "items" / "members.yaml"
    members.write_text(members.read_text(encoding="utf-8").replace("Kazakhstan", "Qazaqstan", 1), encoding="utf-8")
    content.build(pack, target, remember=False)
    assert parsed == ["items/members.yaml"]

    fresh = tmp_path / "fresh" / "content.sqlite3"
    content.build(pack, fresh, remember=False)
    assert dump(target) == dump(fresh)  # the same database as a build from nothing
    assert any("Qazaqstan" in str(row) for row in dump(target)["items"])


def test_with_the_cache_the_database_is_the_one_built_without_it(tmp_path: Path, pack: Path) -> None:
    cached = tmp_path / "cached" / "content.sqlite3"
    content.build(pack, cached, remember=False)
    content.build(pack, cached, remember=False)  # every items file from the cache
    plain = tmp_path / "plain.sqlite3"
    from briefing_app.persistence.content_builder import build_content_db

    loaded = loader.load_pack(pack)  # no cache at all
    build_content_db(plain, loaded.info, loaded.items, loaded.root)
    assert dump(cached) == dump(plain)


def test_the_problems_of_a_pack_are_the_same_with_the_cache(tmp_path: Path, pack: Path) -> None:
    target = tmp_path / "home" / "content.sqlite3"
    content.build(pack, target, remember=False)  # every file cached
    # One file gets a problem of its own, another (still cached) a link to an item that is now gone.
    nodes = pack / "items" / "nodes.yaml"
    text = nodes.read_text(encoding="utf-8")
    first_id = text.split("id: ", 1)[1].split("\n", 1)[0].strip()
    nodes.write_text(text.replace(f"id: {first_id}\n", f"id: {first_id}-renamed\n", 1)
                     .replace("title:", "title: \n  bogus_field: 1\n  titel:", 1), encoding="utf-8")

    def problems(home_target: Path) -> list[tuple[str, str | None, str | None, str]]:
        with pytest.raises(PackError) as caught:
            content.build(pack, home_target, remember=False)
        return [(p.file, p.item, p.field, p.message) for p in caught.value.problems]

    with_cache = problems(target)
    without = problems(tmp_path / "other" / "content.sqlite3")
    assert with_cache == without
    assert with_cache  # the pack is broken, and says so


@pytest.mark.parametrize("damage", ["garbage", "payload", "code"])
def test_a_damaged_or_foreign_cache_is_ignored(tmp_path: Path, pack: Path, parsed: list[str], damage: str) -> None:
    target = tmp_path / "home" / "content.sqlite3"
    content.build(pack, target, remember=False)
    before = dump(target)
    path = cache_path(target)
    data = path.read_bytes()
    header, _, payload = data.partition(b"\n")
    if damage == "garbage":
        path.write_bytes(b"\x00not a cache")
    elif damage == "payload":  # one character of an item's title changed: its checksum no longer holds
        path.write_bytes(header + b"\n" + payload.replace(b"Kazakhstan", b"Kazakhstam", 1))
    else:  # written by other code
        path.write_bytes(header.replace(b'"code": "', b'"code": "0', 1) + b"\n" + payload)
    assert ParseCache.open(path).get((pack / "items" / "members.yaml").read_text(encoding="utf-8")) is None
    parsed.clear()
    content.build(pack, target, remember=False)
    assert len(parsed) == len(list((pack / "items").glob("*.yaml")))  # all parsed again
    assert dump(target) == before
    assert ParseCache.open(path).get((pack / "items" / "members.yaml").read_text(encoding="utf-8")) is not None


def test_a_cache_that_cannot_be_written_does_not_stop_the_build(tmp_path: Path, pack: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import briefing_app.content.parse_cache as parse_cache

    real = parse_cache.tempfile.mkstemp

    def refuse(*args: object, **kwargs: object) -> object:
        if str(kwargs.get("prefix", "")).startswith(".parse-cache"):
            raise PermissionError(13, "Permission denied")
        return real(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(parse_cache.tempfile, "mkstemp", refuse)
    target = tmp_path / "home" / "content.sqlite3"
    assert content.build(pack, target, remember=False)["member"] > 0
    assert not cache_path(target).exists()


def test_the_built_file_is_in_rollback_mode_with_no_journal_left(tmp_path: Path, pack: Path) -> None:
    target = tmp_path / "home" / "content.sqlite3"
    content.build(pack, target, remember=False)
    assert target.read_bytes()[18:20] == b"\x01\x01"  # not WAL: readable from a read-only folder
    leftovers = [p.name for p in target.parent.iterdir() if p.name.startswith(".content-") or "-journal" in p.name
                 or p.name.endswith(("-wal", "-shm"))]
    assert leftovers == []
    with sqlite3.connect(f"file:{target}?mode=ro", uri=True) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_builder_folds_names_and_words_as_search_does() -> None:
    from briefing_app.persistence.content_builder import _fold_fast
    from briefing_app.persistence.search_text import fold

    samples = ["Kazakhstan", "Khürelsükh", "TOKAYEV", "Ёлка ёж", "上海合作组织", "ﬁnance ² Ⅻ", "İstanbul", "Straße",
               "Tashkent — 2027", "e\u0301te\u0301", "Xi'an (railway station)", ""]
    samples += (REAL_PACK / "items" / "members.yaml").read_text(encoding="utf-8").split()
    for text in samples:
        assert _fold_fast(text) == fold(text), text
