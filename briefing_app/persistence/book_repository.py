"""Composed briefing books in the user database. One committed transaction per method."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from briefing_app.domain.books import Book, BookError, BookPart, PartKind
from briefing_app.persistence.bookmark_repository import now_iso
from briefing_app.persistence.engine import make_sessionmaker
from briefing_app.persistence.user_schema import BookPartRow, BookRow


def _to_book(row: BookRow) -> Book:
    return Book(
        name=row.name,
        parts=tuple(BookPart(PartKind(p.kind), p.ref, p.title, p.text, p.item_id, p.quote, p.colour)
                    for p in row.parts),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _part_rows(parts: Sequence[BookPart]) -> list[BookPartRow]:
    return [BookPartRow(position=i, kind=p.kind.value, ref=p.ref, title=p.title, text=p.text, item_id=p.item_id,
                        quote=p.quote, colour=p.colour)
            for i, p in enumerate(parts)]


class BookRepository:
    """Books share the user database (and its engine) with the bookmarks."""

    def __init__(self, engine: Engine) -> None:
        self._sessions: sessionmaker[Session] = make_sessionmaker(engine)

    def _row(self, s: Session, name: str) -> BookRow:
        row = s.scalars(select(BookRow).where(BookRow.name == name)).one_or_none()
        if row is None:
            raise BookError(f"no book named {name!r}; `briefing-app book list` shows the books")
        return row

    def _taken(self, s: Session, name: str, other_than: str | None = None) -> bool:
        names = s.scalars(select(BookRow.name)).all()
        return any(n.casefold() == name.casefold() and n != other_than for n in names)

    def list(self) -> list[Book]:
        with self._sessions() as s:
            return [_to_book(r) for r in s.scalars(select(BookRow).order_by(BookRow.name))]

    def get(self, name: str) -> Book:
        with self._sessions() as s:
            return _to_book(self._row(s, name))

    def find(self, name: str) -> Book | None:
        with self._sessions() as s:
            row = s.scalars(select(BookRow).where(BookRow.name == name)).one_or_none()
            return _to_book(row) if row is not None else None

    def create(self, book: Book) -> Book:
        """Store a new book (its parts too); raises :class:`BookError` if the name is taken."""
        with self._sessions.begin() as s:
            if self._taken(s, book.name):
                raise BookError(f"there is already a book named {book.name!r}")
            stamp = now_iso()
            row = BookRow(name=book.name, created_at=book.created_at or stamp, updated_at=book.updated_at or stamp)
            row.parts = _part_rows(book.parts)
            s.add(row)
            s.flush()
            return _to_book(row)

    def rename(self, name: str, new_name: str) -> Book:
        with self._sessions.begin() as s:
            row = self._row(s, name)
            if self._taken(s, new_name, other_than=name):
                raise BookError(f"there is already a book named {new_name!r}")
            row.name = new_name
            row.updated_at = now_iso()
            s.flush()
            return _to_book(row)

    def set_parts(self, name: str, parts: Sequence[BookPart]) -> Book:
        with self._sessions.begin() as s:
            row = self._row(s, name)
            row.parts.clear()
            s.flush()
            row.parts.extend(_part_rows(parts))
            row.updated_at = now_iso()
            s.flush()
            return _to_book(row)

    def delete(self, name: str) -> Book:
        """Remove a book; returns it whole, so that it can be put back (undo)."""
        with self._sessions.begin() as s:
            row = self._row(s, name)
            book = _to_book(row)
            s.delete(row)
            return book
