"""How every command writes its result: JSON with ``--json`` (a documented contract), otherwise text."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any


def emit(args: argparse.Namespace, data: Any, text: Callable[[], str]) -> None:
    """Write ``data`` as JSON with ``--json``, otherwise the text ``text()`` builds."""
    if getattr(args, "json", False):
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(text() + "\n")
