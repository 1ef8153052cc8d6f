"""Full-text search over every item with SQLite FTS5: bm25 ranking, prefix matching, highlighted snippets.

Whatever a person types is accepted. The text is reduced to words (and balanced "quoted phrases"); FTS5's own
syntax (``*``, ``-``, ``NEAR``, ``AND``/``OR``, parentheses) is never passed through, so no input can make the
query fail. At worst there are no hits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from briefing_app.domain.items import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN
from briefing_app.persistence.content_schema import FTS_WEIGHTS

MAX_QUERY_CHARS = 1000
MAX_TERMS = 24
MAX_TERM_CHARS = 64
SNIPPET_TOKENS = 16

_WORD = re.compile(r"\w+", re.UNICODE)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def match_expressions(query: str) -> tuple[str, str] | None:
    """FTS5 MATCH expressions for a typed query: (all terms, any term); None when nothing is searchable.

    Every word is a prefix term, so results appear while typing; a balanced "quoted phrase" stays a phrase.
    """
    query = query[:MAX_QUERY_CHARS]
    pieces = query.split('"')
    terms: list[str] = []
    if len(pieces) % 2 == 0:  # unbalanced quotes: treat every quote as a plain character
        pieces = [query.replace('"', " ")]
    for index, piece in enumerate(pieces):
        words = [w[:MAX_TERM_CHARS] for w in _WORD.findall(piece)]
        if not words:
            continue
        if index % 2 == 1 and len(words) > 1:
            terms.append(_quote(" ".join(words)))
        else:
            terms.extend(_quote(word) + "*" for word in words)
    terms = list(dict.fromkeys(terms))[:MAX_TERMS]
    if not terms:
        return None
    return " AND ".join(terms), " OR ".join(terms)


@dataclass(frozen=True, slots=True)
class FtsHit:
    row_id: int
    id: str
    kind: str
    title: str
    snippet: str
    score: float


_SEARCH_SQL = """
SELECT i.row_id, i.id, i.kind, i.title,
       snippet(items_fts, -1, :hl_open, :hl_close, '…', {tokens}) AS snippet,
       bm25(items_fts, {weights}) * i.boost AS rank
FROM items_fts JOIN items AS i ON i.row_id = items_fts.rowid
WHERE items_fts MATCH :match {kind_clause}
ORDER BY rank
LIMIT :limit
"""


class FtsSearch:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        weights = ", ".join(str(w) for w in FTS_WEIGHTS)
        self._sql = text(_SEARCH_SQL.format(tokens=SNIPPET_TOKENS, weights=weights, kind_clause=""))
        self._sql_kind = text(
            _SEARCH_SQL.format(tokens=SNIPPET_TOKENS, weights=weights, kind_clause="AND i.kind = :kind")
        )

    def search(self, query: str, limit: int = 20, kind: str | None = None) -> list[FtsHit]:
        """Best hits first. Never raises for any query text; a broken database still raises."""
        expressions = match_expressions(query)
        if expressions is None or limit <= 0:
            return []
        for match in expressions:
            hits = self._run(match, limit, kind)
            if hits:
                return hits
        return []

    def _run(self, match: str, limit: int, kind: str | None) -> list[FtsHit]:
        params: dict[str, object] = {
            "match": match, "limit": limit, "hl_open": HIGHLIGHT_OPEN, "hl_close": HIGHLIGHT_CLOSE,
        }
        stmt = self._sql
        if kind:
            stmt = self._sql_kind
            params["kind"] = kind
        try:
            with self._engine.connect() as conn:
                rows = conn.execute(stmt, params).all()
        except SQLAlchemyError as exc:
            if "fts5" in str(exc).lower() or "syntax error" in str(exc).lower():
                return []  # defensive: the expression is built from words only, so this should not happen
            raise
        return [FtsHit(r[0], r[1], r[2], r[3], r[4] or "", -float(r[5])) for r in rows]
