"""Starting the GUI: one window per user data folder, services, the window, warnings, last-resort error handling.

Nothing that goes wrong at start ends in a traceback or a silent exit: a later launch brings the running
window to the front; missing content, resources or an unusable data folder are explained in a dialog; problems
with the user's data (set aside, read-only, locked) are explained once the window is up; an exception in a slot
is logged and explained in a dialog.
"""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
import time
import traceback
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QThreadPool, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from briefing_app import APP_TITLE, __version__, paths
from briefing_app.ui.single_instance import SingleInstance

if TYPE_CHECKING:
    from briefing_app.services.app import AppServices
    from briefing_app.services.first_paint import FirstPaintServices
    from briefing_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

EXIT_CANNOT_START = 2


def make_settings() -> QSettings:
    return QSettings(str(paths.settings_path()), QSettings.Format.IniFormat)


def install_excepthook() -> None:
    """Uncaught exceptions in slots go to the log file and a dialog that says what to do, not a silent exit.

    An exception raised while the dialog is open (a paint handler failing again, say) is logged only, so one
    fault never stacks up dialogs.
    """
    showing = False

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("uncaught exception:\n%s", text)
        app = QApplication.instance()
        if app is None or issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if showing:
            return
        showing = True
        try:
            if _read_only_refusal(exc) is not None:  # an expected refusal, not a fault: say so plainly
                box = QMessageBox(QMessageBox.Icon.Information, f"{APP_TITLE}: not saved",
                                  f"Not saved: {_read_only_refusal(exc)}")
                box.setTextFormat(Qt.TextFormat.PlainText)
                box.exec()
                return
            box = QMessageBox(QMessageBox.Icon.Critical, f"{APP_TITLE}: unexpected error",
                              f"Something went wrong: {exc_type.__name__}: {exc}")
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setInformativeText(
                "Your bookmarks are safe: every change is saved as it is made. You can keep working; if the "
                "window misbehaves, close it and start SCO Briefing again. The details were written to "
                f"{paths.log_path()}; please send that file to your IT support."
            )
            box.setDetailedText(text)
            box.exec()
        finally:
            showing = False

    sys.excepthook = hook


def _read_only_refusal(exc: BaseException) -> str | None:
    """The message of a change refused because the bookmarks are read-only this session, else None."""
    from briefing_app.services.errors import ReadOnlyDatabaseError, is_disk_full_error

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ReadOnlyDatabaseError):
            return str(seen)
        if is_disk_full_error(seen):
            return "the disk that holds your bookmarks is full; nothing was changed. Free some space and try again"
        seen = getattr(seen, "orig", None) or seen.__cause__ or seen.__context__
    return None


def make_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_TITLE)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("SCO Briefing")
    app.setDesktopFileName("sco-briefing")
    icon = paths.icon_path()
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def forwarded_arguments(args: argparse.Namespace) -> list[str]:
    """What a later launch asks of the running window."""
    out: list[str] = []
    if args.tab:
        out += ["--tab", args.tab]
    if args.open_item:
        out += ["--open", args.open_item]
    return out


def cannot_start(title: str, message: str) -> int:
    log.error("%s: %s", title, message)
    box = QMessageBox(QMessageBox.Icon.Critical, f"{APP_TITLE} cannot start", title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(message)
    box.exec()
    return EXIT_CANNOT_START


@dataclass
class RunningWindow:
    """The window of this session with what it was started with, until the event loop ends."""

    window: MainWindow
    services: AppServices

    def close(self) -> None:
        self.services.close()


def bring_to_front(window: QWidget, arguments: list[str]) -> None:
    """A later launch asked for the window: show it on top, with what it asked to open."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    navigator = getattr(window, "navigator", None)
    pairs = dict(zip(arguments[::2], arguments[1::2], strict=False))
    if navigator is not None and "--tab" in pairs:
        navigator.open(f"tab:{pairs['--tab']}")
    if navigator is not None and "--open" in pairs:
        navigator.open(pairs["--open"])
    log.info("window brought to the front for a later launch")


def startup_warnings_box(window: QWidget, warnings: list[str]) -> QMessageBox:
    """One dialog for everything the user should know about their data at start (plain text: paths may hold '<')."""
    box = QMessageBox(QMessageBox.Icon.Warning, f"{APP_TITLE}: your data",
                      "Please read: something was wrong with your data, and this is what was done.", parent=window)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText("\n\n".join(warnings))
    box.setObjectName("startup-warnings")
    return box


def show_startup_warnings(window: MainWindow) -> None:
    """The start-up warnings; when bookmarks were set aside and backups exist, offer to restore one at once."""
    from briefing_app.services.user_backups import list_backups

    services = window.services
    box = startup_warnings_box(window, services.warnings)
    status = services.user_status
    restore = None
    if status.set_aside is not None and not status.read_only and list_backups():
        restore = box.addButton("Restore Bookmarks…", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()
    if restore is not None and box.clickedButton() is restore:
        from briefing_app.ui.restore_bookmarks import restore_bookmarks

        restore_bookmarks(window)


def open_services_or_explain() -> AppServices | None:
    """The services; when they cannot open, the reason in a dialog and None."""
    from briefing_app.services.app import open_services
    from briefing_app.services.content import ContentUnavailableError
    from briefing_app.services.errors import UserDatabaseError

    try:
        return open_services()
    except ContentUnavailableError as exc:
        home = paths.user_home()
        advice = (f"Your data folder {home} cannot be written to: make it writable (or point BRIEFING_HOME to a "
                  "writable folder), then start SCO Briefing again." if not os.access(home, os.W_OK) else
                  "Reinstall SCO Briefing, or build the content again with 'briefing-app db build'.")
        cannot_start("There is no briefing content to show.", f"{exc}\n\n{advice}")
        return None
    except (OSError, UserDatabaseError, sqlite3.Error) as exc:
        cannot_start("The application's files or your data folder cannot be used.",
                     f"{exc}\n\nCheck that SCO Briefing is installed completely and that {paths.user_home()} "
                     "is writable, then start it again.")
        return None


def first_paint_wanted(args: argparse.Namespace) -> bool:
    """Whether the window may paint the Overview before the services open: it opens on the Overview."""
    if args.open_item or (args.tab and args.tab != "overview"):
        return False
    return make_settings().value("window/tab", "overview") in ("overview", None)


def open_window(args: argparse.Namespace, first_paint: FirstPaintServices | None = None) -> RunningWindow | None:
    """Open the services and the main window; explain and return None when there is nothing to show.

    With ``first_paint`` (the Overview's content read without the ORM, see services/first_paint.py) the window
    paints first and opens the services right after its first paint (none with --exit-after-paint).
    """
    if first_paint is not None and not first_paint_wanted(args):
        first_paint.close()
        first_paint = None
    if first_paint is not None:
        try:
            return _open_window_before_services(args, first_paint)
        except Exception:  # noqa: BLE001 - the stand-in reads are an optimisation: never a reason not to start
            log.exception("the window could not be built before the services; building it over them")
            first_paint.close()
    services = open_services_or_explain()
    if services is None:
        return None

    from briefing_app.ui.main_window import MainWindow

    window = MainWindow(services, make_settings())
    if args.tab:
        window.navigator.open(f"tab:{args.tab}")
    if args.open_item:
        window.navigator.open(args.open_item)
    window.show()
    if not services.user_status.read_only:
        window.first_painted.connect(_backup_at_start)  # not before: its thread would compete with the first paint
    if services.warnings and not args.exit_after_paint:
        QTimer.singleShot(0, lambda: show_startup_warnings(window))
    running = RunningWindow(window, services)
    follow_replacements(running)
    return running


def _open_window_before_services(args: argparse.Namespace, first_paint: FirstPaintServices) -> RunningWindow:
    from briefing_app.ui.main_window import MainWindow

    window = MainWindow(first_paint, make_settings())  # type: ignore[arg-type]  # the stand-in has the read methods
    window.show()
    running = RunningWindow(window, first_paint)  # type: ignore[arg-type]
    follow_replacements(running)
    if args.exit_after_paint:
        return running  # the diagnostic stops at the first paint: nothing is opened after it

    def bind() -> None:
        services = None
        try:
            services = open_services_or_explain()
            if services is not None:
                window.bind(services)
        except Exception:  # noqa: BLE001 - as when the window cannot be built: log it, say so, never a silent exit
            log.exception("the window could not be bound to the services")
            if services is not None:
                services.close()
            window.hide()
            cannot_start("The window could not be opened.",
                         f"The details were written to {paths.log_path()}; please send that file to your IT "
                         "support. Your bookmarks are safe.")
            QCoreApplication.exit(EXIT_CANNOT_START)
            return
        if services is None:
            window.hide()
            QCoreApplication.exit(EXIT_CANNOT_START)
            return
        running.services = services
        if not services.user_status.read_only:
            _backup_at_start()
        if services.warnings:
            QTimer.singleShot(0, lambda: show_startup_warnings(window))

    window.first_painted.connect(bind)
    return running


def follow_replacements(running: RunningWindow) -> None:
    """File > Switch Pack puts a new window over new services in place of the old: keep ``running`` pointing at it."""

    def replaced(new: object) -> None:
        from briefing_app.ui.main_window import MainWindow

        assert isinstance(new, MainWindow)
        running.window = new
        running.services = new.services
        follow_replacements(running)

    running.window.replaced.connect(replaced)


def _backup_at_start() -> None:
    from briefing_app.services.user_backups import backup_if_changed
    from briefing_app.ui.tasks import run_in_background

    def done(path: object) -> None:
        if path is not None:
            log.info("rolling backup taken at start: %s", path)

    run_in_background(backup_if_changed, done)


def _quit_right_after_paint(app: QApplication) -> None:
    """--exit-after-paint: say when the first paint was (on the system's monotonic clock, which every process
    shares: whoever started this one subtracts its start), then quit now. Work that panels deferred to after the
    first paint (charts) is dropped, so the diagnostic times the way to the first paint and nothing else."""
    print(f"first paint: monotonic {time.monotonic():.6f}", flush=True)
    # None: the events of every receiver
    QCoreApplication.removePostedEvents(None)  # type: ignore[arg-type]
    app.quit()


def connect_instance(instance: SingleInstance, running: RunningWindow) -> None:
    """Later launches bring this window forward; bookmark changes made by the command line show at once."""
    instance.activated.connect(lambda arguments: bring_to_front(running.window, arguments))
    instance.bookmarks_changed.connect(lambda *_: _reload_bookmarks(running))


def _reload_bookmarks(running: RunningWindow) -> None:
    reload = getattr(running.services.bookmarks, "reload", None)  # none before the services are open
    if reload is not None:
        reload()


def run_gui(args: argparse.Namespace, first_paint: FirstPaintServices | None = None) -> int:
    app = make_application()
    install_excepthook()
    try:
        home = paths.user_home()
    except OSError as exc:
        return cannot_start("Your data folder cannot be used.", f"{exc}")
    instance = SingleInstance(home)
    if not instance.acquire():
        if instance.forward(forwarded_arguments(args)):
            log.info("SCO Briefing is already open for %s; brought that window to the front", home)
            return 0
        if not instance.acquire():
            pid = instance.owner_pid()
            return cannot_start(
                "SCO Briefing is already open, but that window does not answer.",
                f"Another SCO Briefing (process {pid or 'unknown'}) holds {home}. If it is stuck, end it "
                "(close it, or end the process), then start SCO Briefing again. Your bookmarks are safe.",
            )
    try:
        running = open_window(args, first_paint)
    except Exception:  # noqa: BLE001 - the window failed to build: log it, say so, never a silent exit
        log.exception("the window could not be built")
        instance.release()
        return cannot_start("The window could not be opened.",
                            f"The details were written to {paths.log_path()}; please send that file to your IT "
                            "support. Your bookmarks are safe.")
    if running is None:
        instance.release()
        return EXIT_CANNOT_START
    connect_instance(instance, running)
    if args.exit_after_paint:
        running.window.first_painted.connect(lambda: _quit_right_after_paint(app))
    code = app.exec()
    QThreadPool.globalInstance().waitForDone()  # a backup or search still running ends before its files close
    running.window.save_state()
    running.close()
    if not running.services.user_status.read_only:
        from briefing_app.services.user_backups import backup_if_changed

        backup_if_changed()  # the session's changes are in a backup before the window is gone (a stat if none)
    instance.release()
    return code
