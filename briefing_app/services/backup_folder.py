"""The ``backups/`` folder of the user data: which files are backups, which one is pinned, and the temporary files
a killed backup leaves behind. Plain file handling; taking and restoring backups is in
:mod:`briefing_app.services.user_backups`.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import time
from pathlib import Path

from briefing_app import paths

log = logging.getLogger(__name__)

PIN_NAME = "pinned.json"
BACKUP_NAME_RE = re.compile(r"^user-(\d{8}-\d{6}-\d{6})(?:-([a-z-]+))?\.sqlite3$")
_PART_RE = re.compile(r"^\.(?:user-.*|restoring-.*)\.(\d+)\.part(?:-journal|-wal|-shm)?$")
_STALE_SECONDS = 3600


def part_name(name: str) -> str:
    """The temporary name a file is written under before it becomes ``name``; it names this process, so that a
    later start can tell a file of a killed process from one being written right now."""
    return f".{name}.{os.getpid()}.part"


def backups_folder() -> Path | None:
    try:
        return paths.backups_dir()
    except OSError:
        return None


def list_backups() -> list[Path]:
    """Backup files, newest first."""
    folder = backups_folder()
    if folder is None:
        return []
    found = [p for p in folder.iterdir() if BACKUP_NAME_RE.match(p.name) and p.is_file()]
    return sorted(found, key=lambda p: BACKUP_NAME_RE.match(p.name).group(1), reverse=True)  # type: ignore[union-attr]


def pinned_backup() -> Path | None:
    """The backup kept whatever happens since a damaged database was set aside, if it is still there."""
    folder = backups_folder()
    if folder is None:
        return None
    try:
        data = json.loads((folder / PIN_NAME).read_text(encoding="utf-8"))
        name = data["name"] if isinstance(data, dict) else None
    except (OSError, ValueError, KeyError):
        return None
    if not isinstance(name, str) or not BACKUP_NAME_RE.match(name) or not (folder / name).is_file():
        return None
    return folder / name


def dismiss_pin() -> Path | None:
    """The user does not want the pinned backup back: it becomes an ordinary backup again. Returns it."""
    pinned = pinned_backup()
    folder = backups_folder()
    if folder is not None:
        with contextlib.suppress(OSError):
            (folder / PIN_NAME).unlink(missing_ok=True)
    return pinned


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but not ours to signal
    return True


_PART_RE = re.compile(r"^\.(?:user-.*|restoring-.*)\.(\d+)\.part(?:-journal|-wal|-shm)?$")
_STALE_SECONDS = 3600


def clean_stale_files() -> list[Path]:
    """Remove the temporary files of backups and restores a killed process left in ``backups/``.

    A temporary file names its process; it is removed when that process is gone (or, for names without one,
    when it is an hour old), so a backup being written by a live process right now is never touched.
    """
    folder = backups_folder()
    if folder is None:
        return []
    removed = []
    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith(".") and ".part" in p.name
                      or p.name.startswith(".restoring-")]
    except OSError:
        return []
    now = time.time()
    for leftover in candidates:
        match = _PART_RE.match(leftover.name)
        try:
            stale = (not _pid_alive(int(match.group(1)))) if match else now - leftover.stat().st_mtime > _STALE_SECONDS
            if stale:
                leftover.unlink()
                removed.append(leftover)
        except OSError:
            continue
    if removed:
        log.info("removed %d temporary backup file(s) left by a killed process", len(removed))
    return removed
