"""Users' files are written whole or not at all, with ordinary permissions."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
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


# --- only a regular file or a new path is written (issue 13, point 7) ---------------------------------------


def _fifo(tmp_path: Path) -> Path:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    return fifo


def test_a_fifo_is_never_replaced(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path)
    with pytest.raises(OSError, match="is a FIFO .*not a regular file"):
        files.write_atomically(fifo, b"%PDF")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_symbolic_link_is_never_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with pytest.raises(OSError, match="is a symbolic link"):
        files.write_atomically(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "old"


def test_a_device_is_never_replaced(tmp_path: Path) -> None:
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    except OSError:
        pytest.skip("cannot create a device node here")
    with pytest.raises(OSError, match="is a character device"):
        files.write_atomically(device, b"%PDF")
    assert stat.S_ISCHR(device.lstat().st_mode)


def test_a_regular_file_or_a_new_path_is_written(tmp_path: Path) -> None:
    (tmp_path / "old.json").write_text("old", encoding="utf-8")
    files.write_atomically(tmp_path / "old.json", "new")
    files.write_atomically(tmp_path / "new.json", "new")
    assert [(tmp_path / n).read_text(encoding="utf-8") for n in ("old.json", "new.json")] == ["new", "new"]


def test_the_command_line_refuses_a_fifo_as_export_target_in_one_line(
    tmp_path: Path, home_with_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from briefing_app import cli

    fifo = _fifo(tmp_path)
    assert cli.main(["bookmarks", "export", str(fifo)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "not a regular file" in err, err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


# --- an import is read from a regular file, with a cap that counts bytes read (issue 13, point 8) ----------


def _import_in_child(path: Path, limit: int | None = None, timeout: float = 30) -> str:
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024,) * 2)\n"
        "from pathlib import Path\n"
        "from briefing_app.services import bookmark_files\n"
        f"if {limit!r} is not None: bookmark_files.MAX_IMPORT_BYTES = {limit!r}\n"
        "try:\n"
        "    bookmark_files.read_bookmarks_file(Path(sys.argv[1]))\n"
        "except bookmark_files.BookmarkFileError as exc:\n"
        "    print('REFUSED', exc)\n"
    )
    try:
        done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                              timeout=timeout, cwd=Path(__file__).resolve().parents[2])
    except subprocess.TimeoutExpired:
        return "TIMED OUT"
    return done.stdout + done.stderr[-300:]


@pytest.mark.parametrize("source", ["fifo", "/dev/zero", "/dev/urandom"])
def test_an_import_from_a_fifo_or_device_is_refused_before_reading(tmp_path: Path, source: str) -> None:
    path = _fifo(tmp_path) if source == "fifo" else Path(source)
    answer = _import_in_child(path)
    assert answer.startswith("REFUSED") and "not a regular file" in answer, answer


def test_the_import_size_cap_counts_what_is_read_not_what_stat_says() -> None:
    status = Path("/proc/self/status")  # stat says 0 bytes; it holds about a kilobyte
    if not status.is_file():
        pytest.skip("no /proc")
    answer = _import_in_child(status, limit=100)
    assert answer.startswith("REFUSED") and "limit 100" in answer, answer
