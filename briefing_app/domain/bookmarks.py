"""Bookmarks: a user's starred items with notes and tags, referring to items by stable id."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MAX_NOTE_CHARS = 100_000
MAX_TAG_CHARS = 60
MAX_TAGS = 50


def normalise_tag(tag: str) -> str:
    """Tags are single-line, trimmed, with inner runs of white space folded; case is kept as typed."""
    return " ".join(tag.split())[:MAX_TAG_CHARS]


def normalise_tags(tags: Any) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for tag in tags:
        clean = normalise_tag(str(tag))
        if clean and clean.casefold() not in seen:
            seen[clean.casefold()] = clean
    return tuple(sorted(seen.values(), key=str.casefold))[:MAX_TAGS]


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
        }
