"""The user's bookmarks as a tree model: flat in the user's order, or grouped under tags or kinds.

The model reads ``BookmarkService.entries()`` and, on every change notice, brings itself up to date with the
smallest row inserts and removals (so selection and expanded groups survive an edit). Sorting and filtering
are the proxy's job (:mod:`briefing_app.ui.models.bookmark_proxy`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import count
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from briefing_app.domain.bookmarks import BookmarkEntry, moved_order, parse_tags_text, tags_text
from briefing_app.reports.formatting import isolate
from briefing_app.services.bookmarks import BookmarkService
from briefing_app.ui.models.bookmark_text import (
    COLUMNS,
    TAGS,
    TITLE,
    display_text,
    kind_label,
    kind_order,
    kind_plural,
    tooltip_html,
)
from briefing_app.ui.models.roles import BOOKMARKED_ROLE, ITEM_ID_ROLE, KIND_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex

#: the BookmarkEntry of a bookmark row (None on group rows)
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 40
#: True on group rows
IS_GROUP_ROLE = Qt.ItemDataRole.UserRole + 41
#: what the filter field matches: title, note, tags, kind, id (a group row: its name)
FILTER_TEXT_ROLE = Qt.ItemDataRole.UserRole + 42
#: False for a bookmark whose item is not in the current briefing
IN_BRIEFING_ROLE = Qt.ItemDataRole.UserRole + 43
#: the order of group rows (kinds in briefing order, "No tag" last)
GROUP_SORT_ROLE = Qt.ItemDataRole.UserRole + 44
#: the tag of a tag group row (None elsewhere)
GROUP_TAG_ROLE = Qt.ItemDataRole.UserRole + 45

BOOKMARK_IDS_MIME = "application/x-sco-briefing-bookmark-ids"


class Grouping(StrEnum):
    NONE = "none"
    TAG = "tag"
    KIND = "kind"


@dataclass(eq=False)
class _Group:
    uid: int
    key: str
    label: str
    order: tuple[int, str]
    item_ids: list[str] = field(default_factory=list)


class BookmarkModel(QAbstractItemModel):
    def __init__(self, bookmarks: BookmarkService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = bookmarks
        self._grouping = Grouping.NONE
        self._entries: dict[str, BookmarkEntry] = {}
        self._flat: list[str] = []
        self._groups: list[_Group] = []
        self._by_uid: dict[int, _Group] = {}
        self._group_rows: dict[int, int] = {}
        self._uids = count(1)
        #: item id -> a word on its team sharing ("shared"), set by the window's team link (after the title)
        self.team_marks: dict[str, str] = {}
        self._load(self._service.entries())

    # --- structure ----------------------------------------------------------------------------------

    @property
    def grouping(self) -> Grouping:
        return self._grouping

    def set_grouping(self, grouping: Grouping) -> None:
        if grouping == self._grouping:
            return
        self.beginResetModel()
        self._grouping = grouping
        self._load(list(self._ordered_entries()))
        self.endResetModel()

    def _ordered_entries(self) -> list[BookmarkEntry]:
        return sorted(self._entries.values(), key=lambda e: e.bookmark.position)

    def _load(self, entries: Sequence[BookmarkEntry]) -> None:
        self._entries = {e.item_id: e for e in entries}
        self._flat, self._groups, self._by_uid, self._group_rows = [], [], {}, {}
        if self._grouping == Grouping.NONE:
            self._flat = [e.item_id for e in entries]
            return
        for key, label, order, ids in self._grouped(entries):
            group = _Group(next(self._uids), key, label, order, list(ids))
            self._groups.append(group)
            self._by_uid[group.uid] = group
        self._reindex_groups()

    def _grouped(self, entries: Sequence[BookmarkEntry]) -> list[tuple[str, str, tuple[int, str], list[str]]]:
        """(key, label, sort order, item ids) of every group for the current grouping."""
        groups: dict[str, tuple[str, tuple[int, str], list[str]]] = {}
        for entry in entries:
            if self._grouping == Grouping.KIND:
                kind = entry.bookmark.kind
                order = (kind_order(kind), kind)
                keys = [(kind, kind_plural(kind), order)]
            elif entry.bookmark.tags:
                keys = [(t.casefold(), t, (0, t.casefold())) for t in entry.bookmark.tags]
            else:
                keys = [("", "No tag", (1, ""))]
            for key, label, order in keys:
                groups.setdefault(key, (label, order, []))[2].append(entry.item_id)
        return [(key, label, order, ids) for key, (label, order, ids) in groups.items()]

    def refresh(self) -> None:
        """Re-read the bookmarks and apply the difference as row removals, insertions and data changes."""
        old = self._entries
        entries = self._service.entries()
        self._entries = {e.item_id: e for e in entries}
        if self._grouping == Grouping.NONE:
            self._sync_children(QModelIndex(), self._flat, [e.item_id for e in entries])
        else:
            self._sync_groups(self._grouped(entries))
            if self._groups:  # counts in the group labels
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._groups) - 1, 0))
        self._rows_changed([i for i, e in self._entries.items() if i in old and old[i] != e])

    def update_one(self, item_id: str) -> None:
        """One bookmark's note or tags changed: repaint its rows (re-group only if its group changed)."""
        entry = self._service.entry(item_id)
        old = self._entries.get(item_id)
        if entry is None or old is None or self._group_keys(entry) != self._group_keys(old):
            self.refresh()
            return
        self._entries[item_id] = entry
        self._rows_changed([item_id])

    def _group_keys(self, entry: BookmarkEntry) -> tuple[str, ...]:
        if self._grouping == Grouping.TAG:
            return tuple(t.casefold() for t in entry.bookmark.tags)
        return (entry.bookmark.kind,) if self._grouping == Grouping.KIND else ()

    def _rows_changed(self, item_ids: Sequence[str]) -> None:
        if len(item_ids) > 64:
            self._all_changed()
            return
        last = len(COLUMNS) - 1
        for item_id in item_ids:
            if self._grouping == Grouping.NONE:
                if item_id in self._flat:
                    row = self._flat.index(item_id)
                    self.dataChanged.emit(self.index(row, 0), self.index(row, last))
                continue
            for group_row, group in enumerate(self._groups):
                if item_id in group.item_ids:
                    parent = self.index(group_row, 0)
                    row = group.item_ids.index(item_id)
                    self.dataChanged.emit(self.index(row, 0, parent), self.index(row, last, parent))

    def _sync_children(self, parent: QModelIndex, current: list[str], wanted: list[str]) -> None:
        wanted_set = set(wanted)
        for row in range(len(current) - 1, -1, -1):
            if current[row] not in wanted_set:
                self.beginRemoveRows(parent, row, row)
                del current[row]
                self.endRemoveRows()
        present = set(current)
        new = [i for i in wanted if i not in present]
        if new:
            self.beginInsertRows(parent, len(current), len(current) + len(new) - 1)
            current.extend(new)
            self.endInsertRows()

    def _sync_groups(self, wanted: list[tuple[str, str, tuple[int, str], list[str]]]) -> None:
        by_key = {key: (label, order, ids) for key, label, order, ids in wanted}
        for row in range(len(self._groups) - 1, -1, -1):
            if self._groups[row].key not in by_key:
                self.beginRemoveRows(QModelIndex(), row, row)
                group = self._groups.pop(row)
                del self._by_uid[group.uid]
                self._reindex_groups()
                self.endRemoveRows()
        for row, group in enumerate(self._groups):
            label, order, ids = by_key[group.key]
            group.label, group.order = label, order
            self._sync_children(self.createIndex(row, 0, 0), group.item_ids, ids)
        known = {g.key for g in self._groups}
        new = [(key, label, order, ids) for key, label, order, ids in wanted if key not in known]
        if new:
            first = len(self._groups)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            for key, label, order, ids in new:
                group = _Group(next(self._uids), key, label, order, list(ids))
                self._groups.append(group)
                self._by_uid[group.uid] = group
            self._reindex_groups()
            self.endInsertRows()

    def _all_changed(self) -> None:
        last = len(COLUMNS) - 1
        top = self.rowCount()
        if top:
            self.dataChanged.emit(self.index(0, 0), self.index(top - 1, last))
        for row, group in enumerate(self._groups):
            if group.item_ids:
                parent = self.index(row, 0)
                self.dataChanged.emit(self.index(0, 0, parent), self.index(len(group.item_ids) - 1, last, parent))

    def bookmark_changed(self, action: str, item_id: str) -> None:
        """Slot for ``BookmarkSignals.changed``."""
        if action == "changed" and item_id:
            self.update_one(item_id)
        else:
            self.refresh()

    # --- QAbstractItemModel ------------------------------------------------------------------------

    def _group_of(self, index: Index) -> _Group | None:
        """The group a row belongs to (children), or None for top-level rows."""
        return self._by_uid.get(index.internalId()) if index.internalId() else None

    # index() and parent() are called hundreds of thousands of times while a long list is filtered: they stay
    # small, and never call back into Python (hasIndex would call rowCount and columnCount).

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if row < 0 or not 0 <= column < len(COLUMNS):
            return QModelIndex()
        if not parent.isValid():
            top = len(self._flat) if self._grouping == Grouping.NONE else len(self._groups)
            return self.createIndex(row, column, 0) if row < top else QModelIndex()
        if parent.internalId() or parent.column() != 0 or self._grouping == Grouping.NONE:
            return QModelIndex()
        group = self._groups[parent.row()]
        return self.createIndex(row, column, group.uid) if row < len(group.item_ids) else QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        uid = index.internalId() if index.isValid() else 0
        row = self._group_rows.get(uid) if uid else None
        return QModelIndex() if row is None else self.createIndex(row, 0, 0)

    def _reindex_groups(self) -> None:
        self._group_rows = {group.uid: row for row, group in enumerate(self._groups)}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._flat) if self._grouping == Grouping.NONE else len(self._groups)
        if parent.column() != 0 or self._grouping == Grouping.NONE or parent.internalId():
            return 0
        return len(self._groups[parent.row()].item_ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def item_id_at(self, index: Index) -> str | None:
        if not index.isValid():
            return None
        if self._grouping == Grouping.NONE:
            return self._flat[index.row()] if index.row() < len(self._flat) else None
        group = self._group_of(index)
        if group is None or index.row() >= len(group.item_ids):
            return None
        return group.item_ids[index.row()]

    def _group_at(self, index: Index) -> _Group | None:
        if self._grouping == Grouping.NONE or index.internalId() or not 0 <= index.row() < len(self._groups):
            return None
        return self._groups[index.row()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item_id = self.item_id_at(index)
        if item_id is None:
            group = self._group_at(index)
            return self._group_data(group, index.column(), role) if group is not None else None
        entry = self._entries.get(item_id)
        return self._entry_data(entry, index.column(), role) if entry is not None else None

    def _group_data(self, group: _Group, column: int, role: int) -> Any:
        if role == IS_GROUP_ROLE:
            return True
        if role == GROUP_SORT_ROLE:
            return group.order
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole) and column == TITLE:
            user_text = self._grouping == Grouping.TAG and group.key  # a tag, whose override must stay inside
            return f"{isolate(group.label) if user_text else group.label} ({len(group.item_ids)})"
        if role == FILTER_TEXT_ROLE:
            return group.label
        if role == GROUP_TAG_ROLE:
            return group.label if self._grouping == Grouping.TAG and group.key else None
        if role == Qt.ItemDataRole.FontRole and column == TITLE:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _entry_data(self, entry: BookmarkEntry, column: int, role: int) -> Any:
        b = entry.bookmark
        if role == Qt.ItemDataRole.DisplayRole:
            shown = display_text(entry, column)
            return f"{shown} · {self.team_marks[b.item_id]}" if column == TITLE and b.item_id in self.team_marks \
                else shown
        if role == Qt.ItemDataRole.EditRole:
            return tags_text(b.tags) if column == TAGS else display_text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_html(entry, column)
        if role == Qt.ItemDataRole.ForegroundRole and not entry.in_briefing:
            app = QApplication.instance()
            palette = app.palette() if isinstance(app, QApplication) else None
            return palette.brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text) if palette else None
        if role == Qt.ItemDataRole.FontRole and not entry.in_briefing and column == TITLE:
            font = QFont()
            font.setItalic(True)
            return font
        if role == ITEM_ID_ROLE:
            return b.item_id
        if role == KIND_ROLE:
            return b.kind
        if role == BOOKMARKED_ROLE:
            return True
        if role == SORT_ROLE:
            return b.position
        if role == ENTRY_ROLE:
            return entry
        if role == IN_BRIEFING_ROLE:
            return entry.in_briefing
        if role == IS_GROUP_ROLE:
            return False
        if role == FILTER_TEXT_ROLE:
            return " ".join((entry.title, b.note, " ".join(b.tags), kind_label(b.kind), b.item_id))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.item_id_at(index) is None:
            return base
        base |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        if index.column() == TAGS:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Editing the Tags cell saves the tags (the service commits, then the model refreshes)."""
        item_id = self.item_id_at(index)
        if item_id is None or index.column() != TAGS or role != Qt.ItemDataRole.EditRole:
            return False
        self._service.set_tags(item_id, parse_tags_text(str(value)))
        return True

    # --- drag and drop: the user's order ------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [BOOKMARK_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = list(dict.fromkeys(i for i in (self.item_id_at(x) for x in indexes) if i))
        mime = QMimeData()
        mime.setData(BOOKMARK_IDS_MIME, json.dumps(ids).encode("utf-8"))
        return mime

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        """Dropped bookmarks go before the row dropped on (or at the end): a new user order, saved at once."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(BOOKMARK_IDS_MIME):
            return False
        try:
            dragged = [str(i) for i in json.loads(bytes(data.data(BOOKMARK_IDS_MIME).data()).decode("utf-8"))]
        except (ValueError, TypeError):
            return False
        if row < 0:
            before = self.item_id_at(parent)  # dropped onto a row
        elif parent.isValid() and self.item_id_at(parent) is None and self._grouping != Grouping.NONE:
            ids = self._groups[parent.row()].item_ids
            before = ids[row] if row < len(ids) else None
        else:
            before = self._flat[row] if self._grouping == Grouping.NONE and row < len(self._flat) else None
        self._service.reorder(moved_order(self.user_order(), dragged, before))
        return True

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return False  # a drag moves bookmarks by reordering them; rows leave only when bookmarks are removed

    def user_order(self) -> list[str]:
        return [e.item_id for e in self._ordered_entries()]

    def entry(self, item_id: str) -> BookmarkEntry | None:
        return self._entries.get(item_id)

    def entries(self) -> list[BookmarkEntry]:
        return self._ordered_entries()
