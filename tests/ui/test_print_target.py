"""``print --out`` writes only to a regular file or a new path: a FIFO, a device or a symbolic link is refused in
one line before anything is rendered, and left as it was (issue 13, point 7)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from briefing_app import cli


def test_print_refuses_a_fifo_and_a_symlink_in_one_line(
    home_with_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    real = tmp_path / "real.pdf"
    real.write_bytes(b"old")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    for target, words in ((fifo, "not a regular file"), (link, "symbolic link")):
        assert cli.main(["print", "--section", "members", "--out", str(target)]) == 2
        err = capsys.readouterr().err.strip()
        assert "\n" not in err and words in err, err
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and link.is_symlink() and real.read_bytes() == b"old"
