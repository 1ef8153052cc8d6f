"""Snippets: one sentence of an item's title, summary or body, with the searched words highlighted.

The sentence with the most searched words wins (the summary before the body, the body before the title on a
tie). Aliases and keywords are searched but never shown as a snippet: a bare list of names says nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing_app.domain.items import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN
from briefing_app.persistence.search_text import WORD, fold, has_han

SNIPPET_CHARS = 160
# After ".", "!", ... and white space a sentence ends, but not after an initial ("S. Jaishankar").
_SENTENCE_END = re.compile(r"(?<=[.!?…;。！？])(?<!\b[A-Z]\.)\s+|\n+")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_FOLDED_CHARS: dict[str, str] = {}


def _fold_char(match: re.Match[str]) -> str:
    """One character folded to one character (its first), so folded text keeps the original's positions."""
    char = match.group()
    value = _FOLDED_CHARS.get(char)
    if value is None:
        folded = fold(char)
        value = _FOLDED_CHARS[char] = folded[0] if folded and not folded[0].isspace() else char
    return value


def fold_in_place(text: str) -> str:
    """``text`` folded character by character: same length, so a match's span is the original's span."""
    return text.lower() if text.isascii() else _NON_ASCII.sub(_fold_char, text).lower()


class Highlighter:
    """What counts as a searched word: a word starting with a searched prefix, or a searched Han stretch.

    One regular expression over the folded sentence finds them all (a sentence is folded once, not per word).
    """

    def __init__(self, prefixes: Sequence[str], han: Sequence[str] = ()) -> None:
        self.prefixes = tuple(dict.fromkeys(p for p in prefixes if p))
        self.han = tuple(dict.fromkeys(h for h in han if h))
        alternatives = []
        if self.prefixes:
            words = "|".join(re.escape(p) for p in sorted(self.prefixes, key=len, reverse=True))
            alternatives.append(rf"(?<!\w)(?:{words})\w*")
        if self.han:
            alternatives.append("|".join(re.escape(h) for h in sorted(self.han, key=len, reverse=True)))
        self._pattern = re.compile("|".join(alternatives)) if alternatives else None

    @classmethod
    def of(cls, words: Sequence[str]) -> Highlighter:
        folded = [fold_in_place(part) for word in words for part in WORD.findall(word)]
        return cls([w for w in folded if not has_han(w)], [w for w in folded if has_han(w)])

    def spans(self, text: str) -> list[tuple[int, int]]:
        if self._pattern is None:
            return []
        return [m.span() for m in self._pattern.finditer(fold_in_place(text)) if m.end() > m.start()]

    def count(self, sentence: str) -> int:
        return len(self.spans(sentence))

    def mark(self, sentence: str) -> str:
        out, last = [], 0
        for start, end in self.spans(sentence):
            out += [sentence[last:start], HIGHLIGHT_OPEN, sentence[start:end], HIGHLIGHT_CLOSE]
            last = end
        out.append(sentence[last:])
        return "".join(out)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _best_sentence(text: str, highlighter: Highlighter) -> tuple[str, int]:
    """The first sentence of ``text`` with the most searched words, and how many it has (0: none has any).

    The text is folded and searched once; each match is then counted to the sentence it falls in.
    """
    spans = highlighter.spans(text) if text else []
    if not spans:
        return "", 0
    best, best_count = "", 0
    start, n = 0, 0
    ends = [*((m.start(), m.end()) for m in _SENTENCE_END.finditer(text)), (len(text), len(text))]
    for end, next_start in ends:  # a sentence runs from one separator (white space) to the next
        first = n
        while n < len(spans) and spans[n][0] < end:
            n += 1
        if n - first > best_count and text[start:end].strip():
            best, best_count = text[start:end].strip(), n - first
        start = next_start
    return best, best_count


def _window(sentence: str, highlighter: Highlighter) -> str:
    """At most SNIPPET_CHARS of the sentence, around its first searched word (else from its start), cut at word
    boundaries."""
    if len(sentence) <= SNIPPET_CHARS:
        return sentence
    first = next(iter(highlighter.spans(sentence)), (0, 0))[0]
    start = max(0, min(first - SNIPPET_CHARS // 3, len(sentence) - SNIPPET_CHARS))
    if start > 0:
        space = sentence.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = start + SNIPPET_CHARS
    if end < len(sentence):
        space = sentence.rfind(" ", start, end)
        end = space if space > first else end
    return ("…" if start > 0 else "") + sentence[start:end].strip() + ("…" if end < len(sentence) else "")


def make_snippet(
    title: str, summary: str, body: str, highlighter: Highlighter, choose_by: Highlighter | None = None
) -> str:
    """The best sentence of the item for these searched words, highlighted.

    The sentence is chosen by the words of ``choose_by`` (by default, all searched words): for an item found by
    its name, the other words of the query ("when did Iran join" -> "join"), since every sentence about Iran
    names it. When no sentence of the summary or body has them (the title or an alias matched), the summary's
    first sentence says what the item is: the title is shown beside the snippet already.
    """
    choose_by = highlighter if choose_by is None else choose_by
    best, best_count = _best_sentence(summary, choose_by)
    in_body, body_count = _best_sentence(body, choose_by)
    if body_count > best_count:
        best = in_body
    if not best:
        best = next(iter(sentences(summary) or sentences(body)), title)
    return highlighter.mark(_window(best, choose_by))  # cut around the words that chose it, if any
