"""A user database of the release before highlights upgrades with every bookmark intact and takes highlights.

``tests/fixtures/user-v0002-ordered.sqlite3`` was made once by ``tests/fixtures/make_user_v0002_ordered.py``
and is committed.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from briefing_app import paths
from briefing_app.persistence.migrations import HEAD_REVISION, stored_revision
from briefing_app.services.user_backups import describe_backups
from tests.fault_tools import digest
from tests.fixtures.make_user_v0001 import BOOKMARKS
from tests.fixtures.make_user_v0002_ordered import FIXTURE, ORDER, REVISION


def test_the_fixture_is_still_a_database_of_the_release_before_highlights() -> None:
    assert stored_revision(FIXTURE) == REVISION
    with sqlite3.connect(f"file:{FIXTURE}?mode=ro", uri=True) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert "highlights" not in tables and "bookmarks" in tables


def test_todays_database_upgrades_with_every_bookmark_and_takes_highlights(home_with_content: Path) -> None:
    from briefing_app.services.app import open_services

    # Given today's user database where the app keeps its bookmarks
    shutil.copy(FIXTURE, paths.user_db_path())
    before = digest(FIXTURE)
    # When the app opens it
    services = open_services()
    try:
        # Then it is at the newest schema, with no warning, and every bookmark is as it was, in the user's order
        assert stored_revision(paths.user_db_path()) == HEAD_REVISION
        assert services.user_status.warnings == []
        got = services.bookmarks.list()
        assert [b.item_id for b in got] == ORDER
        by_id = {row[0]: row for row in BOOKMARKS}
        for bookmark in got:
            _item_id, kind, title, note, tags, stamp = by_id[bookmark.item_id]
            assert (bookmark.kind, bookmark.note) == (kind, note)
            # titles follow the current briefing after an upgrade (pack 1.1.0 renamed some items)
            current = services.briefing.find(bookmark.item_id)
            assert bookmark.title == (current.title if current is not None else title)
            assert sorted(bookmark.tags, key=str.casefold) == sorted(tags, key=str.casefold)
            assert bookmark.created_at == bookmark.updated_at == stamp
        # And highlights can be made at once, beside the bookmarks
        quote = services.highlights.text_of("member:kaz").split(".")[0]
        services.highlights.add("member:kaz", quote, note="first highlight")
        assert [h.note for h in services.highlights.list()] == ["first highlight"]
        assert services.bookmarks.repository.integrity() == "ok"
    finally:
        services.close()
    # And a copy of today's file was kept before upgrading; the fixture is untouched
    (backup,) = describe_backups()
    assert backup.occasion == "before-upgrade" and stored_revision(backup.path) == REVISION
    assert digest(FIXTURE) == before
