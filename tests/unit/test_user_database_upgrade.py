"""A user database written by the first schema version comes up to the newest with every bookmark intact.

The fixture ``tests/fixtures/user-v0001.sqlite3`` was made once by the first migration (see
``tests/fixtures/make_user_v0001.py``) and is committed: it stands for a real user's file from the first release.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from briefing_app import paths
from briefing_app.persistence.migrations import HEAD_REVISION, KNOWN_REVISIONS, stored_revision
from briefing_app.services.user_backups import describe_backups
from briefing_app.services.userdata import open_user_data
from tests.conftest import ROOT
from tests.fault_tools import digest
from tests.fixtures.make_user_v0001 import BOOKMARKS, FIXTURE


def test_the_fixture_is_still_a_first_version_database() -> None:
    assert stored_revision(FIXTURE) == KNOWN_REVISIONS[0]
    with sqlite3.connect(f"file:{FIXTURE}?mode=ro", uri=True) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(bookmarks)")]
        count = conn.execute("SELECT count(*) FROM bookmarks").fetchone()[0]
    conn.close()
    assert "position" not in columns and count == len(BOOKMARKS)


def test_first_version_database_upgrades_with_every_bookmark_note_and_tag(briefing_home: Path) -> None:
    # Given a copy of a first-version user database where the app keeps its bookmarks
    shutil.copy(FIXTURE, paths.user_db_path())
    fixture_before = digest(FIXTURE)
    # When the app opens it
    repo, status = open_user_data()
    # Then it is at the newest schema, with no warning
    assert stored_revision(paths.user_db_path()) == HEAD_REVISION
    assert status.warnings == [] and not status.read_only
    # And every bookmark is there, in the order made, with its exact note, tags, title and times
    got = repo.list()
    assert [b.item_id for b in got] == [row[0] for row in BOOKMARKS]
    for bookmark, (item_id, kind, title, note, tags, stamp) in zip(got, BOOKMARKS, strict=True):
        assert (bookmark.kind, bookmark.title, bookmark.note) == (kind, title, note), item_id
        assert sorted(bookmark.tags, key=str.casefold) == sorted(tags, key=str.casefold), item_id
        assert bookmark.created_at == bookmark.updated_at == stamp
    assert [b.position for b in got] == list(range(1, len(BOOKMARKS) + 1))
    assert repo.integrity() == "ok"
    # And the upgraded database takes new bookmarks and tags at once
    repo.add("member:rus", "member", "Russia", "новая заметка", ["summit"])
    assert repo.tags()["summit"] == 2
    repo.close()
    # And a copy of the first-version file was kept before upgrading; the fixture itself is untouched
    (backup,) = describe_backups()
    assert backup.occasion == "before-upgrade" and backup.bookmarks == len(BOOKMARKS)
    assert stored_revision(backup.path) == KNOWN_REVISIONS[0]
    assert digest(FIXTURE) == fixture_before


def test_the_command_line_reads_an_upgraded_first_version_database(home_with_content: Path) -> None:
    import os
    import subprocess
    import sys

    shutil.copy(FIXTURE, paths.user_db_path())
    env = {**os.environ, "BRIEFING_HOME": str(home_with_content), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "briefing_app", "bookmarks", "list", "--json"], env=env,
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert [(b["item_id"], b["note"]) for b in listed] == [(row[0], row[3]) for row in BOOKMARKS]
    gone = next(b for b in listed if b["item_id"] == "figure:gone-from-briefing")
    assert gone["in_briefing"] is False and gone["title"] == "A figure no longer in the briefing"


def test_second_version_database_upgrades_keeping_every_bookmark_and_anchoring_paragraphs(
    home_with_content: Path,
) -> None:
    from briefing_app.services.app import open_services
    from tests.fixtures import make_user_v0002 as v2

    # Given a copy of a second-version user database (paragraph bookmarks without their text, a custom order)
    assert stored_revision(v2.FIXTURE) == "0002_bookmark_order"
    shutil.copy(v2.FIXTURE, paths.user_db_path())
    # When the app starts on the same pack
    services = open_services()
    # Then every bookmark is there in the user's order with its note, tags, title and times
    got = services.bookmarks.list()
    assert [b.item_id for b in got] == v2.ORDER
    by_id = {b.item_id: b for b in got}
    for item_id, kind, _title, note, tags, stamp in v2.BOOKMARKS:
        bookmark = by_id[item_id]
        assert (bookmark.kind, bookmark.note, bookmark.created_at) == (kind, note, stamp), item_id
        assert sorted(bookmark.tags, key=str.casefold) == sorted(tags, key=str.casefold), item_id
    # And the paragraph bookmarks now hold the text of the paragraph their title names, ready to follow it
    texts = dict(services.briefing.paragraphs())
    assert by_id["paragraph:6"].anchor_text == texts[6] and by_id["paragraph:12"].anchor_text == texts[12]
    assert not any(e.text_changed for e in services.bookmarks.entries())
    assert stored_revision(paths.user_db_path()) == HEAD_REVISION
    services.close()
