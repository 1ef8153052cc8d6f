"""The detail pane of the Members tab: the shared item view, plus, for a member state, the documents that
concern it through its proposals and its chairmanship results."""

from __future__ import annotations

from dataclasses import dataclass

from briefing_app.domain.items import ItemRef, kind_of
from briefing_app.reports.formatting import esc
from briefing_app.reports.item_html import item_detail_html, item_link
from briefing_app.services.briefing import BriefingService, ItemDetail
from briefing_app.ui.widgets.item_detail import ItemDetailView

# How a member reaches a document: (relation into the member, relations from that item to documents).
DOCUMENT_PATHS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("engaged", ("realised_in", "related")),
    ("proposed_by", ("realised_in", "related")),
    ("achieved_by", ("includes",)),
)


@dataclass(frozen=True)
class ConcerningDocument:
    document: ItemRef
    via: ItemRef


def documents_concerning(briefing: BriefingService, detail: ItemDetail) -> list[ConcerningDocument]:
    """Documents linked to the proposals a state made or joined, and to the results it achieved, in order."""
    via_refs = [link.item for rel, _ in DOCUMENT_PATHS for link in detail.links
                if link.rel == rel and link.direction == "in"]
    rels_of = {rel: targets for rel, targets in DOCUMENT_PATHS}
    via_rel = {link.item.id: link.rel for link in detail.links if link.direction == "in" and link.rel in rels_of}
    found: list[ConcerningDocument] = []
    seen: set[str] = set()
    for item in briefing.items_by_ids([ref.id for ref in via_refs]):
        wanted = rels_of[via_rel[item.id]]
        via = ItemRef(item.id, item.kind, item.title)
        for link in item.links:
            if link.rel in wanted and kind_of(link.target) == "document" and link.target not in seen:
                ref = briefing.ref(link.target)
                if ref is not None:
                    seen.add(link.target)
                    found.append(ConcerningDocument(ref, via))
    return found


def documents_html(documents: list[ConcerningDocument]) -> str:
    if not documents:
        return ""
    lines = "".join(f"<li>{item_link(d.document)} <small>(through {item_link(d.via)})</small></li>"
                    for d in documents)
    return f"<p><b>{esc('Documents that concern it')}:</b></p><ul>{lines}</ul>"


class MemberDetailView(ItemDetailView):
    """Shows any item; a member state also gets the documents that concern it."""

    def show_item(self, item_id: str | None) -> None:
        super().show_item(item_id)
        if not item_id or kind_of(item_id) != "member":
            return
        briefing = self.context.services.briefing
        if not briefing.exists(item_id):
            return
        detail = briefing.detail(item_id)
        extra = documents_html(documents_concerning(briefing, detail))
        if not extra:
            return
        html = item_detail_html(detail)
        marker = "<p><b>Sources</b></p>"
        html = html.replace(marker, extra + marker, 1) if marker in html else html + extra
        self.browser.setHtml(html)
