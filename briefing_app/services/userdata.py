"""Opening the user database safely: migrate it, set a broken file aside (never overwrite it), keep backups."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from briefing_app import paths
from briefing_app.persistence.bookmark_repository import BookmarkRepository
from briefing_app.persistence.migrations import FutureSchemaError, UserDatabaseError, upgrade

log = logging.getLogger(__name__)

BACKUPS_KEPT = 5
BACKUP_PREFIX = "user-"
BACKUP_SUFFIX = ".sqlite3"


@dataclass
class UserDataStatus:
    path: Path
    warnings: list[str] = field(default_factory=list)
    set_aside: Path | None = None
    read_only: bool = False
    backup: Path | None = None


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")


def set_aside(path: Path, reason: str) -> Path:
    """Rename a database that cannot be used (and its WAL files) to a clear, unique name beside it."""
    aside = path.with_name(f"{path.stem}.{reason}-{_stamp()}{path.suffix}")
    os.replace(path, aside)
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            with contextlib.suppress(OSError):
                os.replace(companion, Path(f"{aside}{suffix}"))
    return aside


def _quick_check(path: Path) -> None:
    if not path.exists():
        return
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)) as conn:
            result = conn.execute("PRAGMA quick_check").fetchone()
            if not result or result[0] != "ok":
                raise UserDatabaseError(f"{path} failed its integrity check ({result[0] if result else 'no result'})")
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc):
            raise
        raise UserDatabaseError(f"{path} is not a readable database ({exc})") from exc


def open_user_data(path: Path | None = None) -> tuple[BookmarkRepository, UserDataStatus]:
    """Open (creating or migrating) the user database.

    A corrupt file or one from a newer version is renamed aside and a fresh database started, with a warning
    that says where the old file is and how to restore a backup. A read-only file is opened read-only.
    """
    path = path or paths.user_db_path()
    status = UserDataStatus(path)
    if path.exists() and not os.access(path, os.W_OK):
        status.read_only = True
        status.warnings.append(
            f"Your bookmarks file {path} is read-only: bookmarks can be read but not changed this session. "
            "Make the file writable and restart to change them."
        )
        return BookmarkRepository(path, read_only=True), status
    try:
        _quick_check(path)
        upgrade(path)
    except FutureSchemaError as exc:
        status.set_aside = set_aside(path, "newer-version")
        status.warnings.append(
            f"{exc}. It was kept unchanged as {status.set_aside.name}; a new, empty bookmarks database was "
            "started. Use the newer version of SCO Briefing to read it, or restore a backup "
            "(File > Restore Bookmarks, or 'briefing-app bookmarks restore')."
        )
        upgrade(path)
    except (UserDatabaseError, sqlite3.DatabaseError) as exc:
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            raise
        status.set_aside = set_aside(path, "damaged")
        status.warnings.append(
            f"Your bookmarks database could not be read ({exc}). It was kept unchanged as "
            f"{status.set_aside.name} in {path.parent}; a new, empty bookmarks database was started. "
            "Restore a backup with File > Restore Bookmarks or 'briefing-app bookmarks restore'."
        )
        upgrade(path)
    return BookmarkRepository(path), status


# --- rolling backups ------------------------------------------------------------------------------------


def list_backups() -> list[Path]:
    """Backups, newest first."""
    return sorted(
        (p for p in paths.backups_dir().glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}") if p.is_file()),
        key=lambda p: p.name,
        reverse=True,
    )


def _fingerprint(path: Path) -> str:
    """What the last backup was taken of: the database's own content, via a checksum of its pages."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)) as conn:
        rows = conn.execute(
            "SELECT item_id, title, note, updated_at, position FROM bookmarks ORDER BY item_id"
        ).fetchall()
        tags = conn.execute("SELECT bookmark_row, tag FROM bookmark_tags ORDER BY 1, 2").fetchall()
    import hashlib

    return hashlib.sha256(repr((rows, tags)).encode()).hexdigest()


def backup_if_changed(path: Path | None = None) -> Path | None:
    """Copy the user database with SQLite's backup API if it changed since the newest backup; keep the last few."""
    path = path or paths.user_db_path()
    if not path.exists():
        return None
    try:
        fingerprint = _fingerprint(path)
    except sqlite3.DatabaseError:
        return None
    marker = paths.backups_dir() / "last-fingerprint.txt"
    backups = list_backups()
    if backups and marker.is_file() and marker.read_text(encoding="utf-8").strip() == fingerprint:
        return None
    target = paths.backups_dir() / f"{BACKUP_PREFIX}{_stamp()}{BACKUP_SUFFIX}"
    tmp = target.with_suffix(".part")
    with (
        contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)) as source,
        contextlib.closing(sqlite3.connect(tmp)) as dest,
    ):
        source.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    os.replace(tmp, target)
    marker.write_text(fingerprint, encoding="utf-8")
    for old in list_backups()[BACKUPS_KEPT:]:
        old.unlink(missing_ok=True)
    return target


def restore_backup(backup: Path, path: Path | None = None) -> Path:
    """Replace the user database with a backup; the current file is first kept aside. Returns that file."""
    path = path or paths.user_db_path()
    _quick_check(backup)
    kept = set_aside(path, "before-restore") if path.exists() else path
    tmp = path.with_suffix(".restoring")
    with (
        contextlib.closing(sqlite3.connect(f"file:{backup}?mode=ro", uri=True)) as source,
        contextlib.closing(sqlite3.connect(tmp)) as dest,
    ):
        source.backup(dest)
    os.replace(tmp, path)
    upgrade(path)
    return kept
