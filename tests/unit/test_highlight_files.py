"""Highlights travel in the bookmarks export (version 2), old files still import, Markdown quotes them, backups
keep them, and markup in a note stays text."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from briefing_app.services.bookmark_files import EXPORT_FORMAT, BookmarkFileError


def _two_highlights(services):  # type: ignore[no-untyped-def]
    hl = services.highlights
    words = hl.text_of("paragraph:1").split()
    a = hl.add("paragraph:1", " ".join(words[:3]), note="<script>alert(1)</script> **bold** > quoted",
               colour="green", tags=["opening"])
    b = hl.add("member:kaz", hl.text_of("member:kaz").split(".")[0], colour="pink")
    services.bookmarks.add("member:kaz", note="Host")
    return a, b


def test_export_then_import_into_an_empty_database_brings_every_highlight_back(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b = _two_highlights(services)
    path = tmp_path / "mine.json"
    services.bookmarks.export_json(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 2 and [h["id"] for h in data["highlights"]] == [a.highlight_id, b.highlight_id]
    for hid in (a.highlight_id, b.highlight_id):
        services.highlights.remove(hid)
    services.bookmarks.remove("member:kaz")
    report = services.bookmarks.import_file(path)
    assert report.highlights == (2, 0, 0) and "highlights: 2 added" in report.summary()
    got = {h.highlight_id: h for h in services.highlights.list()}
    assert got[a.highlight_id].note == a.note and got[a.highlight_id].colour.value == "green"
    assert got[a.highlight_id].tags == ("opening",) and got[b.highlight_id].quote == b.quote
    # importing again changes nothing
    again = services.bookmarks.import_file(path)
    assert again.highlights == (0, 0, 2) and not again.changed


def test_a_version_1_file_still_imports(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"format": EXPORT_FORMAT, "version": 1, "bookmarks": [
        {"item_id": "member:kaz", "title": "Kazakhstan", "note": "from v1", "tags": ["old"]}]}), encoding="utf-8")
    report = services.bookmarks.import_file(path)
    assert (report.added, report.highlights) == (1, (0, 0, 0))
    assert services.bookmarks.get("member:kaz").note == "from v1"  # type: ignore[union-attr]


@pytest.mark.parametrize(("highlight", "message"), [
    ({"item_id": "member:kaz", "quote": "x"}, "highlight 1: id"),
    ({"id": "hl-1", "item_id": "../etc", "quote": "x"}, "not an item id"),
    ({"id": "hl-1", "item_id": "member:kaz", "quote": "  "}, "quote must not be empty"),
    ({"id": "hl-1", "item_id": "member:kaz", "quote": "x", "colour": "mauve"}, "colour must be one of"),
    ({"id": "hl-1", "item_id": "member:kaz", "quote": "x", "start": 5, "end": 2}, "end comes before start"),
    ({"id": "hl-1", "item_id": "member:kaz", "quote": "x", "note": 7}, "note must be text"),
])
def test_a_bad_highlight_refuses_the_whole_file_and_changes_nothing(  # type: ignore[no-untyped-def]
    services, tmp_path: Path, highlight: dict[str, object], message: str,
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"format": EXPORT_FORMAT, "version": 2, "highlights": [highlight], "bookmarks": [
        {"item_id": "member:kaz", "title": "Kazakhstan"}]}), encoding="utf-8")
    with pytest.raises(BookmarkFileError, match=message):
        services.bookmarks.import_file(path)
    assert services.bookmarks.list() == [] and services.highlights.list() == []


def test_markdown_export_quotes_each_highlight_as_a_block_quote_with_its_note_as_text(services) -> None:  # type: ignore[no-untyped-def]
    a, b = _two_highlights(services)
    text, _count = services.bookmarks.markdown()
    section = text[text.index("## Highlights"):]
    assert f"> {' '.join(a.quote.split())}" in section or f"> {a.quote}" in section
    assert "\\<script\\>alert(1)\\</script\\>" in section and "<script>" not in section
    assert "\\*\\*bold\\*\\* \\> quoted" in section
    assert section.index("### ") < section.index("> ")  # grouped under the item's heading


def test_a_backup_holds_the_highlights_and_restoring_it_brings_them_back(services) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.services.user_backups import backup_if_changed, restore_backup

    a, b = _two_highlights(services)
    taken = backup_if_changed(occasion="after-change")
    assert taken is not None
    with sqlite3.connect(taken) as conn:
        assert {row[0] for row in conn.execute("SELECT highlight_id FROM highlights")} == {a.highlight_id,
                                                                                            b.highlight_id}
    services.highlights.remove(a.highlight_id)
    # a change of highlights alone is a change worth a backup
    assert backup_if_changed(occasion="after-change") is not None
    restore_backup(taken)
    services.highlights.reload()
    assert {h.highlight_id for h in services.highlights.list()} == {a.highlight_id, b.highlight_id}
    assert services.highlights.get(a.highlight_id).note == a.note  # type: ignore[union-attr]
