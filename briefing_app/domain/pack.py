"""The manifest of a briefing pack: what event it covers, its version and the documents it rests on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class SourceDocument:
    id: str
    title: str
    publisher: str = ""
    url: str = ""
    date: str = ""
    primary: bool = False


@dataclass(frozen=True, slots=True)
class Credit:
    name: str
    licence: str
    used_for: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class Provenance:
    """How a part of the pack's data was obtained (mirror commit, package version, data vintage)."""

    name: str
    detail: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class PackInfo:
    id: str
    title: str
    event_date: str
    version: str
    language: str
    marking: str
    disclaimer: str
    documents: tuple[SourceDocument, ...] = ()
    credits: tuple[Credit, ...] = ()
    content_hash: str = ""
    provenance: tuple[Provenance, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "event_date": self.event_date,
            "version": self.version,
            "language": self.language,
            "content_hash": self.content_hash,
        }
