"""Composing briefing books: make, rename, duplicate and delete books (with undo), and choose their parts
(sections, bookmarks, highlights, text blocks)."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefing_app.domain.books import (
    MAX_TEXT_CHARS,
    Book,
    BookError,
    BookPart,
    PartKind,
    clean_book_name,
    copy_name,
)
from briefing_app.domain.highlights import AnchorState, Highlight, HighlightColour, HighlightValueError, anchor
from briefing_app.persistence.book_repository import BookRepository
from briefing_app.services.bookmarks import BookmarkService
from briefing_app.services.briefing import BriefingService
from briefing_app.services.highlights import HighlightService

Listener = Callable[[], None]
SECTION_NAMES: dict[str, str] = {
    "overview": "Overview", "members": "Members", "achievements": "Achievements", "priorities": "Priorities",
    "corridors": "Corridors",
}


@dataclass(frozen=True, slots=True)
class PartStatus:
    part: BookPart
    in_briefing: bool


@dataclass(frozen=True, slots=True)
class ChosenHighlight:
    """A highlight part as it prints now: the live highlight when it is still there (its note and colour as the
    user last set them), else the part as chosen; ``status`` is "", "moved", "text changed" or "not in the
    current briefing"."""

    highlight_id: str
    item_id: str
    title: str
    quote: str
    colour: HighlightColour
    note: str
    status: str
    found: bool
    item_kind: str = ""


def chosen_highlight(part: BookPart, highlights: HighlightService | None) -> ChosenHighlight:
    """Where a highlight part stands in the current briefing (a removed highlight is anchored by its quote)."""
    entry = highlights.entry(part.ref) if highlights is not None else None
    if entry is not None:
        live = entry.highlight
        quote = entry.anchor.text if entry.anchor.found else live.quote
        status = "" if entry.state is AnchorState.MOVED else entry.status  # moved: the same words, nothing to say
        return ChosenHighlight(live.highlight_id, live.item_id, entry.title, quote, live.colour, live.note,
                               status, entry.anchor.found, live.item_kind)
    try:
        colour = HighlightColour.parse(part.colour or "yellow")
    except HighlightValueError:
        colour = HighlightColour.YELLOW
    text = highlights.text_of(part.item_id) if highlights is not None else None
    where = anchor(Highlight(part.ref, part.item_id, part.quote), text) if part.quote else None
    if where is None or not where.found:
        return ChosenHighlight(part.ref, part.item_id, part.title, part.quote, colour, part.text,
                               AnchorState.MISSING.label, False)
    return ChosenHighlight(part.ref, part.item_id, part.title, where.text, colour, part.text,
                           "" if where.state is AnchorState.MOVED else where.state.label, True)


class BookService:
    def __init__(self, repository: BookRepository, briefing: BriefingService, bookmarks: BookmarkService,
                 highlights: HighlightService | None = None) -> None:
        self.repository = repository
        self.briefing = briefing
        self.bookmarks = bookmarks
        self.highlights = highlights
        self._deleted: list[Book] = []
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()

    # --- books ---------------------------------------------------------------------------------------

    def list(self) -> builtins.list[Book]:
        return self.repository.list()

    def get(self, name: str) -> Book:
        return self.repository.get(name)

    def create(self, name: str, parts: Sequence[BookPart] = ()) -> Book:
        book = self.repository.create(Book(clean_book_name(name), tuple(parts)))
        self._changed()
        return book

    def rename(self, name: str, new_name: str) -> Book:
        book = self.repository.rename(name, clean_book_name(new_name))
        self._changed()
        return book

    def duplicate(self, name: str) -> Book:
        book = self.repository.get(name)
        taken = {b.name for b in self.repository.list()}
        copy = self.repository.create(Book(copy_name(book.name, taken), book.parts))
        self._changed()
        return copy

    def delete(self, name: str) -> Book:
        book = self.repository.delete(name)
        self._deleted.append(book)
        self._changed()
        return book

    def can_undo(self) -> bool:
        return bool(self._deleted)

    def undo_delete(self) -> Book | None:
        """Put the last deleted book back (under a new name if one of that name was made since)."""
        if not self._deleted:
            return None
        book = self._deleted.pop()
        taken = {b.name for b in self.repository.list()}
        name = book.name if book.name.casefold() not in {t.casefold() for t in taken} else copy_name(book.name, taken)
        restored = self.repository.create(Book(name, book.parts, book.created_at))
        self._changed()
        return restored

    # --- parts ---------------------------------------------------------------------------------------

    def set_parts(self, name: str, parts: Sequence[BookPart]) -> Book:
        for part in parts:
            if part.kind is PartKind.TEXT and len(part.text) > MAX_TEXT_CHARS:
                raise BookError(f"a text block holds at most {MAX_TEXT_CHARS:,} characters")
        book = self.repository.set_parts(name, parts)
        self._changed()
        return book

    def section_part(self, section: str) -> BookPart:
        if section not in SECTION_NAMES:
            raise BookError(f"unknown section {section!r}; choose one of {', '.join(SECTION_NAMES)}")
        return BookPart(PartKind.SECTION, section, SECTION_NAMES[section])

    def bookmark_part(self, item_id: str) -> BookPart:
        """A bookmark as a part: its title and note as they are now (kept if the item or bookmark goes)."""
        bookmark = self.bookmarks.get(item_id)
        item = self.briefing.find(item_id)
        if bookmark is None and item is None:
            raise BookError(f"{item_id!r} is neither bookmarked nor in the briefing")
        title = item.title if item is not None else bookmark.title if bookmark is not None else item_id
        return BookPart(PartKind.BOOKMARK, item_id, title, bookmark.note if bookmark is not None else "")

    def highlight_part(self, highlight_id: str) -> BookPart:
        """A highlight as a part: its item, quote, colour and note as they are now (kept if it is removed)."""
        highlight = self.highlights.get(highlight_id) if self.highlights is not None else None
        if highlight is None:
            raise BookError(f"no highlight {highlight_id!r}; `briefing-app highlights list` shows them")
        ref = self.briefing.ref(highlight.item_id)
        title = ref.title if ref is not None else highlight.item_title or highlight.item_id
        return BookPart(PartKind.HIGHLIGHT, highlight.highlight_id, title, highlight.note, highlight.item_id,
                        highlight.quote, highlight.colour.value)

    def add(self, name: str, part: BookPart) -> Book:
        book = self.repository.get(name)
        return self.set_parts(name, (*book.parts, part))

    def statuses(self, book: Book) -> builtins.list[PartStatus]:
        """Each part, and whether what it refers to is in the current briefing."""
        out = []
        for part in book.parts:
            present = True
            if part.kind is PartKind.BOOKMARK:
                present = self.briefing.find(part.ref) is not None
            elif part.kind is PartKind.SECTION:
                present = part.ref in SECTION_NAMES
            elif part.kind is PartKind.HIGHLIGHT:
                present = chosen_highlight(part, self.highlights).found
            out.append(PartStatus(part, present))
        return out


def book_service(services) -> BookService:  # type: ignore[no-untyped-def]  # AppServices: avoids an import cycle
    """The book service over the open user database (books live beside the bookmarks)."""
    engine = services.bookmarks.repository.engine
    return BookService(BookRepository(engine), services.briefing, services.bookmarks,
                       getattr(services, "highlights", None))
