"""The team commands as two analysts type them: two data folders, a real server, passwords from ~/.pgpass."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.team.conftest import TeamDb


def _cli(home: Path, pgpass: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRIEFING_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "PGPASSFILE": str(pgpass)}
    return subprocess.run([sys.executable, "-m", "briefing_app", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120, stdin=subprocess.DEVNULL)


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.e2e  # 22 commands, each a new process: make test runs it, make test-fast leaves it out
def test_two_analysts_share_through_the_command_line(team_db: TeamDb, built_content: Path, tmp_path: Path) -> None:
    pgpass = tmp_path / "pgpass"
    roles = [*team_db.members.values(), team_db.outsider]
    pgpass.write_text("".join(f"*:*:*:{r}:pw-{r}\n" for r in roles) + f"*:*:*:postgres:{'admin-secret'}\n")
    pgpass.chmod(0o600)
    homes = {}
    for who in ("alice", "bob", "mallory"):
        homes[who] = tmp_path / who
        homes[who].mkdir()
        shutil.copy(built_content, homes[who] / "content.sqlite3")
    alice_role, bob_role = team_db.members["alice"], team_db.members["bob"]
    admin = team_db.cluster.url(password=None, dbname=team_db.dbname)
    out = _ok(_cli(homes["alice"], pgpass, "team", "setup", admin, "--member", alice_role, "--member", bob_role,
                   "--team-role", team_db.team_role))
    assert "Team set up" in out
    # without a team, sharing says so and changes nothing
    _ok(_cli(homes["alice"], pgpass, "bookmarks", "add", "member:chn", "--note", "Chair next year"))
    refused = _cli(homes["alice"], pgpass, "bookmarks", "share", "member:chn")
    assert refused.returncode == 2 and "no team is configured" in refused.stderr
    status = json.loads(_ok(_cli(homes["alice"], pgpass, "team", "connect", team_db.url("alice", password=False),
                                 "--json")))
    assert status["me"] == alice_role and status["error"] == ""
    _ok(_cli(homes["alice"], pgpass, "bookmarks", "add", "member:ind", "--note", "private"))
    _ok(_cli(homes["alice"], pgpass, "bookmarks", "share", "member:chn"))
    assert "1 change waiting" in _ok(_cli(homes["alice"], pgpass, "team", "status"))
    assert _ok(_cli(homes["alice"], pgpass, "team", "sync")).startswith("Team: synced ")
    _ok(_cli(homes["bob"], pgpass, "team", "connect", team_db.url("bob", password=False)))
    marks = json.loads(_ok(_cli(homes["bob"], pgpass, "team", "marks", "--json")))
    assert [(m["item_id"], m["note"], m["by"]) for m in marks] == [("member:chn", "Chair next year", alice_role)]
    # the password never lands in the user's files
    for home in homes.values():
        for path in home.rglob("*"):
            if path.is_file():
                assert b"pw-" not in path.read_bytes(), path
    # a role outside the team is refused, in one clear line
    denied = _cli(homes["mallory"], pgpass, "team", "connect", team_db.url(team_db.outsider, password=False))
    assert denied.returncode == 2 and "not a member" in denied.stderr, denied.stderr
    # offline: the server is down, the change waits, the status says so
    team_db.cluster.stop()
    try:
        _ok(_cli(homes["alice"], pgpass, "bookmarks", "add", "member:rus", "--note", "on the plane"))
        _ok(_cli(homes["alice"], pgpass, "bookmarks", "share", "member:rus"))
        assert _cli(homes["alice"], pgpass, "team", "sync").returncode == 2
        assert "Team: offline, 1 change waiting" in _ok(_cli(homes["alice"], pgpass, "team", "status"))
    finally:
        team_db.cluster.start()
    _ok(_cli(homes["alice"], pgpass, "team", "sync"))
    _ok(_cli(homes["bob"], pgpass, "team", "sync"))
    marks = json.loads(_ok(_cli(homes["bob"], pgpass, "team", "marks", "--json")))
    assert sorted(m["item_id"] for m in marks) == ["member:chn", "member:rus"]
    _ok(_cli(homes["alice"], pgpass, "team", "disconnect"))
    assert "No team configured" in _ok(_cli(homes["alice"], pgpass, "team", "status"))
