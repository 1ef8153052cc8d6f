"""When Qt's X11 plugin cannot load, the app names the missing libraries and their Debian packages.

The plugin and `ldd` are fakes here: a file where Qt looks for libqxcb.so (QT_QPA_PLATFORM_PLUGIN_PATH) that
cannot be loaded, and an `ldd` on PATH that prints the dependency listing of a machine lacking two libraries.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_app import qt_libraries

ROOT = Path(__file__).resolve().parents[2]

# What `ldd libqxcb.so` printed on a minimal Debian 12 with only the README's first packages (shortened).
LDD_LISTING = """\
\tlinux-vdso.so.1 (0x00007ffc0b5f1000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x00007f6b2c000000)
\tlibxkbcommon-x11.so.0 => not found
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f6b2bff0000)
\tlibxcb-shape.so.0 => not found
\tlibxkbcommon-x11.so.0 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f6b2b000000)
"""


def test_ldd_listing_gives_each_missing_library_once_in_order() -> None:
    assert qt_libraries.missing_in_ldd_output(LDD_LISTING) == ["libxkbcommon-x11.so.0", "libxcb-shape.so.0"]
    assert qt_libraries.missing_in_ldd_output("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == []


def test_load_error_names_the_library() -> None:
    message = "libglib-2.0.so.0: cannot open shared object file: No such file or directory"
    assert qt_libraries.missing_in_load_error(message) == ["libglib-2.0.so.0"]
    assert qt_libraries.missing_in_load_error("invalid ELF header") == []


def test_message_names_libraries_and_the_packages_to_install() -> None:
    text = qt_libraries.describe_missing("Qt's X11 plugin", ["libxkbcommon-x11.so.0", "libxcb-shape.so.0"])
    assert "libxkbcommon-x11.so.0, libxcb-shape.so.0 are missing" in text
    assert "sudo apt-get install libxkbcommon-x11-0 libxcb-shape0" in text


def test_a_library_not_in_the_table_is_named_with_a_way_to_find_its_package() -> None:
    text = qt_libraries.describe_missing("Qt", ["libwhatever.so.3"])
    assert "libwhatever.so.3 is missing" in text
    assert "apt-file search libwhatever.so.3" in text
    assert "apt-get install" not in text


@pytest.fixture
def broken_plugin(tmp_path: Path) -> dict[str, str]:
    """An environment where Qt would take the xcb plugin from a folder whose libqxcb.so cannot load, and `ldd`
    says which of its libraries are missing."""
    plugins = tmp_path / "platforms"
    plugins.mkdir()
    (plugins / "libqxcb.so").write_bytes(b"not an ELF file")
    tools = tmp_path / "bin"
    tools.mkdir()
    listing = tmp_path / "ldd-listing.txt"
    listing.write_text(LDD_LISTING, encoding="utf-8")
    ldd = tools / "ldd"
    ldd.write_text(f'#!/bin/sh\ncat "{listing}"\n', encoding="utf-8")
    ldd.chmod(0o755)
    return {"QT_QPA_PLATFORM_PLUGIN_PATH": str(plugins), "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}"}


def test_plugin_that_does_not_load_is_diagnosed_from_ldd(broken_plugin: dict[str, str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in broken_plugin.items():
        monkeypatch.setenv(name, value)
    plugin = qt_libraries.xcb_plugin()
    assert plugin == Path(broken_plugin["QT_QPA_PLATFORM_PLUGIN_PATH"]) / "libqxcb.so"
    assert qt_libraries.missing_libraries(plugin) == ["libxkbcommon-x11.so.0", "libxcb-shape.so.0"]


def test_without_ldd_the_load_error_is_what_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no ldd
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"not an ELF file")
    missing = qt_libraries.missing_libraries(plugin)
    assert len(missing) == 1 and "libqxcb.so" in missing[0]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb plugin is Linux only")
def test_the_installed_xcb_plugin_loads_here() -> None:
    # The packages of scripts/system-packages/run.txt are installed here (make system-deps, .ci/run)
    plugin = qt_libraries.xcb_plugin()
    assert plugin is not None, "PySide6's libqxcb.so was not found"
    assert qt_libraries.missing_libraries(plugin) == []
    assert qt_libraries.xcb_problem() is None


def test_window_start_names_missing_library_instead_of_qt_abort(broken_plugin: dict[str, str],
                                                                 briefing_home: Path) -> None:
    # Given an X display whose Qt plugin lacks two system libraries
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(broken_plugin, DISPLAY=":97", BRIEFING_HOME=str(briefing_home))
    # When the app starts for the window
    result = subprocess.run([sys.executable, "-m", "briefing_app"], env=env, capture_output=True, text=True,
                            timeout=60, cwd=ROOT)
    # Then it says, in one line, what is missing and which packages to install (not Qt's "xcb-cursor0" abort)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("briefing-app: error: the window cannot open on X11: "), result.stderr
    assert "libxkbcommon-x11.so.0, libxcb-shape.so.0 are missing" in result.stderr
    assert "apt-get install libxkbcommon-x11-0 libxcb-shape0" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_qt_import_failure_names_the_missing_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qt_libraries, "pyside_dir", lambda: None)  # as if ldd could not be asked
    exc = ImportError("libdbus-1.so.3: cannot open shared object file: No such file or directory")
    text = qt_libraries.qt_import_problem(exc)
    assert text.startswith("the window cannot open: Qt cannot load: libdbus-1.so.3 is missing.")
    assert "apt-get install libdbus-1-3" in text
    assert qt_libraries.qt_import_problem(ImportError("cannot import name 'x'")) == ""
