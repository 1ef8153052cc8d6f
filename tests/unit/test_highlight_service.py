"""The highlight service: durable marks beside bookmarks, change notices, undo, and a pack edited three ways."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from briefing_app.domain.highlights import AnchorState, HighlightValueError
from briefing_app.services.briefing import UnknownItemError
from briefing_app.services.highlights import HighlightChange
from tests.conftest import MINI_PACK


def test_a_highlight_is_stored_in_the_bookmarks_database_file_with_its_note_and_colour(services) -> None:  # type: ignore[no-untyped-def]
    text = services.highlights.text_of("member:kaz")
    quote = " ".join(text.split()[:4])
    made = services.highlights.add("member:kaz", quote, colour="green", note="<b>ask</b> about this")
    with sqlite3.connect(services.bookmarks.repository.path) as conn:
        row = conn.execute("SELECT item_id, quote, colour, note FROM highlights").fetchone()
    assert row == ("member:kaz", made.quote, "green", "<b>ask</b> about this")
    (entry,) = services.highlights.entries("member:kaz")
    assert entry.state is AnchorState.EXACT and entry.title == "Kazakhstan" and entry.in_briefing


def test_the_user_database_is_durable_for_highlights_too(services) -> None:  # type: ignore[no-untyped-def]
    engine = services.bookmarks.repository.engine
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_a_listener_hears_of_a_change_only_after_it_is_committed(services) -> None:  # type: ignore[no-untyped-def]
    path = services.bookmarks.repository.path
    heard: list[tuple[HighlightChange, int]] = []

    def listener(change: HighlightChange) -> None:
        with sqlite3.connect(path) as other:  # another connection sees the change: it is committed
            heard.append((change, other.execute("SELECT count(*) FROM highlights").fetchone()[0]))

    services.highlights.subscribe(listener)
    quote = services.highlights.text_of("paragraph:1").split()[0]
    made = services.highlights.add("paragraph:1", quote)
    services.highlights.update(made.highlight_id, note="why?")
    services.highlights.remove(made.highlight_id)
    assert [(c.action, n) for c, n in heard] == [("added", 1), ("changed", 1), ("removed", 0)]
    assert services.highlights.undo_remove().note == "why?"  # type: ignore[union-attr]
    assert services.highlights.get(made.highlight_id).note == "why?"  # type: ignore[union-attr]


def test_a_quote_not_in_the_item_or_an_unknown_item_changes_nothing(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(HighlightValueError):
        services.highlights.add("member:kaz", "words that are nowhere in this item")
    with pytest.raises(UnknownItemError):
        services.highlights.add("member:atlantis", "anything")
    assert services.highlights.list() == []


def test_reorder_and_tags(services) -> None:  # type: ignore[no-untyped-def]
    words = services.highlights.text_of("paragraph:1").split()
    a = services.highlights.add("paragraph:1", words[0], tags=["quote me"])
    b = services.highlights.add("paragraph:1", words[1])
    services.highlights.reorder([b.highlight_id])
    assert [h.highlight_id for h in services.highlights.list()] == [b.highlight_id, a.highlight_id]
    assert [h.highlight_id for h in services.highlights.list(tag="QUOTE ME")] == [a.highlight_id]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_highlights_survive_a_pack_edited_three_ways(tmp_path: Path, briefing_home: Path) -> None:
    from briefing_app.services import content
    from briefing_app.services.app import open_services

    # Given the mini pack built and four passages highlighted, two of them noted
    pack = tmp_path / "pack"
    shutil.copytree(MINI_PACK, pack)
    content.build(pack)
    services = open_services()
    hl = services.highlights
    moved = hl.add("paragraph:2", "admitted Ruritania as the 3rd member", note="quote this", colour="blue")
    changed = hl.add("achievement:testville-capital", "designated as the cultural capital", colour="pink")
    gone = hl.add("member:rur", "Admitted as the 3rd member", note="check the number")
    kept = hl.add("event:test-summit", "The leaders met in Testville")
    services.close()
    # When a new pack moves one passage, changes another slightly and drops the third
    _edit(pack / "sources" / "speech.txt", "The leaders met in Testville and admitted",
          "The leaders met in Testville, talked for a long time about many things, and admitted")
    items = pack / "items" / "items.yaml"
    _edit(items, "summary: The city of Testville has been designated as the cultural capital.",
          "summary: The city of Testville has been designated as a cultural capitol.")
    _edit(items, "summary: Admitted as the 3rd member.", "summary: A kingdom of the mountains.")
    services = open_services()
    try:
        assert services.content_status.rebuilt
        entries = {e.highlight_id: e for e in services.highlights.entries()}
        # Then all four are still there, in order, with their notes
        assert list(entries) == [moved.highlight_id, changed.highlight_id, gone.highlight_id, kept.highlight_id]
        assert entries[moved.highlight_id].state is AnchorState.MOVED
        text = services.highlights.text_of("paragraph:2")
        e = entries[moved.highlight_id]
        assert text[e.anchor.start:e.anchor.end] == "admitted Ruritania as the 3rd member"
        assert entries[changed.highlight_id].state is AnchorState.CHANGED
        assert entries[changed.highlight_id].anchor.text == "designated as a cultural capitol"
        assert entries[changed.highlight_id].status == "text changed"
        assert entries[gone.highlight_id].state is AnchorState.MISSING
        assert entries[gone.highlight_id].status == "not in the current briefing"
        assert entries[gone.highlight_id].highlight.quote == "Admitted as the 3rd member"
        assert entries[gone.highlight_id].highlight.note == "check the number"
        assert entries[kept.highlight_id].state is AnchorState.EXACT
    finally:
        services.close()
