"""Highlights in the user database, on the bookmarks' engine (WAL, synchronous=FULL, BEGIN IMMEDIATE).

One committed transaction per method: when it returns, the change is on disk.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Sequence
from dataclasses import replace

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from briefing_app.domain.bookmarks import MAX_NOTE_CHARS, merged_note, normalise_tags
from briefing_app.domain.highlights import Highlight, HighlightColour
from briefing_app.persistence.bookmark_repository import now_iso
from briefing_app.persistence.engine import make_sessionmaker
from briefing_app.persistence.user_schema import HighlightRow, HighlightTagRow


def _colour(text: str) -> HighlightColour:
    try:
        return HighlightColour(text)
    except ValueError:  # a colour of a newer version: shown in the first colour, kept as stored
        return HighlightColour.YELLOW


def _to_highlight(row: HighlightRow) -> Highlight:
    return Highlight(
        highlight_id=row.highlight_id, item_id=row.item_id, quote=row.quote, prefix=row.prefix, suffix=row.suffix,
        start=row.start_offset, end=row.end_offset, colour=_colour(row.colour), note=row.note,
        tags=tuple(t.tag for t in row.tags), item_title=row.item_title, item_kind=row.item_kind,
        created_at=row.created_at, updated_at=row.updated_at, position=row.position,
    )


def _new_row(highlight: Highlight) -> HighlightRow:
    stamp = now_iso()
    row = HighlightRow(
        highlight_id=highlight.highlight_id, item_id=highlight.item_id, quote=highlight.quote,
        prefix=highlight.prefix, suffix=highlight.suffix, start_offset=highlight.start, end_offset=highlight.end,
        colour=highlight.colour.value, note=highlight.note[:MAX_NOTE_CHARS], item_title=highlight.item_title,
        item_kind=highlight.item_kind, created_at=highlight.created_at or stamp,
        updated_at=highlight.updated_at or stamp, position=highlight.position,
    )
    row.tags = [HighlightTagRow(tag=t) for t in normalise_tags(highlight.tags)]
    return row


class HighlightRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sessions: sessionmaker[Session] = make_sessionmaker(engine)

    def _row(self, s: Session, highlight_id: str) -> HighlightRow | None:
        return s.scalars(select(HighlightRow).where(HighlightRow.highlight_id == highlight_id)).one_or_none()

    def get(self, highlight_id: str) -> Highlight | None:
        with self._sessions.begin() as s:
            row = self._row(s, highlight_id)
            return _to_highlight(row) if row else None

    def list(self, item_id: str | None = None, tag: str | None = None) -> builtins.list[Highlight]:
        """Highlights in the user's order; only those of ``item_id`` / carrying ``tag`` when given."""
        stmt = select(HighlightRow).order_by(HighlightRow.position, HighlightRow.row_id)
        if item_id is not None:
            stmt = stmt.where(HighlightRow.item_id == item_id)
        if tag is not None:
            stmt = stmt.where(HighlightRow.row_id.in_(
                select(HighlightTagRow.highlight_row).where(func.lower(HighlightTagRow.tag) == tag.strip().lower())
            ))
        with self._sessions.begin() as s:
            return [_to_highlight(row) for row in s.scalars(stmt)]

    def item_ids(self) -> set[str]:
        with self._sessions.begin() as s:
            return set(s.scalars(select(HighlightRow.item_id)))

    def tags(self) -> dict[str, int]:
        with self._sessions.begin() as s:
            rows = s.execute(select(HighlightTagRow.tag, func.count()).group_by(HighlightTagRow.tag)).all()
        return {tag: count for tag, count in sorted(rows)}

    def add(self, highlight: Highlight) -> Highlight:
        """Store a new highlight at the end of the user's order."""
        with self._sessions.begin() as s:
            top = s.scalar(select(func.max(HighlightRow.position))) or 0
            row = _new_row(replace(highlight, position=top + 1, created_at="", updated_at=""))
            s.add(row)
            s.flush()
            return _to_highlight(row)

    def update(
        self, highlight_id: str, *, note: str | None = None, colour: HighlightColour | None = None,
        tags: Iterable[str] | None = None,
    ) -> Highlight | None:
        """Change the note, colour and/or tags in one transaction; None if there is no such highlight."""
        with self._sessions.begin() as s:
            row = self._row(s, highlight_id)
            if row is None:
                return None
            changed = False
            if note is not None and note[:MAX_NOTE_CHARS] != row.note:
                row.note, changed = note[:MAX_NOTE_CHARS], True
            if colour is not None and colour.value != row.colour:
                row.colour, changed = colour.value, True
            if tags is not None:
                clean = normalise_tags(tags)
                if clean != tuple(t.tag for t in row.tags):
                    self._replace_tags(s, row, clean)
                    changed = True
            if changed:
                row.updated_at = now_iso()
            return _to_highlight(row)

    def remove(self, highlight_id: str) -> Highlight | None:
        """Remove a highlight; return it as it was (for undo), or None if there was none."""
        with self._sessions.begin() as s:
            row = self._row(s, highlight_id)
            if row is None:
                return None
            snapshot = _to_highlight(row)
            s.delete(row)
            return snapshot

    def restore(self, highlight: Highlight) -> Highlight:
        """Put back a highlight exactly as it was (undo of a removal)."""
        with self._sessions.begin() as s:
            existing = self._row(s, highlight.highlight_id)
            if existing is not None:
                s.delete(existing)
                s.flush()
            row = _new_row(highlight)
            s.add(row)
            s.flush()
            return _to_highlight(row)

    def reorder(self, highlight_ids: Sequence[str]) -> None:
        """The given highlights first, in that order; the rest keep their relative order after them."""
        with self._sessions.begin() as s:
            rows = builtins.list(s.scalars(select(HighlightRow).order_by(HighlightRow.position, HighlightRow.row_id)))
            rank = {hid: i for i, hid in enumerate(highlight_ids)}
            rows.sort(key=lambda r: (rank.get(r.highlight_id, len(rank)), r.position, r.row_id))
            for position, row in enumerate(rows, start=1):
                row.position = position

    def refresh_titles(self, current: dict[str, tuple[str, str]]) -> int:
        """Carry current item kinds and titles (id -> kind, title) into the highlights of those items."""
        changed = 0
        with self._sessions.begin() as s:
            for row in s.scalars(select(HighlightRow)):
                found = current.get(row.item_id)
                if found and (row.item_kind, row.item_title) != found:
                    row.item_kind, row.item_title = found
                    changed += 1
        return changed

    def merge_import(self, incoming: Sequence[Highlight]) -> tuple[int, int, int]:
        """Merge imported highlights by id in ONE transaction (all or nothing); returns (added, merged, unchanged).

        A highlight already here keeps its quote, place and colour and gains the imported tags and note.
        """
        added = merged = unchanged = 0
        with self._sessions.begin() as s:
            top = s.scalar(select(func.max(HighlightRow.position))) or 0
            for highlight in incoming:
                row = self._row(s, highlight.highlight_id)
                if row is None:
                    top += 1
                    s.add(_new_row(replace(highlight, position=top)))
                    s.flush()
                    added += 1
                    continue
                note = merged_note(row.note, highlight.note)
                tags = normalise_tags([*(t.tag for t in row.tags), *highlight.tags])
                if note == row.note and tags == tuple(t.tag for t in row.tags):
                    unchanged += 1
                    continue
                if len(note) <= MAX_NOTE_CHARS:
                    row.note = note
                self._replace_tags(s, row, tags)
                row.updated_at = now_iso()
                merged += 1
        return added, merged, unchanged

    def _replace_tags(self, s: Session, row: HighlightRow, tags: Sequence[str]) -> None:
        s.execute(delete(HighlightTagRow).where(HighlightTagRow.highlight_row == row.row_id))
        s.expire(row, ["tags"])
        for tag in tags:
            s.add(HighlightTagRow(highlight_row=row.row_id, tag=tag))
        s.flush()
        s.refresh(row, ["tags"])
