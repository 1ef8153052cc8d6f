"""Bookmarks as a use case: star, annotate, tag, remove with undo, export and import, with change notices.

Listeners are plain callables (the GUI adapts them to Qt signals); every change is committed before any
listener hears of it.
"""

from __future__ import annotations

import builtins
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from briefing_app.domain.bookmarks import MAX_NOTE_CHARS, MAX_TAG_CHARS, MAX_TAGS, Bookmark, normalise_tags
from briefing_app.domain.items import ItemKind
from briefing_app.persistence.bookmark_repository import BookmarkRepository
from briefing_app.services.briefing import BriefingService, UnknownItemError

EXPORT_FORMAT = "sco-briefing-bookmarks"
EXPORT_VERSION = 1
MAX_IMPORT_BYTES = 20 * 1024 * 1024
MAX_IMPORT_BOOKMARKS = 50_000
_ID = re.compile(r"^[a-z]+:[a-z0-9][a-z0-9._-]*$")
_KINDS = {kind.value for kind in ItemKind}
IMPORTED_NOTE_HEADER = "— Imported note —"


class BookmarkFileError(Exception):
    """A bookmarks file that cannot be imported; nothing was changed."""


@dataclass(frozen=True, slots=True)
class BookmarkChange:
    action: str  # "added", "removed", "changed", "reset"
    item_id: str | None


@dataclass(frozen=True, slots=True)
class ImportReport:
    added: int
    merged: int
    unchanged: int
    not_in_briefing: int

    def summary(self) -> str:
        parts = [f"{self.added} added", f"{self.merged} merged", f"{self.unchanged} unchanged"]
        text = ", ".join(parts)
        if self.not_in_briefing:
            text += f"; {self.not_in_briefing} refer to items not in the current briefing (kept)"
        return text


Listener = Callable[[BookmarkChange], None]


class BookmarkService:
    def __init__(self, repository: BookmarkRepository, briefing: BriefingService) -> None:
        self._repo = repository
        self._briefing = briefing
        self._listeners: list[Listener] = []
        self._undo: list[list[Bookmark]] = []
        self._ids: set[str] | None = None

    @property
    def repository(self) -> BookmarkRepository:
        return self._repo

    # --- notices ------------------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _notify(self, action: str, item_id: str | None) -> None:
        self._ids = None
        for listener in list(self._listeners):
            listener(BookmarkChange(action, item_id))

    # --- queries ------------------------------------------------------------------------------------

    def is_bookmarked(self, item_id: str) -> bool:
        if self._ids is None:
            self._ids = self._repo.ids()
        return item_id in self._ids

    def get(self, item_id: str) -> Bookmark | None:
        return self._repo.get(item_id)

    def list(self, tag: str | None = None) -> builtins.list[Bookmark]:
        return self._repo.list(tag)

    def tags(self) -> dict[str, int]:
        return self._repo.tags()

    def in_briefing(self, item_id: str) -> bool:
        return self._briefing.exists(item_id)

    # --- changes ------------------------------------------------------------------------------------

    def add(self, item_id: str, note: str = "", tags: Iterable[str] = ()) -> Bookmark:
        """Star an item of the current briefing (raises :class:`UnknownItemError` for an unknown id)."""
        ref = self._briefing.ref(item_id)
        if ref is None:
            raise UnknownItemError(item_id)
        bookmark = self._repo.add(item_id, ref.kind.value, ref.title, note, tags)
        self._notify("added", item_id)
        return bookmark

    def remove(self, item_id: str) -> Bookmark | None:
        removed = self._repo.remove(item_id)
        if removed is not None:
            self._undo.append([removed])
            self._notify("removed", item_id)
        return removed

    def remove_many(self, item_ids: Sequence[str]) -> builtins.list[Bookmark]:
        removed: builtins.list[Bookmark] = [b for b in (self._repo.remove(i) for i in item_ids) if b is not None]
        if removed:
            self._undo.append(removed)
            self._notify("reset", None)
        return removed

    def toggle(self, item_id: str) -> bool:
        """Star or unstar; return True if the item is bookmarked afterwards."""
        if self.is_bookmarked(item_id):
            self.remove(item_id)
            return False
        self.add(item_id)
        return True

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo_remove(self) -> builtins.list[Bookmark]:
        """Put back the bookmarks of the last removal, with their notes, tags and times."""
        if not self._undo:
            return []
        restored = [self._repo.restore(b) for b in self._undo.pop()]
        self._notify("reset" if len(restored) > 1 else "added", restored[0].item_id if len(restored) == 1 else None)
        return restored

    def set_note(self, item_id: str, note: str) -> Bookmark | None:
        bookmark = self._repo.set_note(item_id, note)
        if bookmark is not None:
            self._notify("changed", item_id)
        return bookmark

    def set_tags(self, item_id: str, tags: Iterable[str]) -> Bookmark | None:
        bookmark = self._repo.set_tags(item_id, tags)
        if bookmark is not None:
            self._notify("changed", item_id)
        return bookmark

    def reorder(self, item_ids: Sequence[str]) -> None:
        self._repo.reorder(item_ids)
        self._notify("reset", None)

    def refresh_titles(self) -> int:
        """After a content rebuild: carry current titles into bookmarks; bookmarks of gone items keep theirs."""
        current = {}
        for bookmark in self._repo.list():
            ref = self._briefing.ref(bookmark.item_id)
            if ref is not None:
                current[bookmark.item_id] = (ref.kind.value, ref.title)
        changed = self._repo.refresh_titles(current)
        if changed:
            self._notify("reset", None)
        return changed

    # --- export and import --------------------------------------------------------------------------

    def export_data(self, item_ids: Sequence[str] | None = None) -> dict[str, Any]:
        bookmarks = self._repo.list()
        if item_ids is not None:
            wanted = set(item_ids)
            bookmarks = [b for b in bookmarks if b.item_id in wanted]
        info = self._briefing.pack_info()
        return {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "pack": {"id": info.id, "version": info.version, "title": info.title},
            "bookmarks": [
                {k: v for k, v in b.to_json().items() if k != "position"} for b in bookmarks
            ],
        }

    def export_json(self, path: Path, item_ids: Sequence[str] | None = None) -> int:
        data = self.export_data(item_ids)
        _write_atomically(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return len(data["bookmarks"])

    def export_markdown(self, path: Path, item_ids: Sequence[str] | None = None) -> int:
        text, count = self.markdown(item_ids)
        _write_atomically(path, text)
        return count

    def markdown(self, item_ids: Sequence[str] | None = None) -> tuple[str, int]:
        """Bookmarks with notes as Markdown, for pasting into mail."""
        bookmarks = self._repo.list()
        if item_ids is not None:
            wanted = set(item_ids)
            bookmarks = [b for b in bookmarks if b.item_id in wanted]
        info = self._briefing.pack_info()
        lines = [f"# Bookmarks: {info.title}", "", f"Briefing pack {info.id} {info.version}.", ""]
        for b in bookmarks:
            item = self._briefing.find(b.item_id)
            title = item.title if item else f"{b.title} (not in the current briefing)"
            lines.append(f"## {_md_escape(title)}")
            lines.append("")
            kind = ItemKind(b.kind).label if b.kind in _KINDS else b.kind
            meta = f"*{kind}* · `{b.item_id}`"
            if b.tags:
                meta += " · tags: " + ", ".join(_md_escape(t) for t in b.tags)
            lines.append(meta)
            lines.append("")
            if item and item.summary:
                lines.append(_md_escape(item.summary))
                lines.append("")
            if item:
                refs = [s.reference() for s in item.sources if s.reference()]
                if refs:
                    lines.append("Sources: " + "; ".join(_md_escape(r) for r in refs))
                    lines.append("")
            if b.note:
                lines.extend("> " + _md_escape(line) if line else ">" for line in b.note.splitlines())
                lines.append("")
        return "\n".join(lines).rstrip() + "\n", len(bookmarks)

    def parse_import(self, path: Path) -> builtins.list[Bookmark]:
        """Read and validate a bookmarks file; raise :class:`BookmarkFileError` with a clear reason."""
        try:
            size = path.stat().st_size
        except FileNotFoundError as exc:
            raise BookmarkFileError(f"{path}: no such file") from exc
        except OSError as exc:
            raise BookmarkFileError(f"{path}: cannot be read ({exc.strerror})") from exc
        if size > MAX_IMPORT_BYTES:
            raise BookmarkFileError(
                f"{path}: {size:,} bytes is too large for a bookmarks file (limit {MAX_IMPORT_BYTES:,})"
            )
        try:
            raw = path.read_bytes().decode("utf-8")
            data = json.loads(raw)
        except OSError as exc:
            raise BookmarkFileError(f"{path}: cannot be read ({exc.strerror})") from exc
        except UnicodeDecodeError as exc:
            raise BookmarkFileError(f"{path}: not UTF-8 text") from exc
        except (json.JSONDecodeError, RecursionError) as exc:
            raise BookmarkFileError(f"{path}: not valid JSON ({exc})") from exc
        return parse_bookmarks_document(data, str(path))

    def import_file(self, path: Path) -> ImportReport:
        """Merge a bookmarks file by item id: new ones are added, existing ones gain tags and keep both notes.

        Importing the same file twice changes nothing the second time. Invalid files change nothing.
        """
        incoming = self.parse_import(path)
        added = merged = unchanged = missing = 0
        for bookmark in incoming:
            if not self._briefing.exists(bookmark.item_id):
                missing += 1
            existing = self._repo.get(bookmark.item_id)
            if existing is None:
                self._repo.restore(replace(bookmark, position=_next_position(self._repo)))
                added += 1
                continue
            note = existing.note
            if bookmark.note and bookmark.note.strip() not in existing.note:
                note = f"{existing.note}\n\n{IMPORTED_NOTE_HEADER}\n{bookmark.note}" if existing.note else bookmark.note
            tags = normalise_tags([*existing.tags, *bookmark.tags])
            if note != existing.note or tags != existing.tags:
                if note != existing.note:
                    self._repo.set_note(bookmark.item_id, note)
                if tags != existing.tags:
                    self._repo.set_tags(bookmark.item_id, tags)
                merged += 1
            else:
                unchanged += 1
        if added or merged:
            self._notify("reset", None)
        return ImportReport(added, merged, unchanged, missing)


def _next_position(repo: BookmarkRepository) -> int:
    bookmarks = repo.list()
    return (max((b.position for b in bookmarks), default=0)) + 1


def parse_bookmarks_document(data: Any, name: str) -> builtins.list[Bookmark]:
    """Validate the JSON document of a bookmarks export (format version 1)."""
    if not isinstance(data, dict):
        raise BookmarkFileError(f"{name}: not a bookmarks file (the top level must be an object)")
    if data.get("format") != EXPORT_FORMAT:
        raise BookmarkFileError(
            f"{name}: not a bookmarks file (format is {data.get('format')!r}, expected {EXPORT_FORMAT!r})"
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BookmarkFileError(f"{name}: the format version is missing or not a number")
    if version > EXPORT_VERSION:
        raise BookmarkFileError(
            f"{name}: made by a newer SCO Briefing (format version {version}; "
            f"this one reads up to {EXPORT_VERSION})"
        )
    if version < 1:
        raise BookmarkFileError(f"{name}: unknown format version {version}")
    entries = data.get("bookmarks")
    if not isinstance(entries, list):
        raise BookmarkFileError(f"{name}: 'bookmarks' must be a list")
    if len(entries) > MAX_IMPORT_BOOKMARKS:
        raise BookmarkFileError(f"{name}: {len(entries):,} bookmarks is more than the {MAX_IMPORT_BOOKMARKS:,} allowed")
    out: list[Bookmark] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries, start=1):
        where = f"{name}: bookmark {index}"
        if not isinstance(entry, dict):
            raise BookmarkFileError(f"{where}: must be an object")
        item_id = entry.get("item_id")
        if not isinstance(item_id, str) or not _ID.match(item_id) or len(item_id) > 120:
            raise BookmarkFileError(f"{where}: item_id {item_id!r} is not an item id like 'member:kaz'")
        kind = item_id.partition(":")[0]
        if kind not in _KINDS:
            raise BookmarkFileError(f"{where}: item_id {item_id!r} names an unknown kind of item {kind!r}")
        if item_id in seen:
            raise BookmarkFileError(f"{where}: {item_id!r} appears twice")
        seen.add(item_id)
        title = entry.get("title", item_id)
        note = entry.get("note", "")
        tags = entry.get("tags", [])
        if not isinstance(title, str) or len(title) > 1000:
            raise BookmarkFileError(f"{where}: title must be text of at most 1,000 characters")
        if not isinstance(note, str) or len(note) > MAX_NOTE_CHARS:
            raise BookmarkFileError(f"{where}: note must be text of at most {MAX_NOTE_CHARS:,} characters")
        if not isinstance(tags, list) or len(tags) > MAX_TAGS or not all(isinstance(t, str) for t in tags):
            raise BookmarkFileError(f"{where}: tags must be a list of at most {MAX_TAGS} texts")
        if any(len(t) > MAX_TAG_CHARS * 4 for t in tags):
            raise BookmarkFileError(f"{where}: a tag is longer than {MAX_TAG_CHARS} characters")
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
        out.append(Bookmark(item_id, kind, title, note, normalise_tags(tags), stamps[0], stamps[1]))
    return out


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", text)


def _write_atomically(path: Path, text: str) -> None:
    import os
    import tempfile

    path = path.expanduser()
    if not path.parent.is_dir():
        raise OSError(f"the folder {path.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
