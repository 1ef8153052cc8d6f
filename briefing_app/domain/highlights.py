"""Highlights: passages of an item's text a user marked, in one of four colours, with an optional note.

A highlight refers to its item by stable id and keeps the exact quoted words with a little text on either side
and the offsets where they stood. When a new pack changes the item's text, :func:`anchor` finds the passage
again: at its place, moved, slightly changed (marked "text changed"), or gone. A highlight is never dropped
because its passage is gone; it stays with its quote, shown as "not in the current briefing".

Notes are plain text and never interpreted as markup anywhere they are shown (same rules as bookmark notes).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from briefing_app.domain.bookmarks import BookmarkValueError, check_note
from briefing_app.domain.items import Item, ItemKind

#: characters of context kept before and after the quote
CONTEXT_CHARS = 40
MAX_QUOTE_CHARS = 5_000
#: how alike a changed passage must be to the quote to count as the same passage (difflib ratio, 0..1)
FUZZY_THRESHOLD = 0.72

__all__ = [
    "CONTEXT_CHARS", "FUZZY_THRESHOLD", "Anchor", "AnchorState", "Highlight", "HighlightColour",
    "HighlightValueError", "anchor", "check_note", "find_quote", "item_text", "new_highlight",
]


class HighlightValueError(BookmarkValueError):
    """A quote, colour or note that cannot be stored as given; the message says why, in one line."""


class HighlightColour(StrEnum):
    YELLOW = "yellow"
    GREEN = "green"
    BLUE = "blue"
    PINK = "pink"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def light(self) -> str:
        """Background on a light page (and on paper)."""
        return _LIGHT[self]

    @property
    def dark(self) -> str:
        return _DARK[self]

    @classmethod
    def parse(cls, text: str) -> HighlightColour:
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise HighlightValueError(
                f"unknown colour {text!r}; one of: {', '.join(c.value for c in cls)}"
            ) from None


_LIGHT = {HighlightColour.YELLOW: "#fff176", HighlightColour.GREEN: "#b9f6ca", HighlightColour.BLUE: "#b3e5fc",
          HighlightColour.PINK: "#f8bbd0"}
_DARK = {HighlightColour.YELLOW: "#7a6a00", HighlightColour.GREEN: "#1e6b3a", HighlightColour.BLUE: "#1c5a7a",
         HighlightColour.PINK: "#7a2a4a"}


class AnchorState(StrEnum):
    EXACT = "exact"  # where it was made
    MOVED = "moved"  # the same words, elsewhere in the text
    CHANGED = "changed"  # slightly different words: re-anchored, "text changed"
    MISSING = "missing"  # not in the current briefing: kept with its quote

    @property
    def label(self) -> str:
        return {"exact": "", "moved": "moved", "changed": "text changed",
                "missing": "not in the current briefing"}[self.value]


# Typographic quotes, apostrophes and no-break spaces compare equal to their plain forms; one character to one,
# so offsets in the folded text are offsets in the text.
_EQUIVALENT = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "\u00a0": " ", "\u2029": "\n"})


def _fold(text: str) -> str:
    """Case and typographic quotes folded, character for character (so offsets carry over)."""
    return "".join(c if len(low := c.lower()) != 1 else low for c in text.translate(_EQUIVALENT))


def item_text(item: Item) -> str:
    """The text a highlight of ``item`` is made in: a paragraph's words, or an item's summary and body."""
    if item.kind is ItemKind.PARAGRAPH:
        return item.body
    parts = [item.summary] if item.summary else []
    if item.body and item.body != item.summary:
        parts.append(item.body)
    return "\n\n".join(parts)


def _pattern(quote: str) -> re.Pattern[str] | None:
    words = _fold(quote).split()
    if not words:
        return None
    # Any run of white space between the words: a line break or a double space does not hide a quote.
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def find_quote(text: str, quote: str, near: int | None = None) -> tuple[int, int] | None:
    """Where ``quote`` occurs in ``text`` (the occurrence nearest ``near``, else the first), or None."""
    pattern = _pattern(quote)
    if pattern is None:
        return None
    spans = [(m.start(), m.end()) for m in pattern.finditer(_fold(text))]
    if not spans:
        return None
    if near is None:
        return spans[0]
    return min(spans, key=lambda span: abs(span[0] - near))


@dataclass(frozen=True, slots=True)
class Highlight:
    highlight_id: str
    item_id: str
    quote: str
    prefix: str = ""
    suffix: str = ""
    start: int = 0
    end: int = 0
    colour: HighlightColour = HighlightColour.YELLOW
    note: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)
    item_title: str = ""  # last known title of the item, kept if the item leaves the briefing
    item_kind: str = ""
    created_at: str = ""
    updated_at: str = ""
    position: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.highlight_id, "item_id": self.item_id, "quote": self.quote, "prefix": self.prefix,
            "suffix": self.suffix, "start": self.start, "end": self.end, "colour": self.colour.value,
            "note": self.note, "tags": list(self.tags), "item_title": self.item_title, "item_kind": self.item_kind,
            "created_at": self.created_at, "updated_at": self.updated_at, "position": self.position,
        }


def new_highlight(
    highlight_id: str, item: Item, quote: str, *, start: int | None = None, colour: HighlightColour | str = "yellow",
    note: str = "",
) -> Highlight:
    """A highlight of ``quote`` in ``item``'s text (at ``start`` if given, else its first occurrence).

    Raises :class:`HighlightValueError` when the quote does not occur in the item's text.
    """
    text = item_text(item)
    if not quote.strip():
        raise HighlightValueError("the quote is empty")
    if len(quote) > MAX_QUOTE_CHARS:
        raise HighlightValueError(f"the quote has {len(quote):,} characters; at most {MAX_QUOTE_CHARS:,}")
    span = find_quote(text, quote, near=start)
    if span is None:
        shown = " ".join(quote.split())
        shown = shown if len(shown) <= 60 else shown[:57] + "…"
        raise HighlightValueError(f"the quote {shown!r} does not occur in the text of {item.id}")
    begin, end = span
    colour = colour if isinstance(colour, HighlightColour) else HighlightColour.parse(colour)
    return Highlight(
        highlight_id=highlight_id, item_id=item.id, quote=text[begin:end],
        prefix=text[max(0, begin - CONTEXT_CHARS):begin], suffix=text[end:end + CONTEXT_CHARS],
        start=begin, end=end, colour=colour, note=check_note(note), item_title=item.title, item_kind=item.kind.value,
    )


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a highlight stands in the current text of its item."""

    state: AnchorState
    start: int = -1
    end: int = -1
    text: str = ""  # the words now at that place (the quote itself unless the text changed)

    @property
    def found(self) -> bool:
        return self.state is not AnchorState.MISSING


def _context_score(text: str, start: int, end: int, highlight: Highlight) -> float:
    before = _fold(text[max(0, start - len(highlight.prefix)):start])
    after = _fold(text[end:end + len(highlight.suffix)])
    score = 0.0
    if highlight.prefix:
        score += difflib.SequenceMatcher(None, before, _fold(highlight.prefix), autojunk=False).ratio()
    if highlight.suffix:
        score += difflib.SequenceMatcher(None, after, _fold(highlight.suffix), autojunk=False).ratio()
    return score


def _fuzzy(text: str, highlight: Highlight) -> tuple[float, int, int] | None:
    """The passage of ``text`` most like the quote (whole words), with its likeness; None below the threshold.

    First the windows of the quote's length in words sharing the most words with it (one pass, sliding counts),
    then the ends of the best few moved a few words either way, compared character by character (difflib).
    """
    folded = _fold(text)
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", folded)]
    quote_words = _fold(highlight.quote).split()
    size = len(quote_words)
    if not size or not words:
        return None
    wanted = Counter(quote_words)
    have: Counter[str] = Counter()
    overlap = 0
    scores: list[tuple[int, int]] = []  # (shared words, window start)
    for i, (_start, _end, word) in enumerate(words):
        if have[word] < wanted[word]:
            overlap += 1
        have[word] += 1
        if i >= size:
            gone = words[i - size][2]
            have[gone] -= 1
            if have[gone] < wanted[gone]:
                overlap -= 1
        scores.append((overlap, max(0, i - size + 1)))
    best_shared = max(shared for shared, _ in scores)
    if best_shared < size * FUZZY_THRESHOLD * 0.6:
        return None
    starts = sorted({start for shared, start in scores if shared == best_shared})[:5]
    quote = " ".join(quote_words)
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(quote)
    slack = max(2, size // 4)

    def likeness(s: int, e: int) -> float:
        matcher.set_seq1(" ".join(w[2] for w in words[s:e]))
        if matcher.real_quick_ratio() < FUZZY_THRESHOLD or matcher.quick_ratio() < FUZZY_THRESHOLD:
            return 0.0
        return matcher.ratio()

    best = (0.0, 0, 0)
    for first in starts[:3]:
        s, e = first, min(len(words), first + size)
        for _round in range(2):  # move the start, then the end, a few words either way while it gets better
            s = max(range(max(0, first - slack), min(e - 1, first + slack) + 1), key=lambda a: likeness(a, e))
            e = max(range(max(s + 1, e - slack), min(len(words), e + slack) + 1), key=lambda b: likeness(s, b))
        score = likeness(s, e)
        if score > best[0]:
            best = (score, s, e)
    if best[0] < FUZZY_THRESHOLD:
        return None
    score, s, e = best
    a, b = words[s][0], words[e - 1][1]
    # Words end at white space; punctuation the quote did not have stays outside the passage.
    while b > a and not folded[b - 1].isalnum() and not quote.endswith(folded[b - 1]):
        b -= 1
    while a < b and not folded[a].isalnum() and not quote.startswith(folded[a]):
        a += 1
    return score, a, b


def anchor(highlight: Highlight, text: str | None) -> Anchor:
    """Find ``highlight`` in the current ``text`` of its item (None: the item is not in the briefing)."""
    if text is None:
        return Anchor(AnchorState.MISSING)
    quote_folded = _fold(highlight.quote)
    if _fold(text[highlight.start:highlight.end]) == quote_folded and highlight.end > highlight.start:
        return Anchor(AnchorState.EXACT, highlight.start, highlight.end, text[highlight.start:highlight.end])
    pattern = _pattern(highlight.quote)
    if pattern is not None:
        spans = [(m.start(), m.end()) for m in pattern.finditer(_fold(text))]
        if spans:
            start, end = max(spans, key=lambda s: (_context_score(text, s[0], s[1], highlight),
                                                   -abs(s[0] - highlight.start)))
            state = AnchorState.EXACT if (start, end) == (highlight.start, highlight.end) else AnchorState.MOVED
            return Anchor(state, start, end, text[start:end])
    found = _fuzzy(text, highlight)
    if found is None:
        return Anchor(AnchorState.MISSING)
    _score, start, end = found
    return Anchor(AnchorState.CHANGED, start, end, text[start:end])
