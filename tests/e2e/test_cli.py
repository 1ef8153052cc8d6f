"""The command line as a user runs it: a subprocess, JSON contracts, one clear line and exit 2 on any mistake."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINI_PACK, ROOT


def run_cli(home: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRIEFING_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "briefing_app", *args], capture_output=True, text=True, env=env,
        cwd=cwd or ROOT, timeout=120,
    )


def assert_one_clear_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.startswith("briefing-app: warning:")]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_version(briefing_home: Path) -> None:
    result = run_cli(briefing_home, "--version")
    assert result.returncode == 0
    assert result.stdout.startswith("SCO Briefing ")


def test_search_almaty_returns_the_designation_first_with_its_paragraph(home_with_content: Path) -> None:
    result = run_cli(home_with_content, "search", "Almaty capital", "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    first = hits[0]
    assert first["id"] == "achievement:almaty-cultural-capital"
    assert set(first) == {"id", "kind", "title", "snippet", "score", "sources"}
    assert {"paragraph": 12} .items() <= first["sources"][0].items()
    assert "**Almaty**" in first["snippet"]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_search_with_no_results_says_so_on_stderr_and_exits_0(home_with_content: Path) -> None:
    # With --json: an empty list on stdout, the message on stderr
    result = run_cli(home_with_content, "search", "zzqqxx", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    assert "No results for “zzqqxx”" in result.stderr
    # Without: nothing on stdout
    result = run_cli(home_with_content, "search", "zzqqxx")
    assert result.returncode == 0
    assert result.stdout == ""
    assert "No results for “zzqqxx”" in result.stderr


def test_search_with_a_typo_says_what_it_searched_on_stderr(home_with_content: Path) -> None:
    result = run_cli(home_with_content, "search", "Pakistn", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)[0]["id"] == "member:pak"
    assert "Showing results for Pakistan" in result.stderr


def test_items_json_shape_and_kind_filter(home_with_content: Path) -> None:
    result = run_cli(home_with_content, "items", "--kind", "member", "--json")
    members = json.loads(result.stdout)
    assert len(members) == 10
    for member in members:
        assert set(member) == {"id", "kind", "title", "summary", "sources"}
        for source in member["sources"]:
            assert set(source) - {"note"} in ({"paragraph", "quote"}, {"citation", "url"})


def test_show_lists_links_to_other_items(home_with_content: Path) -> None:
    result = run_cli(home_with_content, "show", "corridor:trans-caspian", "--json")
    data = json.loads(result.stdout)
    assert data["id"] == "corridor:trans-caspian"
    assert any(link["id"] == "member:kaz" for link in data["links"])
    assert data["bookmarked"] is False
    assert "TITR" in data["aliases"]


def test_db_build_and_check_report_counts_per_kind(briefing_home: Path) -> None:
    built = run_cli(briefing_home, "db", "build", "--json")
    assert built.returncode == 0, built.stderr
    counts = json.loads(built.stdout)["counts"]
    checked = run_cli(briefing_home, "db", "check", "--json")
    report = json.loads(checked.stdout)
    assert checked.returncode == 0
    assert report["ok"] is True
    assert report["content"]["counts"] == counts
    assert report["content"]["integrity"] == "ok"


def test_first_command_on_a_fresh_home_builds_content_by_itself(briefing_home: Path) -> None:
    result = run_cli(briefing_home, "search", "Astana", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)


def test_works_from_another_directory(home_with_content: Path, tmp_path: Path) -> None:
    result = run_cli(home_with_content, "items", "--kind", "priority", "--json", cwd=tmp_path)
    assert [p["id"].split(":")[0] for p in json.loads(result.stdout)] == ["priority"] * 4


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("show", "member:atlantis"), "no item with id 'member:atlantis'"),
        (("items", "--kind", "planet"), "invalid choice"),
        (("search",), "the following arguments are required: query"),
        (("search", "x", "--limit", "zero"), "not a whole number"),
        (("frobnicate",), "invalid choice"),
        (("db", "build", "--pack", "/nonexistent/pack"), "is not a pack folder"),
        (("bookmarks", "remove", "member:kaz"), "is not bookmarked"),
        (("bookmarks", "import", "/nonexistent.json"), "no such file"),
    ],
)
def test_mistakes_give_one_clear_line_and_exit_2(home_with_content: Path, args: tuple[str, ...], fragment: str) -> None:
    assert_one_clear_error(run_cli(home_with_content, *args), fragment)


def test_invalid_pack_changes_nothing_on_disk(home_with_content: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad-pack"
    shutil.copytree(MINI_PACK, bad)
    (bad / "items" / "items.yaml").write_text("- id: member:x\n  title: X\n  sources: []\n", encoding="utf-8")
    before = (home_with_content / "content.sqlite3").read_bytes()
    result = run_cli(home_with_content, "db", "build", "--pack", str(bad))
    assert_one_clear_error(result, "items/items.yaml", "member:x")
    assert (home_with_content / "content.sqlite3").read_bytes() == before
    assert not (home_with_content / "active-pack.txt").exists()


def test_another_pack_becomes_the_active_briefing(briefing_home: Path) -> None:
    assert run_cli(briefing_home, "db", "build", "--pack", str(MINI_PACK)).returncode == 0
    result = run_cli(briefing_home, "search", "Ruritania", "--json")
    assert json.loads(result.stdout)[0]["id"] == "member:rur"
