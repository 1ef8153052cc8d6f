"""Python's cyclic garbage collector kept out of large builds, for several holders at once.

A panel of a large pack, the corridors map and a team sync each allocate enough to set off full collections,
which walk the whole window's heap (100-200 ms at the 100x pack) while nothing else can run. Each holds the
objects that exist when it starts out of the collector's reach (``gc.freeze``), and the map also pauses
collections until its first paint. The holds are counted: the collector gets everything back when the last
holder releases, not when the first one finishes (a panel's build must not undo the map's hold half-way).
"""

from __future__ import annotations

import gc
import threading

_lock = threading.Lock()
_holds = 0
_pauses = 0
_was_enabled = True


def hold(*, pause: bool = False) -> None:
    """Keep the objects that exist now out of the collector until :func:`release`; with ``pause``, also no
    collections until then."""
    global _holds, _pauses, _was_enabled
    with _lock:
        gc.freeze()
        _holds += 1
        if pause:
            if _pauses == 0:
                _was_enabled = gc.isenabled()
                gc.disable()
            _pauses += 1


def release(*, pause: bool = False) -> None:
    """End one :func:`hold` (made with the same ``pause``); the last one gives every object back."""
    global _holds, _pauses
    with _lock:
        if pause and _pauses:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
        if _holds:
            _holds -= 1
            if _holds == 0:
                gc.unfreeze()


def holds() -> int:
    """How many holders keep objects out of the collector now."""
    return _holds
