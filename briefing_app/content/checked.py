"""One validated item of a pack, in the form the loader's later steps need and the parse cache keeps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Checked:
    """One item that passed validation, as the later steps need it (and as the parse cache keeps it).

    ``sources``: (paragraph, quote, citation as shown, url, note as shown); ``links``: (rel, to, label);
    ``routes``: a corridor's route and its alternate routes (none for other kinds); ``aliases``: the item's own
    aliases, then its attrs' ``also_known_as``.
    """

    id: str
    kind: str
    title: str
    summary: str
    body: str
    attrs: dict[str, Any]
    sources: tuple[tuple[int | None, str | None, str | None, str | None, str | None], ...]
    links: tuple[tuple[str, str, str | None], ...]
    keywords: tuple[str, ...]
    routes: tuple[tuple[str, ...], ...]
    aliases: tuple[str, ...]

    def to_tuple(self) -> tuple[Any, ...]:
        """The fields in order, for sending to another process (``Checked(*row)`` makes the item again)."""
        return (self.id, self.kind, self.title, self.summary, self.body, self.attrs, self.sources, self.links,
                self.keywords, self.routes, self.aliases)

    def to_json(self) -> list[Any]:
        return [self.id, self.kind, self.title, self.summary, self.body, self.attrs, self.sources, self.links,
                self.keywords, self.routes, self.aliases]

    @classmethod
    def from_json(cls, row: list[Any]) -> Checked:
        (id_, kind, title, summary, body, attrs, sources, links, keywords, routes, aliases) = row
        return cls(id_, kind, title, summary, body, attrs, tuple(tuple(s) for s in sources),
                   tuple(tuple(link) for link in links), tuple(keywords), tuple(tuple(r) for r in routes),
                   tuple(aliases))
