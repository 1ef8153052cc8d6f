"""What changed between two versions of a pack: items added, removed and changed field by field, and first of
all the reader's own bookmarks that the change touches. Used by ``pack diff``, by the install notice, by the
window's digest and by the digest sheet (reports/pack_digest.py)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing_app.domain.items import Item


@dataclass(frozen=True)
class FieldChange:
    field: str  # 'title', 'summary', 'body', 'attrs.<name>', 'sources', 'links', 'keywords'
    old: str
    new: str

    def to_json(self) -> dict[str, str]:
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class ItemChange:
    id: str
    kind: str
    title: str
    fields: tuple[FieldChange, ...]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "title": self.title, "fields": [f.to_json() for f in self.fields]}


@dataclass(frozen=True)
class ItemRow:
    id: str
    kind: str
    title: str

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "kind": self.kind, "title": self.title}


@dataclass(frozen=True)
class TouchedBookmark:
    id: str
    title: str
    how: str  # 'removed' or 'changed'
    note: str
    fields: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "how": self.how, "note": self.note, "fields": list(self.fields)}


@dataclass(frozen=True)
class TouchedHighlight:
    item_id: str
    title: str
    quote: str
    how: str  # 'removed' (the item is gone), 'text changed' (the quote is no longer in it), 'item changed'
    note: str

    def to_json(self) -> dict[str, str]:
        return {"item_id": self.item_id, "title": self.title, "quote": self.quote, "how": self.how,
                "note": self.note}


@dataclass(frozen=True)
class PackDiff:
    pack_id: str
    old_version: str
    new_version: str
    added: tuple[ItemRow, ...]
    removed: tuple[ItemRow, ...]
    changed: tuple[ItemChange, ...]
    bookmarks: tuple[TouchedBookmark, ...] = field(default=())
    highlights: tuple[TouchedHighlight, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def summary(self) -> str:
        return (f"{self.pack_id} {self.old_version} -> {self.new_version}: {len(self.added)} added, "
                f"{len(self.removed)} removed, {len(self.changed)} changed; "
                f"{len(self.bookmarks)} of your bookmarks and {len(self.highlights)} of your highlights touched")

    def to_json(self) -> dict[str, Any]:
        return {
            "pack": self.pack_id, "old_version": self.old_version, "new_version": self.new_version,
            "bookmarks_touched": [b.to_json() for b in self.bookmarks],
            "highlights_touched": [h.to_json() for h in self.highlights],
            "added": [r.to_json() for r in self.added], "removed": [r.to_json() for r in self.removed],
            "changed": [c.to_json() for c in self.changed],
        }

    def text(self) -> str:
        lines = [self.summary()]
        if self.bookmarks:
            lines.append("Your bookmarks:")
            for b in self.bookmarks:
                what = "removed from the pack" if b.how == "removed" else "changed: " + ", ".join(b.fields)
                lines.append(f"  * {b.title} ({b.id}): {what}" + (f"  [your note: {b.note}]" if b.note else ""))
        if self.highlights:
            lines.append("Your highlights:")
            for h in self.highlights:
                lines.append(f"  * “{h.quote}” in {h.title} ({h.item_id}): {h.how}"
                             + (f"  [your note: {h.note}]" if h.note else ""))
        for label, rows in (("Added", self.added), ("Removed", self.removed)):
            if rows:
                lines.append(f"{label}:")
                lines += [f"  {r.kind:12} {r.id:45} {r.title}" for r in rows]
        if self.changed:
            lines.append("Changed:")
            for change in self.changed:
                lines.append(f"  {change.title} ({change.id})")
                for f in change.fields:
                    lines.append(f"    {f.field}:\n      old: {f.old or '(none)'}\n      new: {f.new or '(none)'}")
        return "\n".join(lines)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _fields(item: Item) -> dict[str, str]:
    out = {"title": item.title, "summary": item.summary, "body": item.body}
    for key, value in item.attrs.items():
        out[f"attrs.{key}"] = _text(value)
    out["sources"] = "; ".join(
        " ".join(p for p in (s.reference(), s.url or "", s.note or "") if p) for s in item.sources)
    out["links"] = "; ".join(sorted(f"{link.rel} {link.target}" for link in item.links))
    out["keywords"] = ", ".join(item.keywords)
    return out


def diff_items(old: list[Item] | tuple[Item, ...], new: list[Item] | tuple[Item, ...]) -> tuple[
        tuple[ItemRow, ...], tuple[ItemRow, ...], tuple[ItemChange, ...]]:
    old_by = {i.id: i for i in old}
    new_by = {i.id: i for i in new}
    added = tuple(ItemRow(i.id, i.kind.value, i.title) for i in new if i.id not in old_by)
    removed = tuple(ItemRow(i.id, i.kind.value, i.title) for i in old if i.id not in new_by)
    changed: list[ItemChange] = []
    for item in new:
        before = old_by.get(item.id)
        if before is None:
            continue
        a, b = _fields(before), _fields(item)
        fields = tuple(FieldChange(k, a.get(k, ""), b.get(k, "")) for k in dict.fromkeys([*a, *b])
                       if a.get(k, "") != b.get(k, ""))
        if fields:
            changed.append(ItemChange(item.id, item.kind.value, item.title, fields))
    return added, removed, tuple(changed)


def diff_folders(old_dir: Path, new_dir: Path, bookmarks: Mapping[str, str] | None = None,
                 highlights: Sequence[tuple[str, str, str]] = ()) -> PackDiff:
    """Compare two pack folders (both loaded and validated); ``bookmarks``: item id -> the reader's note;
    ``highlights``: (item id, quote, note) of each of the reader's highlights."""
    from briefing_app.content.loader import load_pack

    old, new = load_pack(old_dir), load_pack(new_dir)
    added, removed, changed = diff_items(old.items, new.items)
    marks = bookmarks or {}
    touched: list[TouchedBookmark] = []
    for row in removed:
        if row.id in marks:
            touched.append(TouchedBookmark(row.id, row.title, "removed", marks[row.id]))
    for change in changed:
        if change.id in marks:
            touched.append(TouchedBookmark(change.id, change.title, "changed", marks[change.id],
                                           tuple(f.field for f in change.fields)))
    new_by = {i.id: i for i in new.items}
    old_by = {i.id: i for i in old.items}
    changed_ids = {c.id for c in changed}
    marked: list[TouchedHighlight] = []
    for item_id, quote, note in highlights:
        if item_id not in old_by:
            continue  # not an item of the old version: this change does not touch it
        item = new_by.get(item_id)
        title = item.title if item else old_by[item_id].title
        if item is None:
            marked.append(TouchedHighlight(item_id, title, quote, "removed", note))
        elif quote not in "\n".join((item.title, item.summary, item.body)):
            marked.append(TouchedHighlight(item_id, title, quote, "text changed", note))
        elif item_id in changed_ids:
            marked.append(TouchedHighlight(item_id, title, quote, "item changed", note))
    return PackDiff(new.info.id, old.info.version, new.info.version, added, removed, changed, tuple(touched),
                    tuple(marked))
