"""Looking at a user database file before it is trusted: what it is, whether it is whole, who holds it.

Plain ``sqlite3`` and ``os`` only (no SQLAlchemy, no Alembic), so a start with a good database pays almost
nothing. The services decide what to do with the answers (:mod:`briefing_app.services.userdata`); this module
only probes, and builds the empty stand-in engine a session uses when the real file cannot be read.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
from pathlib import Path
from typing import Any

from briefing_app.persistence.migrations import KNOWN_REVISIONS, UserDatabaseError

__all__ = [
    "LOCK_WAIT_SECONDS", "REQUIRED_COLUMNS", "DamagedDatabaseError", "DatabaseLockedError", "check_readable",
    "check_regular_file", "check_schema", "disk_full", "empty_stand_in", "frozen", "is_damage_error",
    "is_disk_full_error", "is_locked_error", "repair_stale_companions", "snapshot_engine", "unwritable_companions",
    "wal_is_empty", "writable", "write_lock_free",
]

#: How long opening, backing up or restoring waits for another program to let go of a locked database.
LOCK_WAIT_SECONDS = 5.0

#: The columns each table must have at each schema revision (what the repositories read and write).
_BASE_COLUMNS = {
    "bookmarks": {"row_id", "item_id", "kind", "title", "note", "created_at", "updated_at"},
    "bookmark_tags": {"bookmark_row", "tag"},
}
REQUIRED_COLUMNS: dict[str, dict[str, set[str]]] = {
    "0001_bookmarks": _BASE_COLUMNS,
    "0002_bookmark_order": {**_BASE_COLUMNS, "bookmarks": _BASE_COLUMNS["bookmarks"] | {"position"}},
    "0003_bookmark_anchor_text": {
        **_BASE_COLUMNS, "bookmarks": _BASE_COLUMNS["bookmarks"] | {"position", "anchor_text"},
    },
}
REQUIRED_COLUMNS["0004_highlights"] = {
    **REQUIRED_COLUMNS["0003_bookmark_anchor_text"],
    "highlights": {
        "row_id", "highlight_id", "item_id", "quote", "prefix", "suffix", "start_offset", "end_offset", "colour",
        "note", "item_title", "item_kind", "created_at", "updated_at", "position",
    },
    "highlight_tags": {"highlight_row", "tag"},
}


class DatabaseLockedError(UserDatabaseError):
    """Another program holds the database locked and did not let go in time."""


class DamagedDatabaseError(UserDatabaseError):
    """The file is not an SQLite database, fails its integrity check, or misses part of its schema."""


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


def is_disk_full_error(exc: BaseException) -> bool:
    """True for SQLite's 'database or disk is full' (SQLITE_FULL) and the system's 'No space left on device'."""
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return True
    return _error_name(exc).startswith("SQLITE_FULL") or "database or disk is full" in str(exc)


def is_damage_error(exc: BaseException) -> bool:
    return _error_name(exc).startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT"))


def check_regular_file(path: Path) -> None:
    """Raise :class:`UserDatabaseError` if ``path`` exists and is not a regular file (a FIFO, a device, a folder).

    Opening a FIFO blocks until someone writes to it, so this is checked with ``lstat``-free ``stat`` (a
    symlink to a regular file is fine) before anything opens the path.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise UserDatabaseError(f"{path} cannot be opened ({exc.strerror or exc})") from exc
    if not stat.S_ISREG(mode):
        what = "a folder" if stat.S_ISDIR(mode) else "a pipe" if stat.S_ISFIFO(mode) else "not a regular file"
        raise UserDatabaseError(f"{path} cannot be opened: it is {what}, not a database file")


def _ro_uri(path: Path, immutable: bool) -> str:
    return f"file:{path}?mode=ro{'&immutable=1' if immutable else ''}"


def check_readable(path: Path, timeout: float, *, immutable: bool = False) -> None:
    """Open ``path`` read-only and run SQLite's quick check, waiting at most ``timeout`` for a lock.

    Raises :class:`DatabaseLockedError`, :class:`DamagedDatabaseError` (also for an empty file: a database
    that was ever used is never 0 bytes), or :class:`UserDatabaseError` when the file cannot be opened at all
    (permissions, I/O, not a regular file). ``immutable`` reads the file as it is on disk without creating
    SQLite's ``-shm`` (for a file that cannot change: see :func:`frozen`).
    """
    check_regular_file(path)
    try:
        if path.stat().st_size == 0:
            raise DamagedDatabaseError("the file is empty: 0 bytes")
    except OSError as exc:
        raise UserDatabaseError(f"{path} cannot be opened ({exc.strerror or exc})") from exc
    try:
        with contextlib.closing(sqlite3.connect(_ro_uri(path, immutable), uri=True, timeout=timeout)) as conn:
            rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as exc:
        if is_locked_error(exc):
            raise DatabaseLockedError(f"{path} is locked by another program") from exc
        if is_damage_error(exc):
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
        return  # already rejected by SQLite
    if not wal_is_empty(path):
        # A checkpoint cut short (a full disk) leaves a header counting pages that are still only in the WAL:
        # the file is then shorter than its header says and the database is whole. SQLite's check read it all.
        return
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


def check_schema(path: Path, revision: str | None, timeout: float, *, immutable: bool = False) -> None:
    """Raise :class:`DamagedDatabaseError` if a bookmarks database lacks a table or column its revision has,
    or records no revision while holding bookmark tables (an emptied ``alembic_version``)."""
    try:
        with contextlib.closing(sqlite3.connect(_ro_uri(path, immutable), uri=True, timeout=timeout)) as conn:
            tables = {
                name: {row[1] for row in conn.execute(f"PRAGMA table_info({name!r})")}
                for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
    except sqlite3.Error as exc:
        if is_locked_error(exc):
            raise DatabaseLockedError(f"{path} is locked by another program") from exc
        if is_damage_error(exc):
            raise DamagedDatabaseError(f"its tables cannot be read ({exc})") from exc
        raise  # a full disk, an I/O error: says nothing about the file
    if revision is None:
        if set(tables) & set(_BASE_COLUMNS):
            state = "empty" if "alembic_version" in tables else "missing"
            raise DamagedDatabaseError(f"its schema version record is {state}")
        return
    if revision not in KNOWN_REVISIONS:  # a revision this version does not know: the caller keeps it aside as newer
        return
    # Columns only ever grow: a revision without its own entry needs at least those of the newest one before it.
    known = KNOWN_REVISIONS[: KNOWN_REVISIONS.index(revision) + 1]
    expected = next(REQUIRED_COLUMNS[r] for r in reversed(known) if r in REQUIRED_COLUMNS)
    for table, columns in expected.items():
        if table not in tables:
            raise DamagedDatabaseError(f"the table {table!r} is missing")
        missing = sorted(columns - tables[table])
        if missing:
            raise DamagedDatabaseError(f"the table {table!r} misses the column {missing[0]!r}")


def write_lock_free(path: Path, timeout: float) -> bool:
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


def writable(path: Path) -> bool:
    # SQLite also writes -wal and -shm files beside the database, so the folder must be writable too.
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def unwritable_companions(path: Path) -> list[Path]:
    """The ``-wal``/``-shm`` files beside ``path`` that this process cannot write (left by a read-only session)."""
    out = []
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        if companion.is_file() and not os.access(companion, os.W_OK):
            out.append(companion)
    return out


def repair_stale_companions(path: Path) -> list[Path]:
    """Make the ``-wal``/``-shm`` files of a writable database writable again; return those repaired.

    A read-only session makes SQLite create its ``-shm`` with the database file's (then read-only) mode; once
    the user makes the database writable, that file stops every write. The ``-shm`` is only an index that
    SQLite rebuilds from the ``-wal``, so it is removed; the ``-wal`` holds committed changes, so it is copied
    into a writable file of the same bytes. Nothing is done unless the database and its folder are writable.
    """
    if not writable(path):
        return []
    repaired = []
    for companion in unwritable_companions(path):
        if companion.name.endswith("-shm"):
            companion.unlink()
        else:
            fresh = companion.with_name(f".{companion.name}.repair")
            fresh.write_bytes(companion.read_bytes())
            fresh.chmod(path.stat().st_mode & 0o666)
            os.replace(fresh, companion)
        repaired.append(companion)
    return repaired


#: Below this much free space beside the database, SQLite cannot make its ``-shm`` index (32 KiB) and first
#: WAL pages: the session reads the file as it is on disk and changes nothing.
FULL_DISK_BYTES = 64 * 1024


#: After SQLite failed, this little space left means the failure was the full disk (a checkpoint or WAL
#: recovery may need far more than the ``-shm``).
NEARLY_FULL_BYTES = 4 * 1024 * 1024


def disk_full(path: Path, margin: int = FULL_DISK_BYTES) -> bool:
    """Whether the file system holding ``path`` has less than ``margin`` bytes left (by default: too little for
    SQLite to open the database for writing at all)."""
    try:
        st = os.statvfs(path.parent)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < margin


def frozen(path: Path) -> bool:
    """Whether the database at ``path`` can only be read as it is on disk: its folder cannot be written (or its
    disk is full) and no ``-wal``/``-shm`` is beside it. Then SQLite could not make the ``-shm`` a normal read
    needs, and no writer can change the file either (it would need a ``-wal`` or journal there), so reading it
    as immutable is exact."""
    if not path.is_file() or not wal_is_empty(path) or Path(f"{path}-shm").exists():
        return False
    return not os.access(path.parent, os.W_OK | os.X_OK) or disk_full(path)


def snapshot_engine(path: Path) -> Any:
    """A read-only engine that reads ``path`` as it is on disk, writing nothing at all (no ``-shm``, no ``-wal``,
    no lock files): for a session on a full disk. Only correct when no ``-wal`` holds changes yet to be folded
    into the file; the caller checks that (:func:`wal_is_empty`)."""
    from sqlalchemy import create_engine

    from briefing_app.persistence.engine import refuse_writes

    engine = create_engine(f"sqlite:///file:{path}?mode=ro&immutable=1&uri=true",
                           connect_args={"check_same_thread": False})
    refuse_writes(engine)
    return engine


def wal_is_empty(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    try:
        return wal.stat().st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False


def empty_stand_in() -> Any:
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
