"""The Linux launcher: a valid .desktop entry, and the install script `make install-desktop` runs, per user."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

DESKTOP_FILE = ROOT / "resources" / "desktop" / "sco-briefing.desktop"
INSTALLER = ROOT / "resources" / "desktop" / "install-desktop.sh"
# Main categories of the freedesktop menu specification; a launcher needs at least one to appear in a menu.
MAIN_CATEGORIES = {"AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics", "Network",
                   "Office", "Science", "Settings", "System", "Utility"}


def _entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def _install(data_home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    return subprocess.run(["sh", str(INSTALLER), *args], capture_output=True, text=True, env=env, timeout=60)


@pytest.fixture
def fake_program(tmp_path: Path) -> Path:
    folder = tmp_path / "Program Files & more"
    folder.mkdir()
    program = folder / "briefing-app"
    program.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    program.chmod(0o755)
    return program


def test_launcher_names_the_app_its_icon_and_a_menu_category() -> None:
    entry = _entry(DESKTOP_FILE)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "SCO Briefing"
    assert entry["Icon"] == "sco-briefing"
    assert entry["Terminal"] == "false"
    categories = entry["Categories"]
    assert categories.endswith(";")
    assert MAIN_CATEGORIES & set(categories.split(";"))
    assert (ROOT / "resources" / "icons" / f"{entry['Icon']}.svg").is_file()


def test_launcher_passes_the_desktop_file_validator() -> None:
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    result = subprocess.run([validator, str(DESKTOP_FILE)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_install_puts_launcher_and_icons_in_the_users_data_folder(tmp_path: Path, fake_program: Path) -> None:
    # Given a program in a folder whose name has spaces and an ampersand
    data_home = tmp_path / "share"
    # When the launcher is installed for it
    result = _install(data_home, "--exec", str(fake_program))
    # Then the entry starts exactly that program, quoted, and every icon size is in the hicolor theme
    assert result.returncode == 0, result.stderr
    entry = _entry(data_home / "applications" / "sco-briefing.desktop")
    assert entry["Exec"] == f'"{fake_program}"'
    assert entry["TryExec"] == str(fake_program)
    assert entry["Icon"] == "sco-briefing"
    icons = data_home / "icons" / "hicolor"
    for size in (16, 32, 48, 256):
        assert (icons / f"{size}x{size}" / "apps" / "sco-briefing.png").is_file()
    assert (icons / "scalable" / "apps" / "sco-briefing.svg").is_file()


def test_uninstall_removes_what_install_put_there(tmp_path: Path, fake_program: Path) -> None:
    data_home = tmp_path / "share"
    assert _install(data_home, "--exec", str(fake_program)).returncode == 0
    result = _install(data_home, "--uninstall")
    assert result.returncode == 0, result.stderr
    assert not [p for p in data_home.rglob("sco-briefing*")]


def test_install_refuses_a_path_that_is_not_a_program(tmp_path: Path) -> None:
    not_a_program = tmp_path / "briefing-app"
    not_a_program.write_text("", encoding="utf-8")
    result = _install(tmp_path / "share", "--exec", str(not_a_program))
    assert result.returncode == 2
    assert "is not a program" in result.stderr
    assert not (tmp_path / "share" / "applications").exists()
