"""SCO Briefing: an offline desktop briefing on the SCO Council of Heads of State, Astana, 4 July 2024."""

from __future__ import annotations

import sys


def _version() -> str:
    found = _installed_version()
    if found:
        return found
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("sco-briefing")
    except PackageNotFoundError:  # a frozen bundle or a bare checkout
        return _version_from_pyproject()


def _installed_version() -> str | None:
    """The ``Version:`` of the installed ``sco_briefing-*.dist-info/METADATA``, looked for along ``sys.path`` as
    ``importlib.metadata`` looks; read directly, since importing ``importlib.metadata`` pulls email, zipfile and
    socket into every window (issue 22)."""
    import os

    for entry in sys.path:
        folder = entry or "."
        try:
            names = os.listdir(folder)
        except OSError:  # a zip file or a folder gone
            continue
        for name in names:
            if name.startswith("sco_briefing-") and name.endswith(".dist-info"):
                try:
                    with open(os.path.join(folder, name, "METADATA"), encoding="utf-8") as metadata:
                        for line in metadata:
                            if line.startswith("Version:"):
                                return line.split(":", 1)[1].strip()
                            if not line.strip():  # the headers end at the first blank line
                                break
                except OSError:
                    continue
    return None


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
