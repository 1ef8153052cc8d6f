"""The summit as every reader sees it: the pack's main event (by the pack's date), its one-line facts, and the
priorities in the order of the address (one ordering, guarded against a missing or odd ``order``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing_app.domain.items import Item, ItemKind
from briefing_app.views.numbers import count_word, plural

if TYPE_CHECKING:
    from briefing_app.services.briefing import BriefingService, ItemDetail

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
    "Handover": "takes the chair for the next year",
    "New member": "admitted as a full member",
}
#: where a priority without a usable ``order`` goes: after the numbered ones, in pack order
UNORDERED = 10_000


@dataclass(frozen=True)
class SummitLine:
    """One line that opens an item: a muted label ("Host"), the text, a muted note, a tooltip."""

    label: str
    text: str
    item_id: str
    note: str = ""
    tooltip: str = ""


def main_event(briefing: BriefingService) -> Item | None:
    """The event the pack is about: the one on the pack's date, else the first event in the pack."""
    events = briefing.items(ItemKind.EVENT)
    day = briefing.pack_info().event_date
    for event in events:
        if str(event.attrs.get("date", "")) == day:
            return event
    return events[0] if events else None


def other_events(briefing: BriefingService, main: Item | None) -> list[Item]:
    """The events of the pack other than the main one (previous summits), in pack order."""
    return [e for e in briefing.items(ItemKind.EVENT) if main is None or e.id != main.id]


def priority_order(priority: Item) -> tuple[int, int]:
    """The sort key of a priority: its ``order`` in the address, then its place in the pack."""
    order = priority.attrs.get("order")
    if isinstance(order, bool) or not isinstance(order, int | float | str):
        return (UNORDERED, priority.position)
    try:
        return (int(order), priority.position)
    except ValueError:
        return (UNORDERED, priority.position)


def ordered_priorities(priorities: Sequence[Item]) -> list[Item]:
    """The priorities in the order of the address."""
    return sorted(priorities, key=priority_order)


def corridors_priority(briefing: BriefingService) -> Item | None:
    """The priority the corridors serve: the one linked with the most corridors (either way; then the order of the
    address), the lead of the Corridors section. None when no priority names a corridor."""
    corridors = briefing.items(ItemKind.CORRIDOR)
    corridor_ids = {corridor.id for corridor in corridors}
    best: Item | None = None
    best_count = 0
    for priority in ordered_priorities(briefing.items(ItemKind.PRIORITY)):
        linked = {link.target for link in priority.links if link.target in corridor_ids}
        linked |= {c.id for c in corridors if any(link.target == priority.id for link in c.links)}
        if len(linked) > best_count:
            best, best_count = priority, len(linked)
    return best


def priorities_heading(count: int) -> str:
    """'The four priority areas', 'The one priority area'."""
    return f"The {count_word(count)} priority area{'s' if count != 1 else ''}"


def summit_lines(detail: ItemDetail) -> list[SummitLine]:
    """The main event's one-line facts, read from its links, in the order of :data:`SUMMIT_LINKS`."""
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
    """One line per priority, in the order of the address, noting how many proposals it includes."""
    lines = []
    for item in ordered_priorities(priorities):
        count = len(item.links_by_rel("includes"))
        lines.append(SummitLine("", item.title, item.id, plural(count, "proposal") if count else "", item.summary))
    return lines


def chairmanship_title(briefing: BriefingService, event: Item | None) -> str:
    """"Kazakhstan's chairmanship" when the event names its host state (``hosted_by``, the chair of the year before
    the summit), else "the chairmanship"."""
    if event is not None:
        chairs = briefing.detail(event.id).related("hosted_by")
        if chairs:
            return f"{chairs[0].title}'s chairmanship"
    return "the chairmanship"


def primary_source_title(briefing: BriefingService) -> str:
    """The title of the pack's primary source ("Address of President Tokayev at …"), which quotes are cited from."""
    primary = next((d for d in briefing.pack_info().documents if d.primary), None)
    return primary.title if primary is not None else "The address"
