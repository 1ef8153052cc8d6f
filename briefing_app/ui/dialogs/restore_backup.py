"""File > Restore Bookmarks…: choose one of the rolling backups. It returns the choice; the caller restores.

    dialog = RestoreBackupDialog(describe_backups(), current_count, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen() is not None:
        restore_backup(dialog.chosen().path)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from briefing_app.services.user_backups import BackupInfo

BACKUP_ROLE = Qt.ItemDataRole.UserRole + 40
COLUMNS = ("Taken", "When", "Bookmarks", "With notes", "Tags")
_Index = QModelIndex | QPersistentModelIndex


def local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class BackupTableModel(QAbstractTableModel):
    """The backups, newest first: when, on what occasion, and how many bookmarks, notes and tags each holds."""

    def __init__(self, backups: Sequence[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backups = list(backups)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._backups)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(
            COLUMNS
        ):
            return COLUMNS[section]
        return None

    def backup(self, row: int) -> BackupInfo:
        return self._backups[row]

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._backups[index.row()].bookmarks is None:
            return Qt.ItemFlag.ItemNeverHasChildren  # unreadable: shown, but cannot be chosen
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not (0 <= index.row() < len(self._backups)):
            return None
        backup = self._backups[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return local_time(backup.taken_at)
            if column == 1:  # the pinned backup is the way back after a damaged database was set aside
                label = backup.occasion_label
                return f"{label} (kept since the damaged file)" if backup.pinned else label
            if backup.bookmarks is None:
                return "unreadable" if column == 2 else ""
            return str((backup.bookmarks, backup.notes, backup.tags)[column - 2])
        if role == Qt.ItemDataRole.ToolTipRole:
            return backup.problem or f"{backup.name} ({backup.path.parent})"
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == BACKUP_ROLE:
            return backup
        return None


class RestoreBackupDialog(QDialog):
    """Lists the backups; Restore is enabled once a readable one is chosen."""

    def __init__(self, backups: Sequence[BackupInfo], current_count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore Bookmarks")
        self.setObjectName("restore-bookmarks")
        self.setMinimumSize(620, 360)
        self.model = BackupTableModel(backups, self)

        intro = QLabel(self)
        intro.setObjectName("restore-intro")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        if backups and current_count:
            intro.setText(
                f"Choose a backup to restore. It replaces your current {current_count} bookmark"
                f"{'s' if current_count != 1 else ''}, which are first kept as a backup themselves, so a restore "
                "can be undone by restoring the backup taken before it."
            )
        elif backups:
            intro.setText("Choose a backup to restore. You have no bookmarks at the moment.")
        else:
            intro.setText(
                "There are no backups yet. A backup is taken when SCO Briefing starts after your bookmarks "
                "changed, and before every change made from the command line."
            )

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName("Backups of your bookmarks")
        self.table.doubleClicked.connect(self._double_clicked)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = self.buttons.addButton("&Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        first = next((row for row in range(self.model.rowCount()) if self.model.backup(row).bookmarks is not None),
                     None)
        if first is not None:
            self.table.selectRow(first)

    def chosen(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        backup = self.model.backup(rows[0].row())
        return backup if backup.bookmarks is not None else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and self.model.backup(index.row()).bookmarks is not None:
            self.table.selectRow(index.row())
            self.accept()
