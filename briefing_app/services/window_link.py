"""How the command line and later launches reach the open window: a local (Unix domain) socket, never the network.

The window listens on :func:`socket_path` for the user data folder it has open. The command line, which never
imports Qt, uses :func:`tell_window` after it changed bookmarks, so the window shows the change at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import tempfile
from pathlib import Path

ACK = b"ok\n"


def socket_path(home: Path) -> Path:
    """The window's socket for the user data folder ``home``: private to the user where the system allows it."""
    digest = hashlib.sha256(str(home.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:20]
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    folder = Path(runtime) if runtime and Path(runtime).is_dir() else Path(tempfile.gettempdir())
    return folder / f"sco-briefing-{digest}.sock"


def message(**fields: object) -> bytes:
    return (json.dumps(fields, ensure_ascii=True) + "\n").encode("ascii")


def tell_window(home: Path, event: str, timeout: float = 2.0) -> bool:
    """Tell the window open on ``home`` (if any) that ``event`` happened; True if it acknowledged."""
    path = socket_path(home)
    if not hasattr(socket, "AF_UNIX") or not path.exists():
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as link:
        link.settimeout(timeout)
        try:
            link.connect(str(path))
            link.sendall(message(event=event))
            answer = b""
            while ACK not in answer:
                chunk = link.recv(64)
                if not chunk:
                    break
                answer += chunk
        except OSError:
            return False
        with contextlib.suppress(OSError):
            link.shutdown(socket.SHUT_RDWR)
    return ACK in answer
