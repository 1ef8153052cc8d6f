"""A sync cut off at any point resumes without loss or duplicates: the server stopped mid-sync, a client killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from briefing_app.persistence.team_server import TeamServerError
from tests.conftest import ROOT


def _server_rows(team_db) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    return team_db.cluster.admin_sql("SELECT change_id, count(*) FROM briefing_team.changes GROUP BY 1",
                                     team_db.dbname)


def test_server_stopped_between_push_and_pull(clients, team_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    alice, bob = clients["alice"], clients["bob"]
    bob.add("member:ind", "bob's")
    bob.team.sync()
    for n in range(3):
        alice.add(f"member:x{n}", f"note {n}")
    real_pull = type(alice.team).pull

    def pull_after_the_server_died(self, server):  # type: ignore[no-untyped-def]
        team_db.cluster.stop("immediate")
        return real_pull(self, server)

    monkeypatch.setattr(type(alice.team), "pull", pull_after_the_server_died)
    try:
        with pytest.raises(TeamServerError):
            alice.team.sync()
        status = alice.team.status()
        assert status.error and status.line().startswith("Team: offline")
        alice.add("member:y", "made while offline")
        assert alice.team.status().line() == "Team: offline, 1 change waiting"
    finally:
        monkeypatch.setattr(type(alice.team), "pull", real_pull)
        team_db.cluster.start()
    alice.team.sync()
    bob.team.sync()
    assert sorted(alice.notes()) == sorted(bob.notes()) == sorted(
        ["member:ind", "member:x0", "member:x1", "member:x2", "member:y"])
    assert all(count == 1 for _id, count in _server_rows(team_db))
    assert alice.team.status().line().startswith("Team: synced ")


def test_server_stopped_before_the_outbox_is_cleared(clients, team_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The push committed on the server but the client never heard: the next push repeats it, harmlessly."""
    alice = clients["alice"]
    for n in range(3):
        alice.add(f"member:x{n}", f"note {n}")
    store = alice.team.store
    real_drop = type(store).drop_sent

    def lost_reply(self, up_to):  # type: ignore[no-untyped-def]
        raise TeamServerError("connection lost")

    monkeypatch.setattr(type(store), "drop_sent", lost_reply)
    with pytest.raises(TeamServerError):
        alice.team.sync()
    monkeypatch.setattr(type(store), "drop_sent", real_drop)
    assert alice.team.status().waiting == 3
    alice.team.sync()
    assert len(_server_rows(team_db)) == 3 and all(count == 1 for _id, count in _server_rows(team_db))
    assert len(alice.team.marks()) == 3


def test_a_client_killed_in_the_middle_of_a_push_resumes_without_duplicates(clients, team_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    alice, bob = clients["alice"], clients["bob"]
    total = 300
    for n in range(total):
        alice.add(f"member:k{n}", f"note {n}")
    assert alice.team.status().waiting == total
    alice.close()
    script = tmp_path / "push.py"
    script.write_text(textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from briefing_app.persistence.bookmark_repository import BookmarkRepository
        from briefing_app.persistence import team_server
        from briefing_app.services import team_sync
        team_sync.PUSH_BATCH = 10
        real_push = team_server.TeamServer.push
        def slow_push(self, changes):
            real_push(self, changes)
            time.sleep(0.02)
        team_server.TeamServer.push = slow_push
        repo = BookmarkRepository(__import__('pathlib').Path({str(alice.db_path)!r}))
        team_sync.TeamSync(repo.engine).sync()
    """))
    proc = subprocess.Popen([sys.executable, str(script)], env={**os.environ})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        pushed = len(_server_rows(team_db))
        if pushed >= 50:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    pushed = len(_server_rows(team_db))
    assert 0 < pushed < total, pushed  # it really was cut in the middle
    from tests.team.conftest import Client

    again = Client(alice.db_path.parent, team_db.url("alice"))
    try:
        assert 0 < again.team.status().waiting <= total - pushed + 10
        again.team.sync()
        rows = _server_rows(team_db)
        assert len(rows) == total and all(count == 1 for _id, count in rows)
        bob.team.sync()
        assert len(bob.team.marks()) == total
    finally:
        again.close()
