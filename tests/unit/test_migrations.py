"""User database migrations: the code's list of revisions matches the scripts; old databases upgrade intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefing_app import paths
from briefing_app.persistence.migrations import (
    HEAD_REVISION,
    KNOWN_REVISIONS,
    FutureSchemaError,
    stored_revision,
    upgrade,
    upgrade_to,
)


def test_known_revisions_match_the_migration_scripts() -> None:
    from alembic.script import ScriptDirectory

    from briefing_app.persistence.migrations import alembic_config

    scripts = ScriptDirectory.from_config(alembic_config(Path("unused.sqlite3")))
    chain = [rev.revision for rev in reversed(list(scripts.walk_revisions()))]
    assert tuple(chain) == KNOWN_REVISIONS
    assert scripts.get_current_head() == HEAD_REVISION


def test_new_database_is_created_at_the_newest_schema(tmp_path: Path) -> None:
    path = tmp_path / "user.sqlite3"
    assert upgrade(path) is True
    assert stored_revision(path) == HEAD_REVISION
    assert upgrade(path) is False  # already current: nothing to do


def test_orm_schema_matches_the_migrated_database(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from briefing_app.persistence.user_schema import UserBase

    path = tmp_path / "user.sqlite3"
    upgrade(path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), UserBase.metadata)
    engine.dispose()
    assert diff == []


def test_first_version_database_upgrades_with_bookmarks_intact(tmp_path: Path) -> None:
    path = tmp_path / "user.sqlite3"
    upgrade_to(path, KNOWN_REVISIONS[0])
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO bookmarks (row_id, item_id, kind, title, note, created_at, updated_at) "
            "VALUES (1, 'member:kaz', 'member', 'Kazakhstan', 'Host — привет', "
            "'2024-07-01T00:00:00', '2024-07-01T00:00:00')"
        )
        conn.execute("INSERT INTO bookmark_tags (bookmark_row, tag) VALUES (1, 'summit')")
    upgrade(path)
    from briefing_app.persistence.bookmark_repository import BookmarkRepository

    repo = BookmarkRepository(path)
    bookmark = repo.get("member:kaz")
    repo.close()
    assert bookmark is not None
    assert (bookmark.note, bookmark.tags, bookmark.position) == ("Host — привет", ("summit",), 1)


def test_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "user.sqlite3"
    upgrade(path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(FutureSchemaError, match="newer version"):
        upgrade(path)


def test_user_database_lives_in_briefing_home(briefing_home: Path) -> None:
    assert paths.user_db_path().parent == briefing_home
