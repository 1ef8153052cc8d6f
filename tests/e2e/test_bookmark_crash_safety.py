"""A bookmark whose write has returned survives the process being killed (SIGKILL) in the middle of a burst."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

# Bookmarks every item of the briefing, again and again under new notes, printing each id only after the
# service call returned (that is: after the commit). The parent kills it while it is writing.
WRITER = textwrap.dedent(
    """
    import sys
    from briefing_app.services.app import open_services

    services = open_services()
    ids = [item.id for item in services.briefing.items()]
    round_ = 0
    while True:
        round_ += 1
        for n, item_id in enumerate(ids):
            note = f"note {round_} of {item_id} — заметка"
            if round_ == 1:
                services.bookmarks.add(item_id, note=note, tags=["burst", f"t{n % 7}"])
            else:
                services.bookmarks.annotate(item_id, note, ["burst", f"r{round_}"])
            sys.stdout.write(f"{round_} {item_id}\\n")
            sys.stdout.flush()
    """
)


def _expected_tags(round_: int, item_id: str, ids: list[str]) -> tuple[str, ...]:
    if round_ == 1:
        return tuple(sorted(["burst", f"t{ids.index(item_id) % 7}"], key=str.casefold))
    return ("burst", f"r{round_}")


@pytest.mark.parametrize("kill_after", [7, 60, 260])
def test_acknowledged_bookmarks_survive_sigkill_mid_burst(home_with_content: Path, kill_after: int) -> None:
    env = {**os.environ, "BRIEFING_HOME": str(home_with_content)}
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT,
        text=True, encoding="utf-8",
    )
    acknowledged: list[tuple[int, str]] = []
    try:
        assert child.stdout is not None
        while len(acknowledged) < kill_after:
            line = child.stdout.readline()
            assert line, f"the writer stopped early: {child.stderr.read() if child.stderr else ''}"
            round_, item_id = line.split()
            acknowledged.append((int(round_), item_id))
        # When the writer is killed while it keeps writing
        os.kill(child.pid, signal.SIGKILL)
        rest, _ = child.communicate(timeout=30)
        # lines already written to the pipe were acknowledged too: their commits had returned
        acknowledged += [(int(r), i) for r, i in (line.split() for line in rest.splitlines() if line.count(" ") == 1)]
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL

    # Then the database passes the integrity check and holds the latest acknowledged state of every bookmark
    database = home_with_content / "user.sqlite3"
    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        ids = [row[0] for row in sqlite3.connect(home_with_content / "content.sqlite3").execute(
            "SELECT id FROM items ORDER BY kind, position")]
        stored = {item_id: note for item_id, note in conn.execute("SELECT item_id, note FROM bookmarks")}
        tags: dict[str, set[str]] = {}
        for item_id, tag in conn.execute(
            "SELECT b.item_id, t.tag FROM bookmark_tags t JOIN bookmarks b ON b.row_id = t.bookmark_row"
        ):
            tags.setdefault(item_id, set()).add(tag)
    latest: dict[str, int] = {}
    for round_, item_id in acknowledged:
        latest[item_id] = round_
    for item_id, round_ in latest.items():
        assert item_id in stored, f"acknowledged bookmark {item_id} was lost"
        note_round = int(stored[item_id].split()[1])
        assert note_round >= round_, f"{item_id}: note of round {note_round}, round {round_} was acknowledged"
        if note_round == round_:
            assert stored[item_id] == f"note {round_} of {item_id} — заметка"
            assert tags[item_id] == set(_expected_tags(round_, item_id, ids))
