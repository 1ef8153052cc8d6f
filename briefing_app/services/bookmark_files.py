"""The bookmarks export format (JSON, versioned; see docs/bookmarks-format.md) and the Markdown export.

Reading a file never evaluates anything: it is UTF-8 JSON checked field by field, with limits on size, count
and lengths. Any problem raises :class:`BookmarkFileError` with one line that says what and where.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from briefing_app.content.reading import FileTooLargeError, NotRegularFileError, read_regular_file
from briefing_app.domain.bidi import isolate
from briefing_app.domain.bookmarks import (
    MAX_NOTE_CHARS,
    MAX_TITLE_CHARS,
    Bookmark,
    BookmarkEntry,
    BookmarkValueError,
    check_note,
    check_tags,
    normalise_title,
)
from briefing_app.domain.items import Item, ItemKind

EXPORT_FORMAT = "sco-briefing-bookmarks"
EXPORT_VERSION = 2  # 2 added "highlights"; files of version 1 still import
T = TypeVar("T")

MAX_IMPORT_BYTES = 20 * 1024 * 1024
MAX_IMPORT_BOOKMARKS = 50_000
MAX_ID_CHARS = 120
_ID = re.compile(r"^[a-z]+:[a-z0-9][a-z0-9._-]*$")
_KINDS = {kind.value for kind in ItemKind}


class BookmarkFileError(Exception):
    """A bookmarks file that cannot be imported; nothing was changed."""


def read_bookmarks_file(path: Path) -> list[Bookmark]:
    """Read and validate a bookmarks export; raise :class:`BookmarkFileError` with a clear reason."""
    try:  # a FIFO or device is refused before reading; the limit counts what is read, not what stat says
        raw = read_regular_file(path, MAX_IMPORT_BYTES)
    except FileNotFoundError as exc:
        raise BookmarkFileError(f"{path}: no such file") from exc
    except NotRegularFileError as exc:
        raise BookmarkFileError(f"{path}: is {exc.what}, not a regular file; not a bookmarks file") from exc
    except FileTooLargeError as exc:
        raise BookmarkFileError(f"{path}: too large for a bookmarks file (limit {MAX_IMPORT_BYTES:,} bytes)") from exc
    except OSError as exc:
        raise BookmarkFileError(f"{path}: cannot be read ({exc.strerror})") from exc
    return parse_bookmarks_bytes(raw, str(path))


def parse_bookmarks_bytes(raw: bytes, name: str) -> list[Bookmark]:
    if len(raw) > MAX_IMPORT_BYTES:
        raise BookmarkFileError(f"{name}: too large for a bookmarks file (limit {MAX_IMPORT_BYTES:,} bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BookmarkFileError(f"{name}: not UTF-8 text (byte {exc.start})") from exc
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        if looks_like_markdown_export(text):
            raise BookmarkFileError(
                f"{name}: this is a Markdown export (for reading and mail); only the JSON export of bookmarks "
                "(a .json file from Export…) can be imported") from exc
        raise BookmarkFileError(f"{name}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from exc
    except RecursionError as exc:
        raise BookmarkFileError(f"{name}: not a bookmarks file (nested too deeply)") from exc
    except ValueError as exc:  # e.g. an integer with thousands of digits
        raise BookmarkFileError(f"{name}: not valid JSON ({exc})") from exc
    return parse_bookmarks_document(data, name)


def looks_like_markdown_export(text: str) -> bool:
    """The Markdown export starts with its '# Bookmarks' heading (or any Markdown heading)."""
    return text.lstrip().startswith("# ")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def parse_bookmarks_document(data: Any, name: str) -> list[Bookmark]:
    """Validate the bookmarks of an export (format version 1 or 2). Unknown keys are ignored."""
    if not isinstance(data, dict):
        raise BookmarkFileError(f"{name}: not a bookmarks file (the top level must be an object)")
    if data.get("format") != EXPORT_FORMAT:
        shown = data.get("format")
        plain = isinstance(shown, str | int | float | bool | type(None))
        shown_text = repr(shown)[:60] if plain else type(shown).__name__
        raise BookmarkFileError(f"{name}: not a bookmarks file (format is {shown_text}, expected {EXPORT_FORMAT!r})")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BookmarkFileError(f"{name}: the format version is missing or not a whole number")
    if version > EXPORT_VERSION:
        raise BookmarkFileError(
            f"{name}: made by a newer SCO Briefing (format version {version}; this one reads up to {EXPORT_VERSION})"
        )
    if version < 1:
        raise BookmarkFileError(f"{name}: unknown format version {version}")
    return parse_entry_list(data.get("bookmarks"), name, "bookmark", MAX_IMPORT_BOOKMARKS, _parse_entry,
                            lambda bookmark: (bookmark.item_id, repr(bookmark.item_id)))


def parse_entry_list(entries: Any, name: str, noun: str, limit: int, parse: Callable[[Any, str], T],
                        key: Callable[[T], tuple[str, str]]) -> list[T]:
    """The entries of one list of an export (``bookmarks``, ``highlights``): a list of at most ``limit`` entries,
    each parsed by ``parse`` and none twice by ``key`` (the key and how a message names it)."""
    if not isinstance(entries, list):
        raise BookmarkFileError(f"{name}: '{noun}s' must be a list")
    if len(entries) > limit:
        raise BookmarkFileError(f"{name}: {len(entries):,} {noun}s is more than the {limit:,} allowed")
    out: list[T] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries, start=1):
        parsed = parse(entry, f"{name}: {noun} {index}")
        value, shown = key(parsed)
        if value in seen:
            raise BookmarkFileError(f"{name}: {noun} {index}: {shown} appears twice")
        seen.add(value)
        out.append(parsed)
    return out


def _parse_entry(entry: Any, where: str) -> Bookmark:
    if not isinstance(entry, dict):
        raise BookmarkFileError(f"{where}: must be an object")
    item_id = entry.get("item_id")
    if not isinstance(item_id, str) or len(item_id) > MAX_ID_CHARS or not _ID.match(item_id):
        shown = repr(item_id)[:60] if isinstance(item_id, str) else type(item_id).__name__
        raise BookmarkFileError(f"{where}: item_id {shown} is not an item id like 'member:kaz'")
    kind = item_id.partition(":")[0]
    if kind not in _KINDS:
        raise BookmarkFileError(f"{where}: item_id {item_id!r} names an unknown kind of item {kind!r}")
    title = entry.get("title", item_id)
    note = entry.get("note", "")
    tags = entry.get("tags", [])
    if not isinstance(title, str) or len(title) > MAX_TITLE_CHARS:
        raise BookmarkFileError(f"{where}: title must be text of at most {MAX_TITLE_CHARS:,} characters")
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise BookmarkFileError(f"{where}: tags must be a list of texts")
    try:
        note = check_note(note)
        clean_tags = check_tags(tags)
        title = normalise_title(title) or item_id
        title.encode("utf-8")
    except BookmarkValueError as exc:
        raise BookmarkFileError(f"{where}: {exc}") from exc
    except UnicodeEncodeError as exc:
        raise BookmarkFileError(f"{where}: the title contains bytes that are not valid text") from exc
    stamps = []
    for key in ("created_at", "updated_at"):
        value = entry.get(key, "")
        if not isinstance(value, str) or len(value) > 40:
            raise BookmarkFileError(f"{where}: {key} must be an ISO date and time")
        if value:
            try:
                datetime.fromisoformat(value)
            except ValueError as exc:
                raise BookmarkFileError(f"{where}: {key} {value!r} is not an ISO date and time") from exc
        stamps.append(value)
    anchor = entry.get("anchor_text", "")
    if not isinstance(anchor, str) or len(anchor) > MAX_NOTE_CHARS:
        raise BookmarkFileError(f"{where}: anchor_text must be the text of a paragraph")
    try:
        anchor.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BookmarkFileError(f"{where}: anchor_text contains bytes that are not valid text") from exc
    return Bookmark(item_id, kind, title, note, clean_tags, stamps[0], stamps[1],
                    anchor_text=anchor if kind == "paragraph" else "")


def export_document(
    bookmarks: Sequence[Bookmark], pack: dict[str, str], exported_at: str,
    highlights: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """The JSON document of an export (format version 2), bookmarks and highlights in the user's order."""
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": exported_at,
        "pack": pack,
        "bookmarks": [{k: v for k, v in b.to_json().items() if k != "position"} for b in bookmarks],
        "highlights": list(highlights),
    }


def markdown_document(
    entries: Sequence[BookmarkEntry], heading: str, pack_line: str, find: Callable[[str], Item | None]
) -> str:
    """Bookmarks with their notes as Markdown for pasting into mail; every user text is escaped."""
    lines = [f"# {md_escape(heading)}", "", md_escape(pack_line), ""]
    for entry in entries:
        b = entry.bookmark
        item = find(b.item_id) if entry.in_briefing else None
        title = entry.title if entry.in_briefing else f"{isolate(b.title)} (not in the current briefing)"
        if item and item.kind is ItemKind.PARAGRAPH and item.attrs.get("number"):
            title = f"¶{item.attrs['number']} of the address"  # its whole text follows, not a cut title
        lines += [f"## {md_escape(title)}", ""]
        kind = ItemKind(b.kind).label if b.kind in _KINDS else b.kind
        meta = f"*{md_escape(kind)}* · `{b.item_id}`"
        if b.tags:
            meta += " · tags: " + ", ".join(md_escape(isolate(t)) for t in b.tags)  # overrides stay in their tag
        lines += [meta, ""]
        if item and item.kind is ItemKind.PARAGRAPH and item.body:
            lines += [md_escape(item.body), ""]  # a paragraph's bookmark carries the paragraph itself
        elif item and item.summary:
            lines += [md_escape(item.summary), ""]
        if item:
            refs = list(dict.fromkeys(s.reference() for s in item.sources if s.reference()))  # each once
            if refs:
                lines += ["Sources: " + "; ".join(md_escape(r) for r in refs), ""]
        if b.note:
            lines.extend("> " + md_escape(line) if line.strip() else ">" for line in b.note.splitlines())
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def md_escape(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", text)
