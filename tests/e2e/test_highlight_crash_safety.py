"""A highlight whose write has returned survives the process being killed (SIGKILL) in the middle of a burst."""

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

# Highlights the first words of every paragraph, then keeps re-noting them, printing each highlight's id and round
# only after the service call returned (after the commit). The parent kills it while it is writing.
WRITER = textwrap.dedent(
    """
    import sys
    from briefing_app.services.app import open_services

    services = open_services()
    hl = services.highlights
    targets = [(p.id, " ".join(hl.text_of(p.id).split()[:3])) for p in services.briefing.items("paragraph")]
    made = []
    for n, (item_id, quote) in enumerate(targets):
        h = hl.add(item_id, quote, note=f"note 1 of {item_id} <b>x</b> — заметка", colour="green", tags=[f"t{n % 5}"])
        made.append(h.highlight_id)
        sys.stdout.write(f"1 {h.highlight_id}\\n")
        sys.stdout.flush()
    round_ = 1
    while True:
        round_ += 1
        for hid in made:
            hl.update(hid, note=f"note {round_} of {hid} <b>x</b> — заметка", tags=[f"r{round_}"])
            sys.stdout.write(f"{round_} {hid}\\n")
            sys.stdout.flush()
    """
)


@pytest.mark.parametrize("kill_after", [5, 80, 300])
def test_acknowledged_highlights_survive_sigkill_mid_burst(home_with_content: Path, kill_after: int) -> None:
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
            round_, hid = line.split()
            acknowledged.append((int(round_), hid))
        # When the writer is killed while it keeps writing
        os.kill(child.pid, signal.SIGKILL)
        rest, _ = child.communicate(timeout=30)
        acknowledged += [(int(r), h) for r, h in (line.split() for line in rest.splitlines() if line.count(" ") == 1)]
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL

    # Then the database is whole and holds at least the latest acknowledged state of every highlight
    with sqlite3.connect(home_with_content / "user.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = {hid: note for hid, note in conn.execute("SELECT highlight_id, note FROM highlights")}
        tags: dict[str, set[str]] = {}
        for hid, tag in conn.execute(
            "SELECT h.highlight_id, t.tag FROM highlight_tags t JOIN highlights h ON h.row_id = t.highlight_row"
        ):
            tags.setdefault(hid, set()).add(tag)
    latest: dict[str, int] = {}
    for round_, hid in acknowledged:
        latest[hid] = round_
    for hid, round_ in latest.items():
        assert hid in stored, f"acknowledged highlight {hid} was lost"
        note_round = int(stored[hid].split()[1])
        assert note_round >= round_, f"{hid}: note of round {note_round}, round {round_} was acknowledged"
        if note_round == round_ and round_ > 1:
            assert stored[hid] == f"note {round_} of {hid} <b>x</b> — заметка"  # markup kept as text
            assert tags[hid] == {f"r{round_}"}
