"""Export and import of bookmarks: a portable, versioned file; hostile files get a clear message and change nothing."""

from __future__ import annotations

import ast
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_app.services.bookmark_files import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    MAX_IMPORT_BYTES,
    BookmarkFileError,
    parse_bookmarks_bytes,
)
from tests.conftest import ROOT

HOSTILE_NOTE = "<img src=x onerror=alert(1)> <b>bold?</b> ![x](http://example.org/x.png) [link](javascript:alert(1))"


def _snapshot(services) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(b.item_id, b.title, b.note, b.tags, b.created_at, b.updated_at, b.position)
            for b in services.bookmarks.list()]


def _prepared(services) -> None:  # type: ignore[no-untyped-def]
    bookmarks = services.bookmarks
    bookmarks.add("member:kaz", note="Host.\nAsk about the chairmanship — председательство", tags=["meeting", "hosts"])
    bookmarks.add("corridor:trans-caspian", note=HOSTILE_NOTE, tags=["meeting", "transport"])
    bookmarks.add("node:aktau", tags=["transport"])
    bookmarks.add("paragraph:1", note="Opening words")


def _write(tmp_path: Path, document: object, name: str = "in.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _document(*entries: dict) -> dict:
    return {"format": EXPORT_FORMAT, "version": 1, "bookmarks": list(entries)}


def test_export_then_import_into_a_fresh_home_gives_the_same_set(  # type: ignore[no-untyped-def]
    services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built_content: Path
) -> None:
    # Given four bookmarks with notes (one full of markup) and tags, exported to JSON
    _prepared(services)
    exported = tmp_path / "mine.json"
    assert services.bookmarks.export_json(exported) == 4
    before = services.bookmarks.list()
    # When a fresh BRIEFING_HOME imports the file
    fresh = tmp_path / "other-home"
    fresh.mkdir()
    shutil.copy(built_content, fresh / "content.sqlite3")
    monkeypatch.setenv("BRIEFING_HOME", str(fresh))
    from briefing_app.services.app import open_services

    other = open_services()
    try:
        report = other.bookmarks.import_file(exported)
        after = other.bookmarks.list()
    finally:
        other.close()
    # Then it holds the same bookmarks, notes, tags, times and order
    assert (report.added, report.merged, report.unchanged) == (4, 0, 0)
    fields = [(b.item_id, b.kind, b.title, b.note, b.tags, b.created_at, b.updated_at) for b in before]
    assert [(b.item_id, b.kind, b.title, b.note, b.tags, b.created_at, b.updated_at) for b in after] == fields


def test_importing_the_same_file_twice_changes_nothing(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _prepared(services)
    exported = tmp_path / "mine.json"
    services.bookmarks.export_json(exported)
    services.bookmarks.remove("node:aktau")
    first = services.bookmarks.import_file(exported)
    state = _snapshot(services)
    second = services.bookmarks.import_file(exported)
    assert (first.added, first.unchanged) == (1, 3)
    assert (second.added, second.merged, second.unchanged) == (0, 0, 4)
    assert _snapshot(services) == state


def test_a_conflicting_note_is_kept_beside_the_existing_one(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services.bookmarks.add("member:kaz", note="My note", tags=["a"])
    path = _write(tmp_path, _document({"item_id": "member:kaz", "note": "Colleague's note", "tags": ["b"]}))
    report = services.bookmarks.import_file(path)
    merged = services.bookmarks.get("member:kaz")
    assert report.merged == 1
    assert merged.note.startswith("My note") and merged.note.endswith("Colleague's note")  # type: ignore[union-attr]
    assert merged.tags == ("a", "b")  # type: ignore[union-attr]
    assert services.bookmarks.import_file(path).unchanged == 1


def test_bookmarks_of_items_not_in_this_briefing_are_kept_and_counted(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, _document({"item_id": "figure:from-a-newer-pack", "title": "A newer figure\n<b>x</b>"}))
    report = services.bookmarks.import_file(path)
    assert report.not_in_briefing == 1 and "not in the current briefing" in report.summary()
    entry = services.bookmarks.entries()[0]
    assert not entry.in_briefing and entry.title == "A newer figure <b>x</b>"


def test_the_file_title_never_replaces_the_briefing_title(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services.bookmarks.import_file(_write(tmp_path, _document({"item_id": "member:kaz", "title": "Evil"})))
    assert services.bookmarks.get("member:kaz").title == "Kazakhstan"  # type: ignore[union-attr]


def test_markup_in_notes_is_kept_as_text_and_escaped_in_markdown(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _prepared(services)
    services.bookmarks.import_file(_write(tmp_path, _document({"item_id": "node:aktau", "note": HOSTILE_NOTE})))
    assert HOSTILE_NOTE in services.bookmarks.get("node:aktau").note  # type: ignore[union-attr]
    text, count = services.bookmarks.markdown(["corridor:trans-caspian"])
    assert count == 1
    quoted = [line[2:] for line in text.splitlines() if line.startswith("> ")]
    assert quoted and all(re.search(r"(?<!\\)[<>\[\]]", line) is None for line in quoted)
    assert "\\<img src=x onerror=alert(1)\\>" in text
    assert "\\[link\\](javascript:alert(1))" in text


def test_markdown_export_of_selected_bookmarks_for_mail(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _prepared(services)
    path = tmp_path / "mail.md"
    assert services.bookmarks.export_markdown(path, ["member:kaz", "paragraph:1"]) == 2
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Bookmarks: SCO Summit, Astana, 4 July 2024")
    assert "## Kazakhstan" in text and "> Host." in text and "> Ask about the chairmanship" in text
    assert "Trans-Caspian" not in text
    assert "tags: \u2068hosts\u2069, \u2068meeting\u2069" in text  # each tag bidi-isolated (ui/test_bidi_isolation.py)


def test_exporting_an_unbookmarked_id_is_refused(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _prepared(services)
    with pytest.raises(ValueError, match="not bookmarked: member:chn"):
        services.bookmarks.export_json(tmp_path / "x.json", ["member:chn"])
    assert not (tmp_path / "x.json").exists()


def test_the_export_document_is_the_documented_version_2(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _prepared(services)
    path = tmp_path / "mine.json"
    services.bookmarks.export_json(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"format", "version", "exported_at", "pack", "bookmarks", "highlights"}
    assert (data["format"], data["version"]) == ("sco-briefing-bookmarks", 2)
    assert set(data["pack"]) == {"id", "version", "title"}
    assert set(data["bookmarks"][0]) == {"item_id", "kind", "title", "note", "tags", "created_at", "updated_at"}
    docs = (ROOT / "docs" / "bookmarks-format.md").read_text(encoding="utf-8")
    for key in ("format", "version", "exported_at", "item_id", "created_at", "updated_at", "highlights", "quote",
                "prefix", "suffix", "colour"):
        assert f"`{key}`" in docs
    assert "# Bookmarks export format, version 2" in docs


DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not valid JSON"),
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[]", "top level must be an object"),
        (json.dumps({"format": "firefox-bookmarks", "version": 1}).encode(), "not a bookmarks file"),
        (json.dumps({"format": EXPORT_FORMAT}).encode(), "version is missing"),
        (json.dumps({"format": EXPORT_FORMAT, "version": "1", "bookmarks": []}).encode(), "not a whole number"),
        (json.dumps({"format": EXPORT_FORMAT, "version": EXPORT_VERSION + 1, "bookmarks": []}).encode(),
         "newer SCO Briefing"),
        (json.dumps({"format": EXPORT_FORMAT, "version": 0, "bookmarks": []}).encode(), "unknown format version"),
        (json.dumps({"format": EXPORT_FORMAT, "version": 1, "bookmarks": {}}).encode(), "must be a list"),
        (json.dumps(_document("member:kaz")).encode(), "bookmark 1: must be an object"),
        (json.dumps(_document({"item_id": "../../etc/passwd"})).encode(), "not an item id"),
        (json.dumps(_document({"item_id": "spaceship:x"})).encode(), "unknown kind"),
        (json.dumps(_document({"item_id": "member:kaz"}, {"item_id": "member:kaz"})).encode(), "appears twice"),
        (json.dumps(_document({"item_id": "member:kaz", "note": "x" * 100_001})).encode(), "at most 100,000"),
        (json.dumps(_document({"item_id": "member:kaz", "tags": "a,b"})).encode(), "tags must be a list"),
        (json.dumps(_document({"item_id": "member:kaz", "tags": ["x" * 61]})).encode(), "longer than 60"),
        (json.dumps(_document({"item_id": "member:kaz", "created_at": "yesterday"})).encode(), "ISO date"),
        (b'{"format": "sco-briefing-bookmarks", "version": 1, "bookmarks": [{"item_id": "member:kaz", '
         b'"note": "\\ud800"}]}', "not valid text"),
        (b'{"format": "sco-briefing-bookmarks", "version": ' + b"9" * 5000 + b"}", "not valid JSON"),
        (b'{"format": "sco-briefing-bookmarks", "version": NaN}', "not valid JSON"),
        (DEEP.encode(), "nested too deeply"),
    ],
)
def test_a_hostile_file_gets_a_clear_message_and_changes_nothing(  # type: ignore[no-untyped-def]
    services, tmp_path: Path, content: bytes, message: str
) -> None:
    _prepared(services)
    before = _snapshot(services)
    path = tmp_path / "hostile.json"
    path.write_bytes(content)
    with pytest.raises(BookmarkFileError) as caught:
        services.bookmarks.import_file(path)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)
    assert _snapshot(services) == before


def test_a_huge_file_is_refused_before_it_is_read(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 1)
    with pytest.raises(BookmarkFileError, match="too large"):
        services.bookmarks.import_file(path)


def test_a_missing_file_and_a_folder_are_told_apart(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(BookmarkFileError, match="no such file"):
        services.bookmarks.import_file(tmp_path / "nope.json")
    with pytest.raises(BookmarkFileError, match="is a folder"):
        services.bookmarks.import_file(tmp_path)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
entry_like = st.fixed_dictionaries(
    {"item_id": st.sampled_from(["member:kaz", "node:aktau", "figure:x", "bad id", "member:KAZ", ""]) | st.text()},
    optional={"title": json_values | st.text(), "note": json_values | st.text(), "tags": json_values
              | st.lists(st.text(max_size=70), max_size=5), "created_at": json_values | st.just("2024-07-04T10:00:00"),
              "updated_at": json_values | st.text(max_size=41)},
)
document_like = st.fixed_dictionaries(
    {"format": st.just(EXPORT_FORMAT) | json_values, "version": st.just(1) | json_values,
     "bookmarks": st.lists(entry_like, max_size=6) | json_values},
)


@settings(max_examples=300, deadline=None)
@given(document_like)
def test_any_document_is_either_valid_or_refused_with_a_bookmark_file_error(document: dict) -> None:
    raw = json.dumps(document).encode("utf-8")
    try:
        bookmarks = parse_bookmarks_bytes(raw, "fuzz.json")
    except BookmarkFileError as exc:
        assert str(exc).startswith("fuzz.json: ") and "\n" not in str(exc)
        return
    for bookmark in bookmarks:
        assert bookmark.item_id.partition(":")[0] and "\n" not in bookmark.title
        bookmark.note.encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_are_refused_cleanly(raw: bytes) -> None:
    with pytest.raises(BookmarkFileError):
        parse_bookmarks_bytes(raw, "fuzz.json")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document_like)
def test_an_import_either_applies_whole_or_changes_nothing(services, tmp_path: Path, document: dict) -> None:  # type: ignore[no-untyped-def]
    if not services.bookmarks.list():
        services.bookmarks.add("member:kaz", note="kept", tags=["mine"])
    before = _snapshot(services)
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    try:
        report = services.bookmarks.import_file(path)
    except BookmarkFileError:
        assert _snapshot(services) == before
        return
    after = {b.item_id: b for b in services.bookmarks.list()}
    assert after["member:kaz"].note.startswith("kept") and "mine" in after["member:kaz"].tags
    assert len(after) == len(before) + report.added
    with sqlite3.connect(services.bookmarks.repository.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_app_never_unpickles_or_evaluates() -> None:
    """No pickle, no eval: a file can only ever be data."""
    banned_modules = {"pickle", "cPickle", "marshal", "shelve", "dill"}
    offenders = []
    for path in (ROOT / "briefing_app").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                offenders += [f"{path.name}: import {n}" for n in names if n.split(".")[0] in banned_modules]
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"eval", "exec"}:
                offenders.append(f"{path.name}:{node.lineno}: {node.func.id}()")
    assert offenders == []


def test_an_imported_note_too_long_to_merge_is_reported_not_counted_unchanged(  # type: ignore[no-untyped-def]
    services, tmp_path: Path,
) -> None:
    from briefing_app.domain.bookmarks import MAX_NOTE_CHARS

    # Given a bookmark whose note is near the limit, and a file with another note for it
    services.bookmarks.add("member:kaz", note="m" * (MAX_NOTE_CHARS - 100), tags=["a"])
    colleague = "Colleague's note, 200 characters long. " * 5
    path = _write(tmp_path, _document({"item_id": "member:kaz", "note": colleague, "tags": ["a"]}))
    # When it is imported (the merged note would pass the limit)
    report = services.bookmarks.import_file(path)
    # Then the bookmark's note is kept whole, and the report neither drops the file's note nor calls it unchanged
    assert services.bookmarks.get("member:kaz").note == "m" * (MAX_NOTE_CHARS - 100)
    assert report.unchanged == 0 and report.notes_not_merged == (("member:kaz", colleague),)
    assert "NOT merged" in report.summary() and "member:kaz" in report.summary()
    assert report.to_json()["notes_not_merged"] == [{"item_id": "member:kaz", "note": colleague}]
