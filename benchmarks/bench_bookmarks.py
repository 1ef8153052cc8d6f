"""Bookmark add and remove through ``BookmarkService``, on this machine's disk, durably.

Every add and remove is one committed transaction in WAL mode with ``synchronous=FULL``: it returns only when
the change is on disk (an fsync of the WAL per commit). That is the promise "never loses a bookmark", and it
is measured as it is, not with durability turned off. The baseline, measured in the same loop on the same
disk, is the floor that promise costs: one bare sqlite3 INSERT and one DELETE, each committed with the same
pragmas, without SQLAlchemy or the service.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import time
from pathlib import Path

from common import Result, Settings, Stats

TARGET_MEDIAN_MS = 5.0


def _floor_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS marks (id TEXT PRIMARY KEY, note TEXT)")
    return conn


def _floor_write(conn: sqlite3.Connection, sql: str, params: tuple[str, ...]) -> float:
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(sql, params)
    conn.execute("COMMIT")
    return (time.perf_counter() - start) * 1000


def run(settings: Settings, content_db: Path) -> list[Result]:
    from briefing_app.persistence.content_repository import open_content
    from briefing_app.services.bookmarks import BookmarkService
    from briefing_app.services.briefing import BriefingService
    from briefing_app.services.userdata import open_user_data

    rounds = settings.runs(60, 8)
    # On the same disk as the real user data would be: the benchmark's work folder, not a tmpfs.
    with tempfile.TemporaryDirectory(dir=settings.workdir, prefix="bookmarks-") as tmp:
        folder = Path(tmp)
        repo = open_content(content_db)
        repository, _status = open_user_data(folder / "user.sqlite3")
        floor_conn = _floor_connection(folder / "floor.sqlite3")
        try:
            service = BookmarkService(repository, BriefingService(repo))
            ids = [item.id for item in repo.items() if item.kind.value != "paragraph"][:rounds]
            add, remove, floor_add, floor_remove = [], [], [], []
            for item_id in ids[:3]:  # warm up statement caches
                service.add(item_id)
                service.remove(item_id)
            for n, item_id in enumerate(ids):
                start = time.perf_counter()
                service.add(item_id, note="benchmark note", tags=("benchmark",))
                add.append((time.perf_counter() - start) * 1000)
                floor_add.append(_floor_write(floor_conn, "INSERT INTO marks VALUES (?, ?)", (item_id, "note")))
                if n % 2:  # remove half at once, the other half later, so the table is never empty or full
                    for victim in (ids[n - 1], item_id):
                        start = time.perf_counter()
                        service.remove(victim)
                        remove.append((time.perf_counter() - start) * 1000)
                        floor_remove.append(_floor_write(floor_conn, "DELETE FROM marks WHERE id = ?", (victim,)))
        finally:
            floor_conn.close()
            repository.close()
            repo.close()
            for leftover in folder.iterdir():
                with contextlib.suppress(OSError):
                    os.unlink(leftover)
    disk = _describe_disk(settings.workdir)
    return [
        Result("Bookmarks", "Add a bookmark (with note and tag), durable", "ms", Stats.of(add),
               target=f"median < {TARGET_MEDIAN_MS:g} ms", met=Stats.of(add).median < TARGET_MEDIAN_MS,
               baseline_name="bare sqlite3 INSERT + COMMIT, same pragmas", baseline=Stats.of(floor_add),
               note=f"WAL, synchronous=FULL, on {disk}", show_p95=True),
        Result("Bookmarks", "Remove a bookmark, durable", "ms", Stats.of(remove),
               target=f"median < {TARGET_MEDIAN_MS:g} ms", met=Stats.of(remove).median < TARGET_MEDIAN_MS,
               baseline_name="bare sqlite3 DELETE + COMMIT, same pragmas", baseline=Stats.of(floor_remove),
               note=f"WAL, synchronous=FULL, on {disk}", show_p95=True),
    ]


def _describe_disk(folder: Path) -> str:
    """The file system type of ``folder`` (from /proc/mounts), so fsync costs can be read in context."""
    best = ("", "unknown file system")
    try:
        target = str(folder.resolve())
        for line in Path("/proc/mounts").read_text().splitlines():
            _device, mount, fstype, *_ = line.split()
            if target.startswith(mount) and len(mount) > len(best[0]):
                best = (mount, fstype)
    except OSError:
        pass
    return best[1]
