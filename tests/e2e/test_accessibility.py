"""The window read by a real assistive-technology client over AT-SPI, and one whole task done by keyboard alone.

The app runs on a virtual X display (Xvfb) with its own session bus and accessibility bus (at-spi2-core), with
``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1``. ``atspi_client.py`` (system Python with pyatspi, as Orca uses it) reads
the widget tree as a screen reader does and presses keys through the X server (xdotool):

- every tab, button, field, table, tree and the map has a role and a name; table and tree headers are exposed;
- search -> open -> bookmark -> note -> print preview is done with key presses only.

Debian packages: xvfb, dbus-daemon, at-spi2-core, python3-pyatspi, xdotool and the libxcb ones of the README.
The test skips, naming what is missing, when they are not installed.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
CLIENT = Path(__file__).with_name("atspi_client.py")
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = next((p for p in ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")
                     if Path(p).exists()), "")


def missing_packages() -> list[str]:
    missing = []
    if not shutil.which("Xvfb"):
        missing.append("xvfb")
    if not shutil.which("dbus-daemon"):
        missing.append("dbus-daemon")
    if not BUS_LAUNCHER:
        missing.append("at-spi2-core")
    if not shutil.which("xdotool"):
        missing.append("xdotool")
    has_pyatspi = Path(SYSTEM_PYTHON).exists() and subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False).returncode == 0
    if not has_pyatspi:
        missing.append("python3-pyatspi")
    return missing


class Session:
    """Xvfb, a session bus, the accessibility bus and the app; every process ended by its own id."""

    def __init__(self, home: Path, logs: Path) -> None:
        self.home = home
        self.logs = logs
        self.processes: list[subprocess.Popen[bytes]] = []
        self.files: list[object] = []
        self.env = dict(os.environ)

    def start(self, command: list[str], name: str, **kwargs: object) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{name}.log").open("wb")
        self.files.append(log)
        process = subprocess.Popen(command, stdout=kwargs.pop("stdout", log), stderr=log, env=self.env,  # type: ignore[call-overload]
                                   start_new_session=True, **kwargs)
        self.processes.append(process)
        return process

    def up(self) -> None:
        read, write = os.pipe()
        self.start(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"], "xvfb",
                   pass_fds=(write,))
        os.close(write)
        display = b""
        deadline = time.monotonic() + 20
        while not display.endswith(b"\n") and time.monotonic() < deadline:
            chunk = os.read(read, 16)
            if not chunk:
                break
            display += chunk
        os.close(read)
        assert display.strip(), "Xvfb did not start"
        self.env["DISPLAY"] = f":{display.decode().strip()}"
        bus = self.start(["dbus-daemon", "--session", "--nofork", "--print-address=1"], "dbus",
                         stdout=subprocess.PIPE)
        assert bus.stdout is not None
        self.env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().decode().strip()
        self.start([BUS_LAUNCHER, "--launch-immediately"], "at-spi-bus")
        time.sleep(1.0)
        self.env.update({
            "BRIEFING_HOME": str(self.home), "QT_QPA_PLATFORM": "xcb", "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            "QT_ACCESSIBILITY": "1", "NO_AT_BRIDGE": "0", "LANG": "C.UTF-8",
        })
        self.start([sys.executable, "-m", "briefing_app"], "app", cwd=ROOT)

    def client(self, command: str) -> dict:  # type: ignore[type-arg]
        result = subprocess.run([SYSTEM_PYTHON, str(CLIENT), command], env=self.env, capture_output=True,
                                text=True, timeout=300, check=False)
        (self.logs / f"client-{command}.log").write_text(result.stdout + result.stderr, encoding="utf-8")
        assert result.returncode == 0, f"{result.stderr[-3000:]}\n(app log: {self.logs / 'app.log'})"
        return json.loads(result.stdout.strip().splitlines()[-1])

    def down(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)
            if process.stdout is not None:
                process.stdout.close()
        self.processes.clear()
        for file in self.files:
            file.close()  # type: ignore[attr-defined]
        self.files.clear()


@pytest.fixture
def session(home_with_content: Path, tmp_path: Path) -> Iterator[Session]:
    missing = missing_packages()
    if missing:
        pytest.skip("the AT-SPI test needs the Debian packages " + ", ".join(missing))
    from briefing_app.services.app import open_services

    services = open_services()  # a bookmark with a tag, so the Bookmarks tab shows its tree
    services.bookmarks.add("member:kaz", note="Host of the summit.", tags=["meeting"])
    services.close()
    logs = tmp_path / "logs"
    logs.mkdir()
    running = Session(home_with_content, logs)
    try:
        running.up()
        yield running
    finally:
        running.down()


def test_every_control_has_a_role_and_a_name_and_tables_expose_headers(session: Session) -> None:
    found = session.client("audit")
    assert found["unnamed"] == []
    assert found["map"], "the corridors map is not on the accessibility tree"
    headers = found["headers"]
    assert headers["Members: Member states"] == ["State", "Capital", "Joined", "Represented by", "Population", "GDP"]
    trees = {key: names for key, names in headers.items() if not key.startswith("Members")}
    assert trees, headers
    for key, names in headers.items():
        assert names and all(name.strip() for name in names), (key, names)
    for tab in ("Overview", "Members", "Achievements", "Priorities", "Corridors", "Bookmarks", "Source"):
        assert "page tab" in found["roles"][tab]


def test_search_open_bookmark_note_and_print_preview_by_keyboard_alone(session: Session) -> None:
    done = session.client("task")
    assert done["steps"] == ["search opened the corridor", "bookmarked", "note typed and saved",
                             "print preview shown", "preview closed"]
    assert done["note"] == "Ask about the Caspian ferry"
    assert done["preview"].startswith("Print Preview")
    session.down()
    from briefing_app.services.app import open_services

    services = open_services()
    try:
        bookmark = services.bookmarks.get("corridor:trans-caspian")
        assert bookmark is not None and bookmark.note == "Ask about the Caspian ferry"
    finally:
        services.close()
