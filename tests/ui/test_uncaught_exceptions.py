"""An exception nobody caught in the window goes to the log file and to a dialog that says what to do.

The window keeps running afterwards; a second failure while the dialog is open is logged, not stacked up as
another dialog. The dialog is caught at ``QMessageBox.exec``; logging is set up exactly as ``briefing-app``
sets it up, so the log file is the real one in the user data folder.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from briefing_app import paths
from briefing_app.__main__ import _setup_logging
from briefing_app.ui.app import install_excepthook

pytestmark = pytest.mark.qt_no_exception_capture  # this test is about what the app does with them


@pytest.fixture
def app_logging(briefing_home: Path) -> Iterator[Path]:
    """Logging as the app sets it up: the root logger writes to the log file in the user data folder."""
    root = logging.getLogger()
    before = list(root.handlers)
    _setup_logging()
    yield paths.log_path()
    for handler in root.handlers:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    install_excepthook()
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    return shown


def test_exception_in_a_slot_is_logged_and_explained_and_the_window_stays(
    window, app_logging: Path, dialogs: list[QMessageBox], qtbot  # type: ignore[no-untyped-def]
) -> None:
    # Given a menu action whose slot fails
    def broken_slot() -> None:
        raise RuntimeError("the member table fell over")

    action = QAction("Broken", window)
    action.triggered.connect(broken_slot)
    window.addAction(action)
    # When the user triggers it
    action.trigger()
    # Then a dialog says what happened and what to do, and where the details are
    qtbot.waitUntil(lambda: len(dialogs) == 1)
    box = dialogs[0]
    assert box.icon() == QMessageBox.Icon.Critical
    assert box.text() == "Something went wrong: RuntimeError: the member table fell over"
    assert "Your bookmarks are safe" in box.informativeText()
    assert "start SCO Briefing again" in box.informativeText()
    assert str(app_logging) in box.informativeText() and "IT support" in box.informativeText()
    assert "broken_slot" in box.detailedText()
    # And the traceback is in the log file in the user data folder
    logged = app_logging.read_text(encoding="utf-8")
    assert "uncaught exception" in logged and "RuntimeError: the member table fell over" in logged
    assert 'in broken_slot' in logged
    # And the window is still there and working
    assert window.isVisible()
    window.navigator.open("member:kaz")
    assert window.current_panel().current_item_id() == "member:kaz"


def test_a_failure_while_the_dialog_is_open_is_logged_not_stacked(
    app_logging: Path, monkeypatch: pytest.MonkeyPatch, qapp  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook()
    shown: list[str] = []

    def exec_that_fails_again(box: QMessageBox) -> int:
        shown.append(box.text())
        try:
            raise ValueError("painting failed again")
        except ValueError:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_that_fails_again)
    try:
        raise KeyError("first failure")
    except KeyError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert shown == ["Something went wrong: KeyError: 'first failure'"]
    logged = app_logging.read_text(encoding="utf-8")
    assert "KeyError: 'first failure'" in logged and "ValueError: painting failed again" in logged


def test_markup_in_an_error_message_is_shown_as_text(
    app_logging: Path, dialogs: list[QMessageBox], qapp  # type: ignore[no-untyped-def]
) -> None:
    try:
        raise ValueError("<b>not bold</b> <img src='x'>")
    except ValueError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    (box,) = dialogs
    assert box.textFormat().name == "PlainText"
    assert "<b>not bold</b>" in box.text()


def test_a_change_refused_in_a_read_only_session_is_explained_not_reported_as_a_crash(
    home_with_content: Path, app_logging: Path, dialogs: list[QMessageBox], qtbot,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QPushButton

    from briefing_app.services import userdata
    from briefing_app.services.app import open_services
    from briefing_app.ui.app import make_settings
    from briefing_app.ui.main_window import MainWindow
    from tests.fault_tools import lock_held

    # Given a window whose bookmarks are read-only this session (another program holds the database)
    open_services().close()
    monkeypatch.setattr(userdata, "LOCK_WAIT_SECONDS", 0.5)
    with lock_held(paths.user_db_path(), "everything"):
        services = open_services()
        assert services.user_status.unavailable
        window = MainWindow(services, make_settings())
        qtbot.addWidget(window)
        window.show()
        window.navigator.open("member:kaz")
        star = next(b for b in window.findChildren(QPushButton) if b.isVisible() and b.text() == "☆ Bookmark")
        # When the user stars the item
        star.click()
        # Then a plain note says it was not saved and why, not a crash report
        qtbot.waitUntil(lambda: len(dialogs) == 1)
        box = dialogs[0]
        assert box.icon() == QMessageBox.Icon.Information
        assert box.text().startswith("Not saved: the bookmarks database is open read-only this session")
        assert services.bookmarks.list() == []
        services.close()
