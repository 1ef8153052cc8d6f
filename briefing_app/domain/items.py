"""Briefing items and their provenance.

An item is one fact or one thing of the briefing (a member state, a proposal, a figure, a paragraph of the
address). Every item has a stable string id of the form ``kind:slug`` that is used everywhere: links,
bookmarks, the CLI. Row ids of the databases never leave the persistence layer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class ItemKind(StrEnum):
    EVENT = "event"
    MEMBER = "member"
    PARTNER = "partner"
    ORGANISATION = "organisation"
    PERSON = "person"
    CONCEPT = "concept"
    ACHIEVEMENT = "achievement"
    DOCUMENT = "document"
    PROJECT = "project"
    FIGURE = "figure"
    PRIORITY = "priority"
    PROPOSAL = "proposal"
    CORRIDOR = "corridor"
    NODE = "node"
    PARAGRAPH = "paragraph"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @property
    def plural(self) -> str:
        return KIND_PLURALS[self]


KIND_LABELS: dict[ItemKind, str] = {
    ItemKind.EVENT: "Event",
    ItemKind.MEMBER: "Member state",
    ItemKind.PARTNER: "Observer or partner",
    ItemKind.ORGANISATION: "Organisation",
    ItemKind.PERSON: "Person",
    ItemKind.CONCEPT: "Concept",
    ItemKind.ACHIEVEMENT: "Achievement",
    ItemKind.DOCUMENT: "Document",
    ItemKind.PROJECT: "Flagship project",
    ItemKind.FIGURE: "Figure",
    ItemKind.PRIORITY: "Priority",
    ItemKind.PROPOSAL: "Proposal",
    ItemKind.CORRIDOR: "Corridor",
    ItemKind.NODE: "Corridor node",
    ItemKind.PARAGRAPH: "Source paragraph",
}

KIND_PLURALS: dict[ItemKind, str] = {
    ItemKind.EVENT: "Events",
    ItemKind.MEMBER: "Member states",
    ItemKind.PARTNER: "Observers and dialogue partners",
    ItemKind.ORGANISATION: "Organisations",
    ItemKind.PERSON: "People",
    ItemKind.CONCEPT: "Concepts",
    ItemKind.ACHIEVEMENT: "Achievements",
    ItemKind.DOCUMENT: "Documents",
    ItemKind.PROJECT: "Flagship projects",
    ItemKind.FIGURE: "Figures",
    ItemKind.PRIORITY: "Priorities",
    ItemKind.PROPOSAL: "Proposals",
    ItemKind.CORRIDOR: "Corridors",
    ItemKind.NODE: "Corridor nodes",
    ItemKind.PARAGRAPH: "Source paragraphs",
}


def kind_of(item_id: str) -> str:
    """The kind prefix of a stable id (``member:kaz`` -> ``member``); empty if the id has no prefix."""
    prefix, sep, _ = item_id.partition(":")
    return prefix if sep else ""


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact comes from: a paragraph of the primary source with its exact quote, or an external citation."""

    paragraph: int | None = None
    quote: str | None = None
    citation: str | None = None
    url: str | None = None
    note: str | None = None

    @property
    def is_address(self) -> bool:
        return self.paragraph is not None

    def reference(self) -> str:
        """A short bracketed-style reference for print and lists: ``¶12`` or the citation."""
        if self.paragraph is not None:
            return f"¶{self.paragraph}"
        return self.citation or ""

    def to_json(self) -> dict[str, Any]:
        if self.paragraph is not None:
            out: dict[str, Any] = {"paragraph": self.paragraph, "quote": self.quote or ""}
        else:
            out = {"citation": self.citation or "", "url": self.url or ""}
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class Link:
    """A typed reference from one item to another, by stable id."""

    rel: str
    target: str
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    kind: ItemKind
    title: str
    summary: str = ""
    body: str = ""
    attrs: Mapping[str, Any] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()
    links: tuple[Link, ...] = ()
    keywords: tuple[str, ...] = ()
    position: int = 0
    aliases: tuple[str, ...] = ()  # other names a reader may type (shown as "also: ...")

    @property
    def paragraphs(self) -> tuple[int, ...]:
        """Paragraph numbers of the primary source this item rests on, in order, without repeats."""
        seen: list[int] = []
        for source in self.sources:
            if source.paragraph is not None and source.paragraph not in seen:
                seen.append(source.paragraph)
        return tuple(seen)

    def links_by_rel(self, rel: str) -> tuple[str, ...]:
        return tuple(link.target for link in self.links if link.rel == rel)

    @property
    def as_of(self) -> str | None:
        """The ISO date of a fact later than the event the pack covers (shown as "after the summit"), else None."""
        value = self.attrs.get("as_of")
        return str(value) if value else None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind.value,
            "title": self.title,
            "summary": self.summary,
            "sources": [source.to_json() for source in self.sources],
        }
        if self.as_of:
            out["as_of"] = self.as_of
        return out


@dataclass(frozen=True, slots=True)
class ItemRef:
    """A light reference used in lists and links: enough to show and open an item."""

    id: str
    kind: ItemKind
    title: str

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "kind": self.kind.value, "title": self.title}


@dataclass(frozen=True, slots=True)
class ResolvedLink:
    """A link as seen from an item: the relation, its direction and the item at the other end."""

    rel: str
    direction: str  # "out" (this item refers to it) or "in" (it refers to this item)
    item: ItemRef
    label: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rel": self.rel, "direction": self.direction, **self.item.to_json()}
        if self.label:
            out["label"] = self.label
        return out


# Search snippets carry these control characters around matched words; each front end turns them into its own
# markup (``**`` in the CLI's JSON, bold in the GUI after escaping the text).
HIGHLIGHT_OPEN = "\x02"
HIGHLIGHT_CLOSE = "\x03"


def mark_snippet(snippet: str, open_mark: str, close_mark: str) -> str:
    return snippet.replace(HIGHLIGHT_OPEN, open_mark).replace(HIGHLIGHT_CLOSE, close_mark)


@dataclass(frozen=True, slots=True)
class SearchHit:
    item: ItemRef
    snippet: str
    score: float
    sources: tuple[Source, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            **self.item.to_json(),
            "snippet": mark_snippet(self.snippet, "**", "**"),
            "score": round(self.score, 4),
            "sources": [source.to_json() for source in self.sources],
        }
