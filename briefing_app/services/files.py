"""Writing a user's file (an export, a PDF) whole or not at all, and only where a file belongs."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from briefing_app.content.reading import describe_mode


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_replaceable(path: Path) -> None:
    """Raise OSError (a message fit to show) unless ``path`` is a regular file or does not exist yet.

    Replacing a device, a FIFO or a symbolic link with a regular file would break whatever it was (as root,
    ``--out /dev/full`` would replace the device); an export or a PDF goes to a file or a new name only.
    """
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OSError(f"cannot look at {path} ({exc.strerror or exc}); choose another place") from exc
    if stat.S_ISLNK(mode):
        raise OSError(f"{path} is a symbolic link; give the name of a regular file or a new one; nothing was written")
    what = describe_mode(mode)
    if what is not None:
        raise OSError(f"{path} is {what}, not a regular file; give the name of a regular file or a new one; "
                      "nothing was written")


def write_atomically(path: Path, data: bytes | str) -> None:
    """Write beside the target, sync to disk, then rename over it.

    A crash or a full disk never leaves half a file, and an existing file stays as it was until the new one is
    complete. The file gets the permissions a plain ``open()`` would give it (not the private ones of a
    temporary file). Raises OSError with a message fit to show the user.
    """
    path = path.expanduser()
    check_replaceable(path)
    if not path.parent.is_dir():
        raise OSError(f"the folder {path.parent} does not exist; create it first or choose another place")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise OSError(f"cannot create a file in {path.parent} ({exc.strerror or exc}); choose another place") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
            raise OSError(f"the disk holding {path.parent} is full; nothing was written") from exc
        raise
