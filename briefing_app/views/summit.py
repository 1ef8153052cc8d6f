"""The summit as every reader sees it: the pack's main event (by the pack's date), its one-line facts, and the
priorities in the order of the address (one ordering, guarded against a missing or odd ``order``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing_app.domain.items import Item, ItemKind
from briefing_app.views.attributes import figure_attrs
from briefing_app.views.members import member_rows
from briefing_app.views.numbers import count_word, plural, short_number

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


@dataclass(frozen=True)
class PrioritiesHeading:
    """The heading over the priority areas and, when some are the briefing's reading rather than areas the address
    numbers, a note saying so (shown under the heading on screen and in print)."""

    title: str
    note: str = ""


def priorities_heading_for(priorities: Sequence[Item]) -> PrioritiesHeading:
    """'The four priority areas' when the address numbers them all; else 'The priority areas: three numbered in the
    address, one the briefing's reading', with a note naming the area(s) the briefing adds."""
    numbered = [p for p in ordered_priorities(priorities) if _is_numbered(p)]
    read = [p for p in ordered_priorities(priorities) if not _is_numbered(p)]
    if not read:
        return PrioritiesHeading(priorities_heading(len(priorities)))
    title = (f"The priority areas: {count_word(len(numbered))} numbered in the address, "
             f"{count_word(len(read))} the briefing's reading")
    # the title without its parenthesis ("Reforming and modernising the SCO (the address's particular focus)")
    names = ", ".join(f"“{p.title.split(' (')[0]}”" for p in read)
    further = "a further one" if len(read) == 1 else "further ones"
    note = (f"The address numbers {count_word(len(numbered))} area{'s' if len(numbered) != 1 else ''} and then "
            f"puts particular focus on {further}: listing {names} as a priority area is this briefing's editorial "
            "reading, not the address's numbering.")
    return PrioritiesHeading(title, note)


def _is_numbered(priority: Item) -> bool:
    numbered = priority.attrs.get("numbered", True)
    return numbered is not False


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


# --- The address's share of world GDP, computed (never stored) ---------------------------------------------------

#: The relation from a claimed share ("a third of global GDP") to the world total it is a share of.
SHARE_OF = "share_of"
SHARE_BASIS = (
    "GDP in current US$ at market exchange rates (World Bank, World Development Indicators); "
    "a share near a third holds only at purchasing power parity"
)


@dataclass(frozen=True)
class ComputedShare:
    """The members' share of a world total, computed from the pack's World Bank figures when shown: the sum of the
    members' GDP for the world figure's year over the world GDP of the same data set. Shown beside the address's
    claim with its basis, on screen, in print and in ``show --json``; never written into the pack."""

    claim: str  # the claim as the briefing states it: "a third of global GDP (the address's claim)"
    members: int
    members_total: float
    world_total: float
    year: int
    world_citation: str  # the world total's source, as one citation line
    basis: str = SHARE_BASIS

    @property
    def share(self) -> float:
        return self.members_total / self.world_total

    def percent_text(self) -> str:
        """'about 23%': a whole percent, no more precision than a sum of estimates bears."""
        return f"about {round(self.share * 100)}%"

    def computed_text(self) -> str:
        """'about 23% of world GDP in 2023 (10 members, US$ 24.6 tn, of US$ 105 tn)'."""
        return (f"{self.percent_text()} of world GDP in {self.year} ({self.members} members, "
                f"{short_number(self.members_total, money=True)}, of {short_number(self.world_total, money=True)})")

    def rows(self) -> list[tuple[str, str, str]]:
        """(label, value, citation) rows: the claim, the computed share and its basis."""
        return [
            ("Claim (the address)", self.claim, ""),
            ("Computed share (this briefing)", self.computed_text(), self.world_citation),
            ("Basis", self.basis, ""),
        ]

    def to_json(self) -> dict[str, object]:
        return {
            "claim": self.claim,
            "share": round(self.share, 3),
            "share_text": self.percent_text(),
            "year": self.year,
            "members": self.members,
            "members_total_usd": self.members_total,
            "world_total_usd": self.world_total,
            "basis": self.basis,
            "world_source": self.world_citation,
            "computed": True,
        }


def computed_share(briefing: BriefingService, item: Item) -> ComputedShare | None:
    """The share a claimed figure stands for, computed from the members' GDP and the world total it is linked to
    (``share_of``); None for any other item, or when a member has no GDP for the world figure's year (no partial
    sums)."""
    if item.kind is not ItemKind.FIGURE:
        return None
    targets = item.links_by_rel(SHARE_OF)
    world = briefing.find(targets[0]) if targets else None
    if world is None or world.kind is not ItemKind.FIGURE:
        return None
    facts = figure_attrs(world)
    rows = member_rows(briefing)
    if not facts.value or facts.year is None or not rows or any(r.gdp.year != facts.year for r in rows):
        return None
    source = next((s for s in world.sources if s.paragraph is None), None)
    citation = (source.citation or "") if source is not None else ""
    return ComputedShare(figure_attrs(item).stated(), len(rows), sum(r.gdp.value for r in rows), facts.value,
                         facts.year, citation)


def computed_rows(briefing: BriefingService, item: Item) -> list[tuple[str, str, str]]:
    """The computed facts of an item as (label, value, citation) rows; [] for an item with none."""
    share = computed_share(briefing, item)
    return share.rows() if share is not None else []
