"""Bookmarks: a user's starred items with notes and tags, referring to items by stable id.

Notes are plain text of any script and are never interpreted as markup anywhere they are shown. Tags are short
single-line labels; a comma separates tags wherever they are typed, so a tag never contains one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

MAX_NOTE_CHARS = 100_000
MAX_TAG_CHARS = 60
MAX_TAGS = 50
MAX_TITLE_CHARS = 1_000
IMPORTED_NOTE_HEADER = "— Imported note —"
TAG_SEPARATOR = ", "


class BookmarkValueError(ValueError):
    """A note, tag or title that cannot be stored as given; the message says why, in one line."""


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _without_controls(text: str) -> str:
    # Control characters (other than the white space folded elsewhere) have no business in a label.
    return "".join(ch for ch in text if ch in "\t\n\r" or unicodedata.category(ch) != "Cc")


def check_note(note: str) -> str:
    """The note as it will be stored, or :class:`BookmarkValueError` if it cannot be kept whole."""
    if not isinstance(note, str):
        raise BookmarkValueError("a note must be text")
    if _has_lone_surrogate(note):
        raise BookmarkValueError("the note contains bytes that are not valid text (check the file's encoding)")
    if len(note) > MAX_NOTE_CHARS:
        raise BookmarkValueError(f"the note has {len(note):,} characters; a note holds at most {MAX_NOTE_CHARS:,}")
    return note


def normalise_tag(tag: str) -> str:
    """Tags are single-line, trimmed, with inner runs of white space folded; case is kept as typed."""
    return " ".join(_without_controls(tag).split())


def split_tags(tags: Iterable[Any]) -> list[str]:
    """Every tag given, split at commas and normalised, empty ones dropped (duplicates kept)."""
    out: list[str] = []
    for tag in tags:
        for part in str(tag).split(","):
            clean = normalise_tag(part)
            if clean:
                out.append(clean)
    return out


def check_tags(tags: Iterable[Any]) -> tuple[str, ...]:
    """The tags as they will be stored, or :class:`BookmarkValueError` for a tag too long or too many tags."""
    parts = split_tags(tags)
    for tag in parts:
        if _has_lone_surrogate(tag):
            raise BookmarkValueError("a tag contains bytes that are not valid text")
        if len(tag) > MAX_TAG_CHARS:
            raise BookmarkValueError(f"the tag {tag[:20]!r}… is longer than {MAX_TAG_CHARS} characters")
    unique = len({tag.casefold() for tag in parts})
    if unique > MAX_TAGS:
        raise BookmarkValueError(f"{unique} tags is more than the {MAX_TAGS} a bookmark can carry")
    return normalise_tags(parts)


def normalise_tags(tags: Iterable[Any]) -> tuple[str, ...]:
    """Split, trim and de-duplicate (case-insensitively, first spelling wins), sorted; at most MAX_TAGS."""
    seen: dict[str, str] = {}
    for clean in split_tags(tags):
        clean = clean[:MAX_TAG_CHARS]
        if clean.casefold() not in seen:
            seen[clean.casefold()] = clean
    return tuple(sorted(seen.values(), key=str.casefold))[:MAX_TAGS]


def tags_text(tags: Iterable[str]) -> str:
    """Tags as typed in one field: ``talking points, follow up``."""
    return TAG_SEPARATOR.join(tags)


def parse_tags_text(text: str) -> list[str]:
    """What the user typed in a tags field, as tags (split at commas, trimmed, empties dropped)."""
    return split_tags([text])


def local_stamp(iso: str) -> str:
    """A stored ISO time stamp as local time for people: ``2024-07-04 10:22`` (unreadable stamps as stored)."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def normalise_title(title: str) -> str:
    """A last known title: one line, no control characters, bounded."""
    return " ".join(_without_controls(title).split())[:MAX_TITLE_CHARS]


def merged_note(existing: str, incoming: str) -> str:
    """The note after merging an imported one: nothing is overwritten; a different note is appended under a header.

    Merging the same note again changes nothing, so importing a file twice is idempotent.
    """
    if not incoming.strip() or incoming.strip() in existing:
        return existing
    if not existing.strip():
        return incoming
    return f"{existing}\n\n{IMPORTED_NOTE_HEADER}\n{incoming}"


@dataclass(frozen=True, slots=True)
class Bookmark:
    item_id: str
    kind: str
    title: str
    note: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)
    created_at: str = ""
    updated_at: str = ""
    position: int = 0
    #: a paragraph bookmark's text when it was made ("" for other kinds): what it follows when the pack changes
    anchor_text: str = ""

    def merged_with(self, incoming: Bookmark) -> Bookmark:
        """This bookmark with an imported one's note and tags merged in (see :func:`merged_note`)."""
        note = merged_note(self.note, incoming.note)
        if len(note) > MAX_NOTE_CHARS:
            note = self.note  # never cut a note: keep the one we have whole rather than a truncated merge
        tags = normalise_tags([*self.tags, *incoming.tags])
        return replace(self, note=note, tags=tags)

    def to_json(self) -> dict[str, Any]:
        return {
            "item_id": self.item_id,
            "kind": self.kind,
            "title": self.title,
            "note": self.note,
            "tags": list(self.tags),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "position": self.position,
            **({"anchor_text": self.anchor_text} if self.anchor_text else {}),
        }

    def anchored_on(self, text: str) -> bool:
        """Whether ``text`` is the text this bookmark was made on (white space aside); True when it has none."""
        return not self.anchor_text or same_text(self.anchor_text, text)


def same_text(a: str, b: str) -> bool:
    """Two paragraph texts are the same when they differ at most in white space."""
    return a.split() == b.split()


@dataclass(frozen=True, slots=True)
class BookmarkEntry:
    """A bookmark as seen against the current briefing: its current title, or its last known one if gone."""

    bookmark: Bookmark
    in_briefing: bool
    current_title: str | None = None
    #: a paragraph bookmark whose paragraph now holds other text (and whose own text was not found elsewhere)
    text_changed: bool = False

    @property
    def item_id(self) -> str:
        return self.bookmark.item_id

    @property
    def title(self) -> str:
        if self.text_changed:
            return self.bookmark.title
        return self.current_title if self.current_title is not None else self.bookmark.title


def moved_order(order: Sequence[str], moving: Sequence[str], before: str | None) -> list[str]:
    """``order`` with the ``moving`` ids (in their current relative order) put just before ``before``
    (or at the end when it is None or itself moving and last)."""
    moving_set = set(moving)
    if before in moving_set:
        rest_after = [i for i in order[order.index(before):] if i not in moving_set] if before in order else []
        before = rest_after[0] if rest_after else None
    block = [i for i in order if i in moving_set]
    rest = [i for i in order if i not in moving_set]
    at = rest.index(before) if before in rest else len(rest)
    return rest[:at] + block + rest[at:]
