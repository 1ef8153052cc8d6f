"""A process killed outright (SIGKILL) while it writes notes and tags loses nothing it acknowledged.

A writer process edits bookmarks through the bookmark service as fast as it can: new bookmarks, long notes in
several scripts, tag sets, both at once. It prints a line before each call and another once the call returned
(the moment the window would say "Saved"). The test kills it at a random moment, several times over the same
database, and after each kill checks that the database is intact and that every bookmark holds exactly its last
acknowledged state, or the state of the one call that was in flight.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from briefing_app import paths
from briefing_app.services.userdata import open_user_data
from tests.conftest import ROOT

WRITER = r"""
import json, sys
from briefing_app.services.app import open_services

services = open_services()
bookmarks = services.bookmarks
ids = json.loads(sys.argv[1])
start = int(sys.argv[2])
SCRIPTS = ["Астана саммит ", "上海合作组织 ", "منظمة شنغهاي ", "शंघाई सहयोग ", "<b>markup</b> & ", "line\n"]

def state(i):
    item_id = ids[i % len(ids)]
    note = f"note {i}: " + SCRIPTS[i % len(SCRIPTS)] * (1 + (i * 37) % 400)
    tags = sorted({f"t{i % 5}", "ок", SCRIPTS[i % len(SCRIPTS)].strip()[:20] or "x"}, key=str.casefold)
    return item_id, note, tags

i = start
while True:
    item_id, note, tags = state(i)
    op = ("annotate", "note", "tags")[i % 3]
    print(json.dumps({"begin": i, "item": item_id, "op": op}), flush=True)
    if op == "annotate":
        bookmarks.annotate(item_id, note, tags)
    elif op == "note":
        if not bookmarks.is_bookmarked(item_id):
            bookmarks.add(item_id)
        bookmarks.set_note(item_id, note)
    else:
        if not bookmarks.is_bookmarked(item_id):
            bookmarks.add(item_id)
        bookmarks.set_tags(item_id, tags)
    print(json.dumps({"ack": i}), flush=True)
    i += 1
"""


def expected_state(i: int, ids: list[str]) -> tuple[str, str, list[str]]:
    scripts = ["Астана саммит ", "上海合作组织 ", "منظمة شنغهاي ", "शंघाई सहयोग ", "<b>markup</b> & ", "line\n"]
    item_id = ids[i % len(ids)]
    note = f"note {i}: " + scripts[i % len(scripts)] * (1 + (i * 37) % 400)
    tags = sorted({f"t{i % 5}", "ок", scripts[i % len(scripts)].strip()[:20] or "x"}, key=str.casefold)
    return item_id, note, tags


def run_until_killed(home: Path, ids: list[str], start: int, rng: random.Random) -> tuple[list[dict], int]:
    """Start the writer at operation ``start``; SIGKILL it at a random moment; return its lines and how many acks."""
    env = {**os.environ, "BRIEFING_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    writer = subprocess.Popen([sys.executable, "-c", WRITER, json.dumps(ids), str(start)], env=env, cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert writer.stdout is not None and writer.stderr is not None
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.extend(iter(writer.stdout.readline, "")), daemon=True)
    reader.start()
    started = time.monotonic()
    while not received:
        assert time.monotonic() - started < 60 and writer.poll() is None, writer.stderr.read()
        time.sleep(0.01)
    time.sleep(rng.uniform(0.3, 1.5))
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
    reader.join(timeout=10)
    writer.stdout.close()
    writer.stderr.close()
    lines: list[dict] = []
    lines += [json.loads(line) for line in received if line.strip().endswith("}")]
    return lines, sum("ack" in line for line in lines)


def test_sigkill_during_note_and_tag_writes_loses_no_acknowledged_write(home_with_content: Path) -> None:
    ids = ["member:kaz", "member:chn", "member:ind", "member:irn", "corridor:trans-caspian", "node:aktau"]
    rng = random.Random(20240704)
    acknowledged: dict[str, tuple[str, list[str]]] = {}  # item -> (note, tags) as last acknowledged
    next_op = 0
    total_acks = 0
    for _round in range(6):
        lines, acks = run_until_killed(home_with_content, ids, next_op, rng)
        total_acks += acks
        in_flight = None
        notes = {item_id: state[0] for item_id, state in acknowledged.items()}
        tags = {item_id: state[1] for item_id, state in acknowledged.items()}
        for line in lines:
            if "begin" in line:
                in_flight = line
            elif "ack" in line:
                i = line["ack"]
                item_id, note, tag_set = expected_state(i, ids)
                if line_op(i) in ("annotate", "note"):
                    notes[item_id] = note
                if line_op(i) in ("annotate", "tags"):
                    tags[item_id] = tag_set
                in_flight = None
        # After the kill: the database is intact and opens without any warning
        repo, status = open_user_data()
        assert status.warnings == [] and repo.integrity() == "ok"
        found = {b.item_id: b for b in repo.list()}
        repo.close()
        maybe = expected_state(in_flight["begin"], ids) if in_flight else None
        for item_id in set(notes) | set(tags):
            bookmark = found.get(item_id)
            assert bookmark is not None, f"acknowledged bookmark {item_id} is gone"
            in_flight_here = maybe is not None and maybe[0] == item_id
            allowed_notes = {notes.get(item_id, bookmark.note)} | ({maybe[1]} if in_flight_here else set())
            allowed_tags = {tuple(tags.get(item_id, bookmark.tags))} | ({tuple(maybe[2])} if in_flight_here else set())
            assert bookmark.note in allowed_notes, f"{item_id}: note lost (round {_round})"
            assert tuple(bookmark.tags) in allowed_tags, f"{item_id}: tags lost (round {_round})"
            acknowledged[item_id] = (bookmark.note, list(bookmark.tags))
        next_op = (in_flight["begin"] + 1) if in_flight else (max(line.get("ack", -1) for line in lines) + 1)
    print(f"{total_acks} acknowledged writes over 6 kills")
    assert total_acks >= 30, f"only {total_acks} writes were acknowledged: the kill came too early to prove much"
    assert paths.user_db_path().exists()


def line_op(i: int) -> str:
    return ("annotate", "note", "tags")[i % 3]
