"""Typo fallback: the pack's own word nearest to a word that matches nothing (edit distance 1 to 2)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from briefing_app.persistence.fts import VocabularyTerm

#: Words shorter than this are never corrected (too many neighbours: "Xi" is one edit from "xu", "si", ...).
MIN_CORRECTED = 4
#: A word being typed is compared with the start of longer words only from this length ("Pakjs" -> Pakistan).
MIN_PREFIX_CORRECTED = 5


def max_distance(word: str) -> int:
    return 1 if len(word) <= 5 else 2


class Vocabulary:
    """The pack's folded words, sorted for prefix lookup, with rapidfuzz for the nearest ones."""

    def __init__(self, terms: Sequence[VocabularyTerm]) -> None:
        self._terms = sorted(terms, key=lambda t: t.term)
        self._keys = [t.term for t in self._terms]

    def __len__(self) -> int:
        return len(self._keys)

    def has_prefix(self, folded: str) -> bool:
        """Whether some word of the pack starts with ``folded``."""
        i = bisect.bisect_left(self._keys, folded)
        return i < len(self._keys) and self._keys[i].startswith(folded)

    def nearest(self, folded: str, typing: bool = False) -> VocabularyTerm | None:
        """The word closest to ``folded`` within :func:`max_distance` edits, or None.

        Ties go to a word of a title or alias, then to the word more items use. While ``typing`` (the last
        word, not yet finished), a word is also compared with the start of longer words ("Pakjs" -> Pakistan).
        """
        from rapidfuzz.distance import Levenshtein
        from rapidfuzz.process import extract

        if len(folded) < MIN_CORRECTED or folded.isdigit():
            return None
        limit = max_distance(folded)
        typing = typing and len(folded) >= MIN_PREFIX_CORRECTED
        low, high = len(folded) - limit, len(folded) + limit
        pool = [t for t in self._terms if low <= len(t.term) <= high or (typing and len(t.term) > high)]
        choices = [t.term[: len(folded)] if typing and len(t.term) > high else t.term for t in pool]
        found = extract(folded, choices, scorer=Levenshtein.distance, score_cutoff=limit, limit=20)
        if not found:
            return None
        best = min(found, key=lambda f: (f[1], not pool[f[2]].is_name, -pool[f[2]].count, len(pool[f[2]].term)))
        return pool[best[2]]

    def similar(self, folded: str, count: int = 3) -> list[VocabularyTerm]:
        """Names of the pack that look like ``folded`` (for "No results" suggestions), the closest first."""
        from rapidfuzz.fuzz import ratio
        from rapidfuzz.process import extract

        if len(folded) < 3:
            return []
        names = [t for t in self._terms if t.is_name and len(t.term) >= 3]
        found = extract(folded, [t.term for t in names], scorer=ratio, score_cutoff=60, limit=count)
        return [names[f[2]] for f in found]
