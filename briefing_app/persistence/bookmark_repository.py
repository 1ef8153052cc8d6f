"""Bookmarks in the user database. One committed transaction per method: when it returns, it is on disk."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from briefing_app.domain.bookmarks import MAX_NOTE_CHARS, Bookmark, normalise_tags
from briefing_app.persistence.engine import make_engine, make_sessionmaker
from briefing_app.persistence.user_schema import BookmarkRow, BookmarkTagRow


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _to_bookmark(row: BookmarkRow) -> Bookmark:
    return Bookmark(
        item_id=row.item_id,
        kind=row.kind,
        title=row.title,
        note=row.note,
        tags=tuple(t.tag for t in row.tags),
        created_at=row.created_at,
        updated_at=row.updated_at,
        position=row.position,
        anchor_text=row.anchor_text or "",
    )


def _new_row(bookmark: Bookmark) -> BookmarkRow:
    row = BookmarkRow(
        item_id=bookmark.item_id, kind=bookmark.kind, title=bookmark.title, note=bookmark.note,
        created_at=bookmark.created_at or now_iso(), updated_at=bookmark.updated_at or now_iso(),
        position=bookmark.position, anchor_text=bookmark.anchor_text,
    )
    row.tags = [BookmarkTagRow(tag=t) for t in normalise_tags(bookmark.tags)]
    return row


class BookmarkRepository:
    def __init__(self, path: Path, engine: Engine | None = None, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._engine = engine or make_engine(path, immediate=not read_only, read_only=read_only)
        self._sessions: sessionmaker[Session] = make_sessionmaker(self._engine)

    @property
    def engine(self) -> Engine:
        return self._engine

    def close(self) -> None:
        self._engine.dispose()

    def _row(self, s: Session, item_id: str) -> BookmarkRow | None:
        return s.scalars(select(BookmarkRow).where(BookmarkRow.item_id == item_id)).one_or_none()

    def get(self, item_id: str) -> Bookmark | None:
        with self._sessions.begin() as s:
            row = self._row(s, item_id)
            return _to_bookmark(row) if row else None

    def ids(self) -> set[str]:
        with self._sessions.begin() as s:
            return set(s.scalars(select(BookmarkRow.item_id)))

    def list(self, tag: str | None = None) -> list[Bookmark]:
        """Bookmarks in the user's order; with ``tag``, only those carrying it (case-insensitive)."""
        stmt = select(BookmarkRow).order_by(BookmarkRow.position, BookmarkRow.row_id)
        if tag is not None:
            stmt = stmt.where(
                BookmarkRow.row_id.in_(
                    select(BookmarkTagRow.bookmark_row).where(func.lower(BookmarkTagRow.tag) == tag.strip().lower())
                )
            )
        with self._sessions.begin() as s:
            return [_to_bookmark(row) for row in s.scalars(stmt)]

    def tags(self) -> dict[str, int]:
        with self._sessions.begin() as s:
            rows = s.execute(
                select(BookmarkTagRow.tag, func.count()).group_by(BookmarkTagRow.tag).order_by(BookmarkTagRow.tag)
            ).all()
        return {tag: count for tag, count in rows}

    def add(self, item_id: str, kind: str, title: str, note: str = "", tags: Iterable[str] = (),
            anchor_text: str = "") -> Bookmark:
        """Star an item. Starring it again keeps the bookmark and merges the given note and tags into it.

        ``anchor_text`` is the text of a paragraph being bookmarked (kept with a new bookmark only).
        """
        stamp = now_iso()
        with self._sessions.begin() as s:
            row = self._row(s, item_id)
            if row is None:
                top = s.scalar(select(func.max(BookmarkRow.position))) or 0
                row = BookmarkRow(
                    item_id=item_id, kind=kind, title=title, note=note[:MAX_NOTE_CHARS],
                    created_at=stamp, updated_at=stamp, position=top + 1, anchor_text=anchor_text,
                )
                row.tags = [BookmarkTagRow(tag=t) for t in normalise_tags(tags)]
                s.add(row)
            else:
                changed = False
                if note.strip() and note.strip() not in row.note:
                    row.note = (f"{row.note}\n\n{note}" if row.note else note)[:MAX_NOTE_CHARS]
                    changed = True
                merged = normalise_tags([*(t.tag for t in row.tags), *tags])
                if merged != tuple(t.tag for t in row.tags):
                    row.tags = [BookmarkTagRow(tag=t) for t in merged]
                    changed = True
                if changed:
                    row.updated_at = stamp
            s.flush()
            return _to_bookmark(row)

    def restore(self, bookmark: Bookmark) -> Bookmark:
        """Put back a bookmark exactly as it was (undo of a removal); replaces any bookmark of the same item."""
        with self._sessions.begin() as s:
            return _to_bookmark(self._put(s, bookmark))

    def remove(self, item_id: str) -> Bookmark | None:
        """Remove a bookmark; return it as it was (for undo), or None if there was none."""
        with self._sessions.begin() as s:
            row = self._row(s, item_id)
            if row is None:
                return None
            snapshot = _to_bookmark(row)
            s.delete(row)
            return snapshot

    def remove_many(self, item_ids: Sequence[str]) -> builtins.list[Bookmark]:
        """Remove several bookmarks in one transaction; return those that existed, as they were."""
        removed: builtins.list[Bookmark] = []
        with self._sessions.begin() as s:
            for item_id in dict.fromkeys(item_ids):
                row = self._row(s, item_id)
                if row is not None:
                    removed.append(_to_bookmark(row))
                    s.delete(row)
        return removed

    def restore_many(self, bookmarks: Sequence[Bookmark]) -> builtins.list[Bookmark]:
        """Put back several bookmarks exactly as they were, in one transaction (undo of a removal)."""
        with self._sessions.begin() as s:
            restored = [self._put(s, b) for b in bookmarks]
            return [_to_bookmark(row) for row in restored]

    def merge_import(self, incoming: Sequence[Bookmark]) -> tuple[int, int, int]:
        """Merge imported bookmarks by item id in ONE transaction: all of them, or (on any error) none.

        New ones are appended to the user's order with their own times; existing ones gain the imported
        tags and keep both notes (:meth:`Bookmark.merged_with`). Returns (added, merged, unchanged).
        """
        added = merged = unchanged = 0
        stamp = now_iso()
        with self._sessions.begin() as s:
            top = s.scalar(select(func.max(BookmarkRow.position))) or 0
            ids = [b.item_id for b in incoming]
            rows: dict[str, BookmarkRow] = {}
            for start in range(0, len(ids), 500):
                found = s.scalars(select(BookmarkRow).where(BookmarkRow.item_id.in_(ids[start:start + 500])))
                rows.update({r.item_id: r for r in found})
            for bookmark in incoming:
                row = rows.get(bookmark.item_id)
                if row is None:
                    top += 1
                    s.add(_new_row(replace(bookmark, position=top)))
                    added += 1
                    continue
                existing = _to_bookmark(row)
                result = existing.merged_with(bookmark)
                if result == existing:
                    unchanged += 1
                    continue
                row.note = result.note
                if result.tags != existing.tags:
                    self._replace_tags(s, row, result.tags)
                row.updated_at = stamp
                merged += 1
        return added, merged, unchanged

    def _put(self, s: Session, bookmark: Bookmark) -> BookmarkRow:
        existing = self._row(s, bookmark.item_id)
        if existing is not None:
            s.delete(existing)
            s.flush()
        row = _new_row(bookmark)
        s.add(row)
        s.flush()
        return row

    def _replace_tags(self, s: Session, row: BookmarkRow, tags: Sequence[str]) -> None:
        s.execute(delete(BookmarkTagRow).where(BookmarkTagRow.bookmark_row == row.row_id))
        s.expire(row, ["tags"])
        for tag in tags:
            s.add(BookmarkTagRow(bookmark_row=row.row_id, tag=tag))
        s.flush()
        s.refresh(row, ["tags"])

    def set_note(self, item_id: str, note: str) -> Bookmark | None:
        with self._sessions.begin() as s:
            row = self._row(s, item_id)
            if row is None:
                return None
            note = note[:MAX_NOTE_CHARS]
            if note != row.note:
                row.note = note
                row.updated_at = now_iso()
            return _to_bookmark(row)

    def set_tags(self, item_id: str, tags: Iterable[str]) -> Bookmark | None:
        with self._sessions.begin() as s:
            row = self._row(s, item_id)
            if row is None:
                return None
            clean = normalise_tags(tags)
            if clean != tuple(t.tag for t in row.tags):
                self._replace_tags(s, row, clean)
                row.updated_at = now_iso()
            return _to_bookmark(row)

    def set_note_and_tags(self, item_id: str, note: str, tags: Iterable[str]) -> Bookmark | None:
        """Both at once, in one transaction (what the bookmark editor saves)."""
        with self._sessions.begin() as s:
            row = self._row(s, item_id)
            if row is None:
                return None
            note, clean = note[:MAX_NOTE_CHARS], normalise_tags(tags)
            changed = note != row.note
            row.note = note
            if clean != tuple(t.tag for t in row.tags):
                self._replace_tags(s, row, clean)
                changed = True
            if changed:
                row.updated_at = now_iso()
            return _to_bookmark(row)

    def refresh_titles(self, current: dict[str, tuple[str, str]]) -> int:
        """Update the last known title and kind of bookmarks whose items are in ``current`` (id -> kind, title)."""
        changed = 0
        with self._sessions.begin() as s:
            for row in s.scalars(select(BookmarkRow)):
                found = current.get(row.item_id)
                if found and (row.kind, row.title) != found:
                    row.kind, row.title = found
                    changed += 1
        return changed

    def set_anchor(self, item_id: str, anchor_text: str) -> None:
        """Record the text a paragraph bookmark is on (for bookmarks made before texts were kept)."""
        with self._sessions.begin() as s:
            row = self._row(s, item_id)
            if row is not None:
                row.anchor_text = anchor_text

    def retarget_many(self, moves: Sequence[tuple[str, str, str, str]]) -> int:
        """Move bookmarks to other items in ONE transaction: each ``(item id, new item id, title, anchor text)``,
        keeping notes, tags, times and places in the order. The new ids may be those of bookmarks that move
        themselves (paragraphs shifting by one); a new id held by a bookmark that stays is skipped. Returns how
        many moved."""
        with self._sessions.begin() as s:
            rows = {old: self._row(s, old) for old, *_ in moves}
            leaving = {old for old, row in rows.items() if row is not None}
            held = set(s.scalars(select(BookmarkRow.item_id))) - leaving
            plan = [(rows[old], new, title, anchor) for old, new, title, anchor in moves
                    if rows[old] is not None and new not in held]
            for number, (row, *_) in enumerate(plan):
                assert row is not None
                row.item_id = f"~moving:{number}"  # free every id first: moves may swap or shift ids
            s.flush()
            for row, new, title, anchor in plan:
                assert row is not None
                row.item_id, row.title, row.anchor_text = new, title, anchor
            return len(plan)

    def reorder(self, item_ids: Sequence[str]) -> None:
        """Set the user's order: the given ids first, in that order; the rest keep their relative order after."""
        with self._sessions.begin() as s:
            rows = list(s.scalars(select(BookmarkRow).order_by(BookmarkRow.position, BookmarkRow.row_id)))
            rank = {item_id: i for i, item_id in enumerate(item_ids)}
            rows.sort(key=lambda r: (rank.get(r.item_id, len(rank)), r.position, r.row_id))
            for position, row in enumerate(rows, start=1):
                row.position = position

    def integrity(self) -> str:
        with self._engine.connect() as conn:
            return str(conn.exec_driver_sql("PRAGMA integrity_check").scalar())
