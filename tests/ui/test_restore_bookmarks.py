"""File > Restore Bookmarks…: the list of backups, the choice, and the restore reaching every view."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from briefing_app import paths
from briefing_app.services.user_backups import backup_if_changed, describe_backups
from briefing_app.ui import restore_bookmarks as restore_module
from briefing_app.ui.dialogs.restore_backup import BackupTableModel, RestoreBackupDialog


def make_backups(services) -> list[Path]:  # type: ignore[no-untyped-def]
    """Two backups: one with Kazakhstan (noted), then one with Kazakhstan and China (tagged)."""
    bookmarks = services.bookmarks
    bookmarks.add("member:kaz", note="first <i>note</i>")
    first = backup_if_changed()
    bookmarks.add("member:chn", tags=["asia"])
    second = backup_if_changed()
    assert first is not None and second is not None
    return [second, first]


def test_backup_model_passes_the_model_tester_and_shows_counts(services, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    make_backups(services)
    paths.backups_dir().joinpath("user-20200101-000000-000000.sqlite3").write_bytes(b"not a database" * 100)
    model = BackupTableModel(describe_backups())
    qtmodeltester.check(model)
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert [row[2:] for row in rows] == [["2", "1", "1"], ["1", "1", "0"], ["unreadable", "", ""]]
    assert rows[0][1] == "at start"
    unreadable = model.index(2, 0)
    assert not (model.flags(unreadable) & Qt.ItemFlag.ItemIsSelectable)
    assert "cannot be read" in unreadable.data(Qt.ItemDataRole.ToolTipRole)


def test_dialog_offers_the_newest_readable_backup_and_returns_the_choice(services, qtbot) -> None:  # type: ignore[no-untyped-def]
    make_backups(services)
    dialog = RestoreBackupDialog(describe_backups(), current_count=2)
    qtbot.addWidget(dialog)
    assert dialog.chosen() is not None and dialog.chosen().bookmarks == 2
    assert dialog.restore_button.isEnabled()
    dialog.table.selectRow(1)
    assert dialog.chosen().bookmarks == 1


def test_dialog_without_backups_says_when_they_are_taken(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = RestoreBackupDialog([], current_count=0)
    qtbot.addWidget(dialog)
    assert dialog.chosen() is None and not dialog.restore_button.isEnabled()
    intro = dialog.findChild(QLabel, "restore-intro")
    assert "no backups yet" in intro.text().lower() and "command line" in intro.text()


def test_restore_from_the_file_menu_replaces_bookmarks_and_refreshes_the_views(
    window, qtbot, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    # Given two backups and, since then, a different set of bookmarks
    newest, oldest = make_backups(window.services)
    window.services.bookmarks.remove("member:kaz")
    window.services.bookmarks.add("member:ind", note="later")

    class ChooseOldest(RestoreBackupDialog):
        def exec(self) -> int:
            self.table.selectRow(1)
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(restore_module, "RestoreBackupDialog", ChooseOldest)
    assert window.restore_action in window.file_menu.actions()
    # When the user restores the oldest backup from the File menu
    with qtbot.waitSignal(window.bookmark_signals.changed) as change:
        window.restore_action.trigger()
    # Then the bookmarks are those of the backup, every view heard a reset, and the status bar says how to undo
    assert change.args == ["reset", ""]
    assert [(b.item_id, b.note) for b in window.services.bookmarks.list()] == [("member:kaz", "first <i>note</i>")]
    assert window.services.bookmarks.is_bookmarked("member:kaz")
    assert not window.services.bookmarks.is_bookmarked("member:ind")
    assert "To undo" in window.statusBar().currentMessage()
    # And what was there before is the newest backup, ready to undo the restore
    assert describe_backups()[0].occasion == "before-restore" and describe_backups()[0].bookmarks == 2


def test_a_restore_that_fails_changes_nothing_and_says_so(window, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    make_backups(window.services)

    class BackupBreaksAfterListing(RestoreBackupDialog):
        def exec(self) -> int:
            self.chosen().path.write_bytes(b"broken since it was listed" * 100)
            return QDialog.DialogCode.Accepted

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    monkeypatch.setattr(restore_module, "RestoreBackupDialog", BackupBreaksAfterListing)
    before = window.services.bookmarks.list()
    window.restore_action.trigger()
    assert window.services.bookmarks.list() == before
    assert len(shown) == 1 and "damaged" in shown[0] and "Nothing was changed" in shown[0]
