"""Highlights in the bookmarks export (format version 2, key ``highlights``; see docs/bookmarks-format.md) and in
the Markdown export (the quote as a block quote, the note below it).

Reading never evaluates anything: each highlight is checked field by field; any problem raises
:class:`briefing_app.services.bookmark_files.BookmarkFileError` with one line that says what and where.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from briefing_app.domain.bookmarks import BookmarkValueError, check_note, check_tags, normalise_title
from briefing_app.domain.highlights import MAX_QUOTE_CHARS, Highlight, HighlightColour
from briefing_app.domain.items import ItemKind
from briefing_app.services.bookmark_files import MAX_ID_CHARS, BookmarkFileError, md_escape, parse_entry_list

MAX_IMPORT_HIGHLIGHTS = 50_000
MAX_CONTEXT_CHARS = 400
_HID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$")
_ID = re.compile(r"^[a-z]+:[a-z0-9][a-z0-9._-]*$")
_KINDS = {kind.value for kind in ItemKind}


def highlights_json(highlights: Sequence[Highlight]) -> list[dict[str, Any]]:
    """The ``highlights`` list of an export, in the user's order."""
    return [{k: v for k, v in h.to_json().items() if k != "position"} for h in highlights]


def parse_highlights_document(data: Any, name: str) -> list[Highlight]:
    """The highlights of a validated bookmarks export (none in a version 1 file). Unknown keys are ignored."""
    if not isinstance(data, dict) or "highlights" not in data:
        return []
    return parse_entry_list(data["highlights"], name, "highlight", MAX_IMPORT_HIGHLIGHTS, _parse_entry,
                            lambda highlight: (highlight.highlight_id, f"id {highlight.highlight_id!r}"))


def _text(entry: dict[str, Any], key: str, where: str, limit: int, default: str = "") -> str:
    value = entry.get(key, default)
    if not isinstance(value, str) or len(value) > limit:
        raise BookmarkFileError(f"{where}: {key} must be text of at most {limit:,} characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BookmarkFileError(f"{where}: {key} contains bytes that are not valid text") from exc
    return value


def _offset(entry: dict[str, Any], key: str, where: str) -> int:
    value = entry.get(key, 0)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10_000_000:
        raise BookmarkFileError(f"{where}: {key} must be a whole number of at least 0")
    return value


def _parse_entry(entry: Any, where: str) -> Highlight:
    if not isinstance(entry, dict):
        raise BookmarkFileError(f"{where}: must be an object")
    hid = entry.get("id")
    if not isinstance(hid, str) or not _HID.match(hid):
        raise BookmarkFileError(f"{where}: id must be letters, digits, '-' or '_' (at most 60)")
    item_id = entry.get("item_id")
    if not isinstance(item_id, str) or len(item_id) > MAX_ID_CHARS or not _ID.match(item_id):
        shown = repr(item_id)[:60] if isinstance(item_id, str) else type(item_id).__name__
        raise BookmarkFileError(f"{where}: item_id {shown} is not an item id like 'member:kaz'")
    kind = item_id.partition(":")[0]
    if kind not in _KINDS:
        raise BookmarkFileError(f"{where}: item_id {item_id!r} names an unknown kind of item {kind!r}")
    quote = _text(entry, "quote", where, MAX_QUOTE_CHARS)
    if not quote.strip():
        raise BookmarkFileError(f"{where}: quote must not be empty")
    prefix = _text(entry, "prefix", where, MAX_CONTEXT_CHARS)
    suffix = _text(entry, "suffix", where, MAX_CONTEXT_CHARS)
    start, end = _offset(entry, "start", where), _offset(entry, "end", where)
    if end < start:
        raise BookmarkFileError(f"{where}: end comes before start")
    colour_text = entry.get("colour", "yellow")
    if not isinstance(colour_text, str) or colour_text not in {c.value for c in HighlightColour}:
        raise BookmarkFileError(f"{where}: colour must be one of {', '.join(c.value for c in HighlightColour)}")
    title = normalise_title(_text(entry, "item_title", where, 1_000)) or item_id
    tags = entry.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise BookmarkFileError(f"{where}: tags must be a list of texts")
    try:
        note = check_note(entry.get("note", ""))
        clean_tags = check_tags(tags)
    except BookmarkValueError as exc:
        raise BookmarkFileError(f"{where}: {exc}") from exc
    stamps = []
    for key in ("created_at", "updated_at"):
        value = _text(entry, key, where, 40)
        if value:
            try:
                datetime.fromisoformat(value)
            except ValueError as exc:
                raise BookmarkFileError(f"{where}: {key} {value!r} is not an ISO date and time") from exc
        stamps.append(value)
    return Highlight(
        highlight_id=hid, item_id=item_id, quote=quote, prefix=prefix, suffix=suffix, start=start, end=end,
        colour=HighlightColour(colour_text), note=note, tags=clean_tags, item_title=title, item_kind=kind,
        created_at=stamps[0], updated_at=stamps[1],
    )


def highlights_markdown(entries: Sequence[Any]) -> list[str]:
    """Markdown lines of highlights (:class:`HighlightEntry`), grouped by item: each quote as a block quote."""
    if not entries:
        return []
    lines = ["## Highlights", ""]
    current = None
    for entry in entries:
        if entry.item_id != current:
            current = entry.item_id
            title = entry.title if entry.in_briefing else f"{entry.title} (not in the current briefing)"
            lines += [f"### {md_escape(title)}", "", f"`{entry.item_id}`", ""]
        h = entry.highlight
        lines.extend("> " + md_escape(line) if line.strip() else ">" for line in h.quote.splitlines())
        lines.append("")
        meta = [h.colour.label]
        if entry.status:
            meta.append(entry.status)
        if h.tags:
            meta.append("tags: " + ", ".join(md_escape(t) for t in h.tags))
        lines += ["*" + md_escape(" · ".join(meta)) + "*", ""]
        if h.note:
            lines += [md_escape(h.note), ""]
    return lines
