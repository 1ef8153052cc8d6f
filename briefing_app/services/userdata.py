"""Opening the user database safely: never lose it, never overwrite it, always start.

Every fault ends in a working session and a warning that says what happened and how to recover:

* damaged (random bytes, truncated, failing its integrity check) or not a bookmarks database: the file is
  renamed aside, unchanged, under a clear name (``user.damaged-<time>.sqlite3``) and a new database started;
* written by a newer version: kept aside the same way (``user.newer-version-<time>.sqlite3``);
* read-only (file or folder): opened read-only;
* locked by another program: after a bounded wait, opened read-only if it can be read, else shown empty;
* anything else that stops it opening: an empty, read-only stand-in, the file untouched.

The rolling backups live in :mod:`briefing_app.services.user_backups`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from briefing_app import paths
from briefing_app.persistence.bookmark_repository import BookmarkRepository
from briefing_app.persistence.migrations import (
    HEAD_REVISION,
    KNOWN_REVISIONS,
    FutureSchemaError,
    UserDatabaseError,
    stored_revision,
    upgrade,
)

__all__ = [
    "LOCK_WAIT_SECONDS", "DamagedDatabaseError", "DatabaseLockedError", "FutureSchemaError", "UserDataStatus",
    "UserDatabaseError", "check_readable", "is_locked_error", "open_user_data", "set_aside",
]

log = logging.getLogger(__name__)

#: How long start-up waits for another program to let go of a locked database before giving up.
LOCK_WAIT_SECONDS = 5.0
RESTORE_HINT = "restore a backup with File > Restore Bookmarks… or 'briefing-app bookmarks restore'"


class DatabaseLockedError(UserDatabaseError):
    """Another program holds the database locked and did not let go in time."""


class DamagedDatabaseError(UserDatabaseError):
    """The file is not an SQLite database, or fails its integrity check."""


@dataclass
class UserDataStatus:
    """What happened when the user database was opened: shown at start (dialog, stderr) and by ``db check``."""

    path: Path
    warnings: list[str] = field(default_factory=list)
    set_aside: Path | None = None
    read_only: bool = False
    locked: bool = False
    #: the bookmarks could not be read at all: an empty, read-only stand-in is in use
    unavailable: bool = False
    backup: Path | None = None
    #: a short reason for the read-only state, for one-line messages ("locked by another program", ...)
    read_only_reason: str = ""


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")


def _error_name(exc: BaseException) -> str:
    inner = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
    return str(getattr(inner, "sqlite_errorname", "") or "")


def is_locked_error(exc: BaseException) -> bool:
    """True for SQLite's 'database is locked' (SQLITE_BUSY / SQLITE_LOCKED), raw or wrapped by SQLAlchemy."""
    if isinstance(exc, DatabaseLockedError):
        return True
    name = _error_name(exc)
    if name:
        return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))
    return "database is locked" in str(exc)


def _is_damage_error(exc: BaseException) -> bool:
    return _error_name(exc).startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT"))


def set_aside(path: Path, reason: str) -> Path:
    """Rename a database that cannot be used (and its WAL files) to a clear, unique name beside it.

    The bytes are never changed: the file is renamed, not copied or rewritten.
    """
    aside = path.with_name(f"{path.stem}.{reason}-{_stamp()}{path.suffix}")
    while aside.exists():  # pragma: no cover - two set-asides in the same microsecond
        aside = path.with_name(f"{path.stem}.{reason}-{_stamp()}{path.suffix}")
    os.replace(path, aside)
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            with contextlib.suppress(OSError):
                os.replace(companion, Path(f"{aside}{suffix}"))
    return aside


def check_readable(path: Path, timeout: float = LOCK_WAIT_SECONDS) -> None:
    """Open ``path`` read-only and run SQLite's quick check, waiting at most ``timeout`` for a lock.

    Raises :class:`DatabaseLockedError`, :class:`DamagedDatabaseError`, or :class:`UserDatabaseError` when the
    file cannot be opened at all (permissions, I/O).
    """
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=timeout)) as conn:
            rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as exc:
        if is_locked_error(exc):
            raise DatabaseLockedError(f"{path} is locked by another program") from exc
        if _is_damage_error(exc):
            raise DamagedDatabaseError(f"{exc}") from exc
        raise UserDatabaseError(f"{path} cannot be opened ({exc})") from exc
    if [tuple(row) for row in rows] != [("ok",)]:
        first = rows[0][0] if rows else "no result"
        raise DamagedDatabaseError(f"it failed its integrity check: {first}")
    _check_whole(path)


def _check_whole(path: Path) -> None:
    """A file cut short inside its last page can pass the quick check with part of a note silently zeroed."""
    try:
        with path.open("rb") as file:
            header = file.read(100)
        size = path.stat().st_size
    except OSError:
        return
    if len(header) < 100 or not header.startswith(b"SQLite format 3\0"):
        return  # empty (a new database) or already rejected by SQLite
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages_in_header = int.from_bytes(header[28:32], "big")
    header_count_valid = header[24:28] == header[92:96]
    if page_size and size % page_size:
        raise DamagedDatabaseError(f"the file is cut short: {size:,} bytes is not a whole number of pages")
    if header_count_valid and size < pages_in_header * page_size:
        raise DamagedDatabaseError(
            f"the file is cut short: {size:,} bytes of the {pages_in_header * page_size:,} it should have"
        )


def _write_lock_free(path: Path, timeout: float) -> bool:
    """Whether this process can take the write lock within ``timeout`` (taken and released at once)."""
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=timeout, isolation_level=None)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        if is_locked_error(exc):
            return False
        raise
    return True


def _writable(path: Path) -> bool:
    # SQLite also writes -wal and -shm files beside the database, so the folder must be writable too.
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def _empty_stand_in() -> Any:
    """An in-memory, read-only, empty bookmarks database for a session whose real one cannot be read."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    from briefing_app.persistence.engine import refuse_writes
    from briefing_app.persistence.user_schema import UserBase

    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    UserBase.metadata.create_all(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA query_only=ON")
    refuse_writes(engine)
    return engine


class _Opening:
    """One attempt to open the user database; each step either passes or decides how the session goes on."""

    def __init__(self, path: Path, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        self.status = UserDataStatus(path)

    def unavailable(self, reason: str, message: str, *, locked: bool = False) -> BookmarkRepository:
        log.warning("bookmarks unavailable: %s", message)
        self.status.unavailable = self.status.read_only = True
        self.status.locked = locked
        self.status.read_only_reason = reason
        self.status.warnings.append(message)
        return BookmarkRepository(self.path, engine=_empty_stand_in(), read_only=True)

    def read_only(self, reason: str, message: str, *, locked: bool = False) -> BookmarkRepository:
        log.warning("bookmarks read-only: %s", message)
        self.status.read_only = True
        self.status.locked = locked
        self.status.read_only_reason = reason
        self.status.warnings.append(message)
        return BookmarkRepository(self.path, read_only=True)

    def put_aside(self, reason: str, what: str, recovery: str) -> BookmarkRepository | None:
        """Rename the file aside and say so; None to go on with a new database, or the stand-in if it can't."""
        try:
            self.status.set_aside = set_aside(self.path, reason)
        except FileNotFoundError:
            return None  # another process set it aside a moment ago; go on with whatever is there now
        except OSError as exc:
            return self.unavailable(
                "cannot be read",
                f"{what} It could not be moved aside ({exc.strerror or exc}), so it was left unchanged at "
                f"{self.path}; bookmarks are not available this session. {recovery}",
            )
        log.warning("user database set aside as %s: %s", self.status.set_aside, what)
        self.status.warnings.append(
            f"{what} It was kept unchanged as {self.status.set_aside.name} in {self.path.parent}, and a new, "
            f"empty bookmarks database was started. {recovery}"
        )
        return None

    def open(self) -> BookmarkRepository:
        path = self.path
        if path.exists():
            try:
                check_readable(path, self.timeout)
            except DatabaseLockedError:
                return self.unavailable(
                    "locked by another program",
                    f"Your bookmarks database {path} is locked by another program, which did not let go within "
                    f"{self.timeout:g} seconds. Bookmarks are not shown and cannot be changed this session; nothing "
                    "was changed. Close the other program (a database tool, a backup or sync program, or a stuck "
                    "SCO Briefing) and start SCO Briefing again.",
                    locked=True,
                )
            except DamagedDatabaseError as exc:
                stand_in = self.put_aside(
                    "damaged", f"Your bookmarks database could not be read ({exc}).",
                    f"To get your bookmarks back, {RESTORE_HINT}.",
                )
                if stand_in is not None:
                    return stand_in
            except UserDatabaseError as exc:
                return self.unavailable(
                    "cannot be opened",
                    f"Your bookmarks database {exc}. It was left unchanged; bookmarks are not available this "
                    "session. Check the file's permissions and the disk, then start SCO Briefing again.",
                )
        revision = self._revision()
        if isinstance(revision, BookmarkRepository):
            return revision
        if path.exists() and not _writable(path):
            if revision != HEAD_REVISION:
                return self.unavailable(
                    "read-only",
                    f"Your bookmarks database {path} is read-only and was written by an older version, so it "
                    "cannot be brought up to date; bookmarks are not available this session. Make the file "
                    "and its folder writable and start SCO Briefing again.",
                )
            return self.read_only(
                "read-only",
                f"Your bookmarks database {path} is read-only: bookmarks can be read but not changed this "
                "session. Make the file and its folder writable and start SCO Briefing again to change them.",
            )
        if path.exists() and not _write_lock_free(path, self.timeout):
            message = (
                f"Your bookmarks database {path} is being held for writing by another program, which did not let "
                f"go within {self.timeout:g} seconds. Bookmarks are shown read-only this session. Close the other "
                "program and start SCO Briefing again to change them."
            )
            if revision != HEAD_REVISION:
                return self.unavailable("locked by another program", message, locked=True)
            return self.read_only("locked by another program", message, locked=True)
        if revision is not None and revision != HEAD_REVISION:
            # A failed migration must never cost a bookmark: keep a copy of the old version first.
            from briefing_app.services.user_backups import take_backup

            self.status.backup = take_backup(path, "before-upgrade")
        upgrade(path)
        return BookmarkRepository(path)

    def _revision(self) -> str | None | BookmarkRepository:
        """The stored schema revision; files that are not ours, or are from a newer version, are set aside."""
        try:
            revision = stored_revision(self.path)
        except UserDatabaseError as exc:
            stand_in = self.put_aside(
                "not-bookmarks", f"The file {self.path.name} is not a bookmarks database ({exc}).",
                f"If you have one elsewhere, {RESTORE_HINT}.",
            )
            return stand_in
        if revision is not None and revision not in KNOWN_REVISIONS:
            stand_in = self.put_aside(
                "newer-version",
                f"Your bookmarks database was written by a newer version of SCO Briefing (schema {revision!r}; "
                f"this version knows up to {HEAD_REVISION!r}).",
                "To use it, install the newer version again and rename the kept file back to "
                f"{self.path.name}; or {RESTORE_HINT}.",
            )
            return stand_in
        return revision


def open_user_data(path: Path | None = None, *, lock_wait: float | None = None) -> tuple[BookmarkRepository,
                                                                                       UserDataStatus]:
    """Open (creating or migrating) the user database; never raises for a bad or busy file.

    ``lock_wait`` bounds the wait for another program's lock (default :data:`LOCK_WAIT_SECONDS`). The status
    says whether the session is read-only or uses an empty stand-in, and carries the warnings to show.
    """
    from sqlalchemy.exc import SQLAlchemyError

    opening = _Opening(path or paths.user_db_path(), LOCK_WAIT_SECONDS if lock_wait is None else lock_wait)
    try:
        repository = opening.open()
    except (OSError, sqlite3.Error, UserDatabaseError, SQLAlchemyError) as exc:
        if is_locked_error(exc):
            repository = opening.unavailable(
                "locked by another program",
                f"Your bookmarks database {opening.path} was locked by another program while it was being opened. "
                "Bookmarks are not available this session; nothing was changed. Start SCO Briefing again.",
                locked=True,
            )
        else:
            log.exception("user database could not be opened")
            reason = getattr(exc, "orig", None) or exc  # the driver's words, without SQLAlchemy's web link
            repository = opening.unavailable(
                "cannot be opened",
                f"Your bookmarks database {opening.path} could not be opened ({reason}). It was left unchanged; "
                "bookmarks are not available this session. Check the disk and the folder's permissions, then "
                "start SCO Briefing again.",
            )
    return repository, opening.status
