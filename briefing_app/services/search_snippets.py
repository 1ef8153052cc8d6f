"""Snippets: one sentence of an item's title, summary or body, with the searched words highlighted.

The sentence with the most searched words wins (the summary before the body, the body before the title on a
tie). Aliases and keywords are searched but never shown as a snippet: a bare list of names says nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from briefing_app.domain.items import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN
from briefing_app.persistence.search_text import WORD, fold, has_han

SNIPPET_CHARS = 160
_SENTENCE_END = re.compile(r"(?<=[.!?…;。！？])\s+|\n+")


@dataclass(frozen=True, slots=True)
class Highlighter:
    """What counts as a searched word: a word starting with a searched prefix, or a searched Han stretch."""

    prefixes: tuple[str, ...]  # folded
    han: tuple[str, ...] = ()

    @classmethod
    def of(cls, words: Sequence[str]) -> Highlighter:
        folded = [fold(part) for word in words for part in WORD.findall(word)]
        return cls(tuple(w for w in folded if w and not has_han(w)), tuple(w for w in folded if has_han(w)))

    def matches(self, word: str) -> bool:
        folded = _folded_word(word)
        return folded.startswith(self.prefixes) or any(h in word for h in self.han)

    def count(self, sentence: str) -> int:
        return sum(1 for m in WORD.finditer(sentence) if self.matches(m.group()))

    def mark(self, sentence: str) -> str:
        out, last = [], 0
        for m in WORD.finditer(sentence):
            if self.matches(m.group()):
                out += [sentence[last:m.start()], HIGHLIGHT_OPEN, m.group(), HIGHLIGHT_CLOSE]
                last = m.end()
        out.append(sentence[last:])
        return "".join(out)


@lru_cache(maxsize=65536)
def _folded_word(word: str) -> str:
    return word.lower() if word.isascii() else fold(word)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _window(sentence: str, highlighter: Highlighter) -> str:
    """At most SNIPPET_CHARS of the sentence, around its first searched word, cut at word boundaries."""
    if len(sentence) <= SNIPPET_CHARS:
        return sentence
    first = next((m.start() for m in WORD.finditer(sentence) if highlighter.matches(m.group())), 0)
    start = max(0, min(first - SNIPPET_CHARS // 3, len(sentence) - SNIPPET_CHARS))
    if start > 0:
        space = sentence.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = start + SNIPPET_CHARS
    if end < len(sentence):
        space = sentence.rfind(" ", start, end)
        end = space if space > first else end
    return ("…" if start > 0 else "") + sentence[start:end].strip() + ("…" if end < len(sentence) else "")


def make_snippet(title: str, summary: str, body: str, highlighter: Highlighter) -> str:
    """The best sentence of the item for these searched words, highlighted; the summary's first if none match."""
    candidates = [*sentences(summary), *sentences(body)]
    best, best_count = "", 0
    for sentence in candidates:
        count = highlighter.count(sentence)
        if count > best_count:
            best, best_count = sentence, count
    if not best_count and highlighter.count(title):
        best = title
    if not best:
        best = candidates[0] if candidates else title
    return highlighter.mark(_window(best, highlighter))
