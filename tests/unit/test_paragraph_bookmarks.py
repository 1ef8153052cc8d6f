"""A bookmark on a paragraph follows its text when a pack update moves the paragraph, or is shown as changed;
it never silently lands on other text, and its own title is never overwritten with another paragraph's."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from briefing_app import paths
from briefing_app.services import content
from briefing_app.services.app import open_services
from tests.conftest import MINI_PACK

INSERTED = "A line the pack update inserted after the heading."


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A copy of the mini pack, built and chosen as the active pack."""
    folder = tmp_path / "pack"
    shutil.copytree(MINI_PACK, folder)
    content.build(folder)
    return folder


def insert_line_after_heading(pack: Path, *, edit_heading: str | None = None) -> None:
    """A pack update: a new paragraph 2 (every later paragraph moves down one); items' citations follow."""
    speech = pack / "sources" / "speech.txt"
    lines = speech.read_text(encoding="utf-8").split("\n")
    heading = edit_heading if edit_heading is not None else lines[0]
    speech.write_text("\n".join([heading, "", INSERTED, "", *lines[1:]]), encoding="utf-8")
    items = pack / "items" / "items.yaml"
    text = items.read_text(encoding="utf-8")
    items.write_text(re.sub(r"paragraph: (\d+)", lambda m: f"paragraph: {int(m.group(1)) + 1}", text),
                     encoding="utf-8")


def test_paragraph_bookmarks_follow_their_text_when_a_line_is_inserted(pack: Path) -> None:
    # Given notes on three paragraphs of the address
    services = open_services()
    texts = dict(services.briefing.paragraphs())
    for number in (2, 3, 4):
        services.bookmarks.add(f"paragraph:{number}", note=f"note on: {texts[number][:30]}", tags=[f"p{number}"])
    titles = {b.item_id: b.title for b in services.bookmarks.list()}
    services.close()
    # When a pack update inserts a line before them and the app starts again
    insert_line_after_heading(pack)
    services = open_services()
    assert services.content_status.rebuilt
    # Then each note is on the paragraph that holds the text it was written on, with that paragraph's title
    now = dict(services.briefing.paragraphs())
    got = {e.item_id: e for e in services.bookmarks.entries()}
    assert sorted(got) == ["paragraph:3", "paragraph:4", "paragraph:5"]
    for old in (2, 3, 4):
        entry = got[f"paragraph:{old + 1}"]
        assert entry.bookmark.note == f"note on: {texts[old][:30]}" and now[old + 1] == texts[old]
        assert entry.bookmark.tags == (f"p{old}",) and not entry.text_changed
        assert entry.title == titles[f"paragraph:{old}"].replace(f"¶{old}", f"¶{old + 1}")
    # And nothing lands on the inserted line
    assert "paragraph:2" not in got
    services.close()


def test_a_paragraph_whose_text_changed_is_shown_as_changed_and_keeps_its_title(pack: Path) -> None:
    # Given a note on the heading paragraph
    services = open_services()
    services.bookmarks.add("paragraph:1", note="about the heading")
    (before,) = services.bookmarks.list()
    services.close()
    # When a pack update rewrites the heading (and inserts a line)
    insert_line_after_heading(pack, edit_heading="Test Summit, revised edition")
    services = open_services()
    # Then the bookmark stays where it was, says its paragraph changed, and keeps the title it was made with
    (entry,) = services.bookmarks.entries()
    assert entry.item_id == "paragraph:1" and entry.text_changed
    assert entry.title == before.title == entry.bookmark.title
    assert entry.bookmark.anchor_text == "Test Summit"
    services.close()


def test_the_command_line_lists_a_changed_paragraph_as_changed(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from briefing_app.cli import main

    assert main(["bookmarks", "add", "paragraph:1", "--note", "n"]) == 0
    insert_line_after_heading(pack, edit_heading="Another heading")
    capsys.readouterr()
    assert main(["bookmarks", "list"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("paragraph:1") and "¶1 Test Summit" in line and "text changed" in line


def test_paragraph_bookmarks_made_before_texts_were_kept_are_anchored_and_follow(pack: Path) -> None:
    import contextlib
    import sqlite3

    # Given a paragraph bookmark as the previous version stored it: no text kept, only its title
    services = open_services()
    services.bookmarks.add("paragraph:3", note="older note")
    services.close()
    with contextlib.closing(sqlite3.connect(paths.user_db_path())) as conn, conn:
        conn.execute("UPDATE bookmarks SET anchor_text = ''")
    # When the pack update moves it
    insert_line_after_heading(pack)
    services = open_services()
    # Then its title's words find its paragraph, and from then on it holds the text
    (bookmark,) = services.bookmarks.list()
    assert bookmark.item_id == "paragraph:4" and bookmark.note == "older note"
    assert bookmark.anchor_text == dict(services.briefing.paragraphs())[4]
    services.close()


def test_db_build_says_which_paragraph_bookmarks_moved_and_which_changed(
    pack: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    from briefing_app.cli import main

    assert main(["bookmarks", "add", "paragraph:1"]) == 0
    assert main(["bookmarks", "add", "paragraph:3"]) == 0
    insert_line_after_heading(pack, edit_heading="A new heading")
    capsys.readouterr()
    assert main(["db", "build", "--pack", str(pack)]) == 0
    out = capsys.readouterr().out
    assert "paragraph:3 -> paragraph:4" in out and "kept where they were" in out and "paragraph:1" in out
