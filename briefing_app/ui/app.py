"""Starting the GUI: the application object, settings, services, the window, and last-resort error handling."""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from briefing_app import APP_TITLE, __version__, paths

log = logging.getLogger(__name__)


def make_settings() -> QSettings:
    return QSettings(str(paths.settings_path()), QSettings.Format.IniFormat)


def install_excepthook() -> None:
    """Uncaught exceptions in slots go to the log file and a dialog that says what to do, not a silent exit."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("uncaught exception:\n%s", text)
        app = QApplication.instance()
        if app is None:
            sys.__excepthook__(exc_type, exc, tb)
            return
        box = QMessageBox(QMessageBox.Icon.Critical, f"{APP_TITLE}: unexpected error",
                          f"Something went wrong: {exc_type.__name__}: {exc}")
        box.setInformativeText(
            "Your bookmarks are safe: every change is saved as it is made. You can keep working, or restart "
            f"the application. The details were written to {paths.log_path()}; please send that file to "
            "your IT support."
        )
        box.setDetailedText(text)
        box.exec()

    sys.excepthook = hook


def run_gui(args: argparse.Namespace) -> int:
    from briefing_app.services.app import open_services
    from briefing_app.services.content import ContentUnavailableError

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_TITLE)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("SCO Briefing")
    app.setDesktopFileName("sco-briefing")
    icon = paths.icon_path()
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    install_excepthook()

    try:
        services = open_services()
    except ContentUnavailableError as exc:
        log.error("no content: %s", exc)
        QMessageBox.critical(None, f"{APP_TITLE} cannot start", str(exc))
        return 2

    from briefing_app.ui.main_window import MainWindow

    window = MainWindow(services, make_settings())
    if args.tab:
        window.navigator.open(f"tab:{args.tab}")
    if args.open_item:
        window.navigator.open(args.open_item)
    window.show()
    for warning in services.warnings:
        QMessageBox.warning(window, f"{APP_TITLE}: your data", warning) if not args.exit_after_paint else None
    if args.exit_after_paint:
        window.first_painted.connect(lambda: QTimer.singleShot(0, app.quit))
    code = app.exec()
    window.save_state()
    services.close()
    return code
