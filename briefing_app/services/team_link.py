"""Whether this copy of the app is linked to a team: one cheap query, no team code, no psycopg.

The window and the command line ask this first; only a linked copy imports :mod:`briefing_app.services.team_sync`.
"""

from __future__ import annotations

from typing import Any


def team_configured(repository: Any) -> bool:
    if getattr(repository, "read_only", False) or getattr(repository, "engine", None) is None:
        return False
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    try:
        with repository.engine.connect() as conn:
            return conn.execute(text("SELECT 1 FROM team_state WHERE key = 'url'")).first() is not None
    except SQLAlchemyError:  # a stand-in or an older database without the team tables
        return False
