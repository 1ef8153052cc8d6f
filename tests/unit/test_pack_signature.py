"""Start-up trusts an untouched pack without reading it; the hash stays the authority on any change."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from briefing_app.content import fingerprint
from briefing_app.persistence.content_repository import read_meta
from briefing_app.services import content
from tests.conftest import MINI_PACK

AN_HOUR_AGO_NS = time.time_ns() - 3600 * 10**9


def settle(pack: Path) -> None:
    """Make every file of the pack look written an hour ago, outside the racy window."""
    for path in fingerprint.pack_files(pack):
        os.utime(path, ns=(AN_HOUR_AGO_NS, AN_HOUR_AGO_NS))


@pytest.fixture
def built_pack(briefing_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the mini pack, active and built, its files settled."""
    pack = tmp_path / "pack"
    shutil.copytree(MINI_PACK, pack)
    # ctime cannot be set back; let the racy window be short for the test instead.
    monkeypatch.setattr(fingerprint, "RACY_WINDOW_NS", 0)
    settle(pack)
    content.build(pack)
    return pack


def hashing_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(_root: Path) -> str:
        raise AssertionError("the pack was hashed although no file was touched")

    monkeypatch.setattr(content, "pack_hash", fail)


def test_an_untouched_pack_is_not_read_at_start(built_pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a pack built before, whose files nobody touched
    hashing_forbidden(monkeypatch)
    # When the content is opened at start
    status = content.ContentStatus(built_pack)
    repo = content.open_current(status)
    # Then it is used as it is, without hashing the pack or rebuilding
    assert not status.rebuilt
    repo.close()


def test_a_touched_but_unchanged_pack_is_hashed_once_then_trusted_again(
    built_pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a file rewritten with the same content (new times, same bytes)
    manifest = built_pack / "pack.yaml"
    manifest.write_bytes(manifest.read_bytes())
    settle(built_pack)
    # When the app starts: the hash decides, nothing is rebuilt, the new signature is recorded
    status = content.ContentStatus(built_pack)
    content.open_current(status).close()
    assert not status.rebuilt
    assert read_meta(content.paths.content_db_path())["pack_stat"] == fingerprint.stat_signature(built_pack)
    # And the next start does not hash again
    hashing_forbidden(monkeypatch)
    content.open_current(content.ContentStatus(built_pack)).close()


def test_a_changed_pack_is_rebuilt_even_with_its_old_times(built_pack: Path) -> None:
    # Given an item file edited, then given back its old modification time (as a copy tool might)
    items = next((built_pack / "items").glob("*.yaml"))
    before = items.stat()
    items.write_text(items.read_text(encoding="utf-8").replace("title:", "title: Edited", 1), encoding="utf-8")
    os.utime(items, ns=(before.st_atime_ns, before.st_mtime_ns))
    # When the app starts
    status = content.ContentStatus(built_pack)
    content.open_current(status).close()
    # Then the change is seen (the change time and size differ) and the content rebuilt from it
    assert status.rebuilt


def test_a_file_written_just_now_gets_no_signature(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a pack whose files were written a moment ago (a second write in the same clock tick could go unseen)
    pack = tmp_path / "pack"
    shutil.copytree(MINI_PACK, pack)
    # Then no signature is offered, so start-up relies on the hash
    assert fingerprint.stat_signature(pack) is None
    # And outside the racy window the same files get one
    monkeypatch.setattr(fingerprint, "RACY_WINDOW_NS", 0)
    assert fingerprint.stat_signature(pack) is not None


def test_signature_changes_when_a_file_is_added(built_pack: Path) -> None:
    before = fingerprint.stat_signature(built_pack)
    extra = built_pack / "items" / "zz-extra.yaml"
    extra.write_text("[]\n", encoding="utf-8")
    settle(built_pack)
    assert fingerprint.stat_signature(built_pack) not in (None, before)
