"""The member states as a table: state, capital, year joined, who represented it at Astana, population, GDP.

Numbers are shown short ("1.41 bn", "US$ 17.8 tn"), sort as numbers (``SORT_ROLE``) and give their exact value
and source in the tooltip.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject

from briefing_app.domain.items import Item, ItemRef
from briefing_app.reports.formatting import exact_number
from briefing_app.services.bookmarks import BookmarkService
from briefing_app.services.briefing import BriefingService
from briefing_app.ui.models.item_table_model import Column, ItemTableModel

MAGNITUDES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))


def short_number(value: float, *, money: bool = False) -> str:
    """1,410,710,000 -> '1.41 bn'; 17,794,781,986,104 US$ -> 'US$ 17.8 tn' (three significant digits)."""
    prefix = "US$ " if money else ""
    for size, word in MAGNITUDES:
        if abs(value) >= size:
            return f"{prefix}{value / size:.3g} {word}"
    return f"{prefix}{value:,.0f}"


@dataclass(frozen=True)
class Quantity:
    """A sourced figure of a state (population, GDP) as the pack states it."""

    value: float
    year: int | None
    citation: str
    alt_value: float | None = None
    alt_note: str | None = None

    @classmethod
    def from_attr(cls, raw: Any) -> Quantity | None:
        if not isinstance(raw, Mapping) or raw.get("value") is None:
            return None
        alt = raw.get("alt_value")
        return cls(float(raw["value"]), raw.get("year"), str(raw.get("citation") or ""),
                   float(alt) if alt is not None else None, raw.get("alt_note"))

    def exact(self, unit: str, *, money: bool = False) -> str:
        amount = f"US$ {exact_number(self.value)}" if money else f"{exact_number(self.value)} {unit}"
        return f"{amount} ({self.year})" if self.year else amount

    def tooltip(self, unit: str, *, money: bool = False) -> str:
        lines = [self.exact(unit, money=money)]
        if self.alt_value is not None:
            alt = f"US$ {exact_number(self.alt_value)}" if money else exact_number(self.alt_value)
            lines.append(f"Newer estimate: {alt}" + (f" ({self.alt_note})" if self.alt_note else ""))
        if self.citation:
            lines.append(f"Source: {self.citation}")
        return "\n".join(lines)


@dataclass(frozen=True)
class MemberRow:
    item: Item
    representative: ItemRef | None

    @property
    def state(self) -> str:
        return self.item.title

    @property
    def capital(self) -> str:
        return str(self.item.attrs.get("capital", ""))

    @property
    def joined(self) -> int | None:
        joined = self.item.attrs.get("joined")
        return int(joined) if joined is not None else None

    @property
    def joined_note(self) -> str:
        return str(self.item.attrs.get("joined_note", ""))

    @property
    def role(self) -> str:
        return str(self.item.attrs.get("representative_role", ""))

    @property
    def population(self) -> Quantity | None:
        return Quantity.from_attr(self.item.attrs.get("population"))

    @property
    def gdp(self) -> Quantity | None:
        return Quantity.from_attr(self.item.attrs.get("gdp_usd"))

    def codes(self) -> str:
        return " ".join(str(self.item.attrs.get(key, "")) for key in ("iso2", "iso3"))

    def citation_about(self, word: str) -> str:
        """The external source whose citation mentions ``word`` (e.g. the capital's gazetteer), with its note."""
        for source in self.item.sources:
            if source.citation and word.lower() in source.citation.lower():
                return source.citation + (f"\nNote: {source.note}" if source.note else "")
        return ""


def member_rows(briefing: BriefingService) -> list[MemberRow]:
    """The member states in pack order, each with the person who represented it at the summit."""
    rows = []
    for item in briefing.items("member"):
        targets = item.links_by_rel("represented_by")
        representative = briefing.ref(targets[0]) if targets else None
        rows.append(MemberRow(item, representative))
    return rows


def _sources_line(row: MemberRow) -> str:
    refs = [source.reference() for source in row.item.sources if source.reference()]
    return "Sources: " + "; ".join(refs) if refs else ""


def _state_tip(row: MemberRow) -> str:
    return "\n\n".join(part for part in (row.item.summary, _sources_line(row)) if part)


def _capital_tip(row: MemberRow) -> str:
    source = row.citation_about("capital")
    return f"{row.capital}\nSource: {source}" if source else row.capital


def _joined_tip(row: MemberRow) -> str:
    source = row.citation_about("TASS") or row.citation_about("founded")
    return f"{row.joined_note}\nSource: {source}" if source else row.joined_note


def _representative_tip(row: MemberRow) -> str:
    source = row.citation_about("represented")
    return f"{row.role}\nSource: {source}" if source else row.role


def _quantity_text(quantity: Quantity | None, *, money: bool = False) -> str:
    return short_number(quantity.value, money=money) if quantity else "—"


MEMBER_COLUMNS: tuple[Column[MemberRow], ...] = (
    Column("State", lambda r: r.state, lambda r: r.state.casefold(), _state_tip,
           "Member state of the SCO", also_matches=MemberRow.codes),
    Column("Capital", lambda r: r.capital, lambda r: r.capital.casefold(), _capital_tip, "Capital city"),
    Column("Joined", lambda r: str(r.joined or ""), lambda r: f"{r.joined or 0:04d} {r.state.casefold()}", _joined_tip,
           "Year the state became a full member", numeric=True),
    Column("Represented by", lambda r: r.representative.title if r.representative else "—",
           lambda r: (r.representative.title if r.representative else "").casefold(), _representative_tip,
           "Head of delegation at the Astana summit, 4 July 2024", also_matches=lambda r: r.role),
    Column("Population", lambda r: _quantity_text(r.population),
           lambda r: r.population.value if r.population else -1.0,
           lambda r: r.population.tooltip("people") if r.population else "No figure in the briefing",
           "Population, total (World Bank WDI, 2023)", numeric=True),
    Column("GDP", lambda r: _quantity_text(r.gdp, money=True),
           lambda r: r.gdp.value if r.gdp else -1.0,
           lambda r: r.gdp.tooltip("", money=True) if r.gdp else "No figure in the briefing",
           "GDP in current US$ (World Bank WDI, 2023)", numeric=True),
)


class MemberTableModel(ItemTableModel[MemberRow]):
    """The ten member states; see :data:`MEMBER_COLUMNS`."""

    def __init__(
        self, rows: Sequence[MemberRow], bookmarks: BookmarkService | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(rows, MEMBER_COLUMNS, bookmarks, parent)

    def member_of_representative(self, person_id: str) -> int:
        """The row of the state a person represented, or -1."""
        for number, row in enumerate(self.rows()):
            if row.representative is not None and row.representative.id == person_id:
                return number
        return -1
