"""SCO Briefing: an offline desktop briefing on the SCO Council of Heads of State, Astana, 4 July 2024."""

from __future__ import annotations

import sys
from pathlib import Path

DIST_NAME = "sco-briefing"


def _version() -> str:
    # Found from files where possible: importing importlib.metadata costs ~15 ms at every start of the window.
    found = _version_from_files()
    if found:
        return found
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version(DIST_NAME)
    except PackageNotFoundError:
        return "0+unknown"


def _version_from_files() -> str | None:
    """The version from pyproject.toml (a source checkout), VERSION (a bundle) or the wheel's dist-info name."""
    package = Path(__file__).resolve().parent
    pyproject = package.parent / "pyproject.toml"
    if pyproject.is_file():
        in_project = False
        for line in pyproject.read_text(encoding="utf-8").splitlines():
            if line.startswith("["):
                in_project = line.strip() == "[project]"
            elif in_project and line.startswith("version = "):
                return line.split("=", 1)[1].strip().strip('"')
    bundled = Path(getattr(sys, "_MEIPASS", "")) / "VERSION"
    if getattr(sys, "_MEIPASS", None) and bundled.is_file():
        return bundled.read_text(encoding="utf-8").strip() or None
    prefix = DIST_NAME.replace("-", "_") + "-"
    for dist_info in package.parent.glob(f"{prefix}*.dist-info"):
        return dist_info.name[len(prefix):-len(".dist-info")]
    return None


__version__ = _version()
APP_TITLE = "SCO Briefing"
