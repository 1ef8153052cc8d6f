"""Reads of the content and user databases for the window's first paint, with plain ``sqlite3``.

The first paint (the Overview with its real content) must not wait for SQLAlchemy, Alembic or pydantic: these
reads return the same domain objects as :class:`~briefing_app.persistence.content_repository.ContentRepository`
(same columns, same order), read-only, through one connection. The window binds to the real services right
after its first paint and this reader is closed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from briefing_app.domain.items import Item, ItemKind, ItemRef, Link, Source
from briefing_app.domain.pack import Credit, PackInfo, Provenance, SourceDocument
from briefing_app.persistence.content_version import CONTENT_SCHEMA_VERSION

_IN_CHUNK = 500
_ITEM_COLUMNS = "row_id, id, kind, title, summary, body, attrs, keywords, position, aliases"


class FirstPaintUnavailable(Exception):
    """The databases cannot be read for the first paint as they are (the full start-up path takes over)."""


def _connect(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise FirstPaintUnavailable(f"{path} does not exist")
    try:
        # A short wait: a file locked by another program is the full start-up's to explain, not a reason to wait
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.25)
    except sqlite3.Error as exc:
        raise FirstPaintUnavailable(f"{path} cannot be opened ({exc})") from exc


def _json_many(texts: Sequence[str]) -> list[Any]:
    return json.loads("[" + ",".join(texts) + "]") if texts else []


class FirstPaintContent:
    """The read methods of ``ContentRepository`` the first paint uses, over a read-only sqlite3 connection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = _connect(path)
        self._titles: dict[str, tuple[str, str]] | None = None
        try:
            self._meta = dict(self._conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as exc:
            self._conn.close()
            raise FirstPaintUnavailable(f"{path} is unreadable ({exc})") from exc
        if self._meta.get("schema_version") != CONTENT_SCHEMA_VERSION:
            self._conn.close()
            raise FirstPaintUnavailable(f"{path} has schema {self._meta.get('schema_version')!r}")

    def close(self) -> None:
        self._conn.close()

    def meta(self) -> dict[str, str]:
        return dict(self._meta)

    def pack_info(self) -> PackInfo:
        raw = json.loads(self._meta["pack_info"])
        raw["documents"] = tuple(SourceDocument(**d) for d in raw.get("documents", ()))
        raw["credits"] = tuple(Credit(**c) for c in raw.get("credits", ()))
        raw["provenance"] = tuple(Provenance(**p) for p in raw.get("provenance", ()))
        return PackInfo(**raw)

    def counts(self) -> dict[str, int]:
        return dict(self._conn.execute("SELECT kind, count(*) FROM items GROUP BY kind").fetchall())

    def _load(self, where: str, params: Sequence[Any], order: str, *, with_sources: bool = True) -> list[Item]:
        rows = self._conn.execute(f"SELECT {_ITEM_COLUMNS} FROM items WHERE {where} ORDER BY {order}",
                                  params).fetchall()
        if not rows:
            return []
        row_ids = [row[0] for row in rows]
        sources: dict[int, list[Source]] = {}
        links: dict[int, list[Link]] = {}
        for start in range(0, len(row_ids), _IN_CHUNK):
            chunk = row_ids[start:start + _IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            for item_row, paragraph, quote, citation, url, note in () if not with_sources else self._conn.execute(
                f"SELECT item_row, paragraph, quote, citation, url, note FROM sources WHERE item_row IN ({marks}) "
                "ORDER BY item_row, seq", chunk,
            ):
                sources.setdefault(item_row, []).append(
                    Source(paragraph=paragraph, quote=quote, citation=citation, url=url, note=note))
            for item_row, rel, target, label in self._conn.execute(
                f"SELECT item_row, rel, target_id, label FROM links WHERE item_row IN ({marks}) "
                "ORDER BY item_row, seq", chunk,
            ):
                links.setdefault(item_row, []).append(Link(rel=rel, target=target, label=label))
        attrs = _json_many([row[6] for row in rows])
        keywords = _json_many([row[7] for row in rows])
        aliases = _json_many([row[9] for row in rows])
        return [
            Item(id=item_id, kind=ItemKind(kind), title=title, summary=summary, body=body, attrs=attrs[n],
                 sources=tuple(sources.get(row_id, ())), links=tuple(links.get(row_id, ())),
                 keywords=tuple(keywords[n]), position=position, aliases=tuple(aliases[n]))
            for n, (row_id, item_id, kind, title, summary, body, _a, _k, position, _al) in enumerate(rows)
        ]

    def get(self, item_id: str) -> Item | None:
        found = self._load("id = ?", (item_id,), "row_id")
        return found[0] if found else None

    def get_many(self, item_ids: Sequence[str]) -> list[Item]:
        by_id: dict[str, Item] = {}
        wanted = list(dict.fromkeys(item_ids))
        for start in range(0, len(wanted), _IN_CHUNK):
            chunk = wanted[start:start + _IN_CHUNK]
            for item in self._load(f"id IN ({','.join('?' * len(chunk))})", chunk, "row_id"):
                by_id[item.id] = item
        return [by_id[i] for i in item_ids if i in by_id]

    def items(self, kind: ItemKind | str | None = None, *, with_sources: bool = True) -> list[Item]:
        if kind is None:
            return self._load("1", (), "kind, position", with_sources=with_sources)
        return self._load("kind = ?", (str(kind),), "position", with_sources=with_sources)

    def items_stated_first(self, kind: ItemKind | str, limit: int) -> list[Item]:
        """As ``ContentRepository.items_stated_first``: those with a source paragraph first, then pack order."""
        stated = ("EXISTS (SELECT 1 FROM sources WHERE sources.item_row = items.row_id "
                  "AND sources.paragraph IS NOT NULL)")
        order = f"{stated} DESC, position, row_id"
        row_ids = [row[0] for row in self._conn.execute(
            f"SELECT row_id FROM items WHERE kind = ? ORDER BY {order} LIMIT ?", (str(kind), max(limit, 0)))]
        if not row_ids:
            return []
        return self._load(f"row_id IN ({','.join('?' * len(row_ids))})", row_ids, order)

    def sources_of(self, item_ids: Sequence[str]) -> dict[str, tuple[Source, ...]]:
        return {item.id: item.sources for item in self.get_many(item_ids) if item.sources}

    def _title_index(self) -> dict[str, tuple[str, str]]:
        if self._titles is None:
            self._titles = {i: (k, t) for i, k, t in self._conn.execute("SELECT id, kind, title FROM items")}
        return self._titles

    def ref(self, item_id: str) -> ItemRef | None:
        return self.ref_map([item_id]).get(item_id)

    def refs(self, item_ids: Iterable[str]) -> list[ItemRef]:
        wanted = list(item_ids)
        found = self.ref_map(wanted)
        return [found[i] for i in wanted if i in found]

    def ref_map(self, item_ids: Iterable[str]) -> dict[str, ItemRef]:
        wanted = list(dict.fromkeys(item_ids))
        out: dict[str, ItemRef] = {}
        for start in range(0, len(wanted), _IN_CHUNK):
            chunk = wanted[start:start + _IN_CHUNK]
            for item_id, kind, title in self._conn.execute(
                f"SELECT id, kind, title FROM items WHERE id IN ({','.join('?' * len(chunk))})", chunk,
            ):
                out[item_id] = ItemRef(item_id, ItemKind(kind), title)
        return out

    def exists(self, item_id: str) -> bool:
        return self._conn.execute("SELECT 1 FROM items WHERE id = ?", (item_id,)).fetchone() is not None

    def backlinks(self, item_id: str) -> list[tuple[str, ItemRef, str | None]]:
        rows = self._conn.execute(
            "SELECT links.rel, items.id, items.kind, items.title, links.label FROM links "
            "JOIN items ON links.item_row = items.row_id WHERE links.target_id = ? ORDER BY items.kind, items.position",
            (item_id,),
        ).fetchall()
        return [(rel, ItemRef(i, ItemKind(k), t), label) for rel, i, k, t, label in rows]


def bookmarked_ids(path: Path) -> set[str]:
    """The ids of the items bookmarked in the user database at ``path`` (none when there is no file yet).

    Raises :class:`FirstPaintUnavailable` when the file is there but cannot be read as it is (damaged, locked,
    from another version): the full start-up path explains and repairs that.
    """
    if not path.exists():
        return set()
    conn = _connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT item_id FROM bookmarks")}
    except sqlite3.Error as exc:
        raise FirstPaintUnavailable(f"{path} is unreadable ({exc})") from exc
    finally:
        conn.close()
