"""One window per user data folder, in process: the claim, the hand-over, a window that does not answer, and a
window that cannot be built. (tests/e2e/test_two_instances.py does the same with real processes.)"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from briefing_app import cli, paths
from briefing_app.services.window_link import message, socket_path
from briefing_app.ui import app as app_module
from briefing_app.ui import single_instance
from briefing_app.ui.single_instance import SingleInstance

# A process that holds the window lock but never listens: a window hung before it could answer.
HUNG_WINDOW = r"""
import sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
assert lock.tryLock(0)
print("holding", flush=True)
sys.stdin.readline()
"""


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    boxes: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box) or 0)
    return boxes


def raw_client(home: Path, payload: bytes, answers: list[bytes]) -> threading.Thread:
    """A later launch's side of the socket, in a thread (a real one is another process: see the e2e tests)."""

    def talk() -> None:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as link:
            link.settimeout(5)
            link.connect(str(socket_path(home)))
            link.sendall(payload)
            answers.append(link.recv(16))

    worker = threading.Thread(target=talk)
    worker.start()
    return worker


def test_the_first_claim_wins_and_a_later_launch_hands_over_its_arguments(briefing_home: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    first = SingleInstance(briefing_home)
    assert first.acquire() and first.is_primary
    second = SingleInstance(briefing_home)
    assert not second.acquire() and second.owner_pid() is not None
    answers: list[bytes] = []
    with qtbot.waitSignal(first.activated, timeout=5000) as activation:
        worker = raw_client(briefing_home, message(arguments=["--open", "member:kaz"]), answers)
    qtbot.waitUntil(lambda: bool(answers), timeout=5000)
    worker.join()
    assert activation.args == [["--open", "member:kaz"]] and answers == [b"ok\n"]
    # The command line's notice of a change arrives as its own signal
    with qtbot.waitSignal(first.bookmarks_changed, timeout=5000):
        worker = raw_client(briefing_home, message(event="bookmarks-changed"), answers)
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=5000)
    worker.join()
    # A malformed message is ignored, and the window keeps listening
    with qtbot.assertNotEmitted(first.activated, wait=300):
        worker = raw_client(briefing_home, b"{not json\n", answers)
        qtbot.waitUntil(lambda: not worker.is_alive(), timeout=5000)
    assert answers[-1] == b""  # no "ok": the connection was closed
    first.release()
    assert second.acquire()  # once the first is gone, the folder can be claimed again
    second.release()


def test_a_window_that_does_not_answer_is_explained_in_a_dialog(
    briefing_home: Path, shown: list[QMessageBox], monkeypatch: pytest.MonkeyPatch
) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HUNG_WINDOW, str(briefing_home / single_instance.LOCK_NAME)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        monkeypatch.setattr(single_instance, "FORWARD_TIMEOUT_MS", 1500)
        started = time.monotonic()
        code = app_module.run_gui(cli.build_parser().parse_args([]))
        assert time.monotonic() - started < 10
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=10)
        holder.stdout.close()
    assert code == app_module.EXIT_CANNOT_START
    (box,) = shown
    assert box.text() == "SCO Briefing is already open, but that window does not answer."
    assert f"process {holder.pid}" in box.informativeText() and "Your bookmarks are safe" in box.informativeText()


def test_a_window_that_cannot_be_built_is_a_dialog_not_a_silent_exit(
    home_with_content: Path, shown: list[QMessageBox], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_window(*_args: object) -> None:
        raise RuntimeError("the window fell over while it was built")

    monkeypatch.setattr("briefing_app.ui.main_window.MainWindow", broken_window)
    code = app_module.run_gui(cli.build_parser().parse_args([]))
    assert code == app_module.EXIT_CANNOT_START
    (box,) = shown
    assert box.text() == "The window could not be opened."
    assert str(paths.log_path()) in box.informativeText()
    # And the folder is free again for the next start
    again = SingleInstance(home_with_content)
    assert again.acquire()
    again.release()


def test_a_read_only_data_folder_does_not_stop_the_window_for_want_of_a_lock_file(briefing_home: Path) -> None:
    from tests.fault_tools import read_only

    with read_only(briefing_home):
        instance = SingleInstance(briefing_home)
        assert instance.acquire() and instance.is_primary
        instance.release()
    assert not (briefing_home / single_instance.LOCK_NAME).exists()


def hostile_client(home: Path, payload: bytes, outcome: list[str]) -> threading.Thread:
    """Send ``payload`` and report how the window answered: "ok", "closed" or "no answer" (after 5 s)."""

    def talk() -> None:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as link:
            link.settimeout(5)
            link.connect(str(socket_path(home)))
            try:
                link.sendall(payload)
                answer = link.recv(16)
            except TimeoutError:
                outcome.append("no answer")
                return
            except OSError:  # reset while sending: the window closed the connection
                outcome.append("closed")
                return
            outcome.append("ok" if answer == b"ok\n" else "closed" if answer == b"" else repr(answer))

    worker = threading.Thread(target=talk)
    worker.start()
    return worker


@pytest.mark.parametrize(
    "payload",
    [b"[" * 50_000 + b"\n", b'{"arguments": ' + b"[" * 20_000 + b"\n", b"x" * (2 * 1024 * 1024)],
    ids=["deeply nested JSON", "deeply nested arguments", "two megabytes without a newline"],
)
def test_a_hostile_message_on_the_socket_is_dropped_and_the_window_keeps_listening(
    briefing_home: Path, qtbot, payload: bytes  # type: ignore[no-untyped-def]
) -> None:
    first = SingleInstance(briefing_home)
    assert first.acquire()
    try:
        outcome: list[str] = []
        with qtbot.assertNotEmitted(first.activated, wait=100):
            worker = hostile_client(briefing_home, payload, outcome)
            qtbot.waitUntil(lambda: not worker.is_alive(), timeout=10_000)
        assert outcome == ["closed"]
        answers: list[bytes] = []
        with qtbot.waitSignal(first.activated, timeout=5000):
            worker = raw_client(briefing_home, message(arguments=["--tab", "members"]), answers)
        qtbot.waitUntil(lambda: bool(answers), timeout=5000)
        worker.join()
        assert answers == [b"ok\n"]
    finally:
        first.release()
