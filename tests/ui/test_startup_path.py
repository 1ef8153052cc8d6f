"""What the window does before its first paint: only what the first tab needs.

These tests check what is imported and done, never how long it takes (timings live in benchmarks/).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Run the real entry point, then report which heavy libraries the process had loaded when it quit.
PROBE = """
import json, sys
from briefing_app.__main__ import main
code = main(["--exit-after-paint"] + sys.argv[1:])
heavy = ("sqlalchemy", "alembic", "pydantic", "pyqtgraph", "yaml", "numpy", "PySide6.QtPrintSupport")
print(json.dumps({"code": code, "loaded": [name for name in heavy if name in sys.modules]}))
"""


def run_probe(home: Path, *args: str) -> dict:  # type: ignore[type-arg]
    env = {**os.environ, "BRIEFING_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", PROBE, *args], env=env, cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_first_paint_with_current_content_loads_no_orm_migration_chart_or_print_library(
    home_with_content: Path,
) -> None:
    # Given a content database built from the current pack and a user database already migrated
    run_probe(home_with_content)
    # When the window starts again and quits right after its first paint
    report = run_probe(home_with_content)
    # Then it quit cleanly having painted the Overview without SQLAlchemy, Alembic, pydantic, pyqtgraph, YAML,
    # numpy or Qt's print support: the services open after the first paint
    assert report["code"] == 0
    assert report["loaded"] == []


def test_first_paint_through_the_full_path_when_the_pack_changed(home_with_content: Path) -> None:
    # Given a content database whose recorded pack signature no longer matches the pack (the pack was touched)
    run_probe(home_with_content)
    conn = sqlite3.connect(home_with_content / "content.sqlite3")
    with conn:
        conn.execute("UPDATE meta SET value = 'stale' WHERE key = 'pack_stat'")
    conn.close()
    # When the window starts and quits right after its first paint
    report = run_probe(home_with_content)
    # Then it took the full way (the ORM checked the content before painting), and still quit cleanly
    assert report["code"] == 0
    assert "sqlalchemy" in report["loaded"]


# ``make test-fast`` starts on the corridors tab (the heaviest first paint); ``make test`` starts on every tab
@pytest.mark.parametrize("tab", [
    pytest.param(tab, marks=() if tab == "corridors" else pytest.mark.e2e)
    for tab in ("members", "achievements", "priorities", "corridors", "bookmarks", "source")
])
def test_first_paint_on_any_tab_quits_cleanly(home_with_content: Path, tab: str) -> None:
    report = run_probe(home_with_content, "--tab", tab)
    assert report["code"] == 0


def test_the_cheaper_pyside_source_check_answers_as_pyside_does() -> None:
    # Given every module loaded by a session that opened the window and imported the chart library
    import pyqtgraph  # noqa: F401

    from briefing_app.ui.pyside_imports import source_mentions_pyside

    feature = sys.modules["shibokensupport.feature"]
    installed = feature._mod_uses_pyside
    assert getattr(installed, "_briefing_fast", False)
    original = installed.original
    modules = [m for m in list(sys.modules.values()) if isinstance(getattr(m, "__file__", None), str)]
    assert len(modules) > 300
    # Then the byte search gives PySide's own answer for each of them, users of PySide6 and others alike
    answers = {m.__name__: source_mentions_pyside(m) for m in modules}
    assert answers == {m.__name__: original(m) for m in modules}
    assert answers["pyqtgraph.Qt"] and not answers["json"]


def test_exit_after_paint_says_when_it_painted_on_the_shared_monotonic_clock(home_with_content: Path) -> None:
    import time

    env = {**os.environ, "BRIEFING_HOME": str(home_with_content), "QT_QPA_PLATFORM": "offscreen"}
    before = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "briefing_app", "--exit-after-paint"], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    after = time.monotonic()
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("first paint: monotonic ")]
    assert len(lines) == 1
    assert before < float(lines[0].rsplit(" ", 1)[1]) < after  # the start-up benchmark subtracts its spawn time
