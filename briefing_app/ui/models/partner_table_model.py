"""The observer states and dialogue partners as a table: state, status, code, presence at the summit, note."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from PySide6.QtCore import QObject

from briefing_app.domain.items import Item, kind_of
from briefing_app.reports.formatting import humanise
from briefing_app.services.bookmarks import BookmarkService
from briefing_app.services.briefing import BriefingService
from briefing_app.ui.models.item_table_model import Column, ItemTableModel
from briefing_app.views.attributes import partner_attrs

STATUS_ORDER = {"observer": 0, "dialogue_partner": 1}


@dataclass(frozen=True)
class PartnerRow:
    item: Item
    attended: bool

    @cached_property
    def status(self) -> str:
        return partner_attrs(self.item).status

    @cached_property
    def iso3(self) -> str:
        return partner_attrs(self.item).iso3

    @property
    def status_text(self) -> str:
        return humanise(self.status).capitalize() if self.status else "—"


def partner_rows(briefing: BriefingService) -> list[PartnerRow]:
    """Observers and dialogue partners in pack order, noting who attended the Astana summit."""
    return [PartnerRow(item, any(kind_of(target) == "event" for target in item.links_by_rel("attended")))
            for item in briefing.items("partner")]


def _sources(row: PartnerRow) -> str:
    refs = [source.reference() for source in row.item.sources if source.reference()]
    return "Sources: " + "; ".join(refs) if refs else ""


PARTNER_COLUMNS: tuple[Column[PartnerRow], ...] = (
    Column("State", lambda r: r.item.title, lambda r: r.item.title.casefold(),
           lambda r: "\n\n".join(p for p in (r.item.summary, _sources(r)) if p), "Observer state or dialogue partner",
           also_matches=lambda r: r.iso3),
    Column("Status", lambda r: r.status_text, lambda r: f"{STATUS_ORDER.get(r.status, 9)} {r.item.title.casefold()}",
           lambda r: f"{r.status_text} of the SCO", "Observer state or dialogue partner of the SCO"),
    Column("At Astana", lambda r: "SCO Plus" if r.attended else "—",
           lambda r: f"{0 if r.attended else 1} {r.item.title.casefold()}",
           lambda r: ("Took part in the “SCO Plus” meeting, 4 July 2024" if r.attended
                      else "Not recorded at the summit in this briefing"),
           "Took part in the “SCO Plus” meeting in Astana"),
    Column("Note", lambda r: r.item.summary, lambda r: r.item.summary.casefold(), lambda r: r.item.summary,
           "What the briefing says about the state"),
)


class PartnerTableModel(ItemTableModel[PartnerRow]):
    """The sixteen observers and dialogue partners; see :data:`PARTNER_COLUMNS`."""

    def __init__(
        self, rows: Sequence[PartnerRow], bookmarks: BookmarkService | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(rows, PARTNER_COLUMNS, bookmarks, parent)
