"""The command line on a bad user database: it still runs, says what happened on stderr, and changes nothing it
should not. Every mistake or refusal is one line and exit status 2, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing_app import paths
from tests.conftest import ROOT
from tests.fault_tools import checkpoint, digest, lock_held, read_only


def cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRIEFING_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "briefing_app", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)


def errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if not line.startswith("briefing-app: warning:")]


def warnings(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("briefing-app: warning:")]


def assert_one_line_refusal(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    (line,) = errors(result)
    assert line.startswith("briefing-app: error: ") and fragment in line, line


@pytest.fixture(scope="module")
def worked_home(tmp_path_factory: pytest.TempPathFactory, built_content: Path) -> Path:
    """A user data folder with two bookmarks added by the command line, as a user would have after some work (made
    once per module: each test gets a copy)."""
    made = tmp_path_factory.mktemp("worked-home")
    shutil.copy(built_content, made / "content.sqlite3")
    for args in (("member:kaz", "--note", "Host — хост", "--tag", "summit"), ("member:chn", "--tag", "asia")):
        assert cli(made, "bookmarks", "add", *args).returncode == 0
    checkpoint(made / "user.sqlite3")
    return made


@pytest.fixture
def home(home_with_content: Path, worked_home: Path) -> Path:
    """A copy of ``worked_home`` in this test's own user data folder."""
    shutil.copytree(worked_home, home_with_content, dirs_exist_ok=True)
    assert paths.user_db_path().is_file()
    return home_with_content


def test_damaged_database_the_cli_keeps_it_aside_and_goes_on(home: Path) -> None:
    paths.user_db_path().write_bytes(os.urandom(20_000))
    before = digest(paths.user_db_path())
    result = cli(home, "bookmarks", "list")
    assert result.returncode == 0 and "No bookmarks" in result.stdout
    (warning,) = warnings(result)
    assert "kept unchanged as user.damaged-" in warning and "briefing-app bookmarks restore" in warning
    (kept,) = home.glob("user.damaged-*.sqlite3")
    assert digest(kept) == before
    # And the restore it points to brings the bookmarks back
    listing = json.loads(cli(home, "bookmarks", "restore", "--json").stdout)
    assert listing[0]["bookmarks"] == 2 and listing[0]["occasion"] == "after a change"
    assert len(listing) == 1  # a run of commands leaves one backup
    restored = cli(home, "bookmarks", "restore", "--latest")
    assert restored.returncode == 0 and "Restored 2 bookmarks" in restored.stdout
    after = json.loads(cli(home, "bookmarks", "list", "--json").stdout)
    assert [(b["item_id"], b["note"]) for b in after] == [("member:kaz", "Host — хост"), ("member:chn", "")]


def test_read_only_database_lists_but_refuses_changes_in_one_line(home: Path) -> None:
    before = digest(paths.user_db_path())
    with read_only(paths.user_db_path()):
        listed = cli(home, "bookmarks", "list", "--json")
        assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 2
        assert "read-only" in warnings(listed)[0]
        assert_one_line_refusal(cli(home, "bookmarks", "add", "member:ind"), "read-only; nothing was changed")
        assert_one_line_refusal(cli(home, "bookmarks", "restore", "--latest"), "read-only; nothing was changed")
    assert digest(paths.user_db_path()) == before


def test_database_locked_for_writing_waits_a_bounded_time_then_refuses_in_one_line(home: Path) -> None:
    with lock_held(paths.user_db_path(), "writes"):
        started = time.monotonic()
        result = cli(home, "bookmarks", "add", "member:ind")
        took = time.monotonic() - started
        assert_one_line_refusal(result, "locked by another program; nothing was changed")
        assert "held for writing by another program" in warnings(result)[0]
        assert took < 20, took
        # Reading still works meanwhile
        assert len(json.loads(cli(home, "bookmarks", "list", "--json").stdout)) == 2
    assert cli(home, "bookmarks", "add", "member:ind").returncode == 0


def test_database_locked_for_everything_still_answers_briefing_questions(home: Path) -> None:
    with lock_held(paths.user_db_path(), "everything"):
        items = cli(home, "items", "--kind", "member", "--json")
        assert items.returncode == 0 and len(json.loads(items.stdout)) == 10
        assert "locked by another program" in warnings(items)[0]
        assert_one_line_refusal(cli(home, "bookmarks", "list"), "bookmarks are not available")
    assert len(json.loads(cli(home, "bookmarks", "list", "--json").stdout)) == 2


def test_restore_mistakes_are_one_line(home: Path) -> None:
    assert_one_line_refusal(cli(home, "bookmarks", "restore", "user-nonesuch.sqlite3"), "no backup named")


@pytest.mark.parametrize("fault", ["truncated", "newer version"])
def test_truncated_or_newer_database_the_cli_keeps_it_aside_and_goes_on(home: Path, fault: str) -> None:
    import sqlite3

    path = paths.user_db_path()
    if fault == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2 + 100])
    else:
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '0077_later'")
        conn.close()
        checkpoint(path)
    before = digest(path)
    result = cli(home, "bookmarks", "add", "member:ind")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    reason = "damaged" if fault == "truncated" else "newer-version"
    (kept,) = home.glob(f"user.{reason}-*.sqlite3")
    assert digest(kept) == before
    (warning,) = warnings(result)
    assert kept.name in warning and ("restore" in warning or "rename the kept file back" in warning)
