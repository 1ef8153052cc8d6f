"""The bookmark repository: one committed transaction per method, stable ids, nothing silently lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefing_app.domain.bookmarks import Bookmark
from briefing_app.persistence.bookmark_repository import BookmarkRepository
from briefing_app.persistence.migrations import upgrade


@pytest.fixture
def repo(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "user.sqlite3"
    upgrade(path)
    repository = BookmarkRepository(path)
    yield repository
    repository.close()


def test_added_bookmark_is_on_disk_for_another_connection_at_once(repo: BookmarkRepository) -> None:
    # Given an empty database; When a bookmark is added
    repo.add("member:kaz", "member", "Kazakhstan", "Host — 主办国", ["summit"])
    # Then a separate plain sqlite3 connection already sees it, with its tag
    with sqlite3.connect(repo.path) as conn:
        row = conn.execute("SELECT item_id, note FROM bookmarks").fetchone()
        tags = conn.execute("SELECT tag FROM bookmark_tags").fetchall()
    assert row == ("member:kaz", "Host — 主办国")
    assert tags == [("summit",)]


def test_bookmarks_keep_the_order_they_were_made_in(repo: BookmarkRepository) -> None:
    for item_id in ("member:kaz", "node:aktau", "figure:one"):
        repo.add(item_id, item_id.partition(":")[0], item_id)
    assert [b.item_id for b in repo.list()] == ["member:kaz", "node:aktau", "figure:one"]
    assert [b.position for b in repo.list()] == [1, 2, 3]


def test_starring_again_merges_tags_and_appends_a_new_note_once(repo: BookmarkRepository) -> None:
    first = repo.add("member:kaz", "member", "Kazakhstan", "Host", ["a"])
    again = repo.add("member:kaz", "member", "Kazakhstan", "Chair until July", ["b", "A"])
    third = repo.add("member:kaz", "member", "Kazakhstan", "Chair until July", [])
    assert again.note == "Host\n\nChair until July"
    assert again.tags == ("a", "b")
    assert third.note == again.note
    assert first.created_at == third.created_at


def test_tags_are_trimmed_deduplicated_case_insensitively_and_sorted(repo: BookmarkRepository) -> None:
    bookmark = repo.add("member:kaz", "member", "Kazakhstan", tags=["  Follow  up ", "follow up", "Astana", "b,c"])
    assert bookmark.tags == ("Astana", "b", "c", "Follow up")


def test_filter_by_tag_ignores_case(repo: BookmarkRepository) -> None:
    repo.add("member:kaz", "member", "Kazakhstan", tags=["Summit"])
    repo.add("node:aktau", "node", "Aktau", tags=["ports"])
    assert [b.item_id for b in repo.list("summit")] == ["member:kaz"]
    assert repo.tags() == {"Summit": 1, "ports": 1}


def test_remove_returns_the_bookmark_as_it_was_and_restore_puts_it_back_whole(repo: BookmarkRepository) -> None:
    repo.add("member:kaz", "member", "Kazakhstan", "note", ["x"])
    repo.add("node:aktau", "node", "Aktau")
    removed = repo.remove("member:kaz")
    assert removed is not None and repo.get("member:kaz") is None
    restored = repo.restore(removed)
    assert restored == removed
    assert [b.item_id for b in repo.list()] == ["member:kaz", "node:aktau"]


def test_remove_many_and_restore_many_are_single_transactions(repo: BookmarkRepository) -> None:
    for item_id in ("member:kaz", "node:aktau", "figure:one"):
        repo.add(item_id, item_id.partition(":")[0], item_id, "n", ["t"])
    removed = repo.remove_many(["figure:one", "member:kaz", "member:kaz", "member:none"])
    assert [b.item_id for b in removed] == ["figure:one", "member:kaz"]
    assert repo.ids() == {"node:aktau"}
    repo.restore_many(removed)
    assert [b.item_id for b in repo.list()] == ["member:kaz", "node:aktau", "figure:one"]
    assert all(b.note == "n" and b.tags == ("t",) for b in repo.list())


def test_set_note_and_tags_touch_updated_at_only_when_something_changed(repo: BookmarkRepository) -> None:
    created = repo.add("member:kaz", "member", "Kazakhstan", "same")
    unchanged = repo.set_note("member:kaz", "same")
    assert unchanged is not None and unchanged.updated_at == created.updated_at
    changed = repo.set_tags("member:kaz", ["new"])
    assert changed is not None and changed.tags == ("new",)
    assert changed.updated_at >= created.updated_at
    assert repo.set_note("member:none", "x") is None
    assert repo.set_tags("member:none", ["x"]) is None


def test_set_note_and_tags_together(repo: BookmarkRepository) -> None:
    repo.add("member:kaz", "member", "Kazakhstan", "old", ["a"])
    both = repo.set_note_and_tags("member:kaz", "new", ["b", "c"])
    assert both is not None and (both.note, both.tags) == ("new", ("b", "c"))


def test_reorder_puts_the_given_ids_first_and_keeps_the_rest_in_order(repo: BookmarkRepository) -> None:
    for item_id in ("member:a", "member:b", "member:c", "member:d"):
        repo.add(item_id, "member", item_id)
    repo.reorder(["member:c", "member:a"])
    assert [b.item_id for b in repo.list()] == ["member:c", "member:a", "member:b", "member:d"]


def test_refresh_titles_updates_present_items_and_keeps_the_last_title_of_gone_ones(repo: BookmarkRepository) -> None:
    repo.add("member:kaz", "member", "Kazakhstan")
    repo.add("figure:gone", "figure", "Over two million")
    changed = repo.refresh_titles({"member:kaz": ("member", "Republic of Kazakhstan")})
    assert changed == 1
    assert repo.get("member:kaz").title == "Republic of Kazakhstan"  # type: ignore[union-attr]
    assert repo.get("figure:gone").title == "Over two million"  # type: ignore[union-attr]


def test_merge_import_adds_merges_and_is_idempotent(repo: BookmarkRepository) -> None:
    repo.add("member:kaz", "member", "Kazakhstan", "mine", ["a"])
    incoming = [
        Bookmark("member:kaz", "member", "Kazakhstan", "theirs", ("b",)),
        Bookmark("node:aktau", "node", "Aktau", "port", ("ports",), "2024-07-01T10:00:00+00:00",
                 "2024-07-02T10:00:00+00:00"),
    ]
    assert repo.merge_import(incoming) == (1, 1, 0)
    assert repo.merge_import(incoming) == (0, 0, 2)
    kaz = repo.get("member:kaz")
    assert kaz is not None and kaz.note.startswith("mine\n\n") and kaz.note.endswith("theirs")
    assert kaz.tags == ("a", "b")
    aktau = repo.get("node:aktau")
    assert aktau is not None and aktau.created_at == "2024-07-01T10:00:00+00:00"
    assert aktau.position == 2


def test_a_failed_import_changes_nothing(repo: BookmarkRepository) -> None:
    repo.add("member:kaz", "member", "Kazakhstan", "mine")
    broken = [Bookmark("node:aktau", "node", "Aktau"), Bookmark("node:bad", "node", "\ud800")]
    with pytest.raises(Exception):  # noqa: B017 - whatever the driver raises, the transaction is rolled back
        repo.merge_import(broken)
    assert repo.ids() == {"member:kaz"}


def test_integrity_check_reports_ok(repo: BookmarkRepository) -> None:
    repo.add("member:kaz", "member", "Kazakhstan")
    assert repo.integrity() == "ok"
