"""Bookmarks as a use case: star, annotate, tag, remove with undo, export and import, with change notices.

Listeners are plain callables (the GUI adapts them to Qt signals); every change is committed (on disk) before
any listener hears of it, so when the window says "Bookmarked" it is true even if the power goes next.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing_app.domain.bookmarks import (
    MAX_NOTE_CHARS,
    Bookmark,
    BookmarkEntry,
    BookmarkValueError,
    check_note,
    check_tags,
    merged_note,
)
from briefing_app.persistence.bookmark_repository import BookmarkRepository
from briefing_app.services.bookmark_files import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    BookmarkFileError,
    export_document,
    markdown_document,
    read_bookmarks_file,
)
from briefing_app.services.briefing import BriefingService, UnknownItemError
from briefing_app.services.files import write_atomically
from briefing_app.services.paragraph_bookmarks import PARAGRAPH, ParagraphFollowing, follow_paragraphs, text_changed

if TYPE_CHECKING:
    from briefing_app.services.highlights import HighlightService

__all__ = [
    "EXPORT_FORMAT", "EXPORT_VERSION", "BookmarkChange", "BookmarkFileError", "BookmarkService",
    "BookmarkValueError", "ImportReport",
]

UNDO_DEPTH = 100


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
    #: highlights of the file (format version 2): added, merged, unchanged
    highlights: tuple[int, int, int] = (0, 0, 0)
    #: (item id, the file's note) for notes that did not fit into the bookmark's note: kept here, never dropped
    notes_not_merged: tuple[tuple[str, str], ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.added or self.merged or self.highlights[0] or self.highlights[1])

    def summary(self) -> str:
        text = f"{self.added} added, {self.merged} merged, {self.unchanged} unchanged"
        if self.not_in_briefing:
            text += f"; {self.not_in_briefing} refer to items not in the current briefing (kept)"
        if any(self.highlights):
            added, merged, unchanged = self.highlights
            text += f"; highlights: {added} added, {merged} merged, {unchanged} unchanged"
        if self.notes_not_merged:
            ids = ", ".join(item_id for item_id, _ in self.notes_not_merged[:5])
            more = " …" if len(self.notes_not_merged) > 5 else ""
            text += (f"; {len(self.notes_not_merged)} note(s) NOT merged, because the bookmark's note would pass "
                     f"{MAX_NOTE_CHARS:,} characters ({ids}{more}): the file's note is unchanged in the file; "
                     "shorten the bookmark's note and import again")
        return text

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"added": self.added, "merged": self.merged, "unchanged": self.unchanged,
                                "not_in_briefing": self.not_in_briefing}
        if any(self.highlights):  # only for a file that holds highlights: the contract is unchanged otherwise
            data["highlights"] = dict(zip(("added", "merged", "unchanged"), self.highlights, strict=True))
        if self.notes_not_merged:
            data["notes_not_merged"] = [{"item_id": i, "note": n} for i, n in self.notes_not_merged]
        return data


Listener = Callable[[BookmarkChange], None]


class BookmarkService:
    def __init__(self, repository: BookmarkRepository, briefing: BriefingService) -> None:
        self._repo = repository
        self._briefing = briefing
        self._listeners: list[Listener] = []
        self._undo: list[list[Bookmark]] = []
        self._ids: set[str] | None = None
        #: the highlights of the same user database: exports and imports carry them too (set by open_services)
        self.highlights: HighlightService | None = None
        #: what the last :meth:`refresh_titles` did to paragraph bookmarks (moved, shown as changed)
        self.last_following = ParagraphFollowing()

    @property
    def repository(self) -> BookmarkRepository:
        return self._repo

    # --- notices ------------------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _notify(self, action: str, item_id: str | None) -> None:
        self._ids = None
        for listener in builtins.list(self._listeners):
            listener(BookmarkChange(action, item_id))

    def reload(self) -> None:
        """The database changed under the service (a restored backup, another process): tell every listener."""
        self._notify("reset", None)

    # --- queries ------------------------------------------------------------------------------------

    def is_bookmarked(self, item_id: str) -> bool:
        if self._ids is None:
            self._ids = self._repo.ids()
        return item_id in self._ids

    def get(self, item_id: str) -> Bookmark | None:
        return self._repo.get(item_id)

    def list(self, tag: str | None = None) -> builtins.list[Bookmark]:
        """Bookmarks in the user's order (optionally only those with ``tag``)."""
        return self._repo.list(tag)

    def entries(self, tag: str | None = None) -> builtins.list[BookmarkEntry]:
        """Bookmarks in the user's order with their current titles, or last known ones if gone from the briefing
        (or, for a paragraph whose text changed, the title it had)."""
        return [self._entry(bookmark) for bookmark in self._repo.list(tag)]

    def entry(self, item_id: str) -> BookmarkEntry | None:
        bookmark = self._repo.get(item_id)
        return None if bookmark is None else self._entry(bookmark)

    def _entry(self, bookmark: Bookmark) -> BookmarkEntry:
        ref = self._briefing.ref(bookmark.item_id)
        changed = bookmark.kind == PARAGRAPH and text_changed(bookmark, self._briefing.find(bookmark.item_id))
        return BookmarkEntry(bookmark, ref is not None, ref.title if ref is not None else None, changed)

    def tags(self) -> dict[str, int]:
        return self._repo.tags()

    def in_briefing(self, item_id: str) -> bool:
        return self._briefing.exists(item_id)

    # --- changes ------------------------------------------------------------------------------------

    def add(self, item_id: str, note: str = "", tags: Iterable[str] = ()) -> Bookmark:
        """Star an item of the current briefing (raises :class:`UnknownItemError` for an unknown id).

        Starring a bookmarked item again keeps it, adds the tags and appends a note it does not yet hold.
        """
        ref = self._briefing.ref(item_id)
        if ref is None:
            raise UnknownItemError(item_id)
        clean = check_tags(tags)
        existing = self._repo.get(item_id) if clean or note else None
        if existing is not None:  # starring again merges: the merged note and tags must fit whole too
            check_tags([*existing.tags, *clean])
            check_note(f"{existing.note}\n\n{note}" if note.strip() not in existing.note else existing.note)
        anchor = ""
        if ref.kind.value == PARAGRAPH:  # a paragraph bookmark keeps its text, to follow it when the pack changes
            item = self._briefing.find(item_id)
            anchor = item.body if item is not None else ""
        bookmark = self._repo.add(item_id, ref.kind.value, ref.title, check_note(note), clean, anchor)
        self._notify("added", item_id)
        return bookmark

    def remove(self, item_id: str) -> Bookmark | None:
        removed = self._repo.remove(item_id)
        if removed is not None:
            self._push_undo([removed])
            self._notify("removed", item_id)
        return removed

    def remove_many(self, item_ids: Sequence[str]) -> builtins.list[Bookmark]:
        """Remove several bookmarks in one transaction; one Undo puts them all back."""
        if len(item_ids) == 1:
            one = self.remove(item_ids[0])
            return [one] if one else []
        removed = self._repo.remove_many(item_ids)
        if removed:
            self._push_undo(removed)
            self._notify("reset", None)
        return removed

    def _push_undo(self, removed: builtins.list[Bookmark]) -> None:
        self._undo.append(removed)
        del self._undo[:-UNDO_DEPTH]

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
        """Put back the bookmarks of the last removal, with their notes, tags, times and places in the order."""
        if not self._undo:
            return []
        restored = self._repo.restore_many(self._undo.pop())
        if len(restored) == 1:
            self._notify("added", restored[0].item_id)
        else:
            self._notify("reset", None)
        return restored

    def set_note(self, item_id: str, note: str) -> Bookmark | None:
        """Replace the note (plain text, kept exactly as typed); None if the item is not bookmarked."""
        bookmark = self._repo.set_note(item_id, check_note(note))
        if bookmark is not None:
            self._notify("changed", item_id)
        return bookmark

    def set_tags(self, item_id: str, tags: Iterable[str]) -> Bookmark | None:
        bookmark = self._repo.set_tags(item_id, check_tags(tags))
        if bookmark is not None:
            self._notify("changed", item_id)
        return bookmark

    def annotate(self, item_id: str, note: str, tags: Iterable[str]) -> Bookmark:
        """Bookmark the item if it is not yet, then set its note and tags (what the editor dialog returns)."""
        note, clean = check_note(note), check_tags(tags)
        if not self.is_bookmarked(item_id):
            return self.add(item_id, note, clean)
        bookmark = self._repo.set_note_and_tags(item_id, note, clean)
        if bookmark is None:  # removed by another process in between
            return self.add(item_id, note, clean)
        self._notify("changed", item_id)
        return bookmark

    def reorder(self, item_ids: Sequence[str]) -> None:
        """The user's order (used when printing bookmarks): these first, in this order, then the rest."""
        self._repo.reorder(item_ids)
        self._notify("reset", None)

    def refresh_titles(self) -> int:
        """After a content rebuild: paragraph bookmarks follow their text (:mod:`paragraph_bookmarks`), then
        current titles are carried into bookmarks; bookmarks of gone items, and paragraph bookmarks whose text
        changed, keep theirs. Returns how many bookmarks changed."""
        self.last_following = following = follow_paragraphs(self._repo, self._briefing)
        current = {}
        for bookmark in self._repo.list():
            ref = self._briefing.ref(bookmark.item_id)
            if ref is None or (bookmark.kind == PARAGRAPH and self._entry(bookmark).text_changed):
                continue
            current[bookmark.item_id] = (ref.kind.value, ref.title)
        changed = self._repo.refresh_titles(current) + len(following.moved)
        if changed:
            self._notify("reset", None)
        return changed

    # --- export and import --------------------------------------------------------------------------

    def _selected(self, item_ids: Sequence[str] | None) -> builtins.list[BookmarkEntry]:
        entries = self.entries()
        if item_ids is None:
            return entries
        by_id = {e.item_id: e for e in entries}
        missing = [i for i in item_ids if i not in by_id]
        if missing:
            raise BookmarkValueError(f"not bookmarked: {', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}")
        wanted = set(item_ids)
        return [e for e in entries if e.item_id in wanted]

    def export_data(self, item_ids: Sequence[str] | None = None) -> dict[str, Any]:
        """The export document (all bookmarks, or those of ``item_ids``), in the user's order."""
        info = self._briefing.pack_info()
        return export_document(
            [e.bookmark for e in self._selected(item_ids)],
            {"id": info.id, "version": info.version, "title": info.title},
            datetime.now(UTC).isoformat(timespec="seconds"),
            self.highlights.export_json_list(item_ids) if self.highlights is not None else (),
        )

    def export_json(self, path: Path, item_ids: Sequence[str] | None = None) -> int:
        data = self.export_data(item_ids)
        write_atomically(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return len(data["bookmarks"])

    def export_markdown(self, path: Path, item_ids: Sequence[str] | None = None) -> int:
        text, count = self.markdown(item_ids)
        write_atomically(path, text)
        return count

    def markdown(self, item_ids: Sequence[str] | None = None) -> tuple[str, int]:
        """Bookmarks with notes as Markdown, for pasting into mail."""
        entries = self._selected(item_ids)
        info = self._briefing.pack_info()
        text = markdown_document(
            entries, f"Bookmarks: {info.title}", f"Briefing pack {info.id} {info.version}.", self._briefing.find
        )
        if self.highlights is not None:
            text = self.highlights.append_markdown(text, item_ids)
        return text, len(entries)

    def _notes_that_do_not_fit(self, incoming: Sequence[Bookmark]) -> tuple[tuple[tuple[str, str], ...], int]:
        """Imported notes whose merge would pass the note limit (the merge keeps the bookmark's note whole and
        leaves them out), and how many of those bookmarks the merge will count as unchanged."""
        existing = {b.item_id: b for b in self._repo.list()}
        out = []
        unchanged = 0
        for bookmark in incoming:
            have = existing.get(bookmark.item_id)
            if have is not None and len(merged_note(have.note, bookmark.note)) > MAX_NOTE_CHARS:
                out.append((bookmark.item_id, bookmark.note))
                unchanged += have.merged_with(bookmark) == have
        return tuple(out), unchanged

    def parse_import(self, path: Path) -> builtins.list[Bookmark]:
        """Read and validate a bookmarks file; raise :class:`BookmarkFileError` with a clear reason."""
        return read_bookmarks_file(path)

    def import_file(self, path: Path) -> ImportReport:
        """Merge a bookmarks file by item id, all in one transaction.

        New bookmarks are added (bookmarks of items not in the current briefing too: they are kept and shown
        as such); existing ones gain the file's tags and keep both notes. Importing the same file twice
        changes nothing the second time. An invalid file raises :class:`BookmarkFileError` and changes nothing.
        """
        incoming = []
        missing = 0
        for bookmark in read_bookmarks_file(path):
            ref = self._briefing.ref(bookmark.item_id)
            if ref is None:
                missing += 1
                incoming.append(bookmark)
            else:  # the briefing's title and kind, not whatever the file says
                anchor = bookmark.anchor_text
                if ref.kind.value == PARAGRAPH and not anchor:
                    item = self._briefing.find(bookmark.item_id)
                    anchor = item.body if item is not None else ""
                incoming.append(replace(bookmark, kind=ref.kind.value, title=ref.title, anchor_text=anchor))
        highlights = self.highlights.parse_import(path) if self.highlights is not None else []
        not_merged, counted_unchanged = self._notes_that_do_not_fit(incoming)
        added, merged, unchanged = self._repo.merge_import(incoming)
        marks = self.highlights.import_highlights(highlights) if self.highlights and highlights else (0, 0, 0)
        report = ImportReport(added, merged, unchanged - counted_unchanged, missing,
                              highlights=marks, notes_not_merged=not_merged)
        if report.changed:
            self._notify("reset", None)
        return report
