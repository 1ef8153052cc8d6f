"""Tools to make faults happen for real: another process holding a lock, a file that cannot be written."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# Another program with the database open: WAL "exclusive" (writers blocked, readers go on), or an exclusive
# locking mode (everyone blocked, as a database tool or a rollback-journal writer does).
_HOLDER = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
if sys.argv[2] == "everything":
    conn.execute("PRAGMA locking_mode=EXCLUSIVE")
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("CREATE TABLE IF NOT EXISTS _lock_probe(x)")
    conn.execute("COMMIT")
    conn.execute("BEGIN EXCLUSIVE")
else:
    conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
"""


@contextlib.contextmanager
def lock_held(path: Path, what: str = "writes") -> Iterator[subprocess.Popen[str]]:
    """Another process holds ``path`` locked (``what`` is "writes" or "everything") until the block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path), what], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield holder
    finally:
        if holder.stdin is not None:
            with contextlib.suppress(BrokenPipeError):
                holder.stdin.write("\n")
                holder.stdin.close()
        holder.wait(timeout=30)
        if holder.stdout is not None:
            holder.stdout.close()


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make ``path`` (a file or a folder) unwritable for this process, for real: ``chmod`` for a user, the
    immutable flag for root."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("running as root on a file system without the immutable flag: no file is read-only to root")
    try:
        assert not os.access(path, os.W_OK)
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def checkpoint(path: Path) -> None:
    """Fold the WAL into the main file, so the file alone holds every bookmark (as after a clean exit)."""
    import sqlite3

    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "1m") -> Iterator[Path]:
    """A real, small file system (tmpfs) mounted at ``folder``; skips where mounting is not allowed."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> None:
    with contextlib.suppress(OSError), (folder / "filler").open("wb") as out:
        while True:
            out.write(b"\0" * 4096)
            out.flush()
