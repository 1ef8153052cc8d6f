"""Reading the briefing: items, their links both ways, the source text, search."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing_app.domain.items import Item, ItemKind, ItemRef, ResolvedLink, SearchHit, Source
from briefing_app.domain.pack import PackInfo

if TYPE_CHECKING:  # imported when first needed: the window's first paint reads the content without the ORM
    from briefing_app.persistence.content_repository import ContentRepository
    from briefing_app.services.search import BriefingSearch, SearchResults

# How relations read from either end, for detail panes and print.
REL_LABELS: dict[str, tuple[str, str]] = {
    "represented_by": ("Represented by", "Represents"),
    "represents": ("Represents", "Represented by"),
    "part_of": ("Part of", "Includes"),
    "includes": ("Includes", "Part of"),
    "engaged": ("States engaged", "Engaged in"),
    "crosses": ("Crosses", "Crossed by"),
    "passes_through": ("Route", "On corridors"),
    "measures": ("Measures", "Figures"),
    "disagrees_with": ("Disagrees with", "Disagrees with"),
    "related": ("Related", "Related"),
    "share_of": ("Share claimed of", "Shares claimed of it"),
    "submitted_to": ("Submitted to", "Reports submitted"),
    "announced_for": ("Announced for", "Reports announced"),
    # Pairs stated at both ends read the same from either side, so a link shows once (see detail()).
    "achieved_by": ("Achieved by", "Achievements"),
    "addressed": ("Addressed", "Speakers"),
    "addresses": ("Addresses", "Addressed by"),
    "addressed_by": ("Addressed by", "Addresses"),
    "admitted": ("Admitted", "Admitted at"),
    "admitted_at": ("Admitted at", "Admitted"),
    "adopted": ("Adopted", "Adopted at"),
    "adopted_at": ("Adopted at", "Adopted"),
    "attended": ("Attended", "Attended by"),
    "based_at": ("Based at", "Base of"),
    "chair_from": ("Chair from", "Chairmanship passed to"),
    "chairmanship_passed_to": ("Chairmanship passed to", "Chair from"),
    "chaired": ("Chaired", "Chaired by"),
    "chaired_by": ("Chaired by", "Chaired"),
    "cited_in": ("Cited in", "Cites"),
    "concerns": ("Concerns", "Subject of"),
    "subject_of": ("Subject of", "Concerns"),
    "consistent_with": ("Consistent with", "Consistent with"),
    "counters": ("Counters", "Countered by"),
    "countered_by": ("Countered by", "Counters"),
    "dialogue_partner_of": ("Dialogue partner of", "Dialogue partners"),
    "observer_of": ("Observer of", "Observers"),
    "established": ("Established", "Established by"),
    "follows": ("Follows", "Followed by"),
    "followed_by": ("Followed by", "Follows"),
    "format": ("Format", "Format of"),
    "format_of": ("Format of", "Format"),
    "has_body": ("Bodies", "Body of"),
    "headed_by": ("Headed by", "Heads"),
    "hosted": ("Hosted", "Hosted by"),
    "hosted_by": ("Hosted by", "Hosted"),
    "located_at": ("Located at", "Site of"),
    "located_in": ("Located in", "Located here"),
    "measured_by": ("Figures", "Measures"),
    "meeting_of": ("Meeting of", "Met at"),
    "met_at": ("Met at", "Meeting of"),
    "member_of": ("Member of", "Members"),
    "partnerships_of": ("Partnerships of", "Partnerships"),
    "principle": ("Principle", "Principle of"),
    "principle_of": ("Principle of", "Principle"),
    "promotes": ("Promotes", "Promoted by"),
    "promoted_by": ("Promoted by", "Promotes"),
    "proposed_by": ("Proposed by", "Proposed"),
    "realises": ("Realises", "Realised in"),
    "realised_in": ("Realised in", "Realises"),
    "refers_to": ("Refers to", "Referred to by"),
    "supports": ("Supports", "Supported by"),
    "supported_by": ("Supported by", "Supports"),
}


def rel_label(rel: str, direction: str) -> str:
    out_label, in_label = REL_LABELS.get(rel, (rel.replace("_", " ").capitalize(),) * 2)
    return out_label if direction == "out" else in_label


class UnknownItemError(KeyError):
    def __init__(self, item_id: str) -> None:
        super().__init__(item_id)
        self.item_id = item_id

    def __str__(self) -> str:
        return f"no item with id {self.item_id!r} in the current briefing"


@dataclass(frozen=True, slots=True)
class ItemDetail:
    """An item with every link resolved, ready to show or print."""

    item: Item
    links: tuple[ResolvedLink, ...]

    def related(self, rel: str, direction: str = "out") -> tuple[ItemRef, ...]:
        return tuple(link.item for link in self.links if link.rel == rel and link.direction == direction)


class BriefingService:
    def __init__(self, content: ContentRepository) -> None:
        self._content = content
        self._info: PackInfo | None = None
        self._searcher: BriefingSearch | None = None

    @property
    def _search(self) -> BriefingSearch:
        if self._searcher is None:
            from briefing_app.services.search import BriefingSearch

            self._searcher = BriefingSearch(self._content)
        return self._searcher

    @property
    def content(self) -> ContentRepository:
        return self._content

    def pack_info(self) -> PackInfo:
        if self._info is None:
            self._info = self._content.pack_info()
        return self._info

    def counts(self) -> dict[str, int]:
        return self._content.counts()

    def items(self, kind: ItemKind | str | None = None, *, with_sources: bool = True) -> list[Item]:
        """The items of a kind (all when None) in pack order; without their sources (an empty tuple) when
        ``with_sources`` is false, for readers of places and links only."""
        return self._content.items(kind, with_sources=with_sources)

    def map_items(self, kind: ItemKind | str, attrs: tuple[str, ...], rels: tuple[str, ...] = (), *,
                  summary: bool = False) -> list[Item]:
        """The items of a kind with only the attributes ``attrs`` and the links of ``rels`` (and the summary if
        asked): what a reader of places and routes (the map) needs of thousands of items, read lean."""
        return self._content.map_items(kind, attrs, rels, summary=summary)

    def items_stated_first(self, kind: ItemKind | str, limit: int) -> list[Item]:
        """The first ``limit`` items of a kind, those the address states first (the headline figures)."""
        return self._content.items_stated_first(kind, limit)

    def item(self, item_id: str) -> Item:
        found = self._content.get(item_id)
        if found is None:
            raise UnknownItemError(item_id)
        return found

    def find(self, item_id: str) -> Item | None:
        return self._content.get(item_id)

    def items_by_ids(self, item_ids: list[str]) -> list[Item]:
        return self._content.get_many(item_ids)

    def ref(self, item_id: str) -> ItemRef | None:
        return self._content.ref(item_id)

    def ref_map(self, item_ids: Iterable[str]) -> dict[str, ItemRef]:
        """The refs of these ids by id, read at once (unknown ids left out)."""
        return self._content.ref_map(item_ids)

    def exists(self, item_id: str) -> bool:
        return self._content.exists(item_id)

    def detail(self, item_id: str) -> ItemDetail:
        item = self.item(item_id)
        links: list[ResolvedLink] = []
        targets = self._content.ref_map(link.target for link in item.links)
        for link in item.links:
            ref = targets.get(link.target)
            if ref is not None:
                links.append(ResolvedLink(link.rel, "out", ref, link.label))
        linked = {link.item.id for link in links}
        for rel, ref, label in self._content.backlinks(item_id):
            # A relation stated at both ends (member represented_by person, person represents member; realises
            # and realised_in) shows once: the item's own statement wins over the other end's.
            if ref.id != item_id and ref.id not in linked:
                links.append(ResolvedLink(rel, "in", ref, label))
        return ItemDetail(item, tuple(links))

    def paragraphs(self) -> list[tuple[int, str]]:
        return self._content.paragraphs()

    def heading_paragraphs(self) -> frozenset[int]:
        """Numbers of the source lines that are the web page's furniture and title ("Breaking News", the section
        name): shown as the page's headings, not as paragraphs of the address. Their numbers stay (ids are a
        contract)."""
        return frozenset(
            int(item.attrs.get("number", 0)) for item in self.items(ItemKind.PARAGRAPH, with_sources=False)
            if item.attrs.get("heading")
        )

    def items_from_paragraph(self, number: int) -> list[ItemRef]:
        return self._content.items_citing_paragraph(number)

    def all_sources(self) -> list[tuple[str, Source]]:
        return self._content.all_sources()

    def titles(self, *kinds: ItemKind) -> dict[str, str]:
        """Item id -> title for every item of ``kinds``: names, without loading the items."""
        return self._content.titles(kinds)

    def paragraph_citations(self) -> list[tuple[str, int]]:
        """(item id, paragraph number) for every source of an item in the address: ``all_sources``, lean."""
        return self._content.paragraph_citations()

    def search(self, query: str, limit: int = 20, kind: str | None = None) -> list[SearchHit]:
        """Best hits first; any text is accepted and at worst gives no hits."""
        return list(self.search_results(query, limit, kind).hits)

    def search_results(
        self, query: str, limit: int = 20, kind: str | None = None, sources: bool = True
    ) -> SearchResults:
        """The hits for ``query`` with what to tell the reader (a corrected typo, or no results and suggestions).

        ``sources=False`` leaves the hits' sources out (the result list does not show them).
        """
        if kind is not None and kind not in ItemKind.__members__.values():
            raise ValueError(f"unknown kind {kind!r}; known kinds: {', '.join(k.value for k in ItemKind)}")
        return self._search.find(query, limit=limit, kind=kind, sources=sources)
