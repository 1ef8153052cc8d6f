"""The member states as a table: state, capital, year joined, who represented it at Astana, population, GDP.

A thin adapter over :mod:`briefing_app.views.members`: numbers are shown short ("1.41 bn", "US$ 17.8 tn"), sort as
numbers (``SORT_ROLE``) and give their exact value and source in the tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from briefing_app.services.bookmarks import BookmarkService
from briefing_app.ui.models.item_table_model import Column, ItemTableModel
from briefing_app.views.members import MemberRow, Quantity, member_rows

__all__ = ["MEMBER_COLUMNS", "MemberRow", "MemberTableModel", "Quantity", "member_rows"]


def _state_tip(row: MemberRow) -> str:
    return "\n\n".join(part for part in (row.item.summary, row.sources_line()) if part)


def _joined_tip(row: MemberRow) -> str:
    return row.joined_note or f"Joined in {row.joined}"


MEMBER_COLUMNS: tuple[Column[MemberRow], ...] = (
    Column("State", lambda r: r.state, lambda r: r.state.casefold(), _state_tip,
           "Member state of the SCO", also_matches=MemberRow.codes),
    Column("Capital", lambda r: r.capital, lambda r: r.capital.casefold(), lambda r: r.capital, "Capital city"),
    Column("Joined", lambda r: str(r.joined or ""), lambda r: f"{r.joined or 0:04d} {r.state.casefold()}", _joined_tip,
           "Year the state became a full member", numeric=True),
    Column("Represented by", lambda r: r.representative.title if r.representative else "—",
           lambda r: (r.representative.title if r.representative else "").casefold(), lambda r: r.role,
           "Head of delegation at the summit", also_matches=lambda r: r.role),
    Column("Population", lambda r: r.population.short(), lambda r: r.population.value,
           lambda r: r.population.tooltip("people"),
           "Population, total (World Bank WDI, 2023)", numeric=True),
    Column("GDP", lambda r: r.gdp.short(), lambda r: r.gdp.value, lambda r: r.gdp.tooltip(),
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
