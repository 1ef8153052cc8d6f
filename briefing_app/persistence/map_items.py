"""Lean reads for readers that need a few attributes and one kind of link per item (the corridors map).

A large pack has thousands of nodes and corridors: loading them whole decodes every attribute, keyword and
alias and reads every link, when the map needs the coordinates, the route and where a node lies. Here SQLite
picks the named attributes out of the JSON (``json_extract``) and only the named relations are read, through
the driver's own cursor: thousands of rows pass through no result-row objects.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from briefing_app.domain.items import Item, ItemKind, Link

_KINDS = {kind.value: kind for kind in ItemKind}


def _attrs_sql(keys: Sequence[str]) -> str:
    """A JSON object of just ``keys`` of the attributes (arrays and objects stay JSON inside it); json_patch onto
    an empty object leaves out the attributes that are absent (null)."""
    args = []
    for key in keys:
        if not key.replace("_", "").isalnum():
            raise ValueError(f"not an attribute name: {key!r}")
        args.append(f"'{key}', json_extract(attrs, '$.\"{key}\"')")
    return f"json_patch('{{}}', json_object({', '.join(args)}))"


def load_map_items(conn: Connection, kind: ItemKind | str, attrs: Sequence[str], rels: Sequence[str] = (),
                   *, summary: bool = False) -> list[Item]:
    """The items of ``kind`` in pack order with only the attributes ``attrs`` (an attribute that is absent or
    null is left out), the links whose relation is in ``rels``, and the summary only if ``summary``; no body,
    sources, keywords or aliases. Otherwise as :meth:`ContentRepository.items` gives them."""
    kind_text = str(kind)
    cursor: Any = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        rows = cursor.execute(
            f"SELECT row_id, id, title, {'summary' if summary else chr(39) * 2}, {_attrs_sql(attrs)}, position "
            "FROM items WHERE kind = ? ORDER BY position",
            (kind_text,),
        ).fetchall()
        if not rows:
            return []
        links: dict[int, list[Link]] = {}
        if rels:
            marks = ", ".join("?" for _rel in rels)
            for item_row, rel, target, label in cursor.execute(
                "SELECT links.item_row, links.rel, links.target_id, links.label FROM links "
                "JOIN items ON items.row_id = links.item_row "
                f"WHERE items.kind = ? AND links.rel IN ({marks}) ORDER BY links.item_row, links.seq",
                (kind_text, *rels),
            ).fetchall():
                links.setdefault(item_row, []).append(Link(rel=rel, target=target, label=label))
    finally:
        cursor.close()
    decoded = json.loads("[" + ",".join(row[4] for row in rows) + "]")
    item_kind = _KINDS[kind_text]
    return [
        Item(
            id=item_id,
            kind=item_kind,
            title=title,
            summary=text or "",
            attrs=decoded[n],
            links=tuple(links.get(row_id, ())),
            position=position,
        )
        for n, (row_id, item_id, title, text, _attrs, position) in enumerate(rows)
    ]
