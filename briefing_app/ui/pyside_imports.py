"""A cheaper answer to the question PySide6 asks about every module imported after it.

Once PySide6 is loaded, its ``__feature__`` import hook asks of each newly imported module whether it uses
PySide6, by searching the module's source for "PySide6" with ``inspect.getsource``. That reads, decodes and
splits every file into lines and keeps them in ``linecache``: about a third of a millisecond a module, or some
35 ms of pyqtgraph's import (numpy and pyqtgraph are ~400 modules). The same question is answered here by
searching the file's bytes. The answer is the same (a module without a readable .py source is "no" in both);
if anything about the hook is not as expected, nothing is changed, and any error falls back to PySide's own
function.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import ModuleType

log = logging.getLogger(__name__)

_FEATURE_MODULES = ("shibokensupport.feature", "PySide6.support.feature")


def source_mentions_pyside(module: ModuleType) -> bool:
    """Whether the module's .py source contains "PySide6" (False when it has no such source)."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:  # an embedded module (PySide's own) or a vanished file: no source, as inspect says
        return False


def speed_up_imports() -> bool:
    """Install the cheaper check in PySide6's import hook; True if it was installed."""
    feature = next((sys.modules[name] for name in _FEATURE_MODULES if name in sys.modules), None)
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original) or getattr(original, "_briefing_fast", False):
        return False

    def uses_pyside(module: ModuleType) -> bool:
        try:
            return source_mentions_pyside(module)
        except Exception:  # noqa: BLE001 - unexpected: let PySide answer its own way
            return original(module)

    uses_pyside._briefing_fast = True  # type: ignore[attr-defined]
    uses_pyside.original = original  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    log.debug("PySide6 import hook: source check by bytes installed")
    return True
