"""SCO Briefing: an offline desktop briefing on the SCO Council of Heads of State, Astana, 4 July 2024."""

from __future__ import annotations

import sys


def _version() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("sco-briefing")
    except PackageNotFoundError:  # a frozen bundle or a bare checkout
        return _version_from_pyproject()


def _version_from_pyproject() -> str:
    from pathlib import Path

    for candidate in (Path(__file__).resolve().parent.parent / "pyproject.toml",
                      Path(getattr(sys, "_MEIPASS", "")) / "VERSION"):
        if candidate.is_file():
            for line in candidate.read_text(encoding="utf-8").splitlines():
                if candidate.name == "VERSION":
                    return line.strip()
                if line.startswith("version = "):
                    return line.split("=", 1)[1].strip().strip('"')
    return "0+unknown"


__version__ = _version()
APP_TITLE = "SCO Briefing"
