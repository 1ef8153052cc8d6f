"""Users' files are written whole or not at all, with ordinary permissions."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from briefing_app.services import files


def test_written_file_gets_the_permissions_of_a_plain_open(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        files.write_atomically(tmp_path / "bookmarks.json", "{}")
    finally:
        os.umask(old)
    assert (tmp_path / "bookmarks.json").stat().st_mode & 0o777 == 0o644


def test_missing_folder_is_a_clear_error_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="does not exist"):
        files.write_atomically(tmp_path / "nowhere" / "x.pdf", b"%PDF")


def test_full_disk_leaves_the_old_file_and_no_fragment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "briefing.pdf"
    target.write_bytes(b"old")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(OSError, match="is full; nothing was written"):
        files.write_atomically(target, b"new" * 1000)
    assert target.read_bytes() == b"old"
    assert [p.name for p in folder.iterdir()] == ["briefing.pdf"]
