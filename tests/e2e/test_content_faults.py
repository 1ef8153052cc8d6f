"""A corrupt or missing content database, or missing resources: rebuilt from the pack when it can be, else a
clear message naming what is missing (CLI: one line, exit 2). Never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_app import cli, paths
from tests.conftest import MINI_PACK, ROOT


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRIEFING_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "briefing_app", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=180)


def one_line(result: subprocess.CompletedProcess[str] | tuple[int, str]) -> str:
    code, err = (result.returncode, result.stderr) if not isinstance(result, tuple) else result
    assert code == 2, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if not line.startswith("briefing-app: warning:")]
    assert len(lines) == 1 and lines[0].startswith("briefing-app: error: "), err
    return lines[0]


@pytest.mark.parametrize("damage", ["missing", "random bytes", "truncated", "empty", "another schema"])
def test_a_damaged_content_database_is_rebuilt_from_the_pack(home_with_content: Path, damage: str) -> None:
    import sqlite3

    db = paths.content_db_path()
    if damage == "missing":
        db.unlink()
    elif damage == "random bytes":
        db.write_bytes(os.urandom(50_000))
    elif damage == "truncated":
        db.write_bytes(db.read_bytes()[: db.stat().st_size // 3])
    elif damage == "empty":
        db.write_bytes(b"")
    else:
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
        conn.close()
    result = run(home_with_content, "items", "--kind", "member", "--json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 10
    assert "Traceback" not in result.stderr
    check = json.loads(run(home_with_content, "db", "check", "--json").stdout)
    assert check["content"]["integrity"] == "ok"


def test_a_pack_file_gone_keeps_the_previous_content_and_says_which(briefing_home: Path, tmp_path: Path) -> None:
    # Given content built from a pack, then one of the pack's files removed and the pack otherwise changed
    pack = tmp_path / "pack"
    shutil.copytree(MINI_PACK, pack)
    assert run(briefing_home, "db", "build", "--pack", str(pack)).returncode == 0
    (pack / "sources" / "speech.txt").unlink()
    # When a command runs, Then it answers from the content built before, warning which file is missing
    result = run(briefing_home, "items", "--kind", "member", "--json")
    assert result.returncode == 0 and json.loads(result.stdout)[0]["id"] == "member:rur"
    assert "sources/speech.txt: file is missing" in result.stderr
    # And with no earlier content either, it is one line naming the missing file
    paths.content_db_path().unlink()
    line = one_line(run(briefing_home, "items"))
    assert "sources/speech.txt: file is missing" in line


def test_no_pack_and_no_content_is_one_line_naming_the_folder(
    briefing_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given an installation whose briefing pack folder is gone, and no content database yet
    missing = briefing_home / "install" / "resources" / "packs" / "astana-2024"
    monkeypatch.setattr(paths, "default_pack_dir", lambda: missing)
    # When a command runs
    code = cli.main(["search", "Astana"])
    # Then one line says there is no content and names the folder
    line = one_line((code, capsys.readouterr().err))
    assert str(missing) in line and "No briefing content is available" in line


def test_missing_migrations_still_answer_briefing_questions(
    home_with_content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given an installation without its db/ folder (the user database cannot be created)
    def missing() -> Path:
        raise FileNotFoundError("the application's 'db' folder is missing (looked in: /opt/sco-briefing/db)")

    monkeypatch.setattr(paths, "migrations_dir", missing)
    # When the briefing is searched, Then it answers, warning about the bookmarks
    assert cli.main(["items", "--kind", "member"]) == 0
    assert "'db' folder is missing" in capsys.readouterr().err
    # And a bookmark command is one clear line
    line = one_line((cli.main(["bookmarks", "add", "member:kaz"]), capsys.readouterr().err))
    assert "bookmarks are not available" in line


@pytest.mark.parametrize("geodata", ["missing", "not json"])
def test_missing_or_broken_map_outlines_leave_the_corridors_tab_working_with_a_message(
    window, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, geodata: str  # type: ignore[no-untyped-def]
) -> None:
    from briefing_app.views import map_data as data

    broken = tmp_path / "eurasia.geojson"
    if geodata == "not json":
        broken.write_text("{ this is not json", encoding="utf-8")
    monkeypatch.setattr(paths, "geodata_path", lambda name="eurasia.geojson": broken)
    monkeypatch.setattr(data, "_CACHE", {})
    window.navigator.open("tab:corridors")
    qtbot.wait(100)
    window.navigator.open("corridor:trans-caspian")
    assert window.current_panel().current_item_id() == "corridor:trans-caspian"
    from PySide6.QtWidgets import QLabel

    shown = [label.text() for label in window.findChildren(QLabel, "map-problem")]
    assert any("country outlines" in text and str(broken) in text for text in shown), shown


def test_a_read_only_data_folder_is_one_line_naming_the_path(briefing_home: Path) -> None:
    from tests.fault_tools import read_only

    with read_only(briefing_home):
        line = one_line(run(briefing_home, "items"))
    assert "could not be written" in line and str(briefing_home) in line
