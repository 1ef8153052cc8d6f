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
import multiprocessing
import os
import re
import sqlite3
import tempfile
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from briefing_app.domain.items import Item, ItemKind
from briefing_app.domain.pack import PackInfo
from briefing_app.persistence.content_ddl import FTS_DDL, INDEXES, TABLES
from briefing_app.persistence.content_version import CONTENT_SCHEMA_VERSION
from briefing_app.persistence.search_text import WORD, name_key

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

FTS_LOAD_BUFFER = 64 * 1024 * 1024  # bytes of full-text postings held in memory while the index is filled

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


class _Marks(dict[int, int | None]):
    """For str.translate: a combining mark (by code point) goes, any other character stays; each judged once."""

    def __missing__(self, code: int) -> int | None:
        kept = self[code] = None if unicodedata.combining(chr(code)) else code
        return kept


_MARKS = _Marks()


def _fold_fast(text: str) -> str:
    """:func:`fold` (``search_text``), faster: plain ASCII is only lowered (NFKD changes nothing, no mark is
    combining), and other text drops its marks in one ``translate``."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text).translate(_MARKS).casefold()


class _NameKeys(dict[str, str]):
    """name_key of each distinct name, computed once (aliases and title parts recur across items)."""

    def __missing__(self, name: str) -> str:
        key = self[name] = " ".join(WORD.findall(_fold_fast(name)))  # name_key
        return key


def item_names(item: Item, keys: dict[str, str] | None = None) -> list[tuple[str, bool]]:
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
        key = keys[name] if keys is not None else name_key(name)
        if key and (key not in out or (is_title and not out[key])):
            out[key] = is_title
    return list(out.items())


def _vocabulary(items: list[Item]) -> list[dict[str, object]]:
    """The folded words of the pack with the number of items using each, its first form and whether it names.

    A word's form is the lower-case spelling met first (in item order; between spellings first met in the
    same item, the smallest), so two builds of a pack agree.
    """
    per_word: Counter[str] = Counter()  # lower-case word -> items using it
    first_seen: dict[str, int] = {}  # lower-case word -> the first item using it
    in_names: set[str] = set()
    for index, item in enumerate(items):
        name_words = set(WORD.findall(" ".join((item.title, *item.aliases)).lower()))
        words = name_words | set(WORD.findall(" ".join((*item.keywords, item.summary, item.body)).lower()))
        per_word.update(words)
        in_names |= name_words
        for word in words.difference(first_seen):
            first_seen[word] = index
    counts: dict[str, int] = {}
    forms: dict[str, tuple[int, str]] = {}
    names: set[str] = set()
    for word, count in per_word.items():
        if word.isdigit():
            continue
        key = _fold_fast(word)
        counts[key] = counts.get(key, 0) + count
        form = (first_seen[word], word)
        if key not in forms or form < forms[key]:
            forms[key] = form
        if word in in_names:
            names.add(key)
    return [{"term": k, "form": forms[k][1], "count": c, "is_name": k in names} for k, c in sorted(counts.items())]


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
    target: Path, info: PackInfo, items: Iterable[Item], pack_root: Path, pack_stat: str | None = None,
    *, may_fork: bool = False, side_work: Callable[[], object] | None = None,
) -> dict[str, int]:
    """Build the content database at ``target`` from ``items``; return the number of items per kind.

    ``pack_stat`` is the pack's stat signature taken before it was read: start-up compares it with the pack's
    current one to skip hashing an untouched pack. ``may_fork``: this process may fork (no other thread, no
    Qt): a large pack's search names and vocabulary are then worked out in a second process while this one
    writes the rows. ``side_work``: done in that process after the names (inherited, not sent), and waited for
    once the database is in place; not done at all when there is no such process (or the build failed).
    """
    items = list(items)
    titles = {item.id: item.title for item in items}
    counts: dict[str, int] = {}
    for item in items:
        counts[item.kind.value] = counts.get(item.kind.value, 0) + 1

    target.parent.mkdir(parents=True, exist_ok=True)
    # Forked before the temporary file exists: the process holds neither its lock nor a connection to it.
    forked = _names_and_terms_forked(items, side_work) if may_fork and len(items) >= FORK_MIN_ITEMS else None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=BUILDING_PREFIX, suffix=BUILDING_SUFFIX, dir=target.parent)
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)  # held until the end: "a live build writes this file"
        tmp = Path(tmp_name)
        try:
            _write_rows(tmp, items, titles, _meta(info, pack_root, counts, pack_stat), forked)
            os.fsync(fd)  # the rows are on disk before the name points at them (no journal kept them)
            os.replace(tmp, target)
            for suffix in ("-wal", "-shm", "-journal"):
                with contextlib.suppress(FileNotFoundError):
                    Path(f"{target}{suffix}").unlink()
            if forked is not None and forked[2] is not None:
                with contextlib.suppress(Exception):  # side work that failed is side work not done
                    forked[2].result()
        finally:
            for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal")):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
            os.close(fd)
    finally:
        if forked is not None:
            forked[0].shutdown(cancel_futures=True)
    return counts


_INSERTS = {
    "items": "INSERT INTO items (row_id, id, kind, title, summary, body, attrs, keywords, aliases, position, boost) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "sources": "INSERT INTO sources (item_row, seq, paragraph, quote, citation, url, note) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)",
    "links": "INSERT INTO links (item_row, seq, rel, target_id, label) VALUES (?, ?, ?, ?, ?)",
    "search_names": "INSERT INTO search_names (key, item_row, is_title) VALUES (?, ?, ?)",
    "search_terms": "INSERT INTO search_terms (term, form, count, is_name) VALUES (?, ?, ?, ?)",
    "items_fts": "INSERT INTO items_fts(rowid, title, aliases, keywords, summary, body, quotes, related) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "meta": "INSERT INTO meta (key, value) VALUES (?, ?)",
}


def _schema() -> tuple[list[str], list[str]]:
    """CREATE TABLE and CREATE INDEX statements of the content database (written out in :mod:`content_ddl`, as
    SQLAlchemy emits them; the indexes are made after the rows are in: one sort each instead of an insert per
    row)."""
    return list(TABLES), list(INDEXES)


#: From this many items on, a process that may fork works out the search names and vocabulary in a second
#: process (a fork and sending the rows back cost less than the work itself).
FORK_MIN_ITEMS = 5000

_ITEMS: list[Item] = []  # what the forked process works out names and words of (inherited, not sent)


def _names_and_terms(items: list[Item]) -> tuple[list[tuple[str, int, bool]], list[tuple[object, ...]]]:
    """The rows of ``search_names`` and ``search_terms``."""
    names = _NameKeys()
    name_rows = [(key, row_id, is_title) for row_id, item in enumerate(items, start=1)
                 for key, is_title in item_names(item, names)]
    terms: list[tuple[object, ...]] = [(t["term"], t["form"], t["count"], t["is_name"]) for t in _vocabulary(items)]
    return name_rows, terms


_SIDE_WORK: Callable[[], object] | None = None  # what the forked process does after them (inherited too)


def _inherited_names_and_terms() -> tuple[list[tuple[str, int, bool]], list[tuple[object, ...]]]:
    return _names_and_terms(_ITEMS)


def _inherited_side_work() -> object:
    return None if _SIDE_WORK is None else _SIDE_WORK()


_Forked = tuple[ProcessPoolExecutor, Future[Any], Future[Any] | None]


def _names_and_terms_forked(items: list[Item], side_work: Callable[[], object] | None = None) -> _Forked | None:
    """A forked process working out :func:`_names_and_terms` of ``items``, then doing ``side_work``: (the pool,
    the names' future, the side work's); None when none could be made."""
    global _ITEMS, _SIDE_WORK
    _ITEMS, _SIDE_WORK = items, side_work
    try:
        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        try:
            names = pool.submit(_inherited_names_and_terms)  # forks now, with _ITEMS and _SIDE_WORK set
            return pool, names, pool.submit(_inherited_side_work) if side_work is not None else None
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
    except (OSError, BrokenProcessPool) as exc:
        log.warning("working out the search names in this process (%s)", exc)
        return None
    finally:
        _ITEMS, _SIDE_WORK = [], None


def _write_rows(
    path: Path, items: list[Item], titles: dict[str, str], meta: dict[str, str],
    forked: _Forked | None = None,
) -> None:
    """Every row of the content database into the new file at ``path``, in one transaction.

    The file is a temporary one that is renamed into place only when complete, so it needs no journal and no
    syncing page by page: a build that fails leaves a file nobody reads. Rows go in through sqlite3's
    ``executemany`` as tuples; the full-text index is filled once and merged into one b-tree at the end.
    The search names and vocabulary are worked out meanwhile: by ``forked`` (a process working them out), or
    here while a thread fills the tables.
    """
    to_json = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(..., ensure_ascii=False), made once
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-65536")  # 64 MiB: the FTS index of a large pack is built in memory
        tables, indexes = _schema()
        item_rows, source_rows, link_rows, fts_rows = [], [], [], []
        for row_id, item in enumerate(items, start=1):
            item_rows.append((
                row_id, item.id, item.kind.value, item.title, item.summary, item.body,
                to_json(dict(item.attrs)) if item.attrs else "{}",  # most items have no aliases, many no keywords
                to_json(list(item.keywords)) if item.keywords else "[]",
                to_json(list(item.aliases)) if item.aliases else "[]",
                item.position, _boost(item),
            ))
            source_rows += [
                (row_id, seq, s.paragraph, s.quote, s.citation, s.url, s.note) for seq, s in enumerate(item.sources)
            ]
            link_rows += [(row_id, seq, link.rel, link.target, link.label) for seq, link in enumerate(item.links)]
            quotes = " ".join(s.quote for s in item.sources if s.quote and item.kind is not ItemKind.PARAGRAPH)
            related = " ".join(titles.get(link.target, "") for link in item.links)
            fts_rows.append((
                row_id, item.title, " ; ".join(item.aliases), " ".join(item.keywords), item.summary, item.body,
                quotes, related,
            ))

        def first_rows() -> None:
            conn.execute("BEGIN")
            for statement in tables:
                conn.execute(statement)
            for table, rows in (("items", item_rows), ("sources", source_rows), ("links", link_rows)):
                conn.executemany(_INSERTS[table], rows)
            conn.execute(FTS_DDL)
            # Loaded in one go and merged once at the end: no merging while rows come in (automerge 0), and a
            # larger in-memory buffer before a segment is written (hashsize). Nothing writes the index later.
            conn.execute("INSERT INTO items_fts(items_fts, rank) VALUES ('automerge', 0)")
            conn.execute(f"INSERT INTO items_fts(items_fts, rank) VALUES ('hashsize', {FTS_LOAD_BUFFER})")
            conn.executemany(_INSERTS["items_fts"], fts_rows)

        name_rows: list[tuple[str, int, bool]] | None = None
        if forked is not None:
            first_rows()
            try:
                name_rows, terms = forked[1].result()
            except (OSError, BrokenProcessPool) as exc:  # the process died (memory): work them out here
                log.warning("working out the search names in this process (%s)", exc)
        else:
            # SQLite fills the tables and the full-text index (without Python's lock, at times) while this thread
            # works out the names and the vocabulary. The connection is used by one thread at a time.
            writer = _Worker(first_rows)
            writer.start()
            try:
                name_rows, terms = _names_and_terms(items)
            finally:
                writer.join_or_raise()
        if name_rows is None:
            name_rows, terms = _names_and_terms(items)
        conn.executemany(_INSERTS["search_names"], name_rows)
        conn.executemany(_INSERTS["search_terms"], terms)
        for statement in indexes:
            conn.execute(statement)
        conn.executemany(_INSERTS["meta"], list(meta.items()))
        conn.execute("INSERT INTO items_fts(items_fts) VALUES ('optimize')")
        conn.execute("COMMIT")
    finally:
        conn.close()


class _Worker(threading.Thread):
    """A thread running ``work`` once; :meth:`join_or_raise` waits for it and raises what it raised."""

    def __init__(self, work: Callable[[], None]) -> None:
        super().__init__(name="content-build-writer", daemon=True)
        self._work = work
        self._error: BaseException | None = None

    def run(self) -> None:
        try:
            self._work()
        except BaseException as exc:  # noqa: BLE001 - handed to the building thread
            self._error = exc

    def join_or_raise(self) -> None:
        self.join()
        if self._error is not None:
            raise self._error


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
