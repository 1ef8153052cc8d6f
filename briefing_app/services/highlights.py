"""Highlights as a use case: mark a passage, note it, colour it, tag it, remove with undo, find it again.

Like bookmarks, every change is committed (on disk, synchronous=FULL) before any listener hears of it, so when
the window shows a highlight it is stored even if the power goes next. Listeners are plain callables.
"""

from __future__ import annotations

import builtins
import json
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from briefing_app.domain.bookmarks import check_note, check_tags
from briefing_app.domain.highlights import (
    Anchor,
    AnchorState,
    Highlight,
    HighlightColour,
    HighlightValueError,
    anchor,
    item_text,
    new_highlight,
)
from briefing_app.persistence.highlight_repository import HighlightRepository
from briefing_app.services.briefing import BriefingService, UnknownItemError
from briefing_app.services.highlight_files import highlights_json, highlights_markdown, parse_highlights_document

__all__ = ["HighlightChange", "HighlightEntry", "HighlightService", "HighlightValueError"]

UNDO_DEPTH = 100


@dataclass(frozen=True, slots=True)
class HighlightChange:
    action: str  # "added", "removed", "changed", "reset"
    highlight_id: str | None
    item_id: str | None


@dataclass(frozen=True, slots=True)
class HighlightEntry:
    """A highlight as seen against the current briefing: where its passage is now, and its item's title."""

    highlight: Highlight
    anchor: Anchor
    in_briefing: bool
    current_title: str | None = None

    @property
    def highlight_id(self) -> str:
        return self.highlight.highlight_id

    @property
    def item_id(self) -> str:
        return self.highlight.item_id

    @property
    def title(self) -> str:
        return self.current_title if self.current_title is not None else self.highlight.item_title

    @property
    def state(self) -> AnchorState:
        return self.anchor.state

    @property
    def status(self) -> str:
        """Empty when the passage is where it was; else "moved", "text changed" or "not in the current briefing"."""
        return self.anchor.state.label

    def to_json(self) -> dict[str, object]:
        return {**self.highlight.to_json(), "title": self.title, "in_briefing": self.in_briefing,
                "state": self.anchor.state.value, "current_text": self.anchor.text,
                "current_start": self.anchor.start, "current_end": self.anchor.end}


Listener = Callable[[HighlightChange], None]


def new_id() -> str:
    return f"hl-{secrets.token_hex(5)}"


class HighlightService:
    def __init__(self, repository: HighlightRepository, briefing: BriefingService) -> None:
        self._repo = repository
        self._briefing = briefing
        self._listeners: list[Listener] = []
        self._undo: list[Highlight] = []
        self._texts: dict[str, str | None] = {}
        self._anchors: dict[tuple[str, str, str, str, int, int], Anchor] = {}
        self._highlighted: set[str] | None = None

    @property
    def repository(self) -> HighlightRepository:
        return self._repo

    # --- notices ------------------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _notify(self, action: str, highlight_id: str | None, item_id: str | None) -> None:
        self._highlighted = None
        for listener in builtins.list(self._listeners):
            listener(HighlightChange(action, highlight_id, item_id))

    def reload(self) -> None:
        """The database or the content changed under the service (restored backup, rebuilt pack)."""
        self._texts.clear()
        self._anchors.clear()
        self._notify("reset", None, None)

    # --- queries ------------------------------------------------------------------------------------

    def text_of(self, item_id: str) -> str | None:
        """The current text highlights of ``item_id`` are made in; None if the item is not in the briefing."""
        if item_id not in self._texts:
            item = self._briefing.find(item_id)
            self._texts[item_id] = item_text(item) if item is not None else None
        return self._texts[item_id]

    def has_highlights(self, item_id: str) -> bool:
        if self._highlighted is None:
            self._highlighted = self._repo.item_ids()
        return item_id in self._highlighted

    def get(self, highlight_id: str) -> Highlight | None:
        return self._repo.get(highlight_id)

    def list(self, item_id: str | None = None, tag: str | None = None) -> builtins.list[Highlight]:
        return self._repo.list(item_id, tag)

    def _entry(self, highlight: Highlight) -> HighlightEntry:
        text = self.text_of(highlight.item_id)
        ref = self._briefing.ref(highlight.item_id) if text is not None else None
        # Anchoring a changed text compares passages (tens of ms): once per highlight and text, not per repaint.
        key = (highlight.highlight_id, highlight.quote, highlight.prefix, highlight.suffix, highlight.start,
               highlight.end)
        found = self._anchors.get(key)
        if found is None:
            found = self._anchors[key] = anchor(highlight, text)
        return HighlightEntry(highlight, found, ref is not None, ref.title if ref else None)

    def entry(self, highlight_id: str) -> HighlightEntry | None:
        highlight = self._repo.get(highlight_id)
        return self._entry(highlight) if highlight is not None else None

    def entries(self, item_id: str | None = None, tag: str | None = None) -> builtins.list[HighlightEntry]:
        """Highlights in the user's order, each anchored in the current text of its item (never dropped)."""
        if item_id is not None and not self.has_highlights(item_id):
            return []
        return [self._entry(h) for h in self._repo.list(item_id, tag)]

    def tags(self) -> dict[str, int]:
        return self._repo.tags()

    # --- changes ------------------------------------------------------------------------------------

    def add(
        self, item_id: str, quote: str, *, start: int | None = None, colour: HighlightColour | str = "yellow",
        note: str = "", tags: Iterable[str] = (),
    ) -> Highlight:
        """Highlight ``quote`` in the item's text (at ``start`` when the same words occur more than once).

        Raises :class:`UnknownItemError` for an unknown item and :class:`HighlightValueError` for a quote that
        does not occur in its text, an unknown colour or a note that cannot be kept whole.
        """
        item = self._briefing.find(item_id)
        if item is None:
            raise UnknownItemError(item_id)
        made = new_highlight(new_id(), item, quote, start=start, colour=colour, note=check_note(note))
        clean = check_tags(tags)
        stored = self._repo.add(replace(made, tags=clean))
        self._notify("added", stored.highlight_id, item_id)
        return stored

    def remove(self, highlight_id: str) -> Highlight | None:
        removed = self._repo.remove(highlight_id)
        if removed is not None:
            self._undo.append(removed)
            del self._undo[:-UNDO_DEPTH]
            self._notify("removed", highlight_id, removed.item_id)
        return removed

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo_remove(self) -> Highlight | None:
        if not self._undo:
            return None
        restored = self._repo.restore(self._undo.pop())
        self._notify("added", restored.highlight_id, restored.item_id)
        return restored

    def update(
        self, highlight_id: str, *, note: str | None = None, colour: HighlightColour | str | None = None,
        tags: Iterable[str] | None = None,
    ) -> Highlight | None:
        """Change note (plain text, kept exactly as typed), colour and/or tags; None if there is no such highlight."""
        parsed = HighlightColour.parse(colour) if isinstance(colour, str) else colour
        changed = self._repo.update(
            highlight_id, note=check_note(note) if note is not None else None, colour=parsed,
            tags=check_tags(tags) if tags is not None else None,
        )
        if changed is not None:
            self._notify("changed", highlight_id, changed.item_id)
        return changed

    def reorder(self, highlight_ids: Sequence[str]) -> None:
        self._repo.reorder(highlight_ids)
        self._notify("reset", None, None)

    def refresh_after_build(self) -> int:
        """After a content rebuild (not on a read-only database): forget cached texts, carry current titles in;
        return how many highlights are not found in the current briefing."""
        self._texts.clear()
        self._anchors.clear()
        current = {}
        for highlight in self._repo.list():
            ref = self._briefing.ref(highlight.item_id)
            if ref is not None:
                current[highlight.item_id] = (ref.kind.value, ref.title)
        self._repo.refresh_titles(current)
        self._notify("reset", None, None)
        return sum(1 for e in self.entries() if e.state is AnchorState.MISSING)

    # --- export and import (inside the bookmarks file, format version 2) ---------------------------------

    def export_json_list(self, item_ids: Sequence[str] | None = None) -> builtins.list[dict[str, Any]]:
        """The ``highlights`` of an export: all, or those of ``item_ids``, in the user's order."""
        wanted = set(item_ids) if item_ids is not None else None
        return highlights_json([h for h in self._repo.list() if wanted is None or h.item_id in wanted])

    def grouped_entries(self, item_ids: Sequence[str] | None = None) -> builtins.list[HighlightEntry]:
        """Entries grouped by item (items in the order of their first highlight), each group in the user's order."""
        wanted = set(item_ids) if item_ids is not None else None
        groups: dict[str, builtins.list[HighlightEntry]] = {}
        for entry in self.entries():
            if wanted is None or entry.item_id in wanted:
                groups.setdefault(entry.item_id, []).append(entry)
        return [entry for group in groups.values() for entry in group]

    def append_markdown(self, text: str, item_ids: Sequence[str] | None = None) -> str:
        """The Markdown export with a Highlights section (each quote as a block quote) when there are any."""
        lines = highlights_markdown(self.grouped_entries(item_ids))
        return text if not lines else text.rstrip() + "\n\n" + "\n".join(lines).rstrip() + "\n"

    def parse_import(self, path: Path) -> builtins.list[Highlight]:
        """The highlights of a bookmarks file already read by :func:`read_bookmarks_file` (so valid JSON)."""
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
        return parse_highlights_document(data, str(path))

    def import_highlights(self, incoming: Sequence[Highlight]) -> tuple[int, int, int]:
        """Merge highlights read from an export file by id, in one transaction (see the repository)."""
        result = self._repo.merge_import(incoming)
        if result[0] or result[1]:
            self._notify("reset", None, None)
        return result
