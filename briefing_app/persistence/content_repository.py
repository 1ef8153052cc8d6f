"""Read access to the content database: items, their links both ways, the source paragraphs, search."""

from __future__ import annotations

import functools
import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import ColumnElement, Connection, Engine, func, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from briefing_app.domain.items import Item, ItemKind, ItemRef, Link, Source
from briefing_app.domain.pack import Credit, PackInfo, Provenance, SourceDocument
from briefing_app.persistence.content_schema import CONTENT_SCHEMA_VERSION, ItemRow, LinkRow, MetaRow, SourceRow
from briefing_app.persistence.engine import make_engine, make_sessionmaker
from briefing_app.persistence.fts import (
    MAX_QUERY_CHARS,
    MAX_TERMS,
    FtsHit,
    FtsSearch,
    SearchReader,
    Term,
    VocabularyTerm,
    match_expression,
)
from briefing_app.persistence.search_text import WORD

log = logging.getLogger(__name__)
_P = ParamSpec("_P")
_R = TypeVar("_R")


class ContentDatabaseError(Exception):
    """The content database is missing, corrupt or from another schema version."""


def is_corruption(exc: BaseException) -> bool:
    """Whether ``exc`` (a DB-API or SQLAlchemy error) says the file is damaged (SQLITE_CORRUPT, SQLITE_NOTADB)."""
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    if code is not None:
        return bool(code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB))
    return "malformed" in str(orig) or "not a database" in str(orig)


def _recovering(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run a read; if it fails because the file is damaged and the repository can rebuild it, run it again."""

    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(*args, **kwargs)
        except DatabaseError as exc:
            repo = args[0]
            if not (isinstance(repo, ContentRepository) and is_corruption(exc) and repo.recover(exc)):
                raise
        return method(*args, **kwargs)

    return wrapper


_IN_CHUNK = 500  # ids per "IN (...)" query, well under SQLite's limit on bound parameters

_ITEM_COLUMNS = (
    ItemRow.row_id, ItemRow.id, ItemRow.kind, ItemRow.title, ItemRow.summary, ItemRow.body, ItemRow.attrs,
    ItemRow.keywords, ItemRow.position, ItemRow.aliases,
)


def _json_many(texts: Sequence[str]) -> list[Any]:
    """Decode many small JSON documents (written by the builder) in one call: per-call overhead dominates."""
    return json.loads("[" + ",".join(texts) + "]") if texts else []


_KINDS = {kind.value: kind for kind in ItemKind}  # a dict lookup per row: ItemKind(...) costs ten times more


def _load_items(s: Connection, where: ColumnElement[bool] | None, order: Sequence[Any], *,
                with_sources: bool = True) -> list[Item]:
    """Items matching ``where`` (all when None), with their sources and links, in three queries (two, and no
    sources, when ``with_sources`` is false: for a reader of places and links such as the map).

    Core column queries on a connection, not ORM entities or an ORM session: building thousands of mapped
    objects (and their selectin children), or even passing rows through the ORM's loader, costs several times
    more than the rows themselves, and panels load whole kinds at once.
    """
    stmt = select(*_ITEM_COLUMNS).order_by(*order)
    row_ids = select(ItemRow.row_id)
    if where is not None:
        stmt = stmt.where(where)
        row_ids = row_ids.where(where)
    rows = s.execute(stmt).all()
    if not rows:
        return []
    sources: dict[int, list[Source]] = {}
    # Quotes, citations, links' relations and labels repeat across items (items quote the same paragraphs; a
    # thousand member states cite a few hundred sources): each distinct string is kept once, not once per row
    shared: dict[str, str] = {}
    one = shared.setdefault
    for item_row, paragraph, quote, citation, url, note in () if not with_sources else s.execute(
        select(SourceRow.item_row, SourceRow.paragraph, SourceRow.quote, SourceRow.citation, SourceRow.url,
               SourceRow.note)
        .where(SourceRow.item_row.in_(row_ids.scalar_subquery()))
        .order_by(SourceRow.item_row, SourceRow.seq)
    ).all():
        sources.setdefault(item_row, []).append(
            Source(paragraph=paragraph, quote=quote and one(quote, quote),
                   citation=citation and one(citation, citation), url=url and one(url, url),
                   note=note and one(note, note))
        )
    links: dict[int, list[Link]] = {}
    for item_row, rel, target, label in s.execute(
        select(LinkRow.item_row, LinkRow.rel, LinkRow.target_id, LinkRow.label)
        .where(LinkRow.item_row.in_(row_ids.scalar_subquery()))
        .order_by(LinkRow.item_row, LinkRow.seq)
    ).all():
        links.setdefault(item_row, []).append(Link(rel=one(rel, rel), target=target, label=label and one(label, label)))
    attrs = _json_many([row[6] for row in rows])
    keywords = _json_many([row[7] for row in rows])
    aliases = _json_many([row[9] for row in rows])
    return [
        Item(
            id=item_id,
            kind=_KINDS[kind],
            title=title,
            summary=summary,
            body=body,
            attrs=attrs[n],
            sources=tuple(sources.get(row_id, ())),
            links=tuple(links.get(row_id, ())),
            keywords=tuple(keywords[n]),
            position=position,
            aliases=tuple(aliases[n]),
        )
        for n, (row_id, item_id, kind, title, summary, body, _attrs, _keywords, position, _aliases)
        in enumerate(rows)
    ]


def read_meta(path: Path) -> dict[str, str]:
    """The meta table of a content database file, read with plain sqlite3 (cheap enough for start-up checks).

    Raises :class:`ContentDatabaseError` when the file is missing, not a database or incomplete.
    """
    if not path.is_file():
        raise ContentDatabaseError(f"content database {path} does not exist")
    try:
        uri = f"file:{path}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=5)
        try:
            rows = conn.execute("SELECT key, value FROM meta").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ContentDatabaseError(f"content database {path} is unreadable ({exc})") from exc
    meta = dict(rows)
    if meta.get("schema_version") != CONTENT_SCHEMA_VERSION:
        raise ContentDatabaseError(
            f"content database {path} has schema {meta.get('schema_version')!r}, expected {CONTENT_SCHEMA_VERSION!r}"
        )
    return meta


class ContentRepository:
    """Every read of briefing content goes through here; it returns domain objects, never rows."""

    def __init__(self, path: Path, engine: Engine | None = None,
                 rebuild: Callable[[], None] | None = None) -> None:
        self.path = path
        # Read-only, journal mode left as built: content in a read-only folder opens, and nothing is ever written.
        self._engine = engine or make_engine(path, read_only=True)
        self._sessions: sessionmaker[Session] = make_sessionmaker(self._engine)
        self._fts = FtsSearch(self._engine)
        self._lookup: sqlite3.Connection | None = None  # one item's kind and title by id (see :meth:`_kind_title`)
        self._lookup_lock = threading.Lock()
        #: makes the file at ``path`` again from the pack (set by the service that knows the pack); None: cannot
        self.rebuild = rebuild
        self._recovered = False

    def close(self) -> None:
        self._close_lookup()
        self._engine.dispose()

    def _close_lookup(self) -> None:
        with self._lookup_lock:
            if self._lookup is not None:
                self._lookup.close()
                self._lookup = None

    def recover(self, error: BaseException) -> bool:
        """After ``error`` said the file is damaged: check it, rebuild it from the pack, reopen. True if rebuilt.

        Once per session: a file damaged again right after a rebuild is a disk problem a rebuild will not fix.
        """
        if self.rebuild is None or self._recovered:
            return False
        try:
            verdict = self.integrity()
        except DatabaseError as exc:
            verdict = str(getattr(exc, "orig", exc))
        if verdict == "ok":
            return False
        log.warning("content database %s is damaged (%s; integrity check: %s); rebuilding it from the pack",
                    self.path, error, verdict[:200])
        self._recovered = True
        self._close_lookup()
        self._engine.dispose()
        try:
            self.rebuild()
        finally:
            self._engine = make_engine(self.path, read_only=True)
            self._sessions = make_sessionmaker(self._engine)
            self._fts = FtsSearch(self._engine)
        return True

    # --- metadata -----------------------------------------------------------------------------------

    @_recovering
    def meta(self) -> dict[str, str]:
        with self._sessions.begin() as s:
            return {row.key: row.value for row in s.scalars(select(MetaRow))}

    def pack_info(self) -> PackInfo:
        raw = json.loads(self.meta()["pack_info"])
        raw["documents"] = tuple(SourceDocument(**d) for d in raw.get("documents", ()))
        raw["credits"] = tuple(Credit(**c) for c in raw.get("credits", ()))
        raw["provenance"] = tuple(Provenance(**p) for p in raw.get("provenance", ()))
        return PackInfo(**raw)

    @_recovering
    def counts(self) -> dict[str, int]:
        with self._sessions.begin() as s:
            rows = s.execute(select(ItemRow.kind, func.count()).group_by(ItemRow.kind)).all()
        return {kind: count for kind, count in rows}

    def integrity(self) -> str:
        with self._engine.connect() as conn:
            return str(conn.exec_driver_sql("PRAGMA integrity_check").scalar())

    # --- items --------------------------------------------------------------------------------------

    @_recovering
    def get(self, item_id: str) -> Item | None:
        with self._engine.connect() as conn:
            found = _load_items(conn, ItemRow.id == item_id, ())
        return found[0] if found else None

    @_recovering
    def get_many(self, item_ids: Sequence[str]) -> list[Item]:
        """The items with these ids, in the order given; unknown ids are skipped."""
        if not item_ids:
            return []
        with self._engine.connect() as conn:
            by_id = {item.id: item for item in _load_items(conn, ItemRow.id.in_(list(item_ids)), ())}
        return [by_id[i] for i in item_ids if i in by_id]

    @_recovering
    def items(self, kind: ItemKind | str | None = None, *, with_sources: bool = True) -> list[Item]:
        with self._engine.connect() as conn:
            if kind is None:
                return _load_items(conn, None, (ItemRow.kind, ItemRow.position), with_sources=with_sources)
            return _load_items(conn, ItemRow.kind == str(kind), (ItemRow.position,), with_sources=with_sources)

    @_recovering
    def map_items(self, kind: ItemKind | str, attrs: Sequence[str], rels: Sequence[str] = (), *,
                  summary: bool = False) -> list[Item]:
        """The items of a kind with just the attributes ``attrs`` and links of ``rels`` (see ``map_items``)."""
        from briefing_app.persistence.map_items import load_map_items

        with self._engine.connect() as conn:
            return load_map_items(conn, kind, attrs, rels, summary=summary)

    @_recovering
    def items_stated_first(self, kind: ItemKind | str, limit: int) -> list[Item]:
        """The first ``limit`` items of a kind: those the primary source states (a source with a paragraph)
        first, then the others, each group in pack order; the head of a list without loading the whole kind."""
        stated = (
            select(SourceRow.row_id)
            .where(SourceRow.item_row == ItemRow.row_id, SourceRow.paragraph.is_not(None))
            .exists()
        )
        order = (stated.desc(), ItemRow.position, ItemRow.row_id)
        with self._engine.connect() as conn:
            row_ids = list(conn.scalars(
                select(ItemRow.row_id).where(ItemRow.kind == str(kind)).order_by(*order).limit(max(limit, 0))
            ))
            if not row_ids:
                return []
            return _load_items(conn, ItemRow.row_id.in_(row_ids), order)

    @_recovering
    def sources_of(self, item_ids: Sequence[str]) -> dict[str, tuple[Source, ...]]:
        """The sources of these items by id, in one query (search results show them without the whole item)."""
        out: dict[str, list[Source]] = {}
        wanted = list(dict.fromkeys(item_ids))
        with self._engine.connect() as conn:
            for start in range(0, len(wanted), _IN_CHUNK):
                rows = conn.execute(
                    select(ItemRow.id, SourceRow.paragraph, SourceRow.quote, SourceRow.citation, SourceRow.url,
                           SourceRow.note)
                    .join(SourceRow, SourceRow.item_row == ItemRow.row_id)
                    .where(ItemRow.id.in_(wanted[start:start + _IN_CHUNK]))
                    .order_by(SourceRow.item_row, SourceRow.seq)
                ).all()
                for item_id, paragraph, quote, citation, url, note in rows:
                    out.setdefault(item_id, []).append(
                        Source(paragraph=paragraph, quote=quote, citation=citation, url=url, note=note)
                    )
        return {item_id: tuple(sources) for item_id, sources in out.items()}

    @_recovering
    def _kind_title(self, item_id: str) -> tuple[str, str] | None:
        """The kind and title of one item, by its primary key index, on a plain read-only connection kept open.

        Per id rather than a dictionary of every title: at a library of summits (21,800 items) that dictionary
        held 8 MB for the whole session and took longer to fill (0.1 s) than the lookups a window makes
        (a member list's representatives, a document's links: ~10 µs each).
        """
        with self._lookup_lock:
            try:
                if self._lookup is None:
                    self._lookup = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
                    self._lookup.execute("PRAGMA query_only=ON")
                row = self._lookup.execute("SELECT kind, title FROM items WHERE id = ?", (item_id,)).fetchone()
            except sqlite3.DatabaseError as exc:  # as the engine's reads raise it: recovered from alike
                raise DatabaseError("SELECT kind, title FROM items WHERE id = ?", (item_id,), exc) from exc
        return (row[0], row[1]) if row is not None else None

    def ref(self, item_id: str) -> ItemRef | None:
        found = self._kind_title(item_id)
        return ItemRef(item_id, ItemKind(found[0]), found[1]) if found else None

    def refs(self, item_ids: Iterable[str]) -> list[ItemRef]:
        """The refs of these ids in the order given; unknown ids are skipped."""
        wanted = list(item_ids)
        found = self.ref_map(wanted)
        return [found[i] for i in wanted if i in found]

    @_recovering
    def ref_map(self, item_ids: Iterable[str]) -> dict[str, ItemRef]:
        """The refs of these ids by id (unknown ids left out).

        One query for just these ids: resolving one item's links must not read the title of every item of a large
        pack (the detail pane shown at start-up does this).
        """
        wanted = list(dict.fromkeys(item_ids))
        out: dict[str, ItemRef] = {}
        with self._engine.connect() as conn:
            for start in range(0, len(wanted), _IN_CHUNK):
                chunk = wanted[start:start + _IN_CHUNK]
                for item_id, kind, title in conn.execute(
                    select(ItemRow.id, ItemRow.kind, ItemRow.title).where(ItemRow.id.in_(chunk))
                ):
                    out[item_id] = ItemRef(item_id, ItemKind(kind), title)
        return out

    def exists(self, item_id: str) -> bool:
        return self._kind_title(item_id) is not None

    @_recovering
    def backlinks(self, item_id: str) -> list[tuple[str, ItemRef, str | None]]:
        """Links from other items to ``item_id``: (relation, the referring item, label)."""
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(LinkRow.rel, ItemRow.id, ItemRow.kind, ItemRow.title, LinkRow.label)
                .join(ItemRow, LinkRow.item_row == ItemRow.row_id)
                .where(LinkRow.target_id == item_id)
                .order_by(ItemRow.kind, ItemRow.position)
            ).all()
        return [(rel, ItemRef(i, ItemKind(k), t), label) for rel, i, k, t, label in rows]

    @_recovering
    def items_citing_paragraph(self, number: int) -> list[ItemRef]:
        """Items (other than the paragraph itself) that rest on paragraph ``number`` of the primary source."""
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(ItemRow.id, ItemRow.kind, ItemRow.title)
                .join(SourceRow, SourceRow.item_row == ItemRow.row_id)
                .where(SourceRow.paragraph == number, ItemRow.kind != ItemKind.PARAGRAPH.value)
                .distinct()
                .order_by(ItemRow.kind, ItemRow.position)
            ).all()
        return [ItemRef(i, ItemKind(k), t) for i, k, t in rows]

    @_recovering
    def paragraphs(self) -> list[tuple[int, str]]:
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(ItemRow.position, ItemRow.body)
                .where(ItemRow.kind == ItemKind.PARAGRAPH.value)
                .order_by(ItemRow.position)
            ).all()
        return [(n, body) for n, body in rows]

    @_recovering
    def titles(self, kinds: Sequence[ItemKind]) -> dict[str, str]:
        """Item id -> title for every item of ``kinds``, in order (no sources, links or attributes)."""
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(ItemRow.id, ItemRow.title)
                .where(ItemRow.kind.in_([kind.value for kind in kinds]))
                .order_by(ItemRow.kind, ItemRow.position)
            ).all()
        return {i: t for i, t in rows}

    @_recovering
    def paragraph_citations(self) -> list[tuple[str, int]]:
        """Every (item id, paragraph number) an item of the briefing rests on, as ``all_sources`` lists them."""
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(ItemRow.id, SourceRow.paragraph)
                .join(SourceRow, SourceRow.item_row == ItemRow.row_id)
                .where(ItemRow.kind != ItemKind.PARAGRAPH.value, SourceRow.paragraph.is_not(None))
            ).all()
        return [(i, n) for i, n in rows if n is not None]

    @_recovering
    def all_sources(self) -> list[tuple[str, Source]]:
        """Every (item id, source) pair, for the sources appendix."""
        with self._engine.connect() as conn:  # columns through Core: no mapped object per source
            rows = conn.execute(
                select(ItemRow.id, SourceRow.paragraph, SourceRow.quote, SourceRow.citation, SourceRow.url,
                       SourceRow.note)
                .join(SourceRow, SourceRow.item_row == ItemRow.row_id)
                .where(ItemRow.kind != ItemKind.PARAGRAPH.value)
                .order_by(ItemRow.kind, ItemRow.position, SourceRow.seq)
            ).all()
        return [
            (i, Source(paragraph=paragraph, quote=quote, citation=citation, url=url, note=note))
            for i, paragraph, quote, citation, url, note in rows
        ]

    # --- search -------------------------------------------------------------------------------------

    @property
    def fts(self) -> _RecoveringFts:
        return _RecoveringFts(self)

    @_recovering
    def read_search(self, read: Callable[[SearchReader], _R]) -> _R:
        """Run ``read`` over one search connection (again over a rebuilt file if this one is damaged)."""
        with self._fts.reader() as reader:
            return read(reader)

    @_recovering
    def search_vocabulary(self) -> list[VocabularyTerm]:
        return self._fts.vocabulary()

    def search(self, query: str, limit: int = 20, kind: str | None = None) -> list[FtsHit]:
        """Plain full-text hits, every word a prefix (checks and tools; the briefing's search is services.search)."""
        terms = [Term(word) for word in WORD.findall(query[:MAX_QUERY_CHARS])[:MAX_TERMS]]
        if not terms or limit <= 0:
            return []
        return self.read_search(lambda reader: reader.ranked(match_expression(terms), limit, kind))


class _RecoveringFts:
    """The repository's full-text search, recovering from a damaged file like every other read."""

    def __init__(self, repo: ContentRepository) -> None:
        self._repo = repo

    def search(self, query: str, limit: int = 20, kind: str | None = None) -> list[FtsHit]:
        return self._repo.search(query, limit=limit, kind=kind)

    def read(self, read: Callable[[SearchReader], _R]) -> _R:
        return self._repo.read_search(read)

    def vocabulary(self) -> list[VocabularyTerm]:
        return self._repo.search_vocabulary()


def open_content(path: Path, rebuild: Callable[[], None] | None = None) -> ContentRepository:
    """Open and sanity-check the content database; raise :class:`ContentDatabaseError` if unusable.

    ``rebuild`` makes the file again from the pack; the repository calls it when a read finds the file damaged.
    """
    read_meta(path)
    repo = ContentRepository(path, rebuild=rebuild)
    try:
        repo.counts()
    except (OperationalError, DatabaseError) as exc:
        repo.close()
        raise ContentDatabaseError(f"content database {path} is unreadable ({exc.orig})") from exc
    return repo
