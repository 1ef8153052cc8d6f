"""Shared fixtures: offscreen Qt, an isolated BRIEFING_HOME per test, the real pack built once, no network."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

ROOT = Path(__file__).resolve().parent.parent
MINI_PACK = ROOT / "tests" / "fixtures" / "mini-pack"
REAL_PACK = ROOT / "resources" / "packs" / "astana-2024"
#: a second, different pack (Testville 2030): its main event is not listed first, its priorities are out of order
SECOND_PACK = ROOT / "tests" / "fixtures" / "second-pack"


#: the end-to-end tests: each runs the app as a user does (a command in a new process, a window, a whole PDF or Word
#: document, a killed process); ``make test-fast`` (``-m "not e2e"``) leaves them to ``make test``
E2E_TESTS = ROOT / "tests" / "e2e"


#: the test files that take longest, longest first (wall time of each file's tests under ``make test``, 2026-11-29).
#: xdist hands a whole file to one worker (``--dist loadfile``) and by default hands out the files with the most
#: tests first, which left these long files of few tests to the end of the run with the other core idle. They go
#: first (the Makefile passes ``--no-loadscope-reorder``) so that the many short files fill the other core meanwhile.
SLOWEST_FIRST = (
    "e2e/test_bundle.py", "e2e/test_user_database_cli.py", "e2e/test_print_cli.py", "e2e/test_wheel.py",
    "e2e/test_book_cli.py", "ui/test_screen_sizes.py", "e2e/test_bookmarks_cli.py", "e2e/test_two_instances.py",
    "e2e/test_book_print.py", "e2e/test_cli.py", "e2e/test_content_faults.py", "e2e/test_user_database_cli_faults.py",
    "ui/test_startup_path.py", "unit/test_no_network.py", "e2e/test_accessibility.py", "e2e/test_highlights_cli.py",
    "team/test_team_cli.py", "ui/test_print_actions.py",
)


def _slowness_rank(item: pytest.Item) -> int:
    name = item.path.relative_to(ROOT / "tests").as_posix() if ROOT / "tests" in item.path.parents else ""
    return SLOWEST_FIRST.index(name) if name in SLOWEST_FIRST else len(SLOWEST_FIRST)


@pytest.hookimpl(tryfirst=True)  # before ``-m`` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if E2E_TESTS in item.path.parents:
            item.add_marker(pytest.mark.e2e)
    items.sort(key=_slowness_rank)  # stable: the other files, and the tests inside each file, keep their order


class NetworkAccessError(AssertionError):
    pass


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app is offline by construction: any attempt to open a network connection fails the test."""
    real_connect = socket.socket.connect

    def guarded_connect(self: socket.socket, address: object) -> None:
        if self.family == socket.AF_UNIX:
            return real_connect(self, address)  # type: ignore[arg-type]
        raise NetworkAccessError(f"the app tried to open a network connection to {address!r}")

    def guarded_create_connection(address: object, *args: object, **kwargs: object) -> socket.socket:
        raise NetworkAccessError(f"the app tried to open a network connection to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "create_connection", guarded_create_connection)


@pytest.fixture(autouse=True)
def briefing_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty user data directory."""
    home = tmp_path / "briefing-home"
    home.mkdir()
    monkeypatch.setenv("BRIEFING_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def built_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real pack's content database, built once per session."""
    from briefing_app.content.loader import load_pack
    from briefing_app.persistence.content_builder import build_content_db

    target = tmp_path_factory.mktemp("content") / "content.sqlite3"
    loaded = load_pack(REAL_PACK)
    build_content_db(target, loaded.info, loaded.items, loaded.root)
    return target


@pytest.fixture
def home_with_content(briefing_home: Path, built_content: Path) -> Path:
    """A BRIEFING_HOME that already holds the real pack's content database (no rebuild needed)."""
    shutil.copy(built_content, briefing_home / "content.sqlite3")
    return briefing_home


@pytest.fixture
def services(home_with_content: Path) -> Iterator[object]:
    from briefing_app.services.app import open_services

    opened = open_services()
    yield opened
    opened.close()


@pytest.fixture
def second_services(briefing_home: Path) -> Iterator[object]:
    """Services over the second pack (Testville 2030), built and made the active pack in an isolated BRIEFING_HOME."""
    from briefing_app.services import content
    from briefing_app.services.app import open_services

    content.build(SECOND_PACK)
    opened = open_services()
    yield opened
    opened.close()


def open_window(qtbot, services):  # type: ignore[no-untyped-def]
    """A main window over ``services``, 1280x800, shown offscreen and closed with the test."""
    from briefing_app.ui.app import make_settings
    from briefing_app.ui.main_window import MainWindow

    win = MainWindow(services, make_settings())
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot, services):  # type: ignore[no-untyped-def]
    """The main window over the real briefing, 1280x800, shown offscreen."""
    return open_window(qtbot, services)


def save_screenshot(widget, name: str) -> Path | None:  # type: ignore[no-untyped-def]
    """Save a PNG of a widget into $BRIEFING_SCREENSHOTS when it is set (for review, never compared)."""
    folder = os.environ.get("BRIEFING_SCREENSHOTS")
    if not folder:
        return None
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    target = path / f"{name}.png"
    widget.grab().save(str(target))
    return target
