"""The window's first paint over the stand-in reads (plain sqlite3), then bound to the real services.

What the first paint shows must be what the services show; everything after the bind works as before (issue 22).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from briefing_app.ui.models.roles import BOOKMARKED_ROLE, ITEM_ID_ROLE


@pytest.fixture
def current_home(home_with_content: Path) -> Path:
    """A data folder as after one earlier run: the pack's signature recorded, the user database migrated."""
    from briefing_app.services.app import open_services

    open_services().close()
    return home_with_content


def first_paint_window(qtbot):  # type: ignore[no-untyped-def]
    from briefing_app.services.first_paint import open_first_paint
    from briefing_app.ui.app import make_settings
    from briefing_app.ui.main_window import MainWindow

    stand_in = open_first_paint()
    assert stand_in is not None
    win = MainWindow(stand_in, make_settings())  # type: ignore[arg-type]
    qtbot.addWidget(win)
    win.resize(1280, 800)
    with qtbot.waitSignal(win.first_painted, timeout=20000):
        win.show()
    return win


def grab(widget) -> QImage:  # type: ignore[no-untyped-def]
    return widget.grab().toImage()


def test_first_paint_looks_as_the_window_over_the_services_and_binds_to_them(  # type: ignore[no-untyped-def]
    current_home: Path, qtbot, monkeypatch
) -> None:
    from briefing_app.services.app import AppServices, open_services
    from briefing_app.ui.panels.overview import OverviewPanel

    # The chart is drawn after the Overview's first paint, over either services; what is compared here is what
    # the stand-in showed (without the chart, which would otherwise appear in one grab or the other by timing)
    monkeypatch.setattr(OverviewPanel, "_chart_after_paint", lambda self: None)

    # Given a figure bookmarked in an earlier session
    services = open_services()
    figure = services.briefing.items_stated_first("figure", 1)[0].id
    services.bookmarks.toggle(figure)
    services.close()
    # When the window paints from the stand-in reads
    win = first_paint_window(qtbot)
    assert not win.bound
    first = grab(win)
    stand_in_panel = win.panel("overview")
    model = stand_in_panel.figure_model
    starred = {model.index(r).data(ITEM_ID_ROLE): model.index(r).data(BOOKMARKED_ROLE) for r in range(8)}
    # Then the bookmark's star is there already
    assert starred[figure] is True
    assert sum(bool(v) for v in starred.values()) == 1
    # When it binds to the real services (as it does right after the first paint)
    real = open_services()
    win.bind(real)
    qtbot.wait(50)
    # Then the window, the Overview, the context and the search box use them, and the Overview looks the same
    assert win.bound and win.services is real and isinstance(win.services, AppServices)
    panel = win.panel("overview")
    assert panel is not stand_in_panel and panel.context.services is real
    assert list(win.built_panels()) == ["overview"]
    assert grab(win) == first
    assert win.restore_action is not None and win.switch_pack_menu is not None
    # And bookmarks, search and every tab work at once
    win.bookmark_action.setEnabled(True)
    real.bookmarks.toggle(figure)
    assert not real.bookmarks.is_bookmarked(figure)
    row = panel.figure_model.row_of(figure)
    assert panel.figure_model.index(row).data(BOOKMARKED_ROLE) is False
    assert real.briefing.search_results("Belarus").hits
    for key in ("members", "bookmarks", "source"):
        win.panel(key)
    assert set(win.built_panels()) == {"overview", "members", "bookmarks", "source"}
    win.close()
    real.close()


def test_a_damaged_bookmarks_file_starts_the_full_way_with_its_message(current_home: Path) -> None:
    from briefing_app import paths
    from briefing_app.services.app import open_services
    from briefing_app.services.first_paint import open_first_paint

    # Given a user database that is not a database
    paths.user_db_path().write_bytes(b"this is not a database" * 100)
    for extra in ("-wal", "-shm"):
        Path(str(paths.user_db_path()) + extra).unlink(missing_ok=True)
    # Then the first paint does not read it, and the services set it aside with their message, as before
    assert open_first_paint() is None
    services = open_services()
    try:
        assert services.user_status.set_aside is not None
        assert services.warnings
    finally:
        services.close()


def test_content_from_another_pack_folder_is_not_painted_before_the_check(current_home: Path) -> None:
    import sqlite3

    from briefing_app import paths
    from briefing_app.services.first_paint import open_first_paint

    conn = sqlite3.connect(paths.content_db_path())
    with conn:
        conn.execute("UPDATE meta SET value = '/elsewhere' WHERE key = 'pack_root'")
    conn.close()
    assert open_first_paint() is None


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """Every message box the app shows, as the user would read it; none blocks."""
    from PySide6.QtWidgets import QMessageBox

    seen: list[dict[str, object]] = []

    def fake_exec(box: QMessageBox) -> int:
        seen.append({"title": box.windowTitle(), "text": box.text(), "info": box.informativeText()})
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return seen


def start_as_briefing_app_does(qtbot):  # type: ignore[no-untyped-def]
    """``__main__`` then ``run_gui``: the first paint's reads when they can be had, the window, the bind after it."""
    from briefing_app import cli
    from briefing_app.services.first_paint import open_first_paint
    from briefing_app.ui import app as app_module

    running = app_module.open_window(cli.build_parser().parse_args([]), open_first_paint())
    assert running is not None
    qtbot.addWidget(running.window)
    return running


@pytest.mark.parametrize("fault", ["random bytes", "newer version", "read-only", "locked for writing"])
def test_faults_of_the_bookmarks_are_explained_as_before_on_either_way(
    fault: str, current_home: Path, qtbot, shown, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtCore import QThreadPool

    from briefing_app.services import userdata
    from tests.ui.test_startup_faults import FAULTS

    monkeypatch.setattr(userdata, "LOCK_WAIT_SECONDS", 1.0)
    maker, says, read_only_session, _count = FAULTS[fault]
    with maker():
        # When the window starts as briefing-app does (first paint first wherever the file can be read as it is)
        running = start_as_briefing_app_does(qtbot)
        qtbot.waitUntil(lambda: running.window.bound, timeout=20000)
        # Then the same one dialog says what happened, and the status bar repeats it
        qtbot.waitUntil(lambda: len(shown) == 1, timeout=20000)
        assert says in str(shown[0]["info"])
        assert says in running.window.statusBar().currentMessage()
        assert running.window.restore_action.isEnabled() is not read_only_session
        QThreadPool.globalInstance().waitForDone(10_000)
        running.window.close()
        running.close()


def test_services_failing_after_the_first_paint_is_a_dialog_not_a_traceback(
    current_home: Path, qtbot, shown, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtCore import QCoreApplication

    from briefing_app.services import app as services_app

    exits: list[int] = []
    monkeypatch.setattr(QCoreApplication, "exit", lambda code=0: exits.append(code))

    def broken() -> None:
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(services_app, "open_services", broken)
    running = start_as_briefing_app_does(qtbot)
    assert not running.window.bound
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=20000)
    assert shown[0]["text"] == "The window could not be opened."
    assert exits == [2] and not running.window.isVisible()
    running.close()


def test_a_first_paint_that_fails_falls_back_to_the_full_way(
    current_home: Path, qtbot, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    from briefing_app.persistence.first_paint_reader import FirstPaintContent

    def broken(*_args: object, **_kwargs: object) -> None:
        raise TypeError("a stand-in read out of step with the repository")

    monkeypatch.setattr(FirstPaintContent, "items_stated_first", broken)
    running = start_as_briefing_app_does(qtbot)
    assert running.window.bound and not hasattr(running.services, "first_paint")
    assert running.window.panel("overview").figure_model.rowCount() > 0
    running.window.close()
    running.close()
