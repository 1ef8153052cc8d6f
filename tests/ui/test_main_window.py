"""The window shell: title, tabs built when first shown, shortcuts, menus, state restored across runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from briefing_app.ui.tabs import TAB_KEYS
from tests.conftest import ROOT, save_screenshot


def test_window_is_titled_after_the_loaded_briefing(window) -> None:  # type: ignore[no-untyped-def]
    assert window.windowTitle().startswith(window.services.briefing.pack_info().title)
    assert [window.tabs.tabText(i).replace("&", "") for i in range(window.tabs.count())] == [
        "Overview", "Members", "Achievements", "Priorities", "Corridors", "Bookmarks", "Source",
    ]


def test_only_the_visible_tab_is_built_at_start(window) -> None:  # type: ignore[no-untyped-def]
    assert list(window.built_panels()) == ["overview"]


def test_ctrl_number_switches_tabs_and_builds_them(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    for number, key in enumerate(TAB_KEYS, start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentIndex() == number - 1
        assert key in window.built_panels()
        save_screenshot(window, f"shell-{key}")


def test_every_menu_action_with_a_shortcut_is_in_a_menu(window) -> None:  # type: ignore[no-untyped-def]
    in_menus = {a.text() for menu in window.menuBar().findChildren(type(window.file_menu)) for a in menu.actions()}
    for action in (window.back_action, window.forward_action, window.find_action, window.bookmark_action,
                   window.undo_action, window.quit_action, *window.tab_actions):
        assert action.text() in in_menus


def test_find_shortcuts_focus_the_search_field(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    for key in (Qt.Key.Key_F, Qt.Key.Key_K):
        window.tabs.setFocus()
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(window.search.hasFocus)


def test_about_names_version_sources_and_licences(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    from briefing_app.ui.help import AboutDialog

    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: shown.append(dialog.html))
    window.about_action.trigger()
    assert "World Bank" in shown[0] and "GeoNames" in shown[0] and "Natural Earth" in shown[0]
    from briefing_app import __version__

    assert __version__ in shown[0]


def test_geometry_and_last_tab_are_restored(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.ui.app import make_settings
    from briefing_app.ui.main_window import MainWindow

    first = MainWindow(services, make_settings())
    qtbot.addWidget(first)
    first.resize(720, 540)  # inside the offscreen screen (800x600), so nothing clamps it
    first.show()
    first.tabs.setCurrentIndex(TAB_KEYS.index("priorities"))
    first.close()

    second = MainWindow(services, make_settings())
    qtbot.addWidget(second)
    assert second.tabs.currentIndex() == TAB_KEYS.index("priorities")
    assert (second.width(), second.height()) == (720, 540)
    assert list(second.built_panels()) == ["priorities"]


def test_exit_after_paint_starts_and_quits_cleanly(home_with_content: Path) -> None:
    env = {**os.environ, "BRIEFING_HOME": str(home_with_content), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "briefing_app", "--exit-after-paint"], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
