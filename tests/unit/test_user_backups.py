"""Rolling backups of the user database: taken when something changed, cheap when nothing did, restorable."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from briefing_app import paths
from briefing_app.domain.bookmarks import Bookmark
from briefing_app.persistence.bookmark_repository import BookmarkRepository
from briefing_app.persistence.migrations import HEAD_REVISION, KNOWN_REVISIONS, UserDatabaseError, stored_revision
from briefing_app.services import user_backups
from briefing_app.services.user_backups import (
    BACKUPS_KEPT,
    backup_if_changed,
    describe_backups,
    list_backups,
    restore_backup,
)
from briefing_app.services.userdata import DatabaseLockedError, open_user_data
from tests.fault_tools import digest, lock_held


@pytest.fixture
def repo(briefing_home: Path) -> BookmarkRepository:
    opened, status = open_user_data()
    assert not status.warnings
    yield opened
    opened.close()


def bookmarked(repo: BookmarkRepository) -> dict[str, str]:
    return {b.item_id: b.note for b in repo.list()}


def test_a_backup_is_taken_when_bookmarks_changed_and_only_then(repo: BookmarkRepository) -> None:
    # Given an empty database: nothing worth keeping
    assert backup_if_changed() is None
    # When a bookmark is added, a backup is taken at the next check; with no change since, none is
    repo.add("member:kaz", "member", "Kazakhstan", "note")
    first = backup_if_changed()
    assert first is not None and backup_if_changed() is None
    # And a changed note alone is a change
    repo.set_note("member:kaz", "another note")
    second = backup_if_changed()
    assert second is not None and list_backups() == [second, first]
    (newest, oldest) = describe_backups()
    assert (newest.bookmarks, newest.notes, oldest.bookmarks) == (1, 1, 1)


def test_only_the_newest_backups_are_kept(repo: BookmarkRepository) -> None:
    for n in range(BACKUPS_KEPT + 3):
        repo.add(f"member:m{n}", "member", f"M{n}")
        assert backup_if_changed() is not None
    kept = describe_backups()
    assert len(kept) == BACKUPS_KEPT
    assert [b.bookmarks for b in kept] == list(range(BACKUPS_KEPT + 3, 3, -1))


def test_checking_for_changes_reads_no_database_when_the_file_was_not_written(
    repo: BookmarkRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a backup of the current state
    repo.add("member:kaz", "member", "Kazakhstan")
    assert backup_if_changed() is not None
    # When start-up checks again with the file unchanged, it costs a stat, not a database read
    monkeypatch.setattr(user_backups, "bookmarks_fingerprint", lambda path: pytest.fail("read the database"))
    started = time.perf_counter()
    for _ in range(100):
        assert backup_if_changed() is None
    assert (time.perf_counter() - started) / 100 < 0.005


def test_restore_reaches_a_window_that_has_the_database_open(repo: BookmarkRepository) -> None:
    # Given a backup with two bookmarks, after which one was removed and another added
    repo.add("member:kaz", "member", "Kazakhstan", "kept note")
    repo.add("member:chn", "member", "China", "", ["asia"])
    backup = backup_if_changed()
    assert backup is not None
    repo.remove("member:kaz")
    repo.add("member:ind", "member", "India", "added later")
    # When the backup is restored while this repository (the window's) stays open
    kept = restore_backup(backup)
    # Then the open repository sees the restored bookmarks and can go on writing to the same file
    assert bookmarked(repo) == {"member:kaz": "kept note", "member:chn": ""}
    assert repo.get("member:chn").tags == ("asia",)
    repo.add("member:rus", "member", "Russia")
    reopened = BookmarkRepository(paths.user_db_path())
    assert set(bookmarked(reopened)) == {"member:kaz", "member:chn", "member:rus"}
    assert reopened.integrity() == "ok"
    reopened.close()
    # And what was there before the restore is itself a backup, so the restore can be undone
    assert kept is not None and kept.name.endswith("-before-restore.sqlite3")
    undo = next(b for b in describe_backups() if b.path == kept)
    assert undo.bookmarks == 2 and undo.occasion_label == "before a restore"


def test_a_damaged_backup_is_refused_and_nothing_changes(repo: BookmarkRepository) -> None:
    repo.add("member:kaz", "member", "Kazakhstan")
    backup = backup_if_changed()
    assert backup is not None
    backup.write_bytes(b"garbage" * 1000)
    before = bookmarked(repo)
    with pytest.raises(UserDatabaseError, match="damaged"):
        restore_backup(backup)
    assert bookmarked(repo) == before
    assert [b.problem for b in describe_backups()] and describe_backups()[0].bookmarks is None


def test_a_backup_from_the_first_version_is_upgraded_as_it_is_restored(repo: BookmarkRepository) -> None:
    from briefing_app.persistence.migrations import upgrade_to

    old = paths.backups_dir() / "user-20240704-090000-000000.sqlite3"
    upgrade_to(old, KNOWN_REVISIONS[0])
    with sqlite3.connect(old) as conn:
        conn.execute("INSERT INTO bookmarks (row_id, item_id, kind, title, note, created_at, updated_at) "
                     "VALUES (1, 'member:kaz', 'member', 'Kazakhstan', 'old note', 'x', 'x')")
    conn.close()
    restore_backup(old)
    assert bookmarked(repo) == {"member:kaz": "old note"}
    assert stored_revision(paths.user_db_path()) == HEAD_REVISION
    assert stored_revision(old) == KNOWN_REVISIONS[0]  # the backup itself is left as it was


def test_restore_into_a_locked_database_gives_up_in_bounded_time(repo: BookmarkRepository) -> None:
    repo.add("member:kaz", "member", "Kazakhstan")
    backup = backup_if_changed()
    assert backup is not None
    repo.add("member:chn", "member", "China")
    repo.close()
    before = digest(paths.user_db_path())
    with lock_held(paths.user_db_path(), "writes"):
        started = time.monotonic()
        with pytest.raises(DatabaseLockedError):
            restore_backup(backup, lock_wait=1.0)
        assert time.monotonic() - started < 5
    assert digest(paths.user_db_path()) == before


def test_backups_of_two_thousand_bookmarks_are_quick(repo: BookmarkRepository) -> None:
    # (added in one transaction: the backup is what is timed, not 2,000 commits)
    repo.merge_import([
        Bookmark(f"member:m{n}", "member", f"Member {n}", "a note " * 20, ("t" + str(n % 7), "tag-a"),
                 "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")
        for n in range(2000)
    ])
    assert len(repo.list()) == 2000
    started = time.perf_counter()
    assert backup_if_changed() is not None
    took = time.perf_counter() - started
    started = time.perf_counter()
    assert backup_if_changed() is None
    unchanged = time.perf_counter() - started
    print(f"backup of 2000 bookmarks: {took * 1000:.1f} ms; check with nothing changed: {unchanged * 1000:.2f} ms")
    assert took < 1.0 and unchanged < 0.01


def test_backups_after_a_run_of_commands_coalesce_into_one(repo: BookmarkRepository) -> None:
    # Given an older backup, then a script of five changes each followed by a coalescing backup
    repo.add("member:kaz", "member", "Kazakhstan")
    assert backup_if_changed() is not None
    for n in range(5):
        repo.add(f"member:m{n}", "member", f"M{n}")
        assert backup_if_changed(occasion="after-change", coalesce_seconds=3600) is not None
    # Then the older backup is still there, and one backup holds the newest state
    kept = describe_backups()
    assert [(b.occasion, b.bookmarks) for b in kept] == [("after-change", 6), ("", 1)]
