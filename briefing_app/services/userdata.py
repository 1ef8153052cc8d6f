"""Opening the user database safely: never lose it, never overwrite it, always start.

Every fault ends in a working session and a warning that says what happened and how to recover:

* damaged (random bytes, truncated, empty, failing its integrity check, a table or column of its schema gone) or
  not a bookmarks database: the file is renamed aside, unchanged, under a clear name
  (``user.damaged-<time>.sqlite3``) and a new database started; the newest good backup is pinned;
* written by a newer version: kept aside the same way (``user.newer-version-<time>.sqlite3``);
* not a regular file (a FIFO, a folder): refused before anything opens it;
* read-only (file or folder) or on a full disk: opened read-only (as it is on disk when SQLite could not even
  make its ``-shm``); a ``-shm`` left read-only by such a session is replaced once the file is writable again;
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

from briefing_app import paths
from briefing_app.persistence import user_database_probe as probe
from briefing_app.persistence.bookmark_repository import BookmarkRepository
from briefing_app.persistence.migrations import (
    HEAD_REVISION,
    KNOWN_REVISIONS,
    FutureSchemaError,
    UserDatabaseError,
    stored_revision,
    upgrade,
)
from briefing_app.persistence.user_database_probe import (
    DamagedDatabaseError,
    DatabaseLockedError,
    check_readable,
    check_regular_file,
    check_schema,
    empty_stand_in,
    is_locked_error,
    repair_stale_companions,
    writable,
    write_lock_free,
)
from briefing_app.services import user_backups

__all__ = [
    "LOCK_WAIT_SECONDS", "DamagedDatabaseError", "DatabaseLockedError", "FutureSchemaError", "UserDataStatus",
    "UserDatabaseError", "check_readable", "is_locked_error", "open_user_data", "set_aside",
]

log = logging.getLogger(__name__)

#: How long start-up waits for another program to let go of a locked database before giving up (a module
#: global here so that tests can shorten the wait of start-up alone).
LOCK_WAIT_SECONDS = probe.LOCK_WAIT_SECONDS
RESTORE_HINT = "restore a backup with File > Restore Bookmarks… or 'briefing-app bookmarks restore'"


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
    #: the database was brought up from an older schema this session
    upgraded: bool = False
    #: a short reason for the read-only state, for one-line messages ("locked by another program", ...)
    read_only_reason: str = ""


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")


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


def _remove_half_made(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.stat().st_size == 0:
            for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                file.unlink(missing_ok=True)


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
        return BookmarkRepository(self.path, engine=empty_stand_in(), read_only=True)

    def read_only(self, reason: str, message: str, *, locked: bool = False) -> BookmarkRepository:
        log.warning("bookmarks read-only: %s", message)
        self.status.read_only = True
        self.status.locked = locked
        self.status.read_only_reason = reason
        self.status.warnings.append(message)
        return BookmarkRepository(self.path, read_only=True)

    def on_full_disk(self) -> BookmarkRepository:
        """The disk is full: read the bookmarks as they are on disk, change nothing, write nothing."""
        message = (
            f"The disk that holds your bookmarks database {self.path} is full: bookmarks are shown but cannot be "
            "changed this session; nothing was changed. Free some space on that disk and start SCO Briefing again."
        )
        if not probe.frozen(self.path):  # recent changes not yet in the file: reading it alone would hide them
            return self.unavailable("on a full disk", message.replace("are shown but", "are not shown and"))
        return self.as_on_disk("on a full disk", message)

    def as_on_disk(self, reason: str, message: str) -> BookmarkRepository:
        """A file that cannot change (see :func:`probe.frozen`): checked and read as it is, nothing written."""
        try:
            check_readable(self.path, self.timeout, immutable=True)
            revision = stored_revision(self.path, timeout=self.timeout, immutable=True)
            check_schema(self.path, revision, self.timeout, immutable=True)
        except (UserDatabaseError, sqlite3.Error) as exc:
            return self.unavailable("unreadable", f"Your bookmarks database {self.path} cannot be used ({exc}) and "
                                    f"cannot be moved aside now ({reason}). It was left unchanged. To get your "
                                    f"bookmarks back, {RESTORE_HINT}.")
        if revision != HEAD_REVISION:
            return self.unavailable(reason, f"{message} (It was written by another version, so it cannot be read "
                                    "until it can be brought up to date.)")
        log.warning("bookmarks read-only: %s", message)
        self.status.read_only = True
        self.status.read_only_reason = reason
        self.status.warnings.append(message)
        return BookmarkRepository(self.path, engine=probe.snapshot_engine(self.path), read_only=True)

    def put_aside(self, reason: str, what: str, recovery: str) -> BookmarkRepository | None:
        """Rename the file aside and say so; None to go on with a new database, or the stand-in if it can't."""
        try:
            self.status.set_aside = set_aside(self.path, reason)
        except FileNotFoundError:
            return None  # another process set it aside a moment ago; go on with whatever is there now
        except OSError as exc:
            return self.unavailable(
                "unreadable",
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
        try:
            check_regular_file(path)  # before anything opens it: opening a FIFO would wait forever
        except UserDatabaseError as exc:
            return self.unavailable(
                "not a database file",
                f"Your bookmarks database {exc}. It was left unchanged; bookmarks are not available this "
                "session. Move it away and start SCO Briefing again.",
            )
        if path.exists() and probe.disk_full(path):
            return self.on_full_disk()
        if probe.frozen(path):  # a read-only folder: SQLite could not even make the -shm a normal read needs
            return self.as_on_disk(
                "read-only",
                f"Your bookmarks database {path} is in a folder that cannot be written to: bookmarks can be read but "
                "not changed this session. Make the folder writable and start SCO Briefing again to change them.",
            )
        if path.exists():
            repaired = repair_stale_companions(path)
            if repaired:
                names = ", ".join(p.name for p in repaired)
                log.warning("user database: replaced %s left read-only by a read-only session", names)
                self.status.warnings.append(
                    f"The file {names} beside your bookmarks database was left read-only by an earlier session "
                    "that could only read it; it was replaced, so bookmarks can be changed again. No bookmark was "
                    "lost."
                )
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
                if probe.disk_full(path, probe.NEARLY_FULL_BYTES):
                    return self.on_full_disk()
                return self.unavailable(
                    "unreadable",
                    f"Your bookmarks database {exc}. It was left unchanged; bookmarks are not available this "
                    "session. Check the file's permissions and the disk, then start SCO Briefing again.",
                )
        revision = self._revision()
        if isinstance(revision, BookmarkRepository):
            return revision
        if path.exists() and not writable(path):
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
        if path.exists() and not write_lock_free(path, self.timeout):
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
            self.status.backup = user_backups.take_backup(path, "before-upgrade")
        self.status.upgraded = upgrade(path) and revision is not None
        return BookmarkRepository(path)

    def _revision(self) -> str | None | BookmarkRepository:
        """The stored schema revision; files that are not ours, are from a newer version or miss part of their
        schema are set aside (None: go on with a new database)."""
        try:
            revision = stored_revision(self.path, timeout=self.timeout)
        except UserDatabaseError as exc:
            try:
                check_schema(self.path, None, self.timeout)  # bookmark tables without a version: damage
            except DamagedDatabaseError as damage:
                return self.put_aside(
                    "damaged", f"Your bookmarks database is damaged: {damage}.",
                    f"To get your bookmarks back, {RESTORE_HINT}.",
                )
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
        if self.path.exists():
            try:
                check_schema(self.path, revision, self.timeout)
            except DamagedDatabaseError as exc:
                return self.put_aside(
                    "damaged", f"Your bookmarks database is damaged: {exc}.",
                    f"To get your bookmarks back, {RESTORE_HINT}.",
                )
        return revision


def open_user_data(path: Path | None = None, *, lock_wait: float | None = None) -> tuple[BookmarkRepository,
                                                                                       UserDataStatus]:
    """Open (creating or migrating) the user database; never raises for a bad or busy file.

    ``lock_wait`` bounds the wait for another program's lock (default :data:`LOCK_WAIT_SECONDS`). The status
    says whether the session is read-only or uses an empty stand-in, and carries the warnings to show. Temporary
    files that a killed backup left behind are removed first; after a set-aside, the newest good backup is
    pinned (never pruned or replaced) until the user restores one.
    """
    from sqlalchemy.exc import SQLAlchemyError

    user_backups.clean_stale_files()  # also frees space a killed backup held
    opening = _Opening(path or paths.user_db_path(), LOCK_WAIT_SECONDS if lock_wait is None else lock_wait)
    existed = opening.path.exists()
    try:
        repository = opening.open()
    except (OSError, sqlite3.Error, UserDatabaseError, SQLAlchemyError) as exc:
        if not existed:
            _remove_half_made(opening.path)  # a new database that could not be made must not look damaged later
        if opening.path.exists() and probe.disk_full(opening.path, probe.NEARLY_FULL_BYTES):
            opening.status.warnings.clear()
            repository = opening.on_full_disk()  # SQLite needed more space than the disk has left
        elif probe.is_disk_full_error(exc) or (probe.disk_full(opening.path) and not existed):
            repository = opening.unavailable(
                "on a full disk",
                f"The disk that holds your bookmarks database {opening.path} is full, so it could not be made. "
                "Bookmarks are not available this session. Free some space on that disk and start again.",
            )
        elif is_locked_error(exc):
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
                "unreadable",
                f"Your bookmarks database {opening.path} could not be opened ({reason}). It was left unchanged; "
                "bookmarks are not available this session. Check the disk and the folder's permissions, then "
                "start SCO Briefing again.",
            )
    if opening.status.set_aside is not None:
        user_backups.pin_newest_good_backup(f"kept when {opening.status.set_aside.name} was set aside")
    return repository, opening.status
