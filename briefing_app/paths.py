"""The one module that knows where things live.

Runtime data (packs, geodata, icons, styles) and the Alembic migrations are found in one of three places:

* a source checkout: ``resources/`` and ``db/`` beside the package;
* an installed wheel: ``briefing_app/_data/resources`` and ``briefing_app/_data/db`` (the wheel build copies
  the top-level folders there);
* a PyInstaller bundle: ``resources/`` and ``db/`` under ``sys._MEIPASS``.

User data (the user database, the content database cache, settings, logs, backups) lives in the platform's
user data directory, or in ``$BRIEFING_HOME`` when that is set (the tests always set it).
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

APP_NAME = "sco-briefing"
HOME_ENV = "BRIEFING_HOME"
DEFAULT_PACK_ID = "astana-2024"

_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_roots() -> list[Path]:
    roots: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        roots.append(Path(frozen_root))
    roots.append(_PACKAGE_DIR / "_data")
    roots.append(_PACKAGE_DIR.parent)
    return roots


@cache
def _find(name: str) -> Path:
    for root in _data_roots():
        candidate = root / name
        if candidate.is_dir():
            return candidate
    searched = ", ".join(str(root / name) for root in _data_roots())
    raise FileNotFoundError(f"the application's {name!r} folder is missing (looked in: {searched})")


def resources_dir() -> Path:
    return _find("resources")


def migrations_dir() -> Path:
    return _find("db")


def team_migrations_dir() -> Path:
    """Alembic scripts of the team server's schema (PostgreSQL), apart from the user database's ``db``."""
    return _find("db_team")


def packs_dir() -> Path:
    return resources_dir() / "packs"


def default_pack_dir() -> Path:
    return packs_dir() / DEFAULT_PACK_ID


def geodata_path(name: str = "eurasia.geojson") -> Path:
    return resources_dir() / "geodata" / name


def icon_path(name: str = "sco-briefing.svg") -> Path:
    return resources_dir() / "icons" / name


def style_path(name: str) -> Path:
    return resources_dir() / "styles" / name


def user_home() -> Path:
    """The user data directory, created on first use."""
    override = os.environ.get(HOME_ENV)
    if override:
        home = Path(override).expanduser()
    else:
        from platformdirs import user_data_dir

        home = Path(user_data_dir(APP_NAME, appauthor=False))
    home.mkdir(parents=True, exist_ok=True)
    return home


def user_db_path() -> Path:
    return user_home() / "user.sqlite3"


def content_db_path() -> Path:
    return user_home() / "content.sqlite3"


def settings_path() -> Path:
    return user_home() / "settings.ini"


def log_path() -> Path:
    return user_home() / "briefing-app.log"


def backups_dir() -> Path:
    path = user_home() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def active_pack_file() -> Path:
    """A one-line file naming the pack folder chosen with ``db build --pack``."""
    return user_home() / "active-pack.txt"
