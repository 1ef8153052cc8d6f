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
import re
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
from briefing_app.services.userdata import (
    LOCK_WAIT_SECONDS,
    DamagedDatabaseError,
    DatabaseLockedError,
    check_readable,
)

log = logging.getLogger(__name__)

BACKUPS_KEPT = 7
BACKUP_PREFIX = "user-"
BACKUP_SUFFIX = ".sqlite3"
MARKER_NAME = "last-backup.json"
_NAME_RE = re.compile(r"^user-(\d{8}-\d{6}-\d{6})(?:-([a-z-]+))?\.sqlite3$")
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
        }


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")


def _backups_folder() -> Path | None:
    try:
        return paths.backups_dir()
    except OSError:
        return None


def list_backups() -> list[Path]:
    """Backup files, newest first."""
    folder = _backups_folder()
    if folder is None:
        return []
    found = [p for p in folder.iterdir() if _NAME_RE.match(p.name) and p.is_file()]
    return sorted(found, key=lambda p: _NAME_RE.match(p.name).group(1), reverse=True)  # type: ignore[union-attr]


def _counts(path: Path) -> tuple[int, int, int]:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2)) as conn:
        bookmarks = conn.execute("SELECT count(*) FROM bookmarks").fetchone()[0]
        notes = conn.execute("SELECT count(*) FROM bookmarks WHERE trim(note) != ''").fetchone()[0]
        tags = conn.execute("SELECT count(DISTINCT lower(tag)) FROM bookmark_tags").fetchone()[0]
    return int(bookmarks), int(tags), int(notes)


def describe_backups() -> list[BackupInfo]:
    """Every backup, newest first, with when it was taken and how many bookmarks, tags and notes it holds."""
    out = []
    for path in list_backups():
        match = _NAME_RE.match(path.name)
        assert match is not None  # list_backups only returns matching names
        taken_at = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S-%f").replace(tzinfo=UTC)
        try:
            bookmarks, tags, notes = _counts(path)
        except sqlite3.Error as exc:
            out.append(BackupInfo(path, taken_at, match.group(2) or "", None, None, None, f"cannot be read ({exc})"))
            continue
        out.append(BackupInfo(path, taken_at, match.group(2) or "", bookmarks, tags, notes))
    return out


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
    folder = _backups_folder()
    try:
        data = json.loads((folder / MARKER_NAME).read_text(encoding="utf-8")) if folder else {}
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_marker(signature: list[int], fingerprint: str) -> None:
    folder = _backups_folder()
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


def take_backup(path: Path | None = None, occasion: str = "") -> Path:
    """Back up the user database now (SQLite backup API, consistent even while it is being written)."""
    path = path or paths.user_db_path()
    folder = paths.backups_dir()
    suffix = f"-{occasion}" if occasion else ""
    target = folder / f"{BACKUP_PREFIX}{_stamp()}{suffix}{BACKUP_SUFFIX}"
    part = folder / f".{target.name}.part"
    signature, (fingerprint, _) = _signature(path), bookmarks_fingerprint(path)
    try:
        _copy(path, part)
        with contextlib.closing(sqlite3.connect(part)) as conn:
            conn.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    _write_marker(signature, fingerprint)
    for old in list_backups()[BACKUPS_KEPT:]:
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
    if replaced is not None:
        replaced.unlink(missing_ok=True)
    return taken


def _recent(occasion: str, seconds: float) -> Path | None:
    """The newest backup, if it was taken on ``occasion`` less than ``seconds`` ago."""
    newest = list_backups()[:1]
    match = _NAME_RE.match(newest[0].name) if newest else None
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
    try:
        check_readable(backup, lock_wait)
        revision = stored_revision(backup)
    except DamagedDatabaseError as exc:
        raise UserDatabaseError(f"the backup {backup.name} is damaged ({exc}); choose another one") from exc
    if revision is None:
        raise UserDatabaseError(f"{backup.name} holds no bookmarks")
    if revision not in KNOWN_REVISIONS:
        raise FutureSchemaError(f"{backup.name} was written by a newer version of SCO Briefing (schema {revision!r})")
    kept = take_backup(path, "before-restore") if path.is_file() and path.stat().st_size else None
    staged: Path | None = None
    source = backup
    try:
        if revision != HEAD_REVISION:
            staged = paths.backups_dir() / f".restoring-{_stamp()}{BACKUP_SUFFIX}"
            _copy(backup, staged)
            upgrade(staged)
            source = staged
        _copy(source, path, lock_wait)
    finally:
        if staged is not None:
            for leftover in (staged, Path(f"{staged}-wal"), Path(f"{staged}-shm")):
                leftover.unlink(missing_ok=True)
    upgrade(path)
    log.info("user database restored from %s (previous content kept as %s)", backup.name, kept)
    return kept
