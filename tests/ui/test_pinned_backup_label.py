"""The restore dialog marks the backup pinned since a damaged database was set aside."""

from __future__ import annotations


def test_the_restore_dialog_marks_the_pinned_backup(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime
    from pathlib import Path

    from briefing_app.services.user_backups import BackupInfo
    from briefing_app.ui.dialogs.restore_backup import BackupTableModel

    now = datetime.now(UTC)
    pinned = BackupInfo(Path("/x/user-20260101-000000-000000.sqlite3"), now, "after-change", 3, 1, 2, pinned=True)
    other = BackupInfo(Path("/x/user-20260101-000000-000001.sqlite3"), now, "", 1, 0, 0)
    model = BackupTableModel([pinned, other])
    qtmodeltester.check(model)
    assert "kept since the damaged file" in model.data(model.index(0, 1))
    assert model.data(model.index(1, 1)) == "at start"
