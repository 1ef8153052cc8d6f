"""The backup that holds the user's bookmarks is never replaced by one that holds less, and after a damaged
database is set aside it is pinned until the user restores it; temporary files of killed backups are cleaned."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from briefing_app import paths
from briefing_app.services.user_backups import (
    BACKUPS_KEPT,
    backup_if_changed,
    describe_backups,
    dismiss_pin,
    list_backups,
    pinned_backup,
    restore_backup,
)
from briefing_app.services.userdata import open_user_data
from tests.fault_tools import digest
from tests.unit.test_user_database_faults import NOTES, seed


def after_change() -> Path | None:
    """What the command line does after each change: an 'after change' backup sharing the hour's slot."""
    return backup_if_changed(occasion="after-change", coalesce_seconds=3600)


def test_the_only_good_backup_survives_the_changes_after_a_set_aside(briefing_home: Path) -> None:
    # Given bookmarks whose only backup is the hour's "after change" backup
    path = paths.user_db_path()
    seed(path)
    good = after_change()
    assert good is not None
    # And the database then damaged: the next start sets it aside and tells the user to restore
    path.write_bytes(os.urandom(8192))
    repo, status = open_user_data()
    assert status.set_aside is not None
    assert pinned_backup() == good
    # When the user goes on working in the new database, within the same hour, many times over
    for number in range(BACKUPS_KEPT + 3):
        repo.add(f"member:m{number}", "member", f"M{number}")
        after_change()
        repo.add(f"member:x{number}", "member", f"X{number}")
        backup_if_changed(occasion="")  # window starts in between, too
    repo.close()
    # Then the backup with the old bookmarks is still there, whole, and marked as pinned
    assert good.is_file()
    info = next(b for b in describe_backups() if b.path == good)
    assert info.bookmarks == len(NOTES) and info.pinned
    # And restoring it brings the bookmarks back and unpins it
    restore_backup(good)
    restored, _ = open_user_data()
    assert {b.item_id for b in restored.list()} == set(NOTES)
    restored.close()
    assert pinned_backup() is None


def test_a_backup_holding_more_is_not_replaced_by_one_holding_less(briefing_home: Path) -> None:
    # Given three bookmarks in the hour's "after change" backup
    path = paths.user_db_path()
    seed(path)
    first = after_change()
    assert first is not None
    before = digest(first)
    # When a change removes two of them and the next "after change" backup falls in the same hour
    repo, _ = open_user_data()
    repo.remove("member:kaz")
    repo.remove("member:chn")
    repo.close()
    second = after_change()
    # Then both are kept: the one with less is a new file, the one with more is unchanged
    assert second is not None and second != first
    assert first.is_file() and digest(first) == before
    # While a change that only adds still shares the hour's slot (no flood of backups)
    repo, _ = open_user_data()
    repo.add("member:rus", "member", "Russia")
    repo.close()
    third = after_change()
    assert third is not None and not second.exists() and len(list_backups()) == 2


def test_a_pin_can_be_dismissed(briefing_home: Path) -> None:
    path = paths.user_db_path()
    seed(path)
    good = after_change()
    path.write_bytes(b"x" * 4096)
    repo, _ = open_user_data()
    repo.close()
    assert pinned_backup() == good
    assert dismiss_pin() == good
    assert pinned_backup() is None and good is not None and good.is_file()


def test_temporary_files_of_a_killed_backup_are_removed_at_the_next_start(briefing_home: Path) -> None:
    # Given the temporary files a backup killed mid-way left in backups/ (its process is gone)
    path = paths.user_db_path()
    seed(path)
    folder = paths.backups_dir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    stale = [
        folder / f".user-20260101-000000-000000-after-change.sqlite3.{dead_pid}.part",
        folder / f".user-20260101-000000-000000-after-change.sqlite3.{dead_pid}.part-journal",
        folder / ".user-20250101-000000-000000.sqlite3.part",  # the old name, without a process id
    ]
    for file in stale:
        file.write_bytes(b"half a backup")
    old = time.time() - 2 * 86400
    os.utime(stale[2], (old, old))
    # And one being written right now by a live process
    live = folder / f".user-20260101-000000-000001.sqlite3.{os.getpid()}.part"
    live.write_bytes(b"being written")
    # When the app starts
    repo, status = open_user_data()
    repo.close()
    # Then the stale ones are gone, the live one is untouched, and nothing was said about it
    assert [file for file in stale if file.exists()] == []
    assert live.exists() and not status.warnings


def test_restore_latest_skips_a_backup_that_fails_its_checks(home_with_content: Path) -> None:
    import contextlib
    import shutil
    import sqlite3

    from briefing_app.cli import main

    # Given a good backup, and a newer one with part of its schema gone (as a copy made by hand would be)
    assert main(["bookmarks", "add", "member:kaz", "--note", "kept"]) == 0
    (good,) = list_backups()
    broken = good.with_name("user-29991231-000000-000000.sqlite3")
    shutil.copy(good, broken)
    with contextlib.closing(sqlite3.connect(broken)) as conn:
        conn.execute("ALTER TABLE bookmarks DROP COLUMN note")
    assert main(["bookmarks", "remove", "member:kaz"]) == 0
    # When the user restores the latest backup
    assert main(["bookmarks", "restore", "--latest"]) == 0
    # Then the newest good one is restored, not the broken one
    repo, _ = open_user_data()
    assert [(b.item_id, b.note) for b in repo.list()] == [("member:kaz", "kept")]
    repo.close()


def test_the_command_line_dismisses_the_pin(briefing_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.cli_bookmarks import _restore

    class Args:
        dismiss, json, backup, latest = True, False, None, False

    path = paths.user_db_path()
    seed(path)
    good = after_change()
    path.write_bytes(b"")
    open_user_data()[0].close()
    assert pinned_backup() == good
    assert _restore(Args(), None) == 0  # type: ignore[arg-type]
    assert pinned_backup() is None and "ordinary backup again" in capsys.readouterr().out


def test_a_restore_into_a_fifo_is_refused_at_once(briefing_home: Path) -> None:
    import pytest

    from briefing_app.persistence.migrations import UserDatabaseError

    path = paths.user_db_path()
    seed(path)
    good = after_change()
    assert good is not None
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(UserDatabaseError, match="a pipe"):
        restore_backup(good)
    assert path.is_fifo()
