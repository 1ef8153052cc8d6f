"""What identifies a pack's content: the SHA-256 of its files (the authority) and a cheap stat signature.

Start-up must know whether the content database still matches the pack. Hashing every file answers that but
reads the whole pack at every start, which grows with the pack. The stat signature (name, size, modification
and change times, inode of every file) answers "were the files touched since the hash was taken?" for the
price of a few ``stat`` calls; only when it differs is the pack hashed again. This module imports nothing
heavy (no YAML, no pydantic), so the check costs nothing at start-up.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

MANIFEST = "pack.yaml"
ITEMS_DIR = "items"
SOURCES_DIR = "sources"
# Other names of items, by item id: authored, and generated from CLDR (scripts/make_cldr_aliases.py).
ALIAS_FILES = ("aliases.yaml", "aliases-cldr.yaml")

# A file modified this close to the moment its signature is taken might be modified again within the clock's
# granularity without changing its times (git's "racily clean" problem); such a signature is not trusted.
RACY_WINDOW_NS = 3_000_000_000


def pack_files(root: Path) -> list[Path]:
    """Every file that makes up a pack, in a stable order (the pack hash is taken over them)."""
    files = [root / MANIFEST]
    files += [root / name for name in ALIAS_FILES if (root / name).is_file()]
    items_dir = root / ITEMS_DIR
    if items_dir.is_dir():
        files += sorted(p for p in items_dir.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    sources_dir = root / SOURCES_DIR
    if sources_dir.is_dir():
        files += sorted(p for p in sources_dir.iterdir() if p.is_file())
    return files


def pack_hash(root: Path) -> str:
    """SHA-256 over the pack's file names and contents: a changed pack means a rebuilt content database."""
    digest = hashlib.sha256()
    for path in pack_files(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        try:  # in pieces: a pack file too large to load (the loader refuses it) must not fill memory here either
            with path.open("rb") as handle:
                while chunk := handle.read(1024 * 1024):
                    digest.update(chunk)
        except OSError:
            digest.update(b"<unreadable>")
        digest.update(b"\0")
    return digest.hexdigest()


def stat_signature(root: Path) -> str | None:
    """A digest of every pack file's name, size, times and inode; None when it cannot be trusted.

    Equal signatures mean no file was added, removed, replaced or written since the first was taken. None is
    returned when a file cannot be stat'ed or was modified within :data:`RACY_WINDOW_NS` of now (a later
    write in the same clock tick could leave its times unchanged): the caller then relies on the hash.
    """
    now = time.time_ns()
    digest = hashlib.sha256()
    try:
        for path in pack_files(root):
            st = os.stat(path)
            if now - max(st.st_mtime_ns, st.st_ctime_ns) < RACY_WINDOW_NS:
                return None
            digest.update(
                f"{path.relative_to(root).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0"
                f"{st.st_ino}\0".encode()
            )
    except OSError:
        return None
    return digest.hexdigest()
