"""One window per user data folder: a second launch brings the first window to the front and exits.

The first launch takes a :class:`QLockFile` in the user data folder (so a crashed window's lock is recognised as
stale by its process id) and listens on a :class:`QLocalServer` at the socket path derived from that folder
(:func:`briefing_app.services.window_link.socket_path`). A later launch that cannot take the lock connects,
sends its arguments (``--open ID``, ``--tab KEY``) as one JSON line, waits for "ok" and exits 0. The command
line sends ``{"event": "bookmarks-changed"}`` the same way after it changed bookmarks. Everything stays on this
machine: a local socket, never the network.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from PySide6.QtCore import QByteArray, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from briefing_app.services.window_link import ACK as _ACK
from briefing_app.services.window_link import message, socket_path

log = logging.getLogger(__name__)

LOCK_NAME = "window.lock"
FORWARD_TIMEOUT_MS = 8000
# A real message is a few hundred bytes: anything longer without a newline is dropped, not buffered without end.
MAX_MESSAGE_BYTES = 64 * 1024
MAX_MESSAGE_NESTING = 16  # a message is one object holding one list of strings


def _ms_left(deadline: float) -> int:
    return max(100, int((deadline - time.monotonic()) * 1000))


class SingleInstance(QObject):
    """The first window's claim on a user data folder, and the channel later launches use to reach it."""

    #: a later launch's arguments (e.g. ["--open", "member:kaz"]); emitted on the GUI thread
    activated = Signal(list)
    #: another process (the command line) changed the bookmarks
    bookmarks_changed = Signal()

    def __init__(self, home: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self.name = str(socket_path(home))
        self._lock = QLockFile(str(home / LOCK_NAME))
        self._lock.setStaleLockTime(0)  # a running window holds it for days; a dead one is found by its pid
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytearray] = {}

    @property
    def is_primary(self) -> bool:
        return self._server is not None

    def acquire(self) -> bool:
        """Become the window for this folder; False if another live process already is.

        A lock file that cannot be written at all (a read-only data folder) is no reason not to start: the
        window goes on without the guard.
        """
        if not self._lock.tryLock(0):
            if self._lock.error() == QLockFile.LockError.LockFailedError:
                return False
            log.warning("cannot write %s (%s); starting without the one-window guard",
                        self.home / LOCK_NAME, self._lock.error().name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self.name)  # a socket file left by a crashed window
        if not server.listen(self.name):
            log.warning("cannot listen for later launches on %s: %s", self.name, server.errorString())
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def owner_pid(self) -> int | None:
        """The process id written in the lock file by the window that holds it."""
        try:
            text = (self.home / LOCK_NAME).read_text(encoding="utf-8", errors="replace")
            return int(text.splitlines()[0])
        except (OSError, ValueError, IndexError):
            return None

    def forward(self, arguments: list[str], timeout_ms: int | None = None) -> bool:
        """Hand ``arguments`` to the running window; True once it answered. Retries while it is starting."""
        deadline = time.monotonic() + (FORWARD_TIMEOUT_MS if timeout_ms is None else timeout_ms) / 1000
        payload = message(arguments=arguments)
        while True:
            socket = QLocalSocket()
            socket.connectToServer(self.name)
            if socket.waitForConnected(1000):
                socket.write(QByteArray(payload))
                socket.flush()
                answer = b""
                while _ACK not in answer:
                    if not socket.bytesAvailable() and not socket.waitForReadyRead(_ms_left(deadline)):
                        break
                    answer += bytes(socket.readAll().data())
                    if time.monotonic() >= deadline:
                        break
                socket.disconnectFromServer()
                if _ACK in answer:
                    return True
            socket.abort()
            if time.monotonic() >= deadline:
                return False
            if self._lock.tryLock(0):  # the other window went away meanwhile: nobody to forward to
                self._lock.unlock()
                return False
            time.sleep(0.2)

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            link = self._server.nextPendingConnection()
            # Each connection's bytes so far, held here rather than in a closure over the socket: a slot that keeps
            # its own socket alive makes the socket's deferred deletion crash (seen with PySide6 6.x).
            self._buffers[link] = bytearray()
            link.readyRead.connect(self._read)
            link.disconnected.connect(self._forget)
            self._read(link)

    def _forget(self) -> None:
        link = self.sender()
        if isinstance(link, QLocalSocket):
            self._buffers.pop(link, None)
            link.deleteLater()

    def _drop(self, link: QLocalSocket, why: str) -> None:
        log.warning("ignored a %s on the window's socket", why)
        self._buffers.pop(link, None)
        link.readyRead.disconnect(self._read)
        link.disconnectFromServer()

    def _read(self, link: QLocalSocket | None = None) -> None:
        """Take one JSON line of at most MAX_MESSAGE_BYTES from a later launch or the command line, and answer."""
        if link is None:
            sender = self.sender()
            link = sender if isinstance(sender, QLocalSocket) else None
        buffer = self._buffers.get(link) if link is not None else None
        if buffer is None or link is None:
            return
        buffer.extend(bytes(link.read(MAX_MESSAGE_BYTES + 1 - len(buffer)).data()))
        end = buffer.find(b"\n")
        if end < 0:
            if len(buffer) > MAX_MESSAGE_BYTES:
                self._drop(link, f"message of more than {MAX_MESSAGE_BYTES} bytes")
            return
        line = bytes(buffer[:end])
        try:
            if line.count(b"[") + line.count(b"{") > MAX_MESSAGE_NESTING:
                raise ValueError("nested too deeply")  # json.loads would recurse that deep
            received = json.loads(line.decode("utf-8"))
            event = str(received.get("event", "activate"))
            arguments = [str(a) for a in received.get("arguments", [])]
        except (ValueError, AttributeError, TypeError, RecursionError):
            self._drop(link, "malformed message")
            return
        self._buffers.pop(link, None)
        link.readyRead.disconnect(self._read)
        link.write(QByteArray(_ACK))
        link.flush()
        if event == "bookmarks-changed":
            log.info("bookmarks were changed by another process")
            self.bookmarks_changed.emit()
        else:
            log.info("a later launch asked for the window (arguments %s)", arguments)
            self.activated.emit(arguments)
