"""Bring the user database to the newest schema with Alembic, without paying for Alembic when it is current.

Start-up reads the stored revision with plain sqlite3; only a new or older database imports Alembic.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from briefing_app import paths

# Oldest first. A test checks this against the scripts in db/versions.
KNOWN_REVISIONS = ("0001_bookmarks", "0002_bookmark_order", "0006_team")
HEAD_REVISION = KNOWN_REVISIONS[-1]


class UserDatabaseError(Exception):
    """The user database cannot be used as it is (corrupt, from a newer version, unreadable)."""


class FutureSchemaError(UserDatabaseError):
    pass


def stored_revision(path: Path) -> str | None:
    """The Alembic revision recorded in the database at ``path``; None for a new or empty file."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)) as conn:
            has_table = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if not has_table:
                tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                if tables:
                    raise UserDatabaseError(f"{path} is an SQLite file but not a briefing user database")
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise UserDatabaseError(f"{path} is not a readable database ({exc})") from exc
    return row[0] if row else None


def alembic_config(path: Path):  # type: ignore[no-untyped-def]  # alembic is imported lazily
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    return config


def upgrade(path: Path) -> bool:
    """Apply any pending migrations to the database at ``path``; return True if anything was applied."""
    current = stored_revision(path)
    if current == HEAD_REVISION:
        return False
    if current is not None and current not in KNOWN_REVISIONS:
        raise FutureSchemaError(
            f"{path} was written by a newer version of SCO Briefing (schema {current!r}); "
            f"this version knows up to {HEAD_REVISION!r}"
        )
    from alembic import command

    command.upgrade(alembic_config(path), "head")
    return True


def upgrade_to(path: Path, revision: str) -> None:
    """Migrate to a given revision (tests use it to make databases of older versions)."""
    from alembic import command

    command.upgrade(alembic_config(path), revision)
