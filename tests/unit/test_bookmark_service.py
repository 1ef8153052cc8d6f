"""The bookmark service over the real briefing: star, annotate, undo, notices, and surviving a content rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_app.domain.bookmarks import MAX_NOTE_CHARS, MAX_TAG_CHARS, MAX_TAGS, BookmarkValueError, moved_order
from briefing_app.services.bookmarks import BookmarkChange
from briefing_app.services.briefing import UnknownItemError
from tests.conftest import MINI_PACK


def test_add_takes_the_current_title_and_kind_from_the_briefing(services) -> None:  # type: ignore[no-untyped-def]
    bookmark = services.bookmarks.add("member:kaz", note="Host", tags=["summit"])
    assert (bookmark.kind, bookmark.title) == ("member", "Kazakhstan")
    assert services.bookmarks.is_bookmarked("member:kaz")


def test_an_unknown_item_cannot_be_bookmarked(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownItemError):
        services.bookmarks.add("member:atlantis")
    assert services.bookmarks.list() == []


@pytest.mark.parametrize("item_id", ["member:kaz", "person:tokayev", "corridor:trans-caspian", "node:aktau",
                                     "paragraph:1"])
def test_items_of_every_kind_can_be_bookmarked(services, item_id: str) -> None:  # type: ignore[no-untyped-def]
    if not services.briefing.exists(item_id):
        item_id = services.briefing.items(item_id.partition(":")[0])[0].id
    assert services.bookmarks.toggle(item_id) is True
    assert services.bookmarks.toggle(item_id) is False


def test_every_kind_in_the_briefing_can_be_bookmarked(services) -> None:  # type: ignore[no-untyped-def]
    kinds = {item.kind.value: item.id for item in services.briefing.items()}
    for item_id in kinds.values():
        services.bookmarks.add(item_id)
    assert {b.kind for b in services.bookmarks.list()} == set(kinds)


def test_listeners_hear_of_a_change_only_after_it_is_committed(services) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[BookmarkChange, bool]] = []
    repo = services.bookmarks.repository
    services.bookmarks.subscribe(lambda change: seen.append((change, repo.get("member:kaz") is not None)))
    services.bookmarks.add("member:kaz")
    services.bookmarks.remove("member:kaz")
    assert seen == [(BookmarkChange("added", "member:kaz"), True), (BookmarkChange("removed", "member:kaz"), False)]


def test_undo_brings_back_note_tags_times_and_place(services) -> None:  # type: ignore[no-untyped-def]
    bookmarks = services.bookmarks
    for item_id in ("member:kaz", "member:chn", "node:aktau"):
        bookmarks.add(item_id, note=f"note of {item_id}", tags=["meeting"])
    before = bookmarks.list()
    bookmarks.remove("member:chn")
    assert bookmarks.undo_remove()[0].item_id == "member:chn"
    assert bookmarks.list() == before
    assert bookmarks.can_undo is False
    assert bookmarks.undo_remove() == []


def test_one_undo_brings_back_a_whole_multiple_removal(services) -> None:  # type: ignore[no-untyped-def]
    bookmarks = services.bookmarks
    for item_id in ("member:kaz", "member:chn", "node:aktau"):
        bookmarks.add(item_id)
    bookmarks.remove_many(["member:kaz", "node:aktau"])
    assert bookmarks.repository.ids() == {"member:chn"}
    assert len(bookmarks.undo_remove()) == 2
    assert [b.item_id for b in bookmarks.list()] == ["member:kaz", "member:chn", "node:aktau"]


def test_a_note_is_kept_exactly_in_any_script_and_never_cut(services) -> None:  # type: ignore[no-untyped-def]
    note = "Ask about <script>alert(1)</script> & **bold**\n\tКазахстан · 哈萨克斯坦 · قازاقستان 🇰🇿\n"
    services.bookmarks.add("member:kaz")
    assert services.bookmarks.set_note("member:kaz", note).note == note  # type: ignore[union-attr]
    services.bookmarks.set_note("member:kaz", "x" * MAX_NOTE_CHARS)
    with pytest.raises(BookmarkValueError, match="at most"):
        services.bookmarks.set_note("member:kaz", "x" * (MAX_NOTE_CHARS + 1))
    assert len(services.bookmarks.get("member:kaz").note) == MAX_NOTE_CHARS  # type: ignore[union-attr]


def test_invalid_text_is_refused_with_a_clear_reason(services) -> None:  # type: ignore[no-untyped-def]
    services.bookmarks.add("member:kaz")
    with pytest.raises(BookmarkValueError, match="not valid text"):
        services.bookmarks.set_note("member:kaz", "bad \udcff byte")
    with pytest.raises(BookmarkValueError, match="longer than"):
        services.bookmarks.set_tags("member:kaz", ["t" * (MAX_TAG_CHARS + 1)])
    with pytest.raises(BookmarkValueError, match="more than"):
        services.bookmarks.set_tags("member:kaz", [f"t{n}" for n in range(MAX_TAGS + 1)])
    assert services.bookmarks.get("member:kaz").tags == ()  # type: ignore[union-attr]


def test_annotate_bookmarks_an_item_that_was_not_yet(services) -> None:  # type: ignore[no-untyped-def]
    bookmark = services.bookmarks.annotate("node:aktau", "Caspian port", ["ports", "logistics"])
    assert bookmark.note == "Caspian port" and bookmark.tags == ("logistics", "ports")
    again = services.bookmarks.annotate("node:aktau", "Changed", [])
    assert (again.note, again.tags) == ("Changed", ())


def test_entries_show_the_current_title_or_the_last_known_one(services) -> None:  # type: ignore[no-untyped-def]
    services.bookmarks.add("member:kaz")
    services.bookmarks.repository.restore(
        services.bookmarks.get("member:kaz").__class__("figure:gone", "figure", "An old figure")  # type: ignore[union-attr]
    )
    entries = {e.item_id: e for e in services.bookmarks.entries()}
    assert entries["member:kaz"].in_briefing and entries["member:kaz"].title == "Kazakhstan"
    assert not entries["figure:gone"].in_briefing and entries["figure:gone"].title == "An old figure"


def _build(pack: Path) -> None:
    from briefing_app.services import content

    content.build(pack)


def test_bookmarks_survive_a_rebuild_with_an_item_removed_and_one_renamed(tmp_path: Path, briefing_home: Path) -> None:
    # Given the mini pack built and three items bookmarked with notes
    pack = tmp_path / "pack"
    shutil.copytree(MINI_PACK, pack)
    _build(pack)
    from briefing_app.services.app import open_services

    services = open_services()
    services.bookmarks.add("member:rur", note="Strelsau is the capital", tags=["fiction"])
    services.bookmarks.add("figure:two-million", note="population claim", tags=["numbers"])
    services.bookmarks.add("node:testville")
    services.close()
    # When the pack drops the figure, renames the member, and the app starts again (rebuilding the content)
    items = pack / "items" / "items.yaml"
    text = items.read_text(encoding="utf-8")
    start = text.index("- id: figure:two-million")
    end = text.index("- id: achievement:testville-capital")
    text = text[:start] + text[end:]
    text = text.replace("title: Ruritania\n", "title: Kingdom of Ruritania\n")
    items.write_text(text, encoding="utf-8")
    services = open_services()
    try:
        assert services.content_status.rebuilt
        entries = {e.item_id: e for e in services.bookmarks.entries()}
        # Then every bookmark is still there with its note; the renamed one shows and stores its new title
        assert set(entries) == {"member:rur", "figure:two-million", "node:testville"}
        assert entries["member:rur"].title == "Kingdom of Ruritania"
        assert services.bookmarks.get("member:rur").title == "Kingdom of Ruritania"  # type: ignore[union-attr]
        gone = entries["figure:two-million"]
        assert not gone.in_briefing
        assert gone.title == "Over two million people"
        assert gone.bookmark.note == "population claim" and gone.bookmark.tags == ("numbers",)
    finally:
        services.close()


@given(st.lists(st.integers(0, 30), unique=True, min_size=1, max_size=12), st.data())
def test_moving_bookmarks_keeps_every_one_and_puts_the_block_before_the_target(order: list[int], data) -> None:  # type: ignore[no-untyped-def]
    ids = [f"member:m{n}" for n in order]
    moving = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
    before = data.draw(st.none() | st.sampled_from(ids))
    result = moved_order(ids, moving, before)
    assert sorted(result) == sorted(ids)
    block = [i for i in ids if i in moving]
    if block:
        start = result.index(block[0])
        assert result[start:start + len(block)] == block
        if before is not None and before not in moving:
            assert result[start + len(block)] == before
