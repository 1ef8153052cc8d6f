"""Search reads of the content database: names, bm25-ranked full text, the vocabulary, the texts for snippets.

Whatever a person types is accepted. Queries reach FTS5 only as quoted words and balanced "quoted phrases"
built by :func:`match_expression`; FTS5's own syntax (``*``, ``-``, ``NEAR``, ``AND``/``OR``, parentheses) is
never passed through, so no input can make a query fail. What to ask, and in which order, is decided by
:mod:`briefing_app.services.search`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from briefing_app.domain.items import Source
from briefing_app.persistence.content_schema import FTS_WEIGHTS

MAX_QUERY_CHARS = 1000
MAX_TERMS = 24
MAX_TERM_CHARS = 64

#: Queries matching more items than this are ranked over a bounded candidate set (see :meth:`SearchReader.ranked`).
#: Twice the real pack (214 items), so that every query there is ranked exactly; bm25 costs about 2 µs an item,
#: so at the 100x pack a one-letter prefix costs 1 ms instead of 2.
MAX_RANKED = 500
#: How many items one name prefix may bring ahead of the full-text hits.
MAX_PREFIX_NAMES = 50
_AFTER_EVERYTHING = "\U0010ffff"  # sorts after every character: key >= k AND key < k + this is "starts with k"


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class Term:
    """One searched word (matched as a prefix) or a quoted phrase, as FTS5 will see it."""

    text: str
    phrase: bool = False

    @property
    def expression(self) -> str:
        return _quote(self.text) if self.phrase else _quote(self.text) + "*"


def match_expression(terms: Sequence[Term], operator: str = "AND") -> str:
    return f" {operator} ".join(term.expression for term in terms)


@dataclass(frozen=True, slots=True)
class FtsHit:
    row_id: int
    id: str
    kind: str
    title: str
    snippet: str
    score: float


@dataclass(frozen=True, slots=True)
class NameHit:
    row_id: int
    id: str
    kind: str
    title: str
    key: str
    is_title: bool
    exact: bool
    boost: float


@dataclass(frozen=True, slots=True)
class VocabularyTerm:
    term: str  # folded
    form: str  # as written (lower case)
    count: int
    is_name: bool


# Stage 1 ranks without snippets; stage 2 (in the service) makes snippets for the few hits shown.
_RANK_SQL = """
SELECT i.row_id, i.id, i.kind, i.title, bm25(items_fts, {weights}) * i.boost * {kind_factor} AS rank
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
# The columns a person means when a short prefix matches almost everything: names, not body text.
_NAME_COLUMNS = "{title aliases keywords}"
_NAME_SELECT = """
SELECT i.row_id, i.id, i.kind, i.title, n.key, n.is_title, i.boost
FROM search_names AS n JOIN items AS i ON i.row_id = n.item_row
"""


class SearchReader:
    """The search reads over one open connection (one search = one connection, several cheap queries).

    The statements go straight to the sqlite3 connection, in the read transaction SQLAlchemy began: a keystroke
    runs half a dozen small statements, and SQLAlchemy's result machinery would cost as much as SQLite itself.
    """

    def __init__(self, conn: Connection, owner: FtsSearch) -> None:
        self._conn = conn
        self._driver: sqlite3.Connection = conn.connection.driver_connection  # type: ignore[assignment]
        self._owner = owner

    # --- names ------------------------------------------------------------------------------------

    def names_equal(self, keys: Sequence[str], kind: str | None, limit: int) -> list[NameHit]:
        """Items with a name (title, title part or alias) equal to one of ``keys`` (already folded)."""
        keys = [k for k in dict.fromkeys(keys) if k]
        if not keys:
            return []
        params: dict[str, object] = {f"k{n}": k for n, k in enumerate(keys)}
        params["limit"] = limit
        sql = (f"{_NAME_SELECT} WHERE n.key IN ({', '.join(f':k{n}' for n in range(len(keys)))})"
               f"{' AND i.kind = :kind' if kind else ''} ORDER BY n.is_title DESC, i.boost DESC, i.row_id LIMIT :limit")
        if kind:
            params["kind"] = kind
        rows = self._sql(sql, params)
        return [NameHit(r[0], r[1], r[2], r[3], r[4], bool(r[5]), True, float(r[6])) for r in rows]

    def names_starting(
        self, prefix: str, kind: str | None, limit: int = MAX_PREFIX_NAMES, skip_kinds: Sequence[str] = ()
    ) -> list[NameHit]:
        """Items with a name starting with ``prefix`` (folded), the shortest names first; none of ``skip_kinds``."""
        if not prefix:
            return []
        params: dict[str, object] = {"low": prefix, "high": prefix + _AFTER_EVERYTHING, "limit": limit}
        params.update({f"s{n}": k for n, k in enumerate(skip_kinds)})
        skip = f" AND i.kind NOT IN ({', '.join(f':s{n}' for n in range(len(skip_kinds)))})" if skip_kinds else ""
        sql = f"{_NAME_SELECT} WHERE n.key >= :low AND n.key < :high{' AND i.kind = :kind' if kind else ''}{skip} "
        sql += "ORDER BY n.key LIMIT :limit"
        if kind:
            params["kind"] = kind
        rows = self._sql(sql, params)
        hits = [NameHit(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[4] == prefix, float(r[6])) for r in rows]
        return sorted(hits, key=lambda h: (len(h.key), not h.is_title, -h.boost, h.row_id))

    # --- full text --------------------------------------------------------------------------------

    def matches_anything(self, term: Term) -> bool:
        return bool(self._sql("SELECT 1 FROM items_fts WHERE items_fts MATCH :m LIMIT 1", {"m": term.expression}))

    def ranked(
        self, match: str, limit: int, kind: str | None = None, kind_boosts: Sequence[str] = (), factor: float = 2.0
    ) -> list[FtsHit]:
        """bm25-ranked hits of the FTS5 expression ``match``, fast at any pack size.

        A query matching up to :data:`MAX_RANKED` items is ranked exactly over all of them (at the size of a
        real briefing pack, every query). A broader one, such as the first letter typed on a pack of tens of
        thousands of items, would spend most of its time scoring items whose bm25 is near zero anyway. It is
        ranked over bounded candidates instead: first the items whose title, aliases or keywords match (the
        first :data:`MAX_RANKED` of them in pack order), then, if those are too few, the first
        :data:`MAX_RANKED` matches of any column. Items of the ``kind_boosts`` kinds weigh ``factor`` times more.
        """
        cutoff = self._probe(match, limit, kind)
        if cutoff is None:
            return self._rank(match, limit, kind, None, kind_boosts, factor)
        names = f"{_NAME_COLUMNS} : ({match})"
        hits = self._rank(names, limit, kind, self._probe(names, limit, kind), kind_boosts, factor)
        if len(hits) < limit:
            seen = {hit.row_id for hit in hits}
            more = self._rank(match, limit, kind, cutoff, kind_boosts, factor)
            hits += [hit for hit in more if hit.row_id not in seen]
        return hits[:limit]

    def _probe(self, match: str, limit: int, kind: str | None) -> int | None:
        """The row id bounding the candidates: at least MAX_RANKED, and never fewer than the hits asked for."""
        params: dict[str, object] = {"match": match, "offset": max(MAX_RANKED, limit) - 1}
        if kind:
            params["kind"] = kind
        rows = self._sql(self._owner.probe_sql[bool(kind)], params)
        return int(rows[0][0]) if rows else None

    def _rank(
        self, match: str, limit: int, kind: str | None, cutoff: int | None, kind_boosts: Sequence[str], factor: float
    ) -> list[FtsHit]:
        params: dict[str, object] = {"match": match, "limit": limit}
        if kind:
            params["kind"] = kind
        if cutoff is not None:
            params["cutoff"] = cutoff
        boosts = sorted(set(kind_boosts))
        kind_factor = "1"
        if boosts:
            params.update({f"kb{n}": k for n, k in enumerate(boosts)})
            params["kind_factor"] = float(factor)
            kind_factor = (f"(CASE WHEN i.kind IN ({', '.join(f':kb{n}' for n in range(len(boosts)))}) "
                           "THEN :kind_factor ELSE 1 END)")
        sql = _RANK_SQL.format(
            weights=self._owner.weights, kind_factor=kind_factor,
            kind_clause="AND i.kind = :kind" if kind else "",
            cutoff_clause="AND items_fts.rowid <= :cutoff" if cutoff is not None else "",
        )
        rows = self._sql(sql, params)
        return [FtsHit(r[0], r[1], r[2], r[3], "", -float(r[4])) for r in rows]

    # --- snippets ---------------------------------------------------------------------------------

    def texts(self, row_ids: Sequence[int]) -> dict[int, tuple[str, str, str]]:
        """Title, summary and body of these items (what a snippet is cut from)."""
        ids = ", ".join(str(int(r)) for r in dict.fromkeys(row_ids))
        if not ids:
            return {}
        rows = self._sql(f"SELECT row_id, title, summary, body FROM items WHERE row_id IN ({ids})", {})
        return {int(r[0]): (r[1] or "", r[2] or "", r[3] or "") for r in rows}

    def sources(self, row_ids: Sequence[int]) -> dict[int, tuple[Source, ...]]:
        """The sources of these items, in order (a hit shows where it comes from)."""
        ids = ", ".join(str(int(r)) for r in dict.fromkeys(row_ids))
        if not ids:
            return {}
        out: dict[int, list[Source]] = {}
        for item_row, *fields in self._sql(
            "SELECT item_row, paragraph, quote, citation, url, note FROM sources "
            f"WHERE item_row IN ({ids}) ORDER BY item_row, seq", {}
        ):
            out.setdefault(item_row, []).append(Source(*fields))  # paragraph, quote, citation, url, note
        return {row: tuple(found) for row, found in out.items()}

    def _sql(self, sql: str, params: dict[str, object]) -> list[Any]:
        """Plain SQL straight to the driver, all rows at once: these statements are built per query, so compiling
        them costs more than running them. A driver error is raised as SQLAlchemy's (a damaged file is recovered
        from like every other read)."""
        try:
            return self._driver.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise DBAPIError.instance(sql, params, exc, sqlite3.Error) from exc


class FtsSearch:
    """Opens :class:`SearchReader` s over the content database and keeps what every search shares."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self.weights = ", ".join(str(w) for w in FTS_WEIGHTS)
        self.probe_sql = {
            kind: _PROBE_SQL.format(
                kind_join="JOIN items AS i ON i.row_id = items_fts.rowid" if kind else "",
                kind_clause="AND i.kind = :kind" if kind else "",
            )
            for kind in (False, True)
        }
        self._vocabulary: list[VocabularyTerm] | None = None

    @contextmanager
    def reader(self) -> Iterator[SearchReader]:
        with self._engine.connect() as conn, conn.begin():  # one snapshot for every read of the search
            yield SearchReader(conn, self)

    def vocabulary(self) -> list[VocabularyTerm]:
        """The pack's folded words, read once (a few thousand short strings, whatever the pack's size)."""
        if self._vocabulary is None:
            with self._engine.connect() as conn:
                rows = conn.execute(text("SELECT term, form, count, is_name FROM search_terms ORDER BY term")).all()
            self._vocabulary = [VocabularyTerm(r[0], r[1], int(r[2]), bool(r[3])) for r in rows]
        return self._vocabulary
