"""The content database recovers on its own: damaged pages are found and rebuilt from the pack, content in a
read-only folder is read as it is, a killed build leaves nothing for good, and a chosen pack whose folder is gone
is neither forgotten nor silently replaced."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from briefing_app import cli, paths
from briefing_app.persistence import content_builder
from briefing_app.services import content
from tests.conftest import MINI_PACK
from tests.fault_tools import read_only


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    target = tmp_path / "mini"
    shutil.copytree(MINI_PACK, target)
    return target


def pages_of(db: Path, tables: tuple[str, ...]) -> list[int]:
    """The page numbers of these tables and their indexes (every page of their b-trees)."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        names = ", ".join("?" for _ in tables)
        rows = conn.execute(
            f"SELECT DISTINCT pageno FROM dbstat WHERE name IN ({names}) "  # noqa: S608 - placeholders only
            f"OR name IN (SELECT name FROM sqlite_master WHERE tbl_name IN ({names}))",
            (*tables, *tables),
        ).fetchall()
    return sorted(r[0] for r in rows)


def damage_pages(db: Path, pages: list[int]) -> None:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with db.open("r+b") as raw:
        for page in pages:
            raw.seek((page - 1) * size)
            raw.write(bytes([0xA5]) * size)


def has_dbstat() -> bool:
    with contextlib.closing(sqlite3.connect(":memory:")) as conn:
        try:
            conn.execute("SELECT * FROM dbstat LIMIT 1")
        except sqlite3.OperationalError:
            return False
    return True


needs_dbstat = pytest.mark.skipif(not has_dbstat(), reason="this SQLite has no dbstat table")


# --- 12: damaged pages -------------------------------------------------------------------------------------


@needs_dbstat
def test_a_content_database_with_damaged_item_pages_is_rebuilt_at_start(mini_copy: Path) -> None:
    content.build(mini_copy)
    damage_pages(paths.content_db_path(), pages_of(paths.content_db_path(), ("items",)))
    status = content.ContentStatus(mini_copy)
    repo = content.open_current(status)
    try:
        assert status.rebuilt
        assert repo.get("member:rur") is not None and repo.integrity() == "ok"
    finally:
        repo.close()


@needs_dbstat
def test_damaged_pages_found_by_a_later_query_are_rebuilt_from_the_pack(mini_copy: Path) -> None:
    # Given content whose items read fine but whose sources and links pages are damaged
    content.build(mini_copy)
    db = paths.content_db_path()
    damage_pages(db, pages_of(db, ("sources", "links", "items_fts_data")))
    repo = content.open_current()
    try:
        # When an item (with its sources) and a search are asked for, Then both answer from a rebuilt database
        item = repo.get("member:rur")
        assert item is not None and item.sources and item.links
        assert repo.fts.search("Ruritania")
        assert repo.integrity() == "ok"
    finally:
        repo.close()


@needs_dbstat
def test_the_command_line_answers_over_damaged_pages(
    mini_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content.build(mini_copy)
    db = paths.content_db_path()
    damage_pages(db, pages_of(db, ("sources", "links")))
    assert cli.main(["show", "member:rur"]) == 0, capsys.readouterr().err
    assert "Ruritania" in capsys.readouterr().out


# --- 13: a read-only data folder ---------------------------------------------------------------------------


def test_content_in_a_read_only_folder_is_read_without_changing_its_journal(
    mini_copy: Path, briefing_home: Path
) -> None:
    content.build(mini_copy)
    db = paths.content_db_path()
    before = db.read_bytes()
    with read_only(briefing_home):
        repo = content.open_current()
        try:
            assert repo.get("member:rur") is not None
            assert repo.fts.search("Ruritania")
        finally:
            repo.close()
    assert db.read_bytes() == before
    assert not Path(f"{db}-wal").exists() and not Path(f"{db}-shm").exists()


# --- 15 (first half): a killed build -----------------------------------------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(".content-*"))


def test_a_killed_builds_temporary_files_are_cleaned_at_the_next_start(
    mini_copy: Path, briefing_home: Path
) -> None:
    content.build(mini_copy)
    for name in (".content-k1ll3d.building", ".content-k1ll3d.building-wal", ".content-k1ll3d.building-shm",
                 ".content-orphan.building-wal"):
        (briefing_home / name).write_bytes(b"x" * 1000)
        os.utime(briefing_home / name, (time.time() - 60, time.time() - 60))  # killed a minute ago
    content.open_current().close()
    assert leftovers(briefing_home) == []


def test_the_file_of_a_live_build_is_never_cleaned(mini_copy: Path, briefing_home: Path) -> None:
    content.build(mini_copy)
    live = briefing_home / ".content-l1ve.building"
    with live.open("wb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)  # what a running build holds
        Path(f"{live}-wal").write_bytes(b"x")
        for path in (live, Path(f"{live}-wal")):
            os.utime(path, (time.time() - 60, time.time() - 60))  # a long build: held, not young, kept
        content.open_current().close()
        assert leftovers(briefing_home) == [live.name, f"{live.name}-wal"]


def test_a_build_holds_its_temporary_file_against_cleaning(
    mini_copy: Path, briefing_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []
    real_schema = content_builder._schema

    def schema_then_clean() -> tuple[list[str], list[str]]:  # while the build writes its temporary file
        statements = real_schema()
        content_builder.clean_stale_builds(briefing_home)  # another process starting meanwhile
        seen.append(leftovers(briefing_home))
        return statements

    monkeypatch.setattr(content_builder, "_schema", schema_then_clean)
    content.build(mini_copy)
    assert seen and any(name.endswith(".building") for name in seen[0])
    assert leftovers(briefing_home) == []


# --- 16: the chosen pack's folder gone ---------------------------------------------------------------------


def test_a_chosen_pack_gone_is_said_and_kept_and_used_again_when_back(mini_copy: Path, tmp_path: Path) -> None:
    content.build(mini_copy)
    marker = paths.active_pack_file()
    assert marker.read_text(encoding="utf-8") == str(mini_copy.resolve())
    # When the folder is moved away
    away = tmp_path / "away"
    mini_copy.rename(away)
    status = content.ContentStatus(mini_copy)
    repo = content.open_current(status)
    try:
        # Then the content built from it is still shown, the user is told, and the choice is kept
        assert repo.get("member:rur") is not None
        assert any(str(mini_copy.resolve()) in w and "missing" in w for w in status.warnings), status.warnings
        assert not status.rebuilt
    finally:
        repo.close()
    assert marker.read_text(encoding="utf-8") == str(mini_copy.resolve())
    # When it is back (and changed meanwhile), Then it is used again
    away.rename(mini_copy)
    items = mini_copy / "items" / "items.yaml"
    items.write_text(items.read_text(encoding="utf-8").replace("title: Rudolf V", "title: Rudolf the Fifth"),
                     encoding="utf-8")
    status = content.ContentStatus(mini_copy)
    repo = content.open_current(status)
    try:
        assert not status.warnings and repo.get("person:rudolf").title == "Rudolf the Fifth"
    finally:
        repo.close()


def test_a_chosen_pack_gone_with_no_content_shows_the_shipped_pack_and_keeps_the_choice(
    mini_copy: Path, tmp_path: Path
) -> None:
    content.build(mini_copy)
    paths.content_db_path().unlink()
    mini_copy.rename(tmp_path / "away")
    status = content.ContentStatus(mini_copy)
    repo = content.open_current(status)
    try:
        assert repo.get("member:kaz") is not None  # the shipped pack
        assert any("missing" in w and "shipped" in w for w in status.warnings), status.warnings
    finally:
        repo.close()
    assert paths.active_pack_file().read_text(encoding="utf-8") == str(mini_copy.resolve())
    (tmp_path / "away").rename(mini_copy)
    repo = content.open_current()
    try:
        assert repo.get("member:rur") is not None and repo.get("member:kaz") is None
    finally:
        repo.close()


def test_content_left_in_wal_mode_by_an_earlier_version_is_readable_from_a_read_only_folder_after_one_start(
    mini_copy: Path, briefing_home: Path
) -> None:
    content.build(mini_copy)
    db = paths.content_db_path()
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA journal_mode=WAL")  # what round one's read-write engine did at every open
    content.open_current().close()  # one start in a writable folder
    for suffix in ("-wal", "-shm"):  # as after the last connection closed cleanly
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    with read_only(briefing_home):
        repo = content.open_current()
        try:
            assert repo.get("member:rur") is not None
        finally:
            repo.close()
