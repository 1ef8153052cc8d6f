"""A typed query taken apart: its words (as typed and folded), quoted phrases, stop words and kind words."""

from __future__ import annotations

from dataclasses import dataclass

from briefing_app.persistence.fts import MAX_QUERY_CHARS, MAX_TERM_CHARS, MAX_TERMS, Term
from briefing_app.persistence.search_text import KIND_WORDS, STOP_WORDS, WORD, fold, has_han


@dataclass(frozen=True, slots=True)
class QueryWord:
    """A word or a quoted phrase of the query."""

    typed: str  # as typed (a phrase: its words joined by one space)
    folded: str
    phrase: bool = False

    @property
    def stop(self) -> bool:
        return not self.phrase and self.folded in STOP_WORDS

    @property
    def kind(self) -> str | None:
        return None if self.phrase else KIND_WORDS.get(self.folded)

    @property
    def han(self) -> bool:
        return has_han(self.typed)

    def term(self, text: str | None = None) -> Term:
        return Term(text if text is not None else self.typed, self.phrase)


def plural_stem(text: str) -> str:
    """An English plural cut back so that the prefix search finds the singular too ("observers" -> "observer",
    "countries" -> "countr"); other words unchanged. Prefix matching already finds every longer form."""
    if not text.isascii() or not text.isalpha() or len(text) < 5 or text.isupper():
        return text
    lower = text.lower()
    if lower.endswith("ies"):
        return text[:-3]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return text[:-1]
    return text


def parse_query(query: str) -> list[QueryWord]:
    """The words and "quoted phrases" of ``query``, in order, without repeats; any text is accepted.

    An unbalanced quote is an ordinary character. FTS5 syntax means nothing here: only words survive.
    """
    query = query[:MAX_QUERY_CHARS]
    pieces = query.split('"')
    if len(pieces) % 2 == 0:
        pieces = [query.replace('"', " ")]
    words: list[QueryWord] = []
    for index, piece in enumerate(pieces):
        found = [w[:MAX_TERM_CHARS] for w in WORD.findall(piece) if w.strip("_")]
        if not found:
            continue
        if index % 2 == 1 and len(found) > 1:
            joined = " ".join(found)
            words.append(QueryWord(joined, fold(joined), phrase=True))
        else:
            words.extend(QueryWord(w, fold(w)) for w in found)
    unique = {(w.folded, w.phrase): w for w in reversed(words)}  # keep the first of repeats, in order
    return [w for w in words if unique[(w.folded, w.phrase)] is w][:MAX_TERMS]


def match_expressions(query: str) -> tuple[str, str] | None:
    """FTS5 MATCH expressions for a typed query: (all terms, any term); None when nothing is searchable.

    Every word is a prefix term, so results appear while typing; a balanced "quoted phrase" stays a phrase.
    """
    terms = [w.term() for w in parse_query(query)]
    if not terms:
        return None
    return " AND ".join(t.expression for t in terms), " OR ".join(t.expression for t in terms)
