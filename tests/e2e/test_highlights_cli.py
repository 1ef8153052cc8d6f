"""``briefing-app highlights list|add|remove``: JSON contract, one clear line for every mistake, nothing changed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.e2e.test_cli import assert_one_clear_error, run_cli


def _count(home: Path) -> int:
    with sqlite3.connect(home / "user.sqlite3") as conn:
        return int(conn.execute("SELECT count(*) FROM highlights").fetchone()[0])


def test_add_list_and_remove_a_highlight(home_with_content: Path) -> None:
    # Given an item and words of its text
    shown = json.loads(run_cli(home_with_content, "show", "member:kaz", "--json").stdout)
    quote = " ".join(shown["summary"].split()[:3])
    # When the words are highlighted with a note and a colour
    added = run_cli(home_with_content, "highlights", "add", "member:kaz", "--quote", quote,
                    "--note", "<i>ask</i> — вопрос", "--colour", "blue", "--json")
    assert added.returncode == 0, added.stderr
    made = json.loads(added.stdout)
    assert (made["item_id"], made["quote"], made["colour"], made["note"]) == (
        "member:kaz", quote, "blue", "<i>ask</i> — вопрос")
    # Then the list shows it, found in place
    listed = json.loads(run_cli(home_with_content, "highlights", "list", "--json").stdout)
    assert [(h["id"], h["state"], h["title"], h["in_briefing"]) for h in listed] == [
        (made["id"], "exact", "Kazakhstan", True)]
    text = run_cli(home_with_content, "highlights", "list")
    assert made["id"] in text.stdout and quote in text.stdout
    # And it can be removed by its id
    removed = run_cli(home_with_content, "highlights", "remove", made["id"])
    assert removed.returncode == 0, removed.stderr
    assert json.loads(run_cli(home_with_content, "highlights", "list", "--json").stdout) == []


def test_a_quote_not_in_the_item_exits_2_with_one_line_and_changes_nothing(home_with_content: Path) -> None:
    run_cli(home_with_content, "bookmarks", "list")  # the user database exists
    result = run_cli(home_with_content, "highlights", "add", "member:kaz", "--quote", "words nowhere in it")
    assert_one_clear_error(result, "does not occur in the text of member:kaz")
    assert _count(home_with_content) == 0


def test_other_mistakes_exit_2_with_one_line(home_with_content: Path) -> None:
    assert_one_clear_error(run_cli(home_with_content, "highlights", "add", "member:atlantis", "--quote", "x"),
                           "member:atlantis")
    assert_one_clear_error(run_cli(home_with_content, "highlights", "add", "member:kaz", "--quote", "Kazakhstan",
                                   "--colour", "mauve"), "unknown colour")
    assert_one_clear_error(run_cli(home_with_content, "highlights", "remove", "hl-nope"), "hl-nope")
    assert_one_clear_error(run_cli(home_with_content, "highlights", "add", "member:kaz"), "--quote")


def test_bookmarks_export_and_import_carry_highlights(home_with_content: Path, tmp_path: Path,
                                                      built_content: Path) -> None:
    import shutil

    quote = json.loads(run_cli(home_with_content, "show", "member:kaz", "--json").stdout)["summary"].split(",")[0]
    made = json.loads(run_cli(home_with_content, "highlights", "add", "member:kaz", "--quote", quote,
                              "--note", "moving", "--json").stdout)
    exported = tmp_path / "moving.json"
    assert run_cli(home_with_content, "bookmarks", "export", str(exported)).returncode == 0
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    shutil.copy(built_content, fresh / "content.sqlite3")
    imported = run_cli(fresh, "bookmarks", "import", str(exported), "--json")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["highlights"] == {"added": 1, "merged": 0, "unchanged": 0}
    listed = json.loads(run_cli(fresh, "highlights", "list", "--json").stdout)
    assert [(h["id"], h["quote"], h["note"]) for h in listed] == [(made["id"], quote, "moving")]
