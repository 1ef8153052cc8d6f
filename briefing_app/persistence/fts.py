"""Full-text search over every item with SQLite FTS5: bm25 ranking, prefix matching, highlighted snippets.

Whatever a person types is accepted. The text is reduced to words (and balanced "quoted phrases"); FTS5's own
syntax (``*``, ``-``, ``NEAR``, ``AND``/``OR``, parentheses) is never passed through, so no input can make the
query fail. At worst there are no hits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sqlalchemy import Connection, Engine, text
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


# Stage 1 ranks without snippets; stage 2 makes snippets for the few hits shown (FTS5's snippet() is costly).
_RANK_SQL = """
SELECT i.row_id, i.id, i.kind, i.title, bm25(items_fts, {weights}) * i.boost AS rank
FROM items_fts JOIN items AS i ON i.row_id = items_fts.rowid
WHERE items_fts MATCH :match {kind_clause} {cutoff_clause}
ORDER BY rank
LIMIT :limit
"""
# The row id of the MAX_RANKED-th match in row order, or nothing when fewer match.
_PROBE_SQL = """
SELECT items_fts.rowid
FROM items_fts {kind_join}
WHERE items_fts MATCH :match {kind_clause}
ORDER BY items_fts.rowid
LIMIT 1 OFFSET :offset
"""
# The row range lets FTS5 scan one stretch of its doclists; "+rowid IN" keeps SQLite from turning the list into
# one seek per row, which re-expands every prefix term for each row and costs ten times more.
_SNIPPET_SQL = """
SELECT rowid, snippet(items_fts, -1, :hl_open, :hl_close, '…', {tokens})
FROM items_fts
WHERE items_fts MATCH :match AND rowid BETWEEN :low AND :high AND +rowid IN ({row_ids})
"""
# The columns a person means when a short prefix matches almost everything: names, not body text.
_NAME_COLUMNS = "{title keywords}"

#: Queries matching more items than this are ranked over a bounded candidate set (see :class:`FtsSearch`).
MAX_RANKED = 1000


class FtsSearch:
    """bm25-ranked search, fast at any pack size.

    A query matching up to :data:`MAX_RANKED` items is ranked exactly over all of them (at the size of a real
    briefing pack, every query). A broader one, such as the first letter typed into the search box on a pack
    of tens of thousands of items, would spend most of its time scoring items whose bm25 is near zero anyway
    (a term in every item carries no information). It is ranked over bounded candidates instead: first the
    items whose title or keywords match (the first :data:`MAX_RANKED` of them in pack order), then, if those
    are too few, the first :data:`MAX_RANKED` matches of any column. Either way the cost is bounded.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        weights = ", ".join(str(w) for w in FTS_WEIGHTS)
        self._rank_sql = {
            (kind, cutoff): text(_RANK_SQL.format(
                weights=weights,
                kind_clause="AND i.kind = :kind" if kind else "",
                cutoff_clause="AND items_fts.rowid <= :cutoff" if cutoff else "",
            ))
            for kind in (False, True) for cutoff in (False, True)
        }
        self._probe_sql = {
            kind: text(_PROBE_SQL.format(
                kind_join="JOIN items AS i ON i.row_id = items_fts.rowid" if kind else "",
                kind_clause="AND i.kind = :kind" if kind else "",
            ))
            for kind in (False, True)
        }

    def search(self, query: str, limit: int = 20, kind: str | None = None) -> list[FtsHit]:
        """Best hits first. Never raises for any query text; a broken database still raises."""
        expressions = match_expressions(query)
        if expressions is None or limit <= 0:
            return []
        try:
            with self._engine.connect() as conn:
                for match in expressions:
                    hits = self._ranked(conn, match, limit, kind)
                    if hits:
                        return self._with_snippets(conn, match, hits)
        except SQLAlchemyError as exc:
            if "fts5" in str(exc).lower() or "syntax error" in str(exc).lower():
                return []  # defensive: the expression is built from words only, so this should not happen
            raise
        return []

    def _ranked(self, conn: Connection, match: str, limit: int, kind: str | None) -> list[FtsHit]:
        cutoff = self._probe(conn, match, limit, kind)
        if cutoff is None:
            return self._rank(conn, match, limit, kind, None)
        names = f"{_NAME_COLUMNS} : ({match})"
        hits = self._rank(conn, names, limit, kind, self._probe(conn, names, limit, kind))
        if len(hits) < limit:
            seen = {hit.row_id for hit in hits}
            hits += [hit for hit in self._rank(conn, match, limit, kind, cutoff) if hit.row_id not in seen]
        return hits[:limit]

    def _probe(self, conn: Connection, match: str, limit: int, kind: str | None) -> int | None:
        """The row id bounding the candidates: at least MAX_RANKED, and never fewer than the hits asked for."""
        params: dict[str, object] = {"match": match, "offset": max(MAX_RANKED, limit) - 1}
        if kind:
            params["kind"] = kind
        row = conn.execute(self._probe_sql[bool(kind)], params).first()
        return int(row[0]) if row else None

    def _rank(self, conn: Connection, match: str, limit: int, kind: str | None, cutoff: int | None) -> list[FtsHit]:
        params: dict[str, object] = {"match": match, "limit": limit}
        if kind:
            params["kind"] = kind
        if cutoff is not None:
            params["cutoff"] = cutoff
        rows = conn.execute(self._rank_sql[(bool(kind), cutoff is not None)], params).all()
        return [FtsHit(r[0], r[1], r[2], r[3], "", -float(r[4])) for r in rows]

    def _with_snippets(self, conn: Connection, match: str, hits: list[FtsHit]) -> list[FtsHit]:
        sql = _SNIPPET_SQL.format(tokens=SNIPPET_TOKENS, row_ids=", ".join(str(int(hit.row_id)) for hit in hits))
        row_ids = [hit.row_id for hit in hits]
        params = {
            "match": match, "low": min(row_ids), "high": max(row_ids), "hl_open": HIGHLIGHT_OPEN,
            "hl_close": HIGHLIGHT_CLOSE,
        }
        rows = conn.execute(text(sql), params).all()
        snippets = {int(r[0]): r[1] or "" for r in rows}
        return [replace(hit, snippet=snippets.get(hit.row_id, "")) for hit in hits]
