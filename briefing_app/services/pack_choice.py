"""Which pack folder the content is built from: the one chosen with ``db build --pack``, or the shipped one.

A module of its own, light to import: the window's first paint checks the content is current before the ORM is
imported.
"""

from __future__ import annotations

from pathlib import Path

from briefing_app import paths


def chosen_pack_dir() -> Path | None:
    """The pack folder chosen with ``db build --pack`` (whether or not it is there now); None for the shipped one."""
    marker = paths.active_pack_file()
    try:
        text = marker.read_text(encoding="utf-8").strip() if marker.is_file() else ""
    except (OSError, UnicodeDecodeError):
        return None
    return Path(text) if text else None


def active_pack_dir() -> Path:
    """The pack chosen with ``db build --pack`` if it still exists, else the pack shipped with the app."""
    chosen = chosen_pack_dir()
    if chosen is not None and chosen.is_dir():
        return chosen
    return paths.default_pack_dir()
