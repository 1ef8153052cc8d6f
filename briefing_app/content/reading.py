"""Reading a file someone else chose (a pack file, an import) without hanging or running out of memory.

``stat`` cannot be trusted to say how much a read will return: ``/dev/zero`` and ``/proc`` files report 0 bytes,
a FIFO blocks until a writer comes, a file can grow while it is read. So a file that is not a regular file is
refused before a byte is read (and without waiting to open it), and the size limit counts the bytes actually read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_CHUNK = 1024 * 1024


class FileRefusedError(OSError):
    """The file was not read: it is not a regular file, or it holds more than the limit."""


class NotRegularFileError(FileRefusedError):
    def __init__(self, path: Path, what: str) -> None:
        super().__init__(f"{path} is {what}, not a regular file")
        self.what = what


class FileTooLargeError(FileRefusedError):
    def __init__(self, path: Path, limit: int) -> None:
        super().__init__(f"{path} holds more than {limit:,} bytes")
        self.limit = limit


def describe_mode(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (symlinks followed), at most ``limit`` of them.

    Raises :class:`NotRegularFileError` for a folder, FIFO, device or socket (checked before opening, and again
    on the opened file, which is opened without blocking), :class:`FileTooLargeError` as soon as more than
    ``limit`` bytes were read, and OSError (FileNotFoundError, PermissionError, ...) as ``open`` does.
    """
    what = describe_mode(os.stat(path).st_mode)
    if what is not None:
        raise NotRegularFileError(path, what)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        what = describe_mode(os.fstat(fd).st_mode)  # replaced between the two looks
        if what is not None:
            raise NotRegularFileError(path, what)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                return b"".join(chunks)
            total += len(chunk)
            if total > limit:
                raise FileTooLargeError(path, limit)
            chunks.append(chunk)
    finally:
        os.close(fd)
