"""Building and checking the content database from the active briefing pack."""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_app import paths
from briefing_app.content.errors import PackError
from briefing_app.content.fingerprint import pack_hash, stat_signature
from briefing_app.services.pack_choice import active_pack_dir as active_pack_dir
from briefing_app.services.pack_choice import chosen_pack_dir as chosen_pack_dir

if TYPE_CHECKING:  # the repository (SQLAlchemy) is imported when content is opened: `db build` does without it
    from briefing_app.persistence.content_repository import ContentRepository

log = logging.getLogger(__name__)


class ContentUnavailableError(Exception):
    """No usable content: the pack cannot be loaded and no earlier content database exists."""


@dataclass
class ContentStatus:
    """What happened when the content was opened, for the status bar and ``db check``."""

    pack_dir: Path
    rebuilt: bool = False
    warnings: list[str] = field(default_factory=list)


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a pack is read and written.

    Reading a pack allocates millions of small objects that stay alive until the build ends (YAML nodes,
    dicts, validated models); each allocation burst makes the collector walk all of them again, which was two
    thirds of a 100x pack's build. They hold no reference cycles, so reference counting frees them as before;
    the collector runs again as soon as the build is over.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build(pack_dir: Path | None = None, target: Path | None = None, *, remember: bool = True) -> dict[str, int]:
    """Validate the pack and build the content database from it; on any problem nothing is changed.

    ``remember``: record the pack as the user's choice (``db build --pack``); False when the shipped pack stands
    in for a chosen one that is missing, so the choice is used again once its folder is back.
    Raises :class:`PackError` with every problem found.
    """
    # Imported here: YAML, pydantic and the builder are needed only when content is (re)built, not at start-up.
    from briefing_app.content.loader import load_pack, may_fork
    from briefing_app.content.parse_cache import ParseCache, cache_path
    from briefing_app.persistence.content_builder import build_content_db

    pack_dir = (pack_dir or active_pack_dir()).expanduser().resolve()
    target = target or paths.content_db_path()
    signature = stat_signature(pack_dir)  # taken before reading: a write during the build shows up next start
    with cyclic_gc_paused():
        cache = ParseCache.open(cache_path(target))
        loaded = load_pack(pack_dir, cache)
        # The cache is written by the process working out the search names while this one writes the rows (when
        # there is one), and renamed into place here.
        ready = cache.prepared_path()
        try:
            counts = build_content_db(target, loaded.info, loaded.items, loaded.root, signature, may_fork=may_fork(),
                                      side_work=None if ready is None else functools.partial(cache.prepare, ready))
            cache.save(ready)  # after the database: a build that failed keeps the cache it found
        finally:
            if ready is not None:
                ready.unlink(missing_ok=True)  # prepared for a build that failed
        # Freed by reference counting while the collector is still paused: back on, its first pass would walk
        # every object allocated meanwhile that is still alive (a tenth of a 100x pack's rebuild).
        del loaded, cache
    if not remember:
        pass
    elif pack_dir != paths.default_pack_dir().resolve():
        paths.active_pack_file().write_text(str(pack_dir), encoding="utf-8")
    else:
        paths.active_pack_file().unlink(missing_ok=True)
    return counts


def _pack_unchanged(meta: dict[str, str], pack_dir: Path, target: Path) -> bool:
    """Whether the content database at ``target`` (with ``meta``) was built from the pack as it is now.

    The hash is the authority; an unchanged stat signature proves the files were not touched since it was
    taken, so an untouched pack is never read at start-up. When the files were touched but their content is
    the same, the new signature is recorded so that the next start is cheap again.
    """
    if meta.get("pack_root") != str(pack_dir.resolve()):
        return False
    signature = stat_signature(pack_dir)
    if signature is not None and meta.get("pack_stat") == signature:
        return True
    if meta.get("pack_hash") != pack_hash(pack_dir):
        return False
    if signature is not None:
        _record_signature(target, signature)
    return True


def _record_signature(target: Path, signature: str) -> None:
    try:
        with contextlib.closing(sqlite3.connect(target, timeout=2)) as conn, conn:
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('pack_stat', ?)", (signature,))
    except sqlite3.Error as exc:  # a read-only or busy file: the next start hashes the pack again, that is all
        log.info("could not record the pack signature: %s", exc)


def _out_of_wal(target: Path) -> None:
    """Put a content database left in WAL mode (by earlier versions, which opened it read-write) back in rollback
    mode, so that it can be read from a read-only folder later: WAL needs its -shm file written even to read."""
    try:
        with target.open("rb") as raw:
            header = raw.read(20)
    except OSError:
        return
    if header[:16] != b"SQLite format 3\x00" or header[18:20] != b"\x02\x02":  # 2, 2: WAL
        return
    try:
        with contextlib.closing(sqlite3.connect(target, timeout=2)) as conn:
            conn.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as exc:  # busy or read-only: it stays readable wherever it is writable
        log.info("could not take %s out of WAL mode: %s", target, exc)


def open_current(status: ContentStatus | None = None) -> ContentRepository:
    """Open the content database, rebuilding it first if the pack changed or the file is missing or corrupt.

    If the pack cannot be loaded but an earlier content database works, that one is used and a warning
    recorded. Raises :class:`ContentUnavailableError` when there is nothing usable.
    """
    from briefing_app.persistence.content_builder import clean_stale_builds
    from briefing_app.persistence.content_repository import (
        ContentDatabaseError,
        is_corruption,
        open_content,
        read_meta,
    )

    pack_dir = active_pack_dir()
    status = status if status is not None else ContentStatus(pack_dir)
    target = paths.content_db_path()
    clean_stale_builds(target.parent)
    chosen = chosen_pack_dir()
    stand_in = chosen is not None and not chosen.is_dir()  # the shipped pack stands in for a chosen one gone
    stale_reason = None
    try:
        meta = read_meta(target)
        if stand_in and meta.get("pack_root") == str(chosen):
            stale_reason = None
            status.warnings.append(
                f"The chosen briefing pack folder {chosen} is missing; showing the content built from it earlier. "
                "It will be used again as soon as the folder is back."
            )
        elif not (pack_dir / "pack.yaml").is_file():
            stale_reason = None
            status.warnings.append(
                f"The briefing pack folder {pack_dir} is missing; showing the content built earlier."
            )
        elif not _pack_unchanged(meta, pack_dir, target):
            stale_reason = "the briefing pack changed"
    except ContentDatabaseError as exc:
        stale_reason = str(exc)
    if stand_in and not any(str(chosen) in warning for warning in status.warnings):
        status.warnings.append(
            f"The chosen briefing pack folder {chosen} is missing; showing the briefing shipped with the app "
            "instead. The chosen pack will be used again as soon as its folder is back."
        )
    if stale_reason:
        _rebuild(pack_dir, stale_reason, status, remember=not stand_in)
    else:
        _out_of_wal(target)

    def rebuild_damaged() -> None:
        build(pack_dir, remember=not stand_in)
        status.rebuilt = True

    try:
        return open_content(target, rebuild=rebuild_damaged)
    except ContentDatabaseError as exc:
        if not status.rebuilt and exc.__cause__ is not None and is_corruption(exc.__cause__):
            _rebuild(pack_dir, str(exc), status, remember=not stand_in)  # damaged pages the meta check missed
            with contextlib.suppress(ContentDatabaseError):
                return open_content(target, rebuild=rebuild_damaged)
        detail = "; ".join(status.warnings) or str(exc)
        raise ContentUnavailableError(f"No briefing content is available. {detail}") from exc


def _rebuild(pack_dir: Path, reason: str, status: ContentStatus, *, remember: bool) -> None:
    log.info("rebuilding content database: %s", reason)
    try:
        build(pack_dir, remember=remember)
        status.rebuilt = True
    except PackError as exc:
        status.warnings.append(f"The briefing pack could not be loaded: {exc}")
    except OSError as exc:
        status.warnings.append(f"The content database could not be written: {exc}")
