"""The user database under faults: damaged, cut short, foreign, newer, read-only, locked. Nothing is ever lost.

Each test puts a real fault in place (bytes on disk, another process holding a lock, a file the process cannot
write), opens the user data as the app does at start, and checks three things: the session goes on, the bad
file is still there byte for byte (renamed aside, or untouched), and the warning says what happened and how to
recover.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from briefing_app import paths
from briefing_app.persistence.bookmark_repository import BookmarkRepository
from briefing_app.persistence.engine import ReadOnlyDatabaseError
from briefing_app.persistence.migrations import HEAD_REVISION, stored_revision
from briefing_app.services.userdata import open_user_data
from tests.fault_tools import checkpoint, digest, lock_held, read_only

NOTES = {"member:kaz": "Host — привет", "member:chn": "中文笔记", "member:ind": "ملاحظة <b>bold</b>"}


def seed(path: Path) -> None:
    """A user database with three bookmarks, notes in three scripts and tags, closed cleanly."""
    repo, status = open_user_data(path)
    assert not status.warnings
    for item_id, note in NOTES.items():
        repo.add(item_id, "member", item_id.upper(), note, ["summit", item_id.split(":")[1]])
    repo.close()
    checkpoint(path)


def notes_of(repo: BookmarkRepository) -> dict[str, str]:
    return {b.item_id: b.note for b in repo.list()}


def aside_files(folder: Path, reason: str) -> list[Path]:
    return sorted(folder.glob(f"user.{reason}-*.sqlite3"))


def assert_fresh_and_writable(repo: BookmarkRepository) -> None:
    assert repo.list() == []
    repo.add("member:kaz", "member", "Kazakhstan", "new note")
    assert notes_of(repo) == {"member:kaz": "new note"}


# --- damaged files are set aside, unchanged ---------------------------------------------------------------


def test_random_bytes_are_set_aside_unchanged_and_a_new_database_starts(briefing_home: Path) -> None:
    # Given a user database that is random bytes
    path = paths.user_db_path()
    path.write_bytes(bytes(range(256)) * 64)
    before = digest(path)
    # When the app opens its user data
    repo, status = open_user_data()
    # Then the bytes are kept under a clear name, a working empty database replaces them, and the user is told
    (kept,) = aside_files(briefing_home, "damaged")
    assert status.set_aside == kept and digest(kept) == before
    assert_fresh_and_writable(repo)
    (warning,) = status.warnings
    assert kept.name in warning and "Restore Bookmarks" in warning and "bookmarks restore" in warning
    assert not status.read_only
    repo.close()


@pytest.mark.parametrize("keep", [50, 100, 4096, 4106, 0.5, -4096, -1])
def test_truncated_database_is_set_aside_unchanged(briefing_home: Path, keep: float) -> None:
    # Given a user database with bookmarks, cut short (at the header, mid-page, a page short, one byte short)
    path = paths.user_db_path()
    seed(path)
    data = path.read_bytes()
    cut = int(len(data) * keep) if isinstance(keep, float) else (keep if keep > 0 else len(data) + keep)
    path.write_bytes(data[:cut])
    before = digest(path)
    # When the app opens its user data
    repo, status = open_user_data()
    # Then the cut file is kept aside byte for byte and the session starts on a new database
    (kept,) = aside_files(briefing_home, "damaged")
    assert digest(kept) == before
    assert_fresh_and_writable(repo)
    assert "could not be read" in status.warnings[0]
    repo.close()


def test_a_database_that_is_not_a_bookmarks_database_is_set_aside(briefing_home: Path) -> None:
    # Given some other program's SQLite file where the bookmarks should be
    path = paths.user_db_path()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        conn.execute("INSERT INTO invoices (total) VALUES (12.5)")
    conn.close()
    before = digest(path)
    # When the app opens its user data
    repo, status = open_user_data()
    # Then that file is kept, untouched, as not-bookmarks, and a bookmarks database starts beside it
    (kept,) = aside_files(briefing_home, "not-bookmarks")
    assert digest(kept) == before
    assert_fresh_and_writable(repo)
    assert "not a bookmarks database" in status.warnings[0]
    repo.close()


def test_database_from_a_newer_version_is_kept_aside_with_the_way_back(briefing_home: Path) -> None:
    # Given a user database written by a newer version (its schema revision is unknown here)
    path = paths.user_db_path()
    seed(path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    conn.close()
    checkpoint(path)
    before = digest(path)
    # When this version opens it
    repo, status = open_user_data()
    # Then it is never migrated or overwritten: kept as newer-version, and the warning tells how to get it back
    (kept,) = aside_files(briefing_home, "newer-version")
    assert digest(kept) == before
    assert_fresh_and_writable(repo)
    warning = status.warnings[0]
    assert "newer version" in warning and kept.name in warning and "rename the kept file back" in warning
    repo.close()


def test_setting_aside_twice_never_overwrites_the_first_kept_file(briefing_home: Path) -> None:
    # Given a damaged database that was already set aside once, and a second damaged one
    path = paths.user_db_path()
    path.write_bytes(b"first damaged file" * 300)
    open_user_data()[0].close()
    path.unlink()
    path.write_bytes(b"second damaged file" * 300)
    # When it is opened again
    open_user_data()[0].close()
    # Then both damaged files are there, each with its own bytes
    kept = aside_files(briefing_home, "damaged")
    assert len(kept) == 2
    assert {k.read_bytes()[:19] for k in kept} == {b"first damaged filef", b"second damaged file"}


# --- read-only and locked files: read-only sessions, files untouched ----------------------------------------


def test_read_only_database_opens_read_only_with_bookmarks_shown(briefing_home: Path) -> None:
    # Given a user database with bookmarks that this process cannot write
    path = paths.user_db_path()
    seed(path)
    before = digest(path)
    with read_only(path):
        # When the app opens its user data
        repo, status = open_user_data()
        # Then the bookmarks are shown, changes are refused, and the user is told how to fix it
        assert notes_of(repo) == NOTES
        assert status.read_only and not status.unavailable and repo.read_only
        with pytest.raises(ReadOnlyDatabaseError, match="nothing was changed"):
            repo.add("member:rus", "member", "Russia")
        assert "read-only" in status.warnings[0] and "writable" in status.warnings[0]
        repo.close()
    assert digest(path) == before and not aside_files(briefing_home, "*")


def test_database_locked_for_writing_opens_read_only_after_a_bounded_wait(briefing_home: Path) -> None:
    # Given another program holding the write lock (BEGIN EXCLUSIVE on the WAL database)
    path = paths.user_db_path()
    seed(path)
    with lock_held(path, "writes"):
        # When the app opens its user data with a one-second bound
        started = time.monotonic()
        repo, status = open_user_data(lock_wait=1.0)
        waited = time.monotonic() - started
        # Then it waited about that long, no longer, and shows the bookmarks read-only, saying why
        assert 1.0 <= waited < 4.0
        assert status.locked and status.read_only and not status.unavailable
        assert notes_of(repo) == NOTES
        assert "held for writing by another program" in status.warnings[0]
        assert "Close the other program" in status.warnings[0]
        repo.close()
    # And once the other program lets go, the next start is normal and every bookmark is there
    repo, status = open_user_data()
    assert not status.warnings and notes_of(repo) == NOTES
    repo.close()


def test_database_locked_for_everything_gives_an_empty_read_only_session(briefing_home: Path) -> None:
    # Given another program holding an exclusive lock that blocks readers too
    path = paths.user_db_path()
    seed(path)
    with lock_held(path, "everything"):
        # When the app opens its user data
        started = time.monotonic()
        repo, status = open_user_data(lock_wait=1.0)
        assert time.monotonic() - started < 4.0
        # Then the session starts with no bookmarks shown, nothing can be changed, and the user knows why
        assert status.unavailable and status.locked and repo.read_only
        assert repo.list() == []
        with pytest.raises(ReadOnlyDatabaseError, match="nothing was changed"):
            repo.add("member:rus", "member", "Russia")
        assert "locked by another program" in status.warnings[0] and "nothing was changed" in status.warnings[0]
        repo.close()
    # And the file was left alone: after the lock, every bookmark is there
    repo, status = open_user_data()
    assert not status.warnings and notes_of(repo) == NOTES and not aside_files(briefing_home, "*")
    repo.close()


def test_older_database_is_backed_up_before_it_is_upgraded(briefing_home: Path) -> None:
    from briefing_app.persistence.migrations import KNOWN_REVISIONS, upgrade_to
    from briefing_app.services.user_backups import describe_backups

    # Given a database of the first schema version with a bookmark
    path = paths.user_db_path()
    upgrade_to(path, KNOWN_REVISIONS[0])
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO bookmarks (row_id, item_id, kind, title, note, created_at, updated_at) "
                     "VALUES (1, 'member:kaz', 'member', 'Kazakhstan', 'n', 'x', 'x')")
    conn.close()
    # When the app opens it
    repo, status = open_user_data()
    # Then it is upgraded, and a copy of the old version was kept first
    assert stored_revision(path) == HEAD_REVISION and notes_of(repo) == {"member:kaz": "n"}
    (backup,) = describe_backups()
    assert backup.occasion == "before-upgrade" and backup.bookmarks == 1
    assert stored_revision(backup.path) == KNOWN_REVISIONS[0]
    assert status.backup == backup.path
    repo.close()
