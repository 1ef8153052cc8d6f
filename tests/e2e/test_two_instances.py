"""Two at once: a second window launch goes to the first window; the command line and the window write together.

Real processes throughout: the window runs offscreen in its own process, later launches and CLI commands are
separate processes on the same BRIEFING_HOME, as when a user double-clicks the icon twice or scripts the CLI
with the window open.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT


def env_for(home: Path) -> dict[str, str]:
    return {**os.environ, "BRIEFING_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}


def launch(home: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "briefing_app", *args], env=env_for(home), cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run(home: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefing_app", *args], env=env_for(home), cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def wait_for_log(home: Path, fragment: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    log = home / "briefing-app.log"
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8") if log.exists() else ""
        if fragment in text:
            return text
        time.sleep(0.1)
    raise AssertionError(f"{fragment!r} never appeared in the log:\n{text}")


def wait_for_window(home: Path, timeout: float = 60) -> None:
    """Until a launched window holds this folder (its lock file is written before its window is built)."""
    deadline = time.monotonic() + timeout
    while not (home / "window.lock").exists():
        assert time.monotonic() < deadline, "the window never started"
        time.sleep(0.05)


def stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None:
            stream.close()


def test_second_launch_brings_the_first_window_forward_and_exits_0(home_with_content: Path) -> None:
    # Given a window open on this user data folder
    first = launch(home_with_content)
    try:
        wait_for_window(home_with_content)
        # When the app is launched again, asking for an item
        started = time.monotonic()
        second = run(home_with_content, "--open", "member:chn", timeout=60)
        took = time.monotonic() - started
        # Then the second launch exits 0, quickly, without opening a window of its own
        assert second.returncode == 0, second.stderr
        assert "Traceback" not in second.stderr
        # And the first window was brought to the front with the item asked for, and is still running
        text = wait_for_log(home_with_content, "window brought to the front for a later launch")
        assert "arguments ['--open', 'member:chn']" in text
        assert text.count("a later launch asked for the window") == 1
        assert first.poll() is None
        print(f"second launch handed over and exited in {took:.2f} s")
    finally:
        stop(first)


def test_a_window_killed_outright_does_not_block_the_next_launch(home_with_content: Path) -> None:
    # Given a window that was killed (no chance to release its lock)
    first = launch(home_with_content)
    wait_for_window(home_with_content)
    time.sleep(1.0)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    stop(first)
    assert (home_with_content / "window.lock").exists()  # the stale lock is still there
    # When the app is started again
    result = run(home_with_content, "--exit-after-paint", timeout=90)
    # Then it becomes the window itself (the dead process's lock is recognised as stale) and paints
    assert result.returncode == 0, result.stderr
    assert "does not answer" not in result.stderr


WINDOW_WRITER = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from briefing_app import cli, paths
from briefing_app.ui.app import connect_instance, open_window
from briefing_app.ui.single_instance import SingleInstance

app = QApplication(sys.argv[:1])
instance = SingleInstance(paths.user_home())
assert instance.acquire()
running = open_window(cli.build_parser().parse_args(["--exit-after-paint"]))
connect_instance(instance, running)
service = running.services.bookmarks
ids, done_flag = json.loads(sys.argv[1]), Path(sys.argv[2])
resets, notes, rounds = [], {}, [0]
service.subscribe(lambda change: resets.append(change.action) if change.action == "reset" else None)

def step():
    # Writes never stop until the command line is done: new bookmarks first, then notes rewritten in turn.
    if ids:
        item_id = ids.pop(0)
        notes[item_id] = f"window note {item_id} — ноут"
        service.add(item_id, note=notes[item_id], tags=["window"])
        service.set_tags(item_id, ["window", "edited"])
        print("wrote", item_id, flush=True)
    elif not done_flag.exists():
        rounds[0] += 1
        item_id = list(notes)[rounds[0] % len(notes)]
        notes[item_id] = f"window note {item_id} — ноут, round {rounds[0]}"
        service.set_note(item_id, notes[item_id])
    else:
        timer.stop()
        QTimer.singleShot(500, finish)

def finish():
    seen = [b.item_id for b in service.list()]
    print(json.dumps({"notes": notes, "seen": seen, "resets": len(resets), "rounds": rounds[0]}), flush=True)
    running.close()
    instance.release()
    app.quit()

timer = QTimer()
timer.timeout.connect(step)
timer.start(60)
app.exec()
"""


def test_command_line_and_window_write_together_and_lose_nothing(home_with_content: Path) -> None:
    # Given the briefing's items, shared out between the window and the command line
    items = json.loads(run(home_with_content, "items", "--json").stdout)
    ids = [i["id"] for i in items if i["kind"] != "paragraph"][:60]
    window_ids, cli_ids = ids[0::4] + ids[1::4] + ids[2::4], ids[3::4]
    # When a window process writes bookmarks (with notes and tags) while CLI processes add theirs
    done = home_with_content / "cli-done"
    window = subprocess.Popen([sys.executable, "-c", WINDOW_WRITER, json.dumps(window_ids), str(done)],
                              env=env_for(home_with_content), cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        assert window.stdout is not None
        assert window.stdout.readline().startswith("wrote"), window.stderr.read() if window.stderr else ""
        for item_id in cli_ids:
            result = run(home_with_content, "bookmarks", "add", item_id, "--note", f"cli note {item_id}",
                         "--tag", "cli")
            assert result.returncode == 0, result.stderr
        done.touch()
        lines = [line for line in window.stdout.read().splitlines() if line.startswith("{")]
        window.wait(timeout=60)
    finally:
        stop(window)
    report = json.loads(lines[-1])
    # Then every write of both sides is in the database, with its note and tags
    final = {b["item_id"]: b for b in json.loads(run(home_with_content, "bookmarks", "list", "--json").stdout)}
    assert set(report["notes"]) == set(window_ids) and report["rounds"] > 20  # the window kept writing throughout
    assert set(final) == set(window_ids) | set(cli_ids)
    for item_id in window_ids:
        assert final[item_id]["note"] == report["notes"][item_id]
        assert final[item_id]["tags"] == ["edited", "window"]
    for item_id in cli_ids:
        assert final[item_id]["note"] == f"cli note {item_id}" and final[item_id]["tags"] == ["cli"]
    # And the open window noticed the command line's bookmarks without being restarted
    assert set(report["seen"]) == set(final)
    assert report["resets"] == len(cli_ids)  # each CLI change told the window once; its own changes never reset it


def test_handing_over_to_the_window_uses_no_network(home_with_content: Path, tmp_path: Path) -> None:
    from tests.unit.test_no_network import run_offline

    # Given a window open on this folder
    first = launch(home_with_content)
    try:
        wait_for_window(home_with_content)
        # When a second launch hands over, and the command line tells the window of a change, both under the guard
        second = run_offline(home_with_content, tmp_path, "--open", "member:kaz")
        added = run_offline(home_with_content, tmp_path, "bookmarks", "add", "member:chn")
        # Then both worked through the local socket, and neither opened a network socket (the guard would fail)
        assert second.returncode == 0 and added.returncode == 0, (second.stderr, added.stderr)
        wait_for_log(home_with_content, "bookmarks were changed by another process")
    finally:
        stop(first)


SESSION = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from briefing_app import cli
from briefing_app.ui import app as gui

app = QApplication(sys.argv[:1])

def work_then_quit():
    window = next(w for w in app.topLevelWidgets() if w.objectName() == "MainWindow")
    window.services.bookmarks.add("member:kaz", note="written in the session")
    app.quit()

QTimer.singleShot(2500, work_then_quit)
sys.exit(gui.run_gui(cli.build_parser().parse_args([])))
"""


def test_the_sessions_bookmarks_are_in_a_backup_once_the_window_closes(home_with_content: Path) -> None:
    from briefing_app.services.user_backups import describe_backups

    # When a window session adds a bookmark and the window closes
    result = subprocess.run([sys.executable, "-c", SESSION], env=env_for(home_with_content), cwd=ROOT,
                            capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stderr
    # Then a backup holds it (the one at start found nothing to keep)
    (backup,) = describe_backups()
    assert backup.bookmarks == 1 and backup.notes == 1
