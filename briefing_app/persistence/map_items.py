"""Lean reads for readers that need a few attributes and one kind of link per item (the corridors map).

A large pack has thousands of nodes and corridors: loading them whole decodes every attribute, keyword and
alias and reads every link, when the map needs the coordinates, the route and where a node lies. Here SQLite
picks the named attributes out of the JSON (``json_extract``) and only the named relations are read.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, func, select

from briefing_app.domain.items import Item, ItemKind, Link
from briefing_app.persistence.content_schema import ItemRow, LinkRow

_KINDS = {kind.value: kind for kind in ItemKind}


def _attrs_object(keys: Sequence[str]) -> Any:
    """A JSON object of just ``keys`` of the attributes (arrays and objects stay JSON inside it)."""
    args: list[Any] = []
    for key in keys:
        if not key.replace("_", "").isalnum():
            raise ValueError(f"not an attribute name: {key!r}")
        args += [key, func.json_extract(ItemRow.attrs, f'$."{key}"')]
    # json_patch onto an empty object leaves out the attributes that are absent (null)
    return func.json_patch("{}", func.json_object(*args) if args else func.json_object())


def load_map_items(conn: Connection, kind: ItemKind | str, attrs: Sequence[str], rels: Sequence[str] = (),
                   *, summary: bool = False) -> list[Item]:
    """The items of ``kind`` in pack order with only the attributes ``attrs`` (an attribute that is absent or
    null is left out), the links whose relation is in ``rels``, and the summary only if ``summary``; no body,
    sources, keywords or aliases. Otherwise as :meth:`ContentRepository.items` gives them."""
    rows = conn.execute(
        select(ItemRow.row_id, ItemRow.id, ItemRow.title, ItemRow.summary if summary else func.char(),
               _attrs_object(attrs), ItemRow.position)
        .where(ItemRow.kind == str(kind)).order_by(ItemRow.position)
    ).all()
    if not rows:
        return []
    links: dict[int, list[Link]] = {}
    if rels:
        for item_row, rel, target, label in conn.execute(
            select(LinkRow.item_row, LinkRow.rel, LinkRow.target_id, LinkRow.label)
            .join(ItemRow, ItemRow.row_id == LinkRow.item_row)
            .where(ItemRow.kind == str(kind), LinkRow.rel.in_(list(rels)))
            .order_by(LinkRow.item_row, LinkRow.seq)
        ).all():
            links.setdefault(item_row, []).append(Link(rel=rel, target=target, label=label))
    decoded = json.loads("[" + ",".join(row[4] for row in rows) + "]")
    item_kind = _KINDS[str(kind)]
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
