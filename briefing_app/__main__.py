"""Entry point: parse the arguments, then run a CLI command or open the window."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence


def _guard_streams() -> None:
    # A windowed (frozen, gui-scripts) app may have no console: writes to None would raise.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


class _LogFile(logging.FileHandler):
    """The log file; a record that cannot be written (a full disk) is dropped without a word: the log must never
    be the reason a command prints more than its one line."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        pass


def _setup_logging() -> None:
    from briefing_app import paths

    try:
        handler: logging.Handler = _LogFile(paths.log_path(), encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def _window_problem() -> str | None:
    """Why the window cannot open on this Linux session, or None. Qt would abort with a core dump instead.

    No display at all; or Qt's X11 plugin cannot load because a system library is missing (Qt then says
    "xcb-cursor0 is needed" whatever is missing): the message names the missing libraries and their packages.
    """
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return None  # offscreen, vnc, eglfs...: no display server needed
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return (
            "there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). Start it from "
            "a desktop session; the commands work without one (see 'briefing-app --help')"
        )
    if _uses_xcb(platform):
        from briefing_app import qt_libraries

        return qt_libraries.xcb_problem()
    return None


def _uses_xcb(platform: str) -> bool:
    """Whether Qt will pick its X11 (xcb) plugin: asked for, or the default outside a Wayland session."""
    if platform:
        return platform.startswith("xcb")
    wayland_session = os.environ.get("XDG_SESSION_TYPE") == "wayland" and os.environ.get("WAYLAND_DISPLAY")
    return bool(os.environ.get("DISPLAY")) and not wayland_session


def main(argv: Sequence[str] | None = None) -> int:
    _guard_streams()
    from briefing_app import cli

    args = cli.build_parser().parse_args(argv)
    try:
        _setup_logging()
    except OSError as exc:
        print(f"briefing-app: error: the user data folder cannot be used ({exc})", file=sys.stderr)
        return cli.EXIT_USAGE
    if args.command:
        status = cli.run(args)
        cli.leave_at_once_if_built(args, status)  # a db build that succeeded ends here, without the teardown
        return status
    reason = _window_problem()
    if reason:
        print(f"briefing-app: error: {reason}", file=sys.stderr)
        return cli.EXIT_USAGE
    first_paint = None
    if not args.open_item and args.tab in (None, "overview"):
        # The Overview's content and the stars, read with plain sqlite3 when the content is current: the window
        # paints them before SQLAlchemy, Alembic and the migrations check (the services open right after).
        from briefing_app.services.first_paint import open_first_paint

        first_paint = open_first_paint()
    if first_paint is None:
        # The core (SQLAlchemy, about 300 modules) is imported before Qt: once PySide6 is loaded, every later
        # import of a Python module runs its __feature__ import hook, which reads the module's source.
        import briefing_app.services.app  # noqa: F401
    try:
        from briefing_app.ui.app import run_gui
    except ImportError as exc:  # Qt loads, but a system library it needs (libGL, libglib) is not installed
        logging.getLogger(__name__).error("the window cannot open: %s", exc)
        from briefing_app import qt_libraries

        named = qt_libraries.qt_import_problem(exc)
        print(
            f"briefing-app: error: {named}" if named else
            f"briefing-app: error: the window cannot open: {exc}. Install the system packages listed under "
            "'What the machine needs' in the README (the bundle's README.txt has the same list).",
            file=sys.stderr,
        )
        return cli.EXIT_INTERNAL
    return run_gui(args, first_paint)


if __name__ == "__main__":
    sys.exit(main())
