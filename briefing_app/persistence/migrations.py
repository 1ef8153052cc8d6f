"""Bring the user database to the newest schema with Alembic, without paying for Alembic when it is current.

Start-up reads the stored revision with plain sqlite3; only a new or older database imports Alembic.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from briefing_app import paths

# Oldest first. A test checks this against the scripts in db/versions.
KNOWN_REVISIONS = (
    "0001_bookmarks", "0002_bookmark_order", "0003_bookmark_anchor_text", "0004_highlights", "0005_books",
    "0006_team", "0007_team_books", "0008_book_highlights",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]


class UserDatabaseError(Exception):
    """The user database cannot be used as it is (corrupt, from a newer version, unreadable)."""


class FutureSchemaError(UserDatabaseError):
    pass


def stored_revision(path: Path, timeout: float = 10, *, immutable: bool = False) -> str | None:
    """The Alembic revision recorded in the database at ``path``; None for a new or empty file.

    ``timeout`` bounds the wait for another program's lock (then :class:`sqlite3.OperationalError`);
    ``immutable`` reads the file as it is on disk, creating nothing beside it.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        uri = f"file:{path}?mode=ro{'&immutable=1' if immutable else ''}"
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=timeout)) as conn:
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
        if not str(getattr(exc, "sqlite_errorname", "")).startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
            raise  # busy, a full disk, an I/O error: not a bad file, so the caller must not treat it as one
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
