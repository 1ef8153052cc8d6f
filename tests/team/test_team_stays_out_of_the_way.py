"""Without a team nothing changes: neither psycopg nor the team code is imported by the usual paths."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PROBE = """
import sys
from briefing_app import cli
args = cli.build_parser().parse_args(["bookmarks", "list"])
cli.run(args)
from briefing_app.services.app import open_services
services = open_services()
services.bookmarks.list()
services.close()
loaded = sorted(m for m in sys.modules if m.startswith(("psycopg", "briefing_app.services.team_sync",
                                                        "briefing_app.persistence.team_")))
print("LOADED", loaded)
"""


def test_the_single_laptop_path_loads_no_team_code(home_with_content: Path) -> None:
    env = {**os.environ, "BRIEFING_HOME": str(home_with_content), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout, result.stdout
