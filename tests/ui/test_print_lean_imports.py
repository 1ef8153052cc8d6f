"""Printing a section from the command line opens only the content: no user database, no bookmark services,
no migrations (alembic); those load only when bookmarks or an item (with its highlights) are printed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("alembic", "briefing_app.services.bookmarks", "briefing_app.persistence.bookmark_repository",
         "briefing_app.services.userdata", "briefing_app.persistence.user_schema")

PROBE = """
import json, sys
from briefing_app import cli
status = cli.main(sys.argv[1:])
print(json.dumps({"status": status, "loaded": [m for m in HEAVY if m in sys.modules]}))
""".replace("HEAVY", repr(HEAVY))


def run_print(home: Path, *args: str) -> dict[str, object]:
    env = {**os.environ, "BRIEFING_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", PROBE, "print", *args], capture_output=True, text=True, env=env,
                          check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("section", ["book", "members"])
def test_printing_a_section_opens_no_user_database(home_with_content: Path, tmp_path: Path, section: str) -> None:
    out = tmp_path / f"{section}.pdf"
    result = run_print(home_with_content, "--section", section, "--out", str(out))
    assert result == {"status": 0, "loaded": []}
    assert out.read_bytes().startswith(b"%PDF")
    assert not (home_with_content / "user.sqlite3").exists()


def test_printing_bookmarks_still_opens_the_user_database(home_with_content: Path, tmp_path: Path) -> None:
    env = {**os.environ, "BRIEFING_HOME": str(home_with_content)}
    star = subprocess.run([sys.executable, "-m", "briefing_app", "bookmarks", "add", "member:kaz"], capture_output=True,
                          text=True, env=env, check=False, timeout=120)
    assert star.returncode == 0, star.stderr
    out = tmp_path / "bookmarks.pdf"
    result = run_print(home_with_content, "--bookmarks", "--out", str(out))
    assert result["status"] == 0 and "briefing_app.services.bookmarks" in result["loaded"]  # type: ignore[operator]
    assert out.read_bytes().startswith(b"%PDF")
