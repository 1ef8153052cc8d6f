"""Write a content database from validated items, atomically.

The database is built in a temporary file beside the target and renamed over it only when complete, so a
failed build leaves the previous content database untouched. A build holds an exclusive ``flock`` on its
temporary file while it writes; a temporary file nobody holds is what a killed build left, and
:func:`clean_stale_builds` removes it (a large pack leaves hundreds of megabytes).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sqlite3
import tempfile
import time
from collections.abc import Iterable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert

from briefing_app.domain.items import Item, ItemKind
from briefing_app.domain.pack import PackInfo
from briefing_app.persistence.content_schema import (
    CONTENT_SCHEMA_VERSION,
    FTS_DDL,
    ContentBase,
    ItemRow,
    LinkRow,
    MetaRow,
    SearchNameRow,
    SearchTermRow,
    SourceRow,
)
from briefing_app.persistence.engine import make_engine
from briefing_app.persistence.search_text import WORD, fold, name_key

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock; stale files are then recognised by age alone
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

BUILDING_PREFIX = ".content-"
BUILDING_SUFFIX = ".building"
# Without flock, a temporary file untouched for this long cannot belong to a build still running.
STALE_AFTER_S = 6 * 3600
# With flock: a build creates its file, then locks it; a file this young and unlocked may be in between.
NEWBORN_S = 5

BOOST_ADDRESS = 2.0
BOOST_BACKGROUND = 1.0
BOOST_PARAGRAPH = 0.5


def _boost(item: Item) -> float:
    if item.kind is ItemKind.PARAGRAPH:
        return BOOST_PARAGRAPH
    return BOOST_ADDRESS if item.paragraphs else BOOST_BACKGROUND


_PARENTHESES = re.compile(r"\s*\(([^)]*)\)")
#: Kinds whose titles carry qualifiers in parentheses ("Decision on ... (Kazakhstan)", "Combined GDP ... (World
#: Bank)", "Previous SCO summit (New Delhi, virtual)"): what stands there is not another name of the item.
_QUALIFIED_TITLES = frozenset({ItemKind.DOCUMENT, ItemKind.EVENT, ItemKind.FIGURE, ItemKind.ACHIEVEMENT,
                               ItemKind.PROPOSAL, ItemKind.PRIORITY})


def _other_name(inner: str) -> bool:
    """Whether the words in a title's parentheses are another name ("SCO", "Middle Corridor", "“One Belt, One
    Road”"), not a description ("railway station", "proposed", "this briefing's reading: ...")."""
    first = inner.lstrip("“\"'‘")[:1]
    return first.isupper() or first.isdigit()


def item_names(item: Item) -> list[tuple[str, bool]]:
    """The folded names an item answers to, each with whether it is (part of) the title.

    "Shanghai Cooperation Organization (SCO)" answers to itself, to "Shanghai Cooperation Organization" and to
    "SCO"; "Alashankou (railway station)" to "Alashankou" only, and a document "... (Kazakhstan)" not to
    "Kazakhstan" (a qualifier, not a name: the member state answers to that).
    """
    if item.kind is ItemKind.PARAGRAPH:
        return []
    names = [(item.title, True), (_PARENTHESES.sub("", item.title), True)]
    if item.kind not in _QUALIFIED_TITLES:
        names += [(inner, False) for inner in _PARENTHESES.findall(item.title) if _other_name(inner)]
    names += [(alias, False) for alias in item.aliases]
    out: dict[str, bool] = {}
    for name, is_title in names:
        key = name_key(name)
        if key and (key not in out or (is_title and not out[key])):
            out[key] = is_title
    return list(out.items())


def _vocabulary(items: list[Item]) -> list[dict[str, object]]:
    counts: dict[str, int] = {}
    forms: dict[str, str] = {}
    names: set[str] = set()
    folded: dict[str, str] = {}  # the same words recur in every item: fold each once
    for item in items:
        name_words = set(WORD.findall(" ".join((item.title, *item.aliases)).lower()))
        text_words = set(WORD.findall(" ".join((*item.keywords, item.summary, item.body)).lower()))
        for word in name_words | text_words:
            if word.isdigit():
                continue
            key = folded.get(word)
            if key is None:
                key = folded[word] = fold(word)
            counts[key] = counts.get(key, 0) + 1
            forms.setdefault(key, word)
            if word in name_words:
                names.add(key)
    return [{"term": k, "form": forms[k], "count": c, "is_name": k in names} for k, c in sorted(counts.items())]


def _meta(info: PackInfo, pack_root: Path, counts: dict[str, int], pack_stat: str | None) -> dict[str, str]:
    meta = {
        "schema_version": CONTENT_SCHEMA_VERSION,
        "pack_id": info.id,
        "pack_version": info.version,
        "pack_hash": info.content_hash,
        "pack_root": str(pack_root),
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "pack_info": json.dumps(asdict(info), ensure_ascii=False),
        "counts": json.dumps(counts),
    }
    if pack_stat:
        meta["pack_stat"] = pack_stat
    return meta


def build_content_db(
    target: Path, info: PackInfo, items: Iterable[Item], pack_root: Path, pack_stat: str | None = None
) -> dict[str, int]:
    """Build the content database at ``target`` from ``items``; return the number of items per kind.

    ``pack_stat`` is the pack's stat signature taken before it was read: start-up compares it with the pack's
    current one to skip hashing an untouched pack.
    """
    items = list(items)
    titles = {item.id: item.title for item in items}
    counts: dict[str, int] = {}
    for item in items:
        counts[item.kind.value] = counts.get(item.kind.value, 0) + 1

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=BUILDING_PREFIX, suffix=BUILDING_SUFFIX, dir=target.parent)
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)  # held until the end: "a live build writes this file"
    tmp = Path(tmp_name)
    try:
        engine = make_engine(tmp)
        try:
            ContentBase.metadata.create_all(engine)
            item_rows, source_rows, link_rows, fts_rows, name_rows = [], [], [], [], []
            for row_id, item in enumerate(items, start=1):
                item_rows.append({
                    "row_id": row_id, "id": item.id, "kind": item.kind.value, "title": item.title,
                    "summary": item.summary, "body": item.body,
                    "attrs": json.dumps(dict(item.attrs), ensure_ascii=False),
                    "keywords": json.dumps(list(item.keywords), ensure_ascii=False),
                    "aliases": json.dumps(list(item.aliases), ensure_ascii=False),
                    "position": item.position, "boost": _boost(item),
                })
                for seq, source in enumerate(item.sources):
                    source_rows.append({
                        "item_row": row_id, "seq": seq, "paragraph": source.paragraph, "quote": source.quote,
                        "citation": source.citation, "url": source.url, "note": source.note,
                    })
                for seq, link in enumerate(item.links):
                    link_rows.append({
                        "item_row": row_id, "seq": seq, "rel": link.rel, "target_id": link.target, "label": link.label,
                    })
                quotes = " ".join(s.quote for s in item.sources if s.quote and item.kind is not ItemKind.PARAGRAPH)
                related = " ".join(titles.get(link.target, "") for link in item.links)
                fts_rows.append((
                    row_id, item.title, " ; ".join(item.aliases), " ".join(item.keywords), item.summary, item.body,
                    quotes, related,
                ))
                name_rows += [{"key": k, "item_row": row_id, "is_title": t} for k, t in item_names(item)]
            with engine.begin() as conn:
                conn.execute(insert(ItemRow), item_rows)
                if source_rows:
                    conn.execute(insert(SourceRow), source_rows)
                if link_rows:
                    conn.execute(insert(LinkRow), link_rows)
                if name_rows:
                    conn.execute(insert(SearchNameRow), name_rows)
                terms = _vocabulary(items)
                if terms:
                    conn.execute(insert(SearchTermRow), terms)
                conn.exec_driver_sql(FTS_DDL)
                conn.exec_driver_sql(
                    "INSERT INTO items_fts(rowid, title, aliases, keywords, summary, body, quotes, related) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    fts_rows,
                )
                conn.execute(
                    insert(MetaRow),
                    [{"key": k, "value": v} for k, v in _meta(info, pack_root, counts, pack_stat).items()],
                )
                conn.exec_driver_sql("INSERT INTO items_fts(items_fts) VALUES ('optimize')")
        finally:
            engine.dispose()
        # Fold the WAL into the main file so one file can be renamed into place.
        with contextlib.closing(sqlite3.connect(tmp)) as raw:
            raw.execute("PRAGMA journal_mode=DELETE")
        os.replace(tmp, target)
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{target}{suffix}").unlink()
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        os.close(fd)
    return counts


def _held_by_a_live_build(path: Path) -> bool:
    """Whether a running build holds ``path`` (its flock, or it is seconds old); without flock, whether it was
    written in the last hours."""
    if fcntl is None:  # pragma: no cover - Windows
        return time.time() - path.stat().st_mtime < STALE_AFTER_S
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing releases the lock taken just to look
    return time.time() - path.stat().st_mtime < NEWBORN_S


def clean_stale_builds(folder: Path) -> list[Path]:
    """Remove what killed builds left in ``folder`` (temporary databases, their WAL, shared memory and journal
    files); never a file a running build holds. Returns the files removed."""
    removed: list[Path] = []
    try:
        candidates = sorted(folder.glob(f"{BUILDING_PREFIX}*{BUILDING_SUFFIX}*"))
    except OSError:
        return removed
    live: set[str] = set()
    for path in candidates:
        if path.name.endswith(BUILDING_SUFFIX):
            try:
                if _held_by_a_live_build(path):
                    live.add(path.name)
            except OSError:
                live.add(path.name)  # cannot tell: leave it
    for path in candidates:
        base = path.name[: path.name.index(BUILDING_SUFFIX) + len(BUILDING_SUFFIX)]
        if base in live:
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:  # a read-only folder: nothing to be done, and nothing lost
            log.info("could not remove %s: %s", path, exc)
            continue
        removed.append(path)
    if removed:
        log.info("removed what an interrupted content build left: %s", ", ".join(p.name for p in removed))
    return removed
