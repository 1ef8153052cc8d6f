"""A briefing book the user composes: a name and an ordered list of parts (sections of the briefing, bookmarked
items with their notes, highlighted passages with their colours and notes, and the user's own text blocks: a cover
note, talking points, questions to raise)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

MAX_BOOK_NAME_CHARS = 120
MAX_TEXT_CHARS = 20_000
#: the text blocks a book offers by name; the user may give any other heading
TEXT_BLOCKS = ("Cover note", "Talking points", "Questions to raise")


class PartKind(StrEnum):
    SECTION = "section"  # ref: a section of the briefing (overview, members, …)
    BOOKMARK = "bookmark"  # ref: an item id; note: the bookmark's note when it was added
    TEXT = "text"  # title: the heading; text: what the user wrote
    #: ref: a highlight id; item_id, title: its item and the item's title; quote, colour; text: the note (all as
    #: chosen, so a highlight removed since is printed as it was, "not in the current briefing")
    HIGHLIGHT = "highlight"


class BookError(ValueError):
    """A book cannot be made or changed as asked (empty or duplicate name, unknown book); the message says why."""


@dataclass(frozen=True, slots=True)
class BookPart:
    kind: PartKind
    ref: str = ""
    title: str = ""
    text: str = ""
    item_id: str = ""
    quote: str = ""
    colour: str = ""

    def label(self) -> str:
        """How the composer lists the part."""
        if self.kind is PartKind.HIGHLIGHT:
            return f"Highlight, {short_place(self.item_id, self.title)}: {short_quote(self.quote)}"
        if self.kind is PartKind.SECTION:
            return f"Section: {self.title or self.ref}"
        if self.kind is PartKind.BOOKMARK:
            return f"Bookmark: {self.title or self.ref}"
        return self.title or "Text"


@dataclass(frozen=True, slots=True)
class Book:
    name: str
    parts: tuple[BookPart, ...] = ()
    created_at: str = ""
    updated_at: str = ""

    def with_parts(self, parts: tuple[BookPart, ...]) -> Book:
        return replace(self, parts=parts)


def clean_book_name(name: str) -> str:
    """A book's name is one line; raises :class:`BookError` for an empty one."""
    cleaned = " ".join((name or "").split())[:MAX_BOOK_NAME_CHARS]
    if not cleaned:
        raise BookError("a book needs a name")
    return cleaned


def copy_name(name: str, taken: set[str]) -> str:
    """'Name (copy)', 'Name (copy 2)', … : the first not taken."""
    candidate = f"{name} (copy)"
    number = 2
    while candidate.casefold() in {t.casefold() for t in taken}:
        candidate = f"{name} (copy {number})"
        number += 1
    return candidate


def short_quote(quote: str, limit: int = 60) -> str:
    """A quote on one line in quotation marks (its own marks at either end dropped), cut with an ellipsis past
    ``limit`` characters."""
    text = " ".join(quote.split()).strip("“”\"")
    return f"“{text if len(text) <= limit else text[:limit - 1].rstrip() + '…'}”"


def short_place(item_id: str, title: str) -> str:
    """Where a highlight is, for a list: "¶12" for a paragraph of the address, else the item's title."""
    kind, _, number = item_id.partition(":")
    if kind == "paragraph" and number.isdigit():
        return f"¶{number}"
    return title or item_id
