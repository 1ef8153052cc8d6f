"""The window under faults at start: it still opens (or explains why it cannot), and tells the user what to do.

``open_window`` is what ``briefing-app`` runs after it has claimed the user data folder; every message box is
caught at ``QMessageBox.exec`` so the test reads exactly what the user would.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QMessageBox

from briefing_app import cli, paths
from briefing_app.services.userdata import open_user_data
from briefing_app.ui import app as app_module
from tests.fault_tools import checkpoint, digest, lock_held, read_only


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """Every message box the app shows, as the user would read it; none blocks."""
    seen: list[dict[str, object]] = []

    def fake_exec(box: QMessageBox) -> int:
        buttons = [b.text() for b in box.buttons()]
        seen.append({"title": box.windowTitle(), "text": box.text(), "info": box.informativeText(),
                     "plain": box.textFormat().name == "PlainText", "buttons": buttons})
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return seen


def seed_bookmarks() -> None:
    repo, _ = open_user_data()
    repo.add("member:kaz", "member", "Kazakhstan", "Host <b>note</b>", ["summit"])
    repo.add("member:chn", "member", "China", "中文")
    repo.close()
    checkpoint(paths.user_db_path())


def open_the_window(qtbot, *args: str):  # type: ignore[no-untyped-def]
    running = app_module.open_window(cli.build_parser().parse_args(list(args)))
    if running is not None:
        qtbot.addWidget(running.window)
    return running


def close(running) -> None:  # type: ignore[no-untyped-def]
    QThreadPool.globalInstance().waitForDone(10_000)  # the backup at start
    running.window.close()
    running.close()


@contextlib.contextmanager
def random_bytes() -> Iterator[None]:
    paths.user_db_path().write_bytes(b"\x13\x37" * 5000)
    yield


@contextlib.contextmanager
def truncated() -> Iterator[None]:
    seed_bookmarks()
    data = paths.user_db_path().read_bytes()
    paths.user_db_path().write_bytes(data[: len(data) // 2 + 17])
    yield


@contextlib.contextmanager
def newer_version() -> Iterator[None]:
    import sqlite3

    seed_bookmarks()
    with contextlib.closing(sqlite3.connect(paths.user_db_path())) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '0042_future'")
    yield


@contextlib.contextmanager
def unwritable() -> Iterator[None]:
    seed_bookmarks()
    with read_only(paths.user_db_path()):
        yield


@contextlib.contextmanager
def locked_for_writing() -> Iterator[None]:
    seed_bookmarks()
    with lock_held(paths.user_db_path(), "writes"):
        yield


@contextlib.contextmanager
def locked_for_everything() -> Iterator[None]:
    seed_bookmarks()
    with lock_held(paths.user_db_path(), "everything"):
        yield


FAULTS: dict[str, tuple[Callable[[], contextlib.AbstractContextManager[None]], str, bool, int]] = {
    # fault: (maker, what the warning must say, read-only session?, bookmarks shown)
    "random bytes": (random_bytes, "could not be read", False, 0),
    "truncated": (truncated, "could not be read", False, 0),
    "newer version": (newer_version, "newer version of SCO Briefing", False, 0),
    "read-only": (unwritable, "is read-only", True, 2),
    "locked for writing": (locked_for_writing, "held for writing by another program", True, 2),
    "locked for everything": (locked_for_everything, "locked by another program", True, 0),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_window_opens_and_explains_a_bad_user_database(
    fault: str, home_with_content: Path, qtbot, shown, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    from briefing_app.services import userdata

    monkeypatch.setattr(userdata, "LOCK_WAIT_SECONDS", 1.0)
    maker, says, read_only_session, count = FAULTS[fault]
    with maker():
        before = digest(paths.user_db_path())
        # When the window opens on a user database with this fault
        running = open_the_window(qtbot)
        # Then it opens, with the bookmarks that could be read
        assert running is not None and running.window.isVisible()
        assert len(running.services.bookmarks.list()) == count
        # And one plain-text dialog says what happened and what to do
        qtbot.waitUntil(lambda: len(shown) == 1)
        (box,) = shown
        assert box["plain"] and says in box["info"]
        assert any(word in box["info"] for word in ("Restore Bookmarks", "start SCO Briefing again", "rename"))
        # And the status bar repeats it; Restore is offered only when a restore is possible
        assert says in running.window.statusBar().currentMessage()
        assert running.window.restore_action.isEnabled() is not read_only_session
        close(running)
        # And the bad file itself was never changed: kept aside, or left in place untouched
        kept = running.services.user_status.set_aside
        assert digest(kept if kept is not None else paths.user_db_path()) == before


def test_a_damaged_database_with_backups_offers_restore_at_once(
    home_with_content: Path, qtbot, shown  # type: ignore[no-untyped-def]
) -> None:
    from briefing_app.services.user_backups import backup_if_changed

    # Given bookmarks with a backup, then the database damaged
    seed_bookmarks()
    assert backup_if_changed() is not None
    paths.user_db_path().write_bytes(b"\0garbage" * 4096)
    # When the window opens
    running = open_the_window(qtbot)
    qtbot.waitUntil(lambda: len(shown) == 1)
    # Then the warning offers Restore Bookmarks… next to OK
    assert "Restore Bookmarks…" in shown[0]["buttons"]
    close(running)


def test_no_content_at_all_is_a_dialog_naming_what_is_missing(
    briefing_home: Path, qtbot, shown, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    # Given no content database and no briefing pack where the app expects it
    monkeypatch.setattr(paths, "default_pack_dir", lambda: briefing_home / "packs" / "astana-2024")
    # When the window is opened
    running = open_the_window(qtbot)
    # Then there is no window but a dialog that names the missing folder and the way out
    assert running is None
    (box,) = shown
    assert box["title"] == "SCO Briefing cannot start" and box["plain"]
    assert "packs/astana-2024" in box["info"] and "briefing-app db build" in box["info"]


def test_a_damaged_content_database_is_rebuilt_from_the_pack_without_a_word(
    home_with_content: Path, qtbot, shown  # type: ignore[no-untyped-def]
) -> None:
    paths.content_db_path().write_bytes(b"not a database" * 500)
    running = open_the_window(qtbot)
    assert running is not None and running.services.content_status.rebuilt
    assert running.services.briefing.item("member:kaz").title
    assert shown == []
    close(running)


def test_missing_application_files_are_a_dialog_not_a_traceback(
    briefing_home: Path, built_content: Path, qtbot, shown, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    # Given an installation whose migrations folder is gone (a half-copied install), and no user database yet
    shutil.copy(built_content, paths.content_db_path())

    def missing() -> Path:
        raise FileNotFoundError("the application's 'db' folder is missing (looked in: /opt/sco-briefing/db)")

    monkeypatch.setattr(paths, "migrations_dir", missing)
    # When the window is opened
    running = open_the_window(qtbot)
    # Then the user is told what is missing, in a dialog; the window still opens, without bookmarks
    assert running is not None
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert "'db' folder is missing" in shown[0]["info"]
    assert running.services.user_status.unavailable
    close(running)


def test_a_read_only_data_folder_is_explained_with_the_way_out(
    briefing_home: Path, qtbot, shown  # type: ignore[no-untyped-def]
) -> None:
    # Given a data folder nothing can be written to, and no content built in it yet
    with read_only(briefing_home):
        # When the window is opened
        running = open_the_window(qtbot)
        # Then a dialog says the folder cannot be written to and what to do, instead of a wrong diagnosis
        assert running is None
        (box,) = shown
        assert f"Your data folder {briefing_home} cannot be written to" in box["info"]
        assert "BRIEFING_HOME" in box["info"] and box["plain"]
