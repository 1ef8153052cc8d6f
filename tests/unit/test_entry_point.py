"""The entry point on a machine where Qt's system libraries are missing: one line that says what to install."""

from __future__ import annotations

import sys

import pytest

from briefing_app import __main__ as entry


def test_window_without_qt_system_libraries_names_the_fix_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    # Given a machine where importing the GUI fails (as it does when libGL.so.1 is not installed)
    monkeypatch.setitem(sys.modules, "briefing_app.ui.app", None)
    monkeypatch.setattr(entry, "_setup_logging", lambda: None)
    # When the app starts without a command
    code = entry.main([])
    # Then it exits with one line that points to the list of packages, not a traceback
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("briefing-app: error: the window cannot open: ")
    assert "'What the machine needs' in the README" in err
    assert len(err.strip().splitlines()) == 1


def test_no_display_gives_one_clear_line_instead_of_a_qt_abort(briefing_home) -> None:  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["BRIEFING_HOME"] = str(briefing_home)
    result = subprocess.run([sys.executable, "-m", "briefing_app"], env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("briefing-app: error: there is no display")
    assert len(result.stderr.strip().splitlines()) == 1
