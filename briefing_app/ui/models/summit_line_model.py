"""One-line facts that each open an item: the summit's host, chair, handover, new member, declaration, format
and previous meeting, read from the event's links; and the priorities in the order of the address."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from briefing_app.domain.items import Item
from briefing_app.services.briefing import BriefingService, ItemDetail
from briefing_app.ui.models.roles import ITEM_ID_ROLE

Index = QModelIndex | QPersistentModelIndex
#: the muted label in front of the line ("Host")
LABEL_ROLE = Qt.ItemDataRole.UserRole + 50
#: the muted note after the line ("4 proposals")
NOTE_ROLE = Qt.ItemDataRole.UserRole + 51

# Which links of the summit make a line, in reading order: (relation, direction, label).
SUMMIT_LINKS: tuple[tuple[str, str, str], ...] = (
    ("hosted_by", "out", "Host"),
    ("chaired_by", "out", "Chair"),
    ("chairmanship_passed_to", "out", "Handover"),
    ("admitted", "out", "New member"),
    ("adopted", "out", "Adopted"),
    ("format", "out", "Format"),
    ("follows", "out", "Previous summit"),
    ("followed_by", "in", "Previous summit"),
)
LINE_NOTES = {
    "Handover": "takes the chair for 2024–2025",
    "New member": "admitted as a full member",
}


@dataclass(frozen=True)
class SummitLine:
    label: str
    text: str
    item_id: str
    note: str = ""
    tooltip: str = ""


def summit_lines(detail: ItemDetail) -> list[SummitLine]:
    lines: list[SummitLine] = []
    attended = [link.item.title for link in detail.links if link.rel == "attended" and link.direction == "in"]
    for rel, direction, label in SUMMIT_LINKS:
        for ref in detail.related(rel, direction):
            if any(line.item_id == ref.id and line.label == label for line in lines):
                continue  # the same link stated at both ends
            note = LINE_NOTES.get(label, "")
            if rel == "format" and attended:
                note = "guests included " + ", ".join(attended)
            lines.append(SummitLine(label, ref.title, ref.id, note, f"{ref.kind.label}: {ref.title}"))
    return lines


def priority_lines(priorities: Sequence[Item]) -> list[SummitLine]:
    ordered = sorted(priorities, key=lambda p: (int(p.attrs.get("order", 99)), p.position))
    lines = []
    for item in ordered:
        count = len(item.links_by_rel("includes"))
        note = f"{count} proposal{'s' if count != 1 else ''}" if count else ""
        lines.append(SummitLine("", item.title, item.id, note, item.summary))
    return lines


def main_event(briefing: BriefingService) -> Item | None:
    """The event the pack is about: the one on the pack's date, else the first."""
    events = briefing.items("event")
    date = briefing.pack_info().event_date
    for event in events:
        if str(event.attrs.get("date", "")) == date:
            return event
    return events[0] if events else None


class SummitLineModel(QAbstractListModel):
    def __init__(self, lines: Sequence[SummitLine], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines = list(lines)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._lines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return line.text
        if role == LABEL_ROLE:
            return line.label
        if role == NOTE_ROLE:
            return line.note
        if role == Qt.ItemDataRole.ToolTipRole:
            return line.tooltip or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [f"{line.label}: {line.text}" if line.label else line.text]
            if line.note:
                parts.append(line.note)
            return ", ".join(parts)
        if role == ITEM_ID_ROLE:
            return line.item_id
        return None

    def lines(self) -> list[SummitLine]:
        return list(self._lines)
