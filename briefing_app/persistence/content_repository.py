"""Read access to the content database: items, their links both ways, the source paragraphs, search."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from briefing_app.domain.items import Item, ItemKind, ItemRef, Link, Source
from briefing_app.domain.pack import Credit, PackInfo, SourceDocument
from briefing_app.persistence.content_schema import CONTENT_SCHEMA_VERSION, ItemRow, LinkRow, MetaRow, SourceRow
from briefing_app.persistence.engine import make_engine, make_sessionmaker
from briefing_app.persistence.fts import FtsSearch


class ContentDatabaseError(Exception):
    """The content database is missing, corrupt or from another schema version."""


def _to_item(row: ItemRow) -> Item:
    return Item(
        id=row.id,
        kind=ItemKind(row.kind),
        title=row.title,
        summary=row.summary,
        body=row.body,
        attrs=json.loads(row.attrs),
        sources=tuple(
            Source(paragraph=s.paragraph, quote=s.quote, citation=s.citation, url=s.url, note=s.note)
            for s in row.sources
        ),
        links=tuple(Link(rel=link.rel, target=link.target_id, label=link.label) for link in row.links),
        keywords=tuple(json.loads(row.keywords)),
        position=row.position,
    )


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

    def __init__(self, path: Path, engine: Engine | None = None) -> None:
        self.path = path
        self._engine = engine or make_engine(path)
        self._sessions: sessionmaker[Session] = make_sessionmaker(self._engine)
        self._fts = FtsSearch(self._engine)
        self._titles: dict[str, tuple[str, str]] | None = None

    def close(self) -> None:
        self._engine.dispose()

    # --- metadata -----------------------------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        with self._sessions.begin() as s:
            return {row.key: row.value for row in s.scalars(select(MetaRow))}

    def pack_info(self) -> PackInfo:
        raw = json.loads(self.meta()["pack_info"])
        raw["documents"] = tuple(SourceDocument(**d) for d in raw.get("documents", ()))
        raw["credits"] = tuple(Credit(**c) for c in raw.get("credits", ()))
        return PackInfo(**raw)

    def counts(self) -> dict[str, int]:
        with self._sessions.begin() as s:
            rows = s.execute(select(ItemRow.kind, func.count()).group_by(ItemRow.kind)).all()
        return {kind: count for kind, count in rows}

    def integrity(self) -> str:
        with self._engine.connect() as conn:
            return str(conn.exec_driver_sql("PRAGMA integrity_check").scalar())

    # --- items --------------------------------------------------------------------------------------

    def get(self, item_id: str) -> Item | None:
        with self._sessions.begin() as s:
            row = s.scalars(select(ItemRow).where(ItemRow.id == item_id)).one_or_none()
            return _to_item(row) if row else None

    def get_many(self, item_ids: Sequence[str]) -> list[Item]:
        """The items with these ids, in the order given; unknown ids are skipped."""
        if not item_ids:
            return []
        with self._sessions.begin() as s:
            rows = {r.id: r for r in s.scalars(select(ItemRow).where(ItemRow.id.in_(list(item_ids))))}
            return [_to_item(rows[i]) for i in item_ids if i in rows]

    def items(self, kind: ItemKind | str | None = None) -> list[Item]:
        stmt = select(ItemRow).order_by(ItemRow.kind, ItemRow.position)
        if kind is not None:
            stmt = select(ItemRow).where(ItemRow.kind == str(kind)).order_by(ItemRow.position)
        with self._sessions.begin() as s:
            return [_to_item(row) for row in s.scalars(stmt)]

    def _title_index(self) -> dict[str, tuple[str, str]]:
        if self._titles is None:
            with self._sessions.begin() as s:
                self._titles = {i: (k, t) for i, k, t in s.execute(select(ItemRow.id, ItemRow.kind, ItemRow.title))}
        return self._titles

    def ref(self, item_id: str) -> ItemRef | None:
        found = self._title_index().get(item_id)
        return ItemRef(item_id, ItemKind(found[0]), found[1]) if found else None

    def refs(self, item_ids: Iterable[str]) -> list[ItemRef]:
        out = []
        for item_id in item_ids:
            ref = self.ref(item_id)
            if ref is not None:
                out.append(ref)
        return out

    def exists(self, item_id: str) -> bool:
        return item_id in self._title_index()

    def backlinks(self, item_id: str) -> list[tuple[str, ItemRef, str | None]]:
        """Links from other items to ``item_id``: (relation, the referring item, label)."""
        with self._sessions.begin() as s:
            rows = s.execute(
                select(LinkRow.rel, ItemRow.id, ItemRow.kind, ItemRow.title, LinkRow.label)
                .join(ItemRow, LinkRow.item_row == ItemRow.row_id)
                .where(LinkRow.target_id == item_id)
                .order_by(ItemRow.kind, ItemRow.position)
            ).all()
        return [(rel, ItemRef(i, ItemKind(k), t), label) for rel, i, k, t, label in rows]

    def items_citing_paragraph(self, number: int) -> list[ItemRef]:
        """Items (other than the paragraph itself) that rest on paragraph ``number`` of the primary source."""
        with self._sessions.begin() as s:
            rows = s.execute(
                select(ItemRow.id, ItemRow.kind, ItemRow.title)
                .join(SourceRow, SourceRow.item_row == ItemRow.row_id)
                .where(SourceRow.paragraph == number, ItemRow.kind != ItemKind.PARAGRAPH.value)
                .distinct()
                .order_by(ItemRow.kind, ItemRow.position)
            ).all()
        return [ItemRef(i, ItemKind(k), t) for i, k, t in rows]

    def paragraphs(self) -> list[tuple[int, str]]:
        with self._sessions.begin() as s:
            rows = s.execute(
                select(ItemRow.position, ItemRow.body)
                .where(ItemRow.kind == ItemKind.PARAGRAPH.value)
                .order_by(ItemRow.position)
            ).all()
        return [(n, body) for n, body in rows]

    def all_sources(self) -> list[tuple[str, Source]]:
        """Every (item id, source) pair, for the sources appendix."""
        with self._sessions.begin() as s:
            rows = s.execute(
                select(ItemRow.id, SourceRow)
                .join(SourceRow, SourceRow.item_row == ItemRow.row_id)
                .where(ItemRow.kind != ItemKind.PARAGRAPH.value)
                .order_by(ItemRow.kind, ItemRow.position, SourceRow.seq)
            ).all()
        return [
            (i, Source(paragraph=r.paragraph, quote=r.quote, citation=r.citation, url=r.url, note=r.note))
            for i, r in rows
        ]

    # --- search -------------------------------------------------------------------------------------

    @property
    def fts(self) -> FtsSearch:
        return self._fts


def open_content(path: Path) -> ContentRepository:
    """Open and sanity-check the content database; raise :class:`ContentDatabaseError` if unusable."""
    read_meta(path)
    repo = ContentRepository(path)
    try:
        repo.counts()
    except (OperationalError, DatabaseError) as exc:
        repo.close()
        raise ContentDatabaseError(f"content database {path} is unreadable ({exc.orig})") from exc
    return repo
