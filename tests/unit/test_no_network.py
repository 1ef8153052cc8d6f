"""Offline by construction: the CLI and the window, run as a user runs them, never open a network socket.

Each command runs in a child Python whose socket module records and refuses every network use (the autouse
guard in conftest only covers this process). Where ``strace`` exists the child also runs under it, which
catches sockets opened by native code (Qt) that never pass through Python.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

GUARD = r"""
import os, runpy, socket, sys

LOG = os.environ["NETWORK_GUARD_LOG"]


def _record(what):
    with open(LOG, "a", encoding="utf-8") as handle:
        handle.write(what + "\n")
    raise OSError("network access refused by the offline test: " + what)


_real_init = socket.socket.__init__


def _init(self, family=-1, type=-1, proto=-1, fileno=None):
    _real_init(self, family, type, proto, fileno)
    if self.family in (socket.AF_INET, socket.AF_INET6):
        self.close()
        _record("socket(%r)" % (self.family,))


socket.socket.__init__ = _init
for _name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "create_connection"):
    setattr(socket, _name, lambda *args, _n=_name, **kwargs: _record(_n + repr(args)))
sys.argv = ["briefing-app", *sys.argv[1:]]
runpy.run_module(os.environ.get("NETWORK_GUARD_MODULE", "briefing_app"), run_name="__main__", alter_sys=True)
"""

STRACE = shutil.which("strace")
_INET = re.compile(r"AF_INET6?\b")


def run_offline(
    home: Path, tmp_path: Path, *args: str, module: str = "briefing_app"
) -> subprocess.CompletedProcess[str]:
    """Run ``briefing-app ARGS`` in a guarded child; fail the test if it touched the network in any way."""
    log = tmp_path / "network.log"
    trace = tmp_path / "strace.log"
    log.unlink(missing_ok=True)
    trace.unlink(missing_ok=True)
    env = {**os.environ, "BRIEFING_HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
           "NETWORK_GUARD_LOG": str(log), "NETWORK_GUARD_MODULE": module}
    command = [sys.executable, "-c", GUARD, *args]
    if STRACE:
        # --seccomp-bpf: the kernel stops the child only at the traced calls, not at every system call
        command = [STRACE, "-f", "--seccomp-bpf", "-qq", "-e", "trace=socket,connect,sendto,sendmsg", "-o", str(trace),
                   *command]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=180)
    attempts = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    assert attempts == [], f"briefing-app {' '.join(args)} tried to use the network: {attempts}"
    if STRACE:
        native = [line for line in trace.read_text(encoding="utf-8").splitlines() if _INET.search(line)]
        assert native == [], f"briefing-app {' '.join(args)} opened network sockets: {native[:5]}"
    return result


def test_the_guard_catches_a_connection_so_this_test_can_fail(tmp_path: Path) -> None:
    probe = tmp_path / "probe"
    probe.mkdir()
    (probe / "__main__.py").write_text(
        "import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9), timeout=1)\nexcept OSError:\n    pass\n",
        encoding="utf-8",
    )
    os.environ["PYTHONPATH"] = f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"
    try:
        with pytest.raises(AssertionError, match="tried to use the network"):
            run_offline(tmp_path, tmp_path, module="probe")
    finally:
        os.environ["PYTHONPATH"] = os.environ["PYTHONPATH"].split(os.pathsep, 1)[1]


@pytest.mark.skipif(STRACE is None, reason="strace is not installed")
def test_strace_catches_a_native_socket_so_this_test_can_fail(tmp_path: Path) -> None:
    probe = tmp_path / "nativeprobe"
    probe.mkdir()
    # _socket is the C module: this socket never passes through the Python-level guard
    (probe / "__main__.py").write_text("import _socket\n_socket.socket(_socket.AF_INET).close()\n", encoding="utf-8")
    os.environ["PYTHONPATH"] = f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"
    try:
        with pytest.raises(AssertionError, match="opened network sockets"):
            run_offline(tmp_path, tmp_path, module="nativeprobe")
    finally:
        os.environ["PYTHONPATH"] = os.environ["PYTHONPATH"].split(os.pathsep, 1)[1]


@pytest.mark.e2e  # every command in a new process under strace (make test and CI run it)
def test_cli_commands_never_touch_the_network(home_with_content: Path, tmp_path: Path) -> None:
    exported = tmp_path / "bookmarks.json"
    commands = [
        ("db", "check", "--json"),
        ("items", "--kind", "member", "--json"),
        ("search", "Middle Corridor", "--json"),
        ("show", "corridor:trans-caspian", "--json"),
        ("bookmarks", "add", "member:kaz", "--note", "offline", "--tag", "meeting"),
        ("bookmarks", "list", "--json"),
        ("bookmarks", "export", str(exported)),
        ("bookmarks", "export", str(tmp_path / "mail.md"), "--format", "markdown"),
        ("bookmarks", "remove", "member:kaz"),
        ("bookmarks", "import", str(exported)),
        ("db", "build"),
    ]
    for args in commands:
        result = run_offline(home_with_content, tmp_path, *args)
        assert result.returncode == 0, (args, result.stderr)


def test_printing_to_pdf_never_touches_the_network(home_with_content: Path, tmp_path: Path) -> None:
    run_offline(home_with_content, tmp_path, "bookmarks", "add", "member:kaz")
    result = run_offline(home_with_content, tmp_path, "print", "--bookmarks", "--out", str(tmp_path / "b.pdf"))
    assert result.returncode == 0, result.stderr


# ``make test-fast`` starts the window on the overview; ``make test`` on each of these tabs
@pytest.mark.parametrize("tab", [
    pytest.param(tab, marks=() if tab == "overview" else pytest.mark.e2e)
    for tab in ("overview", "members", "corridors", "bookmarks", "source")
])
def test_the_window_starts_on_each_tab_without_the_network(home_with_content: Path, tmp_path: Path, tab: str) -> None:
    result = run_offline(home_with_content, tmp_path, "--exit-after-paint", "--tab", tab)
    assert result.returncode == 0, result.stderr
