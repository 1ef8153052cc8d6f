"""The one way slow work leaves the GUI thread: run a function in the pool, get the result back on the GUI thread.

Workers never touch widgets; they return values, and the callbacks (run on the GUI thread) use them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # noqa: BLE001 - handed to the failure callback on the GUI thread
            log.exception("background task failed")
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


_live: set[_Relay] = set()


def run_in_background(
    fn: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None] | None = None,
    pool: QThreadPool | None = None,
) -> None:
    relay = _Relay()
    _live.add(relay)

    @Slot(object)
    def done(result: Any) -> None:
        _live.discard(relay)
        on_success(result)

    @Slot(object)
    def failed(exc: Any) -> None:
        _live.discard(relay)
        if on_failure is not None:
            on_failure(exc)

    relay.succeeded.connect(done)
    relay.failed.connect(failed)
    (pool or QThreadPool.globalInstance()).start(_Job(fn, relay))
