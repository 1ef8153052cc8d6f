"""Damage that looks harmless: an empty file, a FIFO, a schema with a table or column gone, a stale ``-shm`` left
read-only by a read-only session. Each is detected as what it is; no bookmark is ever lost, and a database that
fails its checks never becomes a backup."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

import pytest

from briefing_app import paths
from briefing_app.services.user_backups import backup_if_changed, describe_backups, list_backups, take_backup
from briefing_app.services.userdata import open_user_data
from tests.conftest import ROOT
from tests.fault_tools import checkpoint, digest
from tests.unit.test_user_database_faults import NOTES, aside_files, seed


def test_an_empty_file_is_damage_kept_aside_with_the_backup_offered(briefing_home: Path) -> None:
    # Given a user database with bookmarks and a backup of them, then the file emptied to 0 bytes
    path = paths.user_db_path()
    seed(path)
    assert backup_if_changed(path) is not None
    path.write_bytes(b"")
    # When the app opens its user data
    repo, status = open_user_data()
    # Then the empty file is kept aside, the user is warned and pointed at the backup
    (kept,) = aside_files(briefing_home, "damaged")
    assert kept.stat().st_size == 0 and status.set_aside == kept
    (warning,) = status.warnings
    assert "empty" in warning and "bookmarks restore" in warning
    assert repo.list() == []
    repo.close()


def test_a_fifo_in_place_of_the_database_is_refused_at_once(briefing_home: Path) -> None:
    # Given a FIFO where the user database should be (opening it would block forever)
    path = paths.user_db_path()
    os.mkfifo(path)
    # When the app opens its user data (in a child process, so that a hang fails the test instead of stalling it)
    code = (
        "from briefing_app.services.userdata import open_user_data\n"
        "repo, status = open_user_data()\n"
        "print(status.unavailable, status.read_only_reason, '|', status.warnings[0])\n"
    )
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=30,
                            env={**os.environ, "BRIEFING_HOME": str(briefing_home)})
    # Then it answers at once: bookmarks unavailable, the FIFO untouched, the warning says what the file is
    assert time.monotonic() - started < 10
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True not a database file |")
    assert "a pipe, not a database file" in result.stdout
    assert path.is_fifo()


def _damage(path: Path, statement: str) -> None:
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute(statement)
    checkpoint(path)


SCHEMA_DAMAGE = {
    "table dropped": ("DROP TABLE bookmark_tags", "bookmark_tags"),
    "column dropped": ("ALTER TABLE bookmarks DROP COLUMN position", "position"),
    "version emptied": ("DELETE FROM alembic_version", "version record is empty"),
    "version table dropped": ("DROP TABLE alembic_version", "version record is missing"),
}


@pytest.mark.parametrize("damage", list(SCHEMA_DAMAGE))
def test_schema_damage_is_damage_and_never_becomes_a_backup(briefing_home: Path, damage: str) -> None:
    # Given a user database with bookmarks and a good backup of it, then part of its schema gone
    path = paths.user_db_path()
    seed(path)
    good = take_backup(path)
    statement, named = SCHEMA_DAMAGE[damage]
    _damage(path, statement)
    before = digest(path)
    # Then no backup is taken of it (the good one stays the newest), whatever asks for one
    assert backup_if_changed(path, "after-change", coalesce_seconds=3600) is None
    with pytest.raises(Exception, match=named.split()[0]):
        take_backup(path)
    assert list_backups() == [good]
    # When the app opens its user data
    repo, status = open_user_data()
    # Then the file is kept aside unchanged as damaged, a new database starts, and the warning names the damage
    (kept,) = aside_files(briefing_home, "damaged")
    assert digest(kept) == before
    (warning,) = status.warnings
    assert named in warning and "bookmarks restore" in warning
    repo.add("member:kaz", "member", "Kazakhstan")
    repo.close()
    # And restoring the newest backup brings back the bookmarks, not the broken copy
    (newest, *_) = describe_backups()
    assert newest.path == good and newest.bookmarks == len(NOTES) and not newest.problem


def test_a_backup_with_schema_damage_is_listed_with_its_problem(briefing_home: Path) -> None:
    path = paths.user_db_path()
    seed(path)
    backup = take_backup(path)
    _damage(backup, "ALTER TABLE bookmarks DROP COLUMN position")
    (info,) = describe_backups()
    assert info.problem and "position" in info.problem and info.bookmarks is None


# --- a read-only session's leftovers ----------------------------------------------------------------------

_AS_USER = r"""
import os, sys
from pathlib import Path
os.environ["BRIEFING_HOME"] = sys.argv[1]
from briefing_app.services.userdata import open_user_data
from briefing_app.persistence.migrations import stored_revision
db = Path(sys.argv[1]) / "user.sqlite3"
step = sys.argv[2]
repo, status = open_user_data()
if step == "read-only session":
    print(status.read_only, len(repo.list()))
    repo.close()
else:
    try:
        repo.add("member:rus", "member", "Russia")
        print("added", len(repo.list()), status.warnings)
    except Exception as exc:
        print("failed", type(exc).__name__, exc)
    repo.close()
"""


NOBODY = 65534


def _as_user(uid: int) -> tuple[list[str], dict[str, str], object]:
    """An interpreter, environment and ``preexec_fn`` that run this checkout's code as ``uid``.

    As root no file is read-only, so the read-only session must run as an unprivileged user; this venv's
    interpreter may live under root's home, so the system's interpreter of the same version is tried too, with
    this venv's packages on its path.
    """
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), sysconfig.get_paths()["purelib"]])}
    if os.geteuid() != 0:
        return [sys.executable], env, None

    def drop() -> None:
        os.setgid(uid)
        os.setuid(uid)

    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (sys.executable, f"/usr/bin/{version}", f"/usr/local/bin/{version}"):
        try:
            probe = subprocess.run([candidate, "-c", "import sqlalchemy, briefing_app"], env=env, cwd="/",
                                   capture_output=True, preexec_fn=drop, check=False)  # noqa: PLW1509
        except OSError:
            continue
        if probe.returncode == 0:
            return [candidate], env, drop
    pytest.skip("no interpreter of this version that an unprivileged user can run")


def _run_as(uid: int, home: Path, step: str) -> str:
    command, env, drop = _as_user(uid)
    result = subprocess.run(
        [*command, "-c", _AS_USER, str(home), step], capture_output=True, text=True, cwd="/", timeout=60, env=env,
        preexec_fn=drop,  # type: ignore[arg-type]  # noqa: PLW1509 - only to drop root in the child
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_stale_read_only_shm_from_a_read_only_session_is_recovered() -> None:
    uid = NOBODY if os.geteuid() == 0 else os.geteuid()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        os.chmod(tmp, 0o755)
        db = home / "user.sqlite3"
        # Given a database with bookmarks, owned by the user
        seed(db)
        for file in [home, *home.iterdir()]:
            os.chown(file, uid, uid)
        # And a session that ran while the file was read-only (the app advises to make it writable again)
        db.chmod(0o444)
        assert _run_as(uid, home, "read-only session") == f"True {len(NOTES)}"
        shm = Path(f"{db}-shm")
        if not shm.exists():
            pytest.skip("this SQLite build left no -shm behind a read-only session")
        assert shm.stat().st_mode & 0o222 == 0, "the read-only session's -shm is read-only"
        # When the user makes the database writable again and starts the app
        db.chmod(0o644)
        outcome = _run_as(uid, home, "writable again")
        # Then changes work again, every bookmark is there, and the start says what it repaired
        assert outcome.startswith(f"added {len(NOTES) + 1} ["), outcome
        assert "user.sqlite3-shm" in outcome and "was replaced" in outcome


def test_a_database_in_a_read_only_folder_is_read_as_it_is_on_disk(briefing_home: Path) -> None:
    from briefing_app.persistence.engine import ReadOnlyDatabaseError
    from tests.fault_tools import read_only

    # Given a user database with bookmarks, closed cleanly, in a folder this process cannot write
    path = paths.user_db_path()
    seed(path)
    take_backup(path)  # the backups folder exists, as after any earlier session
    checkpoint(path)  # and no -wal or -shm is left, as after the window closed
    before = digest(path)
    with read_only(briefing_home):
        # When the app opens its user data
        repo, status = open_user_data()
        # Then the bookmarks are shown, changes are refused in words, and nothing is written beside the file
        assert {b.item_id: b.note for b in repo.list()} == NOTES
        assert status.read_only and not status.unavailable and "folder that cannot be written" in status.warnings[0]
        with pytest.raises(ReadOnlyDatabaseError):
            repo.add("member:rus", "member", "Russia")
        repo.close()
        assert sorted(p.name for p in briefing_home.iterdir()) == ["backups", "user.sqlite3"]
    assert digest(path) == before


def test_on_a_full_disk_bookmarks_are_read_as_they_are_and_nothing_is_written(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing_app.persistence.engine import ReadOnlyDatabaseError
    from tests.fault_tools import fill, small_disk

    with small_disk(tmp_path / "small") as disk:
        # Given a user database with bookmarks on a disk that then fills up
        monkeypatch.setenv("BRIEFING_HOME", str(disk))
        seed(disk / "user.sqlite3")
        before = digest(disk / "user.sqlite3")
        fill(disk)
        # When the app opens its user data
        repo, status = open_user_data()
        # Then the bookmarks are shown read-only, the warning says the disk is full, and nothing is written
        assert {b.item_id: b.note for b in repo.list()} == NOTES
        assert status.read_only and status.read_only_reason == "on a full disk" and "full" in status.warnings[0]
        with pytest.raises(ReadOnlyDatabaseError):
            repo.add("member:rus", "member", "Russia")
        repo.close()
        assert not Path(f"{disk}/user.sqlite3-shm").exists() and digest(disk / "user.sqlite3") == before


def test_a_checkpoint_cut_short_by_a_full_disk_is_not_damage(briefing_home: Path) -> None:
    # Given a database whose newest pages are still only in its WAL, and whose file header already counts them
    # (what a checkpoint cut short by a full disk leaves: the header written, the file not yet extended)
    path = paths.user_db_path()
    seed(path)
    original = path.read_bytes()
    size = len(original)
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA wal_autocheckpoint=0")
        for number in range(40):
            conn.execute("INSERT INTO bookmarks (item_id, kind, title, note, created_at, updated_at, position) "
                         "VALUES (?, 'member', ?, ?, '', '', 0)", (f"member:m{number}", f"M{number}", "n" * 2000))
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        kept = (Path(f"{path}-wal").read_bytes(), Path(f"{path}-shm").read_bytes())
    path.write_bytes(original)  # closing checkpointed; put back the file as it was before the cut-short checkpoint
    Path(f"{path}-wal").write_bytes(kept[0])
    Path(f"{path}-shm").write_bytes(kept[1])
    with path.open("r+b") as file:
        file.seek(28)
        file.write(pages.to_bytes(4, "big"))
    assert path.stat().st_size == size < pages * 4096
    # When the app opens its user data
    repo, status = open_user_data()
    # Then it is whole: nothing set aside, every bookmark there
    assert status.warnings == [] and status.set_aside is None
    assert len(repo.list()) == len(NOTES) + 40 and repo.integrity() == "ok"
    repo.close()
