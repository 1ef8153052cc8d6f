"""The member states as rows every reader shares: the Members table, its charts, the overview's shares chart
and the printed Members section read the same :class:`MemberRow` objects."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing_app.domain.items import Item, ItemKind, ItemRef
from briefing_app.views.attributes import QuantityFacts, figure_attrs, member_attrs
from briefing_app.views.numbers import MONEY, exact_number, short_number

if TYPE_CHECKING:
    from briefing_app.services.briefing import BriefingService


@dataclass(frozen=True)
class Quantity:
    """A sourced figure of a state (population, GDP) as the pack states it."""

    value: float
    year: int | None
    citation: str
    url: str = ""
    alt_value: float | None = None
    alt_note: str | None = None
    money: bool = False

    @classmethod
    def from_spec(cls, spec: QuantityFacts, *, money: bool = False) -> Quantity:
        return cls(spec.value, spec.year, spec.citation, spec.url, spec.alt_value, spec.alt_note, money)

    def short(self) -> str:
        """'1.41 bn', 'US$ 17.8 tn'."""
        return short_number(self.value, money=self.money)

    def exact(self, unit: str = "") -> str:
        """'1,410,710,000 people (2023)', 'US$ 17,794,781,986,104 (2023)'."""
        number = exact_number(self.value)
        amount = f"{MONEY}{number}" if self.money else f"{number} {unit}".rstrip()
        return f"{amount} ({self.year})" if self.year else amount

    def alt_text(self) -> str:
        """'Newer estimate: 9,100,000 (note)', or '' without one."""
        if self.alt_value is None:
            return ""
        alt = f"{MONEY if self.money else ''}{exact_number(self.alt_value)}"
        return f"Newer estimate: {alt}" + (f" ({self.alt_note})" if self.alt_note else "")

    def tooltip(self, unit: str = "") -> str:
        lines = [self.exact(unit), self.alt_text(), f"Source: {self.citation}" if self.citation else ""]
        return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class MemberRow:
    """One member state with its typed attributes and the person who represented it at the summit.

    ``item`` is the whole item only in rows read with ``full=True`` (print cites its sources); the rows the window
    holds keep its id, kind, title and summary, and the references of its sources (:meth:`sources_line`)."""

    item: Item
    representative: ItemRef | None
    capital: str
    joined: int
    joined_note: str
    role: str
    population: Quantity
    gdp: Quantity
    iso2: str
    iso3: str
    #: the references of the item's sources ("¶5", a citation), each string shared by every row citing it
    source_refs: tuple[str, ...] = ()

    @property
    def state(self) -> str:
        return self.item.title

    def codes(self) -> str:
        return f"{self.iso2} {self.iso3}"

    def sources_line(self) -> str:
        return "Sources: " + "; ".join(self.source_refs) if self.source_refs else ""


def _source_refs(item: Item) -> tuple[str, ...]:
    # Interned: a thousand states cite a few hundred distinct sources (1.8 MB of joined lines per copy at 100x)
    return tuple(sys.intern(ref) for source in item.sources if (ref := source.reference()))


def member_row(item: Item, representative: ItemRef | None, *, full: bool = True) -> MemberRow:
    """The row of a member item; without ``full`` it keeps of the item only what the table and charts show."""
    attrs = member_attrs(item)
    kept = item if full else Item(item.id, item.kind, item.title, item.summary, position=item.position)
    return MemberRow(
        kept, representative, attrs.capital, attrs.joined, attrs.joined_note, attrs.representative_role,
        Quantity.from_spec(attrs.population), Quantity.from_spec(attrs.gdp_usd, money=True), attrs.iso2, attrs.iso3,
        _source_refs(item),
    )


def member_rows(briefing: BriefingService, *, full: bool = False) -> list[MemberRow]:
    """The member states in pack order, each with the person who represented it at the summit.

    The rows keep whole items (sources, attributes, body, links) only with ``full`` (print cites the sources):
    a library of every summit holds thousands of rows, and the window keeps them for as long as it is open."""
    items = briefing.items(ItemKind.MEMBER)
    firsts = {item.id: targets[0] for item in items if (targets := item.links_by_rel("represented_by"))}
    # One query for every representative, not one per state (a library of every summit holds thousands)
    refs = briefing.ref_map(firsts.values()) if firsts else {}
    return [member_row(item, refs.get(firsts.get(item.id, "")), full=full) for item in items]


def population_total(rows: list[MemberRow]) -> float:
    return sum(row.population.value for row in rows)


def gdp_total(rows: list[MemberRow]) -> float:
    return sum(row.gdp.value for row in rows)


def members_intro(briefing: BriefingService) -> Item | None:
    """The concept that names the member states as one group (it ``includes`` more than half of them; the most wins,
    then pack order), e.g. the "Shanghai Ten": the lead of the Members section. None when no concept does."""
    members = {item.id for item in briefing.items(ItemKind.MEMBER)}
    best: Item | None = None
    best_count = len(members) // 2
    for concept in briefing.items(ItemKind.CONCEPT):
        count = len(members.intersection(concept.links_by_rel("includes")))
        if count > best_count:
            best, best_count = concept, count
    return best


#: How far a figure may be from the sum of the members' values and still state it (the pack rounds its totals).
TOTAL_TOLERANCE = 0.02


@dataclass(frozen=True)
class MemberTotals:
    """The pack's figures that state the members' combined population and GDP (each with its own sources)."""

    population: Item
    gdp: Item


def member_totals(briefing: BriefingService, rows: list[MemberRow]) -> MemberTotals | None:
    """The figures that state the totals of ``rows``: of the rows' year, in people or in US$, and within
    :data:`TOTAL_TOLERANCE` of the sum of the rows (so a figure that states something else is never taken for a
    total). None unless the pack has both."""
    years = {row.population.year for row in rows} | {row.gdp.year for row in rows}
    if not rows or len(years) != 1:
        return None
    year = years.pop()

    def stating(total: float, money: bool) -> Item | None:
        for figure in briefing.items(ItemKind.FIGURE):
            facts = figure_attrs(figure)
            same_measure = facts.year == year and ("US$" in facts.unit) == money
            if same_measure and total and abs(facts.value - total) <= TOTAL_TOLERANCE * total:
                return figure
        return None

    population = stating(population_total(rows), money=False)
    gdp = stating(gdp_total(rows), money=True)
    return MemberTotals(population, gdp) if population is not None and gdp is not None else None
