"""What the SIGKILL-in-a-burst tests share: run a writer, kill it mid-burst, read back what it had acknowledged.

A writer script prints ``"<round> <key>"`` after each service call returned (after the commit) and keeps writing;
the test kills it outright after a number of acknowledgements, then checks the user database against them.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def acknowledged_before_sigkill(home: Path, writer: str, kill_after: int) -> list[tuple[int, str]]:
    """Run ``writer`` with ``home`` as its user data folder, SIGKILL it after ``kill_after`` acknowledgements and
    return every (round, key) it acknowledged, those still in the pipe included (their commits had returned)."""
    env = {**os.environ, "BRIEFING_HOME": str(home)}
    child = subprocess.Popen(
        [sys.executable, "-c", writer], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT,
        text=True, encoding="utf-8",
    )
    acknowledged: list[tuple[int, str]] = []
    try:
        assert child.stdout is not None
        while len(acknowledged) < kill_after:
            line = child.stdout.readline()
            assert line, f"the writer stopped early: {child.stderr.read() if child.stderr else ''}"
            round_, key = line.split()
            acknowledged.append((int(round_), key))
        # When the writer is killed while it keeps writing
        os.kill(child.pid, signal.SIGKILL)
        rest, _ = child.communicate(timeout=30)
        acknowledged += [(int(r), k) for r, k in (line.split() for line in rest.splitlines() if line.count(" ") == 1)]
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    return acknowledged


def stored_notes_and_tags(database: Path, notes_sql: str, tags_sql: str) -> tuple[dict[str, str], dict[str, set[str]]]:
    """The database passes the integrity and foreign key checks; its (key -> note) and (key -> tags) as stored."""
    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = {key: note for key, note in conn.execute(notes_sql)}
        tags: dict[str, set[str]] = {}
        for key, tag in conn.execute(tags_sql):
            tags.setdefault(key, set()).add(tag)
    return stored, tags


def kept_at_latest_round(acknowledged: list[tuple[int, str]], stored: dict[str, str], what: str) -> dict[str, int]:
    """Check that every acknowledged key is stored, with a note (``"note <round> ..."``) of its latest acknowledged
    round or a later one; return the keys stored at exactly that round, with the round (their whole state is the
    caller's to check)."""
    latest: dict[str, int] = {}
    for round_, key in acknowledged:
        latest[key] = round_
    exact: dict[str, int] = {}
    for key, round_ in latest.items():
        assert key in stored, f"acknowledged {what} {key} was lost"
        note_round = int(stored[key].split()[1])
        assert note_round >= round_, f"{key}: note of round {note_round}, round {round_} was acknowledged"
        if note_round == round_:
            exact[key] = round_
    return exact


def survivors_of_sigkill(
    home: Path, writer: str, kill_after: int, what: str, notes_sql: str, tags_sql: str
) -> tuple[dict[str, str], dict[str, set[str]], dict[str, int]]:
    """Kill ``writer`` mid-burst, check the user database is whole and kept every acknowledged ``what``; return
    the stored notes and tags, and the keys stored at exactly their latest acknowledged round (with the round)."""
    acknowledged = acknowledged_before_sigkill(home, writer, kill_after)
    stored, tags = stored_notes_and_tags(home / "user.sqlite3", notes_sql, tags_sql)
    return stored, tags, kept_at_latest_round(acknowledged, stored, what)
