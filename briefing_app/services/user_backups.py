"""Rolling backups of the user database, taken with SQLite's backup API, and restoring one.

A backup is taken at start when the bookmarks changed since the newest backup (a ``stat`` of the database
comes first, so a start with nothing new costs no database read), before a change from the command line,
before an upgrade and before a restore. The newest :data:`BACKUPS_KEPT` are kept in ``backups/``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from briefing_app import paths
from briefing_app.persistence.migrations import (
    HEAD_REVISION,
    KNOWN_REVISIONS,
    FutureSchemaError,
    UserDatabaseError,
    stored_revision,
    upgrade,
)
from briefing_app.persistence.user_database_probe import (
    LOCK_WAIT_SECONDS,
    DamagedDatabaseError,
    DatabaseLockedError,
    check_readable,
    check_regular_file,
    check_schema,
)
from briefing_app.services.backup_folder import (
    BACKUP_NAME_RE,
    PIN_NAME,
    backups_folder,
    clean_stale_files,
    dismiss_pin,
    list_backups,
    part_name,
    pinned_backup,
)

__all__ = [
    "BACKUPS_KEPT", "BackupInfo", "backup_if_changed", "bookmarks_fingerprint", "check_database", "clean_stale_files",
    "describe_backups", "dismiss_pin", "list_backups", "pin_newest_good_backup", "pinned_backup", "restore_backup",
    "take_backup",
]

log = logging.getLogger(__name__)

BACKUPS_KEPT = 7
BACKUP_PREFIX = "user-"
BACKUP_SUFFIX = ".sqlite3"
MARKER_NAME = "last-backup.json"
OCCASIONS = {
    "": "at start",
    "before-change": "before a change",
    "after-change": "after a change",
    "before-restore": "before a restore",
    "before-upgrade": "before an upgrade",
}
_SQLITE_BUSY_STEPS = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED as reported to the backup progress callback


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup as the restore dialog and ``bookmarks restore`` list it."""

    path: Path
    taken_at: datetime  # UTC
    occasion: str  # "" (at start) or one of OCCASIONS
    bookmarks: int | None  # None when the backup cannot be read
    tags: int | None
    notes: int | None
    problem: str = ""
    #: kept whatever happens (never pruned, never replaced) until the user restores a backup or dismisses it
    pinned: bool = False

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def occasion_label(self) -> str:
        return OCCASIONS.get(self.occasion, self.occasion.replace("-", " "))

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name, "path": str(self.path), "taken_at": self.taken_at.isoformat(timespec="seconds"),
            "occasion": self.occasion_label, "bookmarks": self.bookmarks, "tags": self.tags, "notes": self.notes,
            "size": self.path.stat().st_size if self.path.exists() else 0, "problem": self.problem,
            "pinned": self.pinned,
        }


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")


def _counts(path: Path) -> tuple[int, int, int]:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2)) as conn:
        bookmarks = conn.execute("SELECT count(*) FROM bookmarks").fetchone()[0]
        notes = conn.execute("SELECT count(*) FROM bookmarks WHERE trim(note) != ''").fetchone()[0]
        tags = conn.execute("SELECT count(DISTINCT lower(tag)) FROM bookmark_tags").fetchone()[0]
    return int(bookmarks), int(tags), int(notes)


def describe_backups() -> list[BackupInfo]:
    """Every backup, newest first, with when it was taken and how many bookmarks, tags and notes it holds.

    A backup that cannot be read or misses part of its schema has a ``problem`` and no counts.
    """
    out = []
    pinned = pinned_backup()
    for path in list_backups():
        match = BACKUP_NAME_RE.match(path.name)
        assert match is not None  # list_backups only returns matching names
        taken_at = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S-%f").replace(tzinfo=UTC)
        try:
            check_schema(path, stored_revision(path, timeout=2), 2)
            bookmarks, tags, notes = _counts(path)
        except (sqlite3.Error, UserDatabaseError) as exc:
            out.append(BackupInfo(path, taken_at, match.group(2) or "", None, None, None, f"cannot be read ({exc})",
                                  pinned=path == pinned))
            continue
        out.append(BackupInfo(path, taken_at, match.group(2) or "", bookmarks, tags, notes, pinned=path == pinned))
    return out


# --- the pinned backup and stale temporary files --------------------------------------------------------


def pin_newest_good_backup(reason: str) -> Path | None:
    """Pin the newest backup that holds bookmarks and passes its checks (an earlier pin still there wins).

    Called when a damaged database was set aside: that backup is the user's way back, so no later backup may
    push it out or replace it until the user restores one (:func:`restore_backup`) or dismisses it
    (:func:`dismiss_pin`). Returns the pinned backup, or None when there is no good one.
    """
    folder = backups_folder()
    if folder is None:
        return None
    current = pinned_backup()
    if current is not None:
        return current
    good = next((b for b in describe_backups() if not b.problem and b.bookmarks), None)
    if good is None:
        return None
    try:
        tmp = folder / f".{PIN_NAME}.tmp"
        tmp.write_text(json.dumps({"name": good.name, "reason": reason}), encoding="utf-8")
        os.replace(tmp, folder / PIN_NAME)
    except OSError as exc:
        log.warning("the backup %s could not be pinned: %s", good.name, exc)
        return None
    log.info("backup %s pinned: %s", good.name, reason)
    return good.path


# --- taking backups -------------------------------------------------------------------------------------


def _signature(path: Path) -> list[int]:
    """Size and modification time of the database and its WAL: unchanged means no write since."""
    out = []
    for file in (path, Path(f"{path}-wal")):
        try:
            st = file.stat()
        except FileNotFoundError:
            out += [-1, -1]
        else:
            out += [st.st_size, st.st_mtime_ns]
    return out


def bookmarks_fingerprint(path: Path) -> tuple[str, int]:
    """A checksum of the bookmarks and tags themselves (not of the file, which checkpoints rewrite), and the
    number of bookmarks; ("", 0) when they cannot be read."""
    digest = hashlib.sha256()
    rows = 0
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=LOCK_WAIT_SECONDS)) as conn:
            present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            # Highlights (schema 0004) live in the same file: a change to them alone is worth a backup too.
            for table in ("bookmarks", "bookmark_tags", "highlights", "highlight_tags"):
                if table not in present and table.startswith("highlight"):
                    continue
                for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):  # noqa: S608 - fixed names
                    digest.update(repr(tuple(row)).encode("utf-8", "surrogatepass"))
                    rows += table in ("bookmarks", "highlights")
                digest.update(b"\0")
    except sqlite3.Error:
        return "", 0
    return digest.hexdigest(), rows


def _marker() -> dict[str, object]:
    folder = backups_folder()
    try:
        data = json.loads((folder / MARKER_NAME).read_text(encoding="utf-8")) if folder else {}
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_marker(signature: list[int], fingerprint: str) -> None:
    folder = backups_folder()
    if folder is None:
        return
    with contextlib.suppress(OSError):
        tmp = folder / f".{MARKER_NAME}.tmp"
        tmp.write_text(json.dumps({"signature": signature, "fingerprint": fingerprint}), encoding="utf-8")
        os.replace(tmp, folder / MARKER_NAME)


def _copy(source: Path, target: Path, lock_wait: float = LOCK_WAIT_SECONDS) -> None:
    """Copy ``source`` into ``target`` with SQLite's backup API, waiting at most ``lock_wait`` for locks.

    The target may be open elsewhere: the copy happens inside SQLite's locking, so other connections see the
    new content afterwards and keep working.
    """
    deadline = time.monotonic() + lock_wait

    def progress(status: int, _remaining: int, _total: int) -> None:
        if status in _SQLITE_BUSY_STEPS and time.monotonic() > deadline:
            raise DatabaseLockedError(f"{target} is locked by another program")

    with (
        contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=lock_wait)) as src,
        contextlib.closing(sqlite3.connect(target, timeout=min(lock_wait, 1.0))) as dst,
    ):
        src.backup(dst, progress=progress)


def check_database(path: Path, lock_wait: float = LOCK_WAIT_SECONDS) -> None:
    """Raise :class:`DamagedDatabaseError` (or another :class:`UserDatabaseError`) unless ``path`` is a whole
    bookmarks database: integrity, size and schema. A database that fails is never backed up."""
    check_readable(path, lock_wait)
    try:
        revision = stored_revision(path, timeout=lock_wait)
    except UserDatabaseError:
        check_schema(path, None, lock_wait)  # bookmark tables without their version record: damaged
        raise
    check_schema(path, revision, lock_wait)
    if revision is None:
        raise DamagedDatabaseError("it holds no bookmarks tables")


def take_backup(path: Path | None = None, occasion: str = "") -> Path:
    """Back up the user database now (SQLite backup API, consistent even while it is being written).

    Raises :class:`UserDatabaseError` without writing anything when the database fails its checks: a damaged
    database never becomes a backup that could push a good one out. The pinned backup is never pruned.
    """
    path = path or paths.user_db_path()
    check_database(path)
    folder = paths.backups_dir()
    suffix = f"-{occasion}" if occasion else ""
    target = folder / f"{BACKUP_PREFIX}{_stamp()}{suffix}{BACKUP_SUFFIX}"
    part = folder / part_name(target.name)
    signature, (fingerprint, _) = _signature(path), bookmarks_fingerprint(path)
    try:
        _copy(path, part)
        with contextlib.closing(sqlite3.connect(part)) as conn:
            conn.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        os.replace(part, target)
    finally:
        for leftover in (part, Path(f"{part}-journal")):
            leftover.unlink(missing_ok=True)
    _write_marker(signature, fingerprint)
    pinned = pinned_backup()
    for old in [b for b in list_backups() if b != pinned][BACKUPS_KEPT:]:
        old.unlink(missing_ok=True)
    log.info("backup of the user database taken: %s", target.name)
    return target


def backup_if_changed(path: Path | None = None, occasion: str = "", *, coalesce_seconds: float = 0) -> Path | None:
    """Back up the user database if its bookmarks changed since the newest backup; return the new file or None.

    Cheap when nothing changed: one ``stat`` of the database when it was not written since the last check,
    else one read of the bookmarks to compare checksums. A database without bookmarks is not backed up.
    With ``coalesce_seconds``, a new backup replaces the newest one if that is of the same occasion and younger,
    so a script of many commands leaves one backup, not a flood that pushes the older ones out.
    Never raises for a missing, busy or unreadable file.
    """
    path = path or paths.user_db_path()
    if not path.is_file():
        return None
    marker = _marker()
    have_backups = bool(list_backups())
    signature = _signature(path)
    if have_backups and marker.get("signature") == signature:
        return None
    fingerprint, count = bookmarks_fingerprint(path)
    if not fingerprint or not count or (have_backups and marker.get("fingerprint") == fingerprint):
        _write_marker(signature, fingerprint if have_backups else "")
        return None
    replaced = _recent(occasion, coalesce_seconds) if coalesce_seconds else None
    try:
        taken = take_backup(path, occasion)
    except (OSError, sqlite3.Error, UserDatabaseError) as exc:
        log.warning("no backup of the user database this time: %s", exc)
        return None
    if replaced is not None and _holds_at_least(taken, replaced):
        replaced.unlink(missing_ok=True)
    return taken


def _holds_at_least(newer: Path, older: Path) -> bool:
    """Whether ``newer`` holds as many bookmarks, notes and tags as ``older``: only then may it replace it."""
    try:
        return all(n >= o for n, o in zip(_counts(newer), _counts(older), strict=True))
    except sqlite3.Error:
        return False


def _recent(occasion: str, seconds: float) -> Path | None:
    """The newest backup, if it was taken on ``occasion`` less than ``seconds`` ago."""
    newest = list_backups()[:1]
    if newest and newest[0] == pinned_backup():
        return None
    match = BACKUP_NAME_RE.match(newest[0].name) if newest else None
    if match is None or (match.group(2) or "") != occasion:
        return None
    taken_at = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S-%f").replace(tzinfo=UTC)
    age = (datetime.now(UTC) - taken_at).total_seconds()
    return newest[0] if 0 <= age < seconds else None


# --- restoring ------------------------------------------------------------------------------------------


def restore_backup(backup: Path, path: Path | None = None, *, lock_wait: float = LOCK_WAIT_SECONDS) -> Path | None:
    """Replace the bookmarks in the user database with those of ``backup``; return the backup of what was there.

    What the database held is first kept as a ``before-restore`` backup (so a restore can be undone the same
    way). The backup is copied into the live file through SQLite's backup API, so a window that has the
    database open sees the restored bookmarks and keeps working. A backup from an older version is upgraded
    on the way. Raises :class:`UserDatabaseError` (damaged backup, newer version, locked database) having
    changed nothing.
    """
    path = path or paths.user_db_path()
    check_regular_file(path)  # a FIFO there would make the copy wait forever
    try:
        check_regular_file(backup)
        check_readable(backup, lock_wait)
        revision = stored_revision(backup)
    except DamagedDatabaseError as exc:
        raise UserDatabaseError(f"the backup {backup.name} is damaged ({exc}); choose another one") from exc
    if revision is None:
        raise UserDatabaseError(f"{backup.name} holds no bookmarks")
    if revision not in KNOWN_REVISIONS:
        raise FutureSchemaError(f"{backup.name} was written by a newer version of SCO Briefing (schema {revision!r})")
    kept = _keep_before_restore(path)
    staged: Path | None = None
    source = backup
    try:
        if revision != HEAD_REVISION:
            staged = paths.backups_dir() / part_name(f"restoring-{_stamp()}{BACKUP_SUFFIX}")
            _copy(backup, staged)
            upgrade(staged)
            source = staged
        _copy(source, path, lock_wait)
    finally:
        if staged is not None:
            for leftover in (staged, Path(f"{staged}-wal"), Path(f"{staged}-shm")):
                leftover.unlink(missing_ok=True)
    upgrade(path)
    dismiss_pin()  # the user chose their way back: the pinned backup is an ordinary one again
    log.info("user database restored from %s (previous content kept as %s)", backup.name, kept)
    return kept


def _keep_before_restore(path: Path) -> Path | None:
    """Keep what the database holds before a restore: a ``before-restore`` backup, or, for a database that
    fails its checks, a byte-for-byte copy beside it (``user.damaged-<time>.sqlite3``) that is no backup."""
    if not path.is_file() or not path.stat().st_size:
        return None
    try:
        return take_backup(path, "before-restore")
    except DamagedDatabaseError:
        copy = path.with_name(f"{path.stem}.damaged-{_stamp()}{path.suffix}")
        shutil.copyfile(path, copy)
        log.warning("the user database failed its checks before a restore; kept as %s", copy.name)
        return copy
