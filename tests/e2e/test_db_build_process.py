"""``db build`` as a process (issue 22): it imports neither Qt nor SQLAlchemy nor Alembic, and once the database
is written and every file closed it leaves without tearing the interpreter down (``os._exit`` with its status,
its output flushed); a failed build exits as before, with its one line and status 2."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.conftest import REAL_PACK

HEAVY = ("sqlalchemy", "alembic", "PySide6", "pyqtgraph")

#: Runs the entry point; os._exit reports the modules loaded when it is called, then exits as asked.
PROBE = """
import json, os, sys
real_exit, parent = os._exit, os.getpid()
def reporting_exit(status):
    if os.getpid() != parent:  # a forked worker leaving
        real_exit(status)
    sys.stderr.write("\\nPROBE " + json.dumps({"status": status, "loaded": sorted({m.split(".")[0] for m in sys.modules
                     if m.split(".")[0] in HEAVY})}) + "\\n")
    sys.stderr.flush()
    real_exit(status)
os._exit = reporting_exit
from briefing_app.__main__ import main
sys.exit(main(sys.argv[1:]))
""".replace("HEAVY", repr(HEAVY))


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRIEFING_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env,
                          check=False, timeout=120)


def test_db_build_imports_no_qt_or_orm_and_exits_at_once_when_written(tmp_path: Path) -> None:
    done = _run(tmp_path, "db", "build", "--pack", str(REAL_PACK), "--json")
    assert done.returncode == 0, done.stderr
    probe = json.loads(done.stderr.rsplit("PROBE ", 1)[1])
    assert probe == {"status": 0, "loaded": []}
    assert json.loads(done.stdout)["built"] is True  # flushed before the process left
    with sqlite3.connect(tmp_path / "content.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == json.loads(done.stdout)["total"]
    assert not list(tmp_path.glob(".content-*"))  # no temporary file left


def test_a_failed_db_build_exits_as_before(tmp_path: Path) -> None:
    done = _run(tmp_path, "db", "build", "--pack", str(tmp_path / "no-such-pack"))
    assert done.returncode == 2
    assert "PROBE" not in done.stderr  # the ordinary exit
    assert done.stderr.startswith("briefing-app: error: ") and done.stderr.count("\n") == 1
    assert not (tmp_path / "content.sqlite3").exists()
