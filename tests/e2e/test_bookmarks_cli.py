"""Bookmarks from the command line, as a user runs them: a subprocess per command, BRIEFING_HOME for isolation."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import MINI_PACK, ROOT


def cli(home: Path, *args: str | bytes) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRIEFING_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "briefing_app", *args], capture_output=True, text=True, env=env, cwd=ROOT,
        timeout=120,
    )


def ok(home: Path, *args: str) -> str:
    result = cli(home, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def listed(home: Path, *args: str) -> list[dict]:
    return json.loads(ok(home, "bookmarks", "list", "--json", *args))


def assert_one_line_error(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if not line.startswith("briefing-app: warning:")]
    assert len(lines) == 1 and lines[0].startswith("briefing-app: error: "), result.stderr
    assert fragment in lines[0]
    assert "Traceback" not in result.stderr


def test_add_note_tag_list_and_remove(home_with_content: Path) -> None:
    home = home_with_content
    # Given two bookmarks added with notes and tags
    added = json.loads(ok(home, "bookmarks", "add", "member:kaz", "--note", "Host <b>не жирный</b>\nline 2",
                          "--tag", "meeting", "--tag", "hosts, Astana", "--json"))
    assert added["tags"] == ["Astana", "hosts", "meeting"]
    assert ok(home, "bookmarks", "add", "node:aktau", "--tag", "ports").startswith("Bookmarked node:aktau: Aktau")
    # When listing, all, and by tag (any case)
    everything = listed(home)
    by_tag = listed(home, "--tag", "MEETING")
    # Then notes come back exactly, in the order made, and the tag filter works
    assert [b["item_id"] for b in everything] == ["member:kaz", "node:aktau"]
    assert everything[0]["note"] == "Host <b>не жирный</b>\nline 2"
    assert everything[0]["in_briefing"] is True
    assert [b["item_id"] for b in by_tag] == ["member:kaz"]
    assert "No bookmarks tagged 'nothing'" in ok(home, "bookmarks", "list", "--tag", "nothing")
    # When one is removed, Then it is gone and the other stays
    assert "Removed the bookmark of node:aktau" in ok(home, "bookmarks", "remove", "node:aktau")
    assert [b["item_id"] for b in listed(home)] == ["member:kaz"]
    assert json.loads(ok(home, "show", "member:kaz", "--json"))["bookmarked"] is True


def test_mistakes_exit_2_with_one_clear_line_and_change_nothing(home_with_content: Path, tmp_path: Path) -> None:
    home = home_with_content
    ok(home, "bookmarks", "add", "member:kaz", "--note", "keep me")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "sco-briefing-bookmarks", "version": 7, "bookmarks": []}', encoding="utf-8")
    cases = [
        (("bookmarks", "add", "member:atlantis"), "no item with id 'member:atlantis'"),
        (("bookmarks", "remove", "node:aktau"), "'node:aktau' is not bookmarked"),
        (("bookmarks", "add", "member:kaz", "--tag", "x" * 61), "longer than 60 characters"),
        (("bookmarks", "import", str(bad)), "newer SCO Briefing"),
        (("bookmarks", "import", str(tmp_path / "none.json")), "no such file"),
        (("bookmarks", "export", str(tmp_path / "no" / "such" / "dir.json")), "does not exist"),
        (("bookmarks", "export", str(tmp_path / "x.json"), "--id", "node:aktau"), "not bookmarked: node:aktau"),
        (("bookmarks", "export", str(tmp_path / "x.txt"), "--format", "pdf"), "invalid choice"),
        (("bookmarks", "frobnicate"), "invalid choice"),
    ]
    for args, fragment in cases:
        assert_one_line_error(cli(home, *args), fragment)
    assert [(b["item_id"], b["note"]) for b in listed(home)] == [("member:kaz", "keep me")]


def test_a_note_with_undecodable_bytes_is_refused(home_with_content: Path) -> None:
    env = {**os.environ, "BRIEFING_HOME": str(home_with_content)}
    result = subprocess.run(
        [sys.executable.encode(), b"-m", b"briefing_app", b"bookmarks", b"add", b"member:kaz", b"--note", b"\xff\xfe"],
        capture_output=True, env=env, cwd=ROOT, timeout=120,
    )
    assert result.returncode == 2
    assert b"not valid text" in result.stderr and b"Traceback" not in result.stderr


def test_export_then_import_into_a_fresh_home_gives_the_same_set_and_twice_changes_nothing(
    home_with_content: Path, tmp_path: Path, built_content: Path
) -> None:
    home = home_with_content
    for args in (("member:kaz", "--note", "Хост · 主办国", "--tag", "meeting"),
                 ("corridor:trans-caspian", "--note", "<script>x</script>", "--tag", "transport"),
                 ("paragraph:1",)):
        ok(home, "bookmarks", "add", *args)
    exported = tmp_path / "moving.json"
    assert "Exported 3 bookmarks" in ok(home, "bookmarks", "export", str(exported))
    fresh = tmp_path / "fresh-home"
    fresh.mkdir()
    shutil.copy(built_content, fresh / "content.sqlite3")
    first = json.loads(ok(fresh, "bookmarks", "import", str(exported), "--json"))
    second = json.loads(ok(fresh, "bookmarks", "import", str(exported), "--json"))
    assert first == {"added": 3, "merged": 0, "unchanged": 0, "not_in_briefing": 0}
    assert second == {"added": 0, "merged": 0, "unchanged": 3, "not_in_briefing": 0}
    keys = ("item_id", "title", "note", "tags", "created_at", "updated_at", "position")
    assert [{k: b[k] for k in keys} for b in listed(fresh)] == [{k: b[k] for k in keys} for b in listed(home)]
    markdown = tmp_path / "mail.md"
    ok(home, "bookmarks", "export", str(markdown), "--format", "markdown")
    assert "> \\<script\\>x\\</script\\>" in markdown.read_text(encoding="utf-8")


def test_bookmarks_survive_db_build_with_a_changed_pack(briefing_home: Path, tmp_path: Path) -> None:
    # Given the mini pack, built, with three items bookmarked
    pack = tmp_path / "mini-pack"
    shutil.copytree(MINI_PACK, pack)
    ok(briefing_home, "db", "build", "--pack", str(pack))
    ok(briefing_home, "bookmarks", "add", "member:rur", "--note", "capital Strelsau", "--tag", "fiction")
    ok(briefing_home, "bookmarks", "add", "figure:two-million", "--note", "check this claim", "--tag", "numbers")
    ok(briefing_home, "bookmarks", "add", "node:testville")
    # When the pack removes the figure and renames the member, and is built again
    items = pack / "items" / "items.yaml"
    text = items.read_text(encoding="utf-8")
    text = text[: text.index("- id: figure:two-million")] + text[text.index("- id: achievement:testville-capital"):]
    items.write_text(text.replace("title: Ruritania\n", "title: Kingdom of Ruritania\n"), encoding="utf-8")
    built = ok(briefing_home, "db", "build", "--pack", str(pack))
    # Then every bookmark is kept; the gone one keeps its last title and note; the renamed one has its new title
    assert "1 bookmark(s) refer to items not in this briefing; they are kept" in built
    bookmarks = {b["item_id"]: b for b in listed(briefing_home)}
    assert list(bookmarks) == ["member:rur", "figure:two-million", "node:testville"]
    assert bookmarks["member:rur"]["title"] == "Kingdom of Ruritania" and bookmarks["member:rur"]["in_briefing"]
    gone = bookmarks["figure:two-million"]
    assert (gone["title"], gone["note"], gone["tags"], gone["in_briefing"]) == (
        "Over two million people", "check this claim", ["numbers"], False)
    assert "(not in the current briefing)" in ok(briefing_home, "bookmarks", "list")
    check = json.loads(ok(briefing_home, "db", "check", "--json"))
    assert check["user"]["integrity"] == "ok" and check["user"]["bookmarks"] == 3
