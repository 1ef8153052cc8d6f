"""The documents that concern a member state: those linked to the proposals it made or joined and to the results
it achieved, each with the item it is reached through. Shown in the Members tab's detail pane."""

from __future__ import annotations

from dataclasses import dataclass

from briefing_app.domain.items import ItemRef, kind_of
from briefing_app.services.briefing import BriefingService, ItemDetail

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
