"""Tables of the user database. Their history is in the Alembic migrations under ``db/versions``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UserBase(DeclarativeBase):
    pass


def _tags_of(owner: str, tag_row: str) -> Any:
    """A row's tags (bookmark or highlight): loaded with it, in tag order, deleted with it."""
    return relationship(back_populates=owner, cascade="all, delete-orphan", lazy="selectin", order_by=f"{tag_row}.tag")


class _Tag:
    """The tag column of a tag table (one row per tag of a bookmark or highlight)."""

    tag: Mapped[str] = mapped_column(String, primary_key=True, index=True)


class BookmarkRow(UserBase):
    __tablename__ = "bookmarks"

    row_id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[str] = mapped_column(String, unique=True)
    kind: Mapped[str] = mapped_column(String)
    title: Mapped[str] = mapped_column(Text)  # last known title, kept if the item leaves the briefing
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[str] = mapped_column(String)
    updated_at: Mapped[str] = mapped_column(String)
    position: Mapped[int] = mapped_column(default=0)  # the user's order, used when printing bookmarks
    #: for a paragraph: the text it was bookmarked on, so the bookmark follows it when the pack changes
    anchor_text: Mapped[str] = mapped_column(Text, default="", server_default="")

    tags: Mapped[list[BookmarkTagRow]] = _tags_of("bookmark", "BookmarkTagRow")


class BookmarkTagRow(_Tag, UserBase):
    __tablename__ = "bookmark_tags"

    bookmark_row: Mapped[int] = mapped_column(
        ForeignKey("bookmarks.row_id", ondelete="CASCADE"), primary_key=True
    )

    bookmark: Mapped[BookmarkRow] = relationship(back_populates="tags")


class BookRow(UserBase):
    __tablename__ = "books"

    row_id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    created_at: Mapped[str] = mapped_column(String)
    updated_at: Mapped[str] = mapped_column(String)

    parts: Mapped[list[BookPartRow]] = relationship(
        back_populates="book", cascade="all, delete-orphan", lazy="selectin", order_by="BookPartRow.position"
    )


class BookPartRow(UserBase):
    __tablename__ = "book_parts"

    book_row: Mapped[int] = mapped_column(ForeignKey("books.row_id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String)
    ref: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    # a highlight part (migration 0008): its item, its quote and colour as chosen
    item_id: Mapped[str] = mapped_column(Text, default="", server_default="")
    quote: Mapped[str] = mapped_column(Text, default="", server_default="")
    colour: Mapped[str] = mapped_column(String, default="", server_default="")

    book: Mapped[BookRow] = relationship(back_populates="parts")


class HighlightRow(UserBase):
    """A marked passage of an item's text (see :mod:`briefing_app.domain.highlights`); migration 0004."""

    __tablename__ = "highlights"

    row_id: Mapped[int] = mapped_column(primary_key=True)
    highlight_id: Mapped[str] = mapped_column(String, unique=True)
    item_id: Mapped[str] = mapped_column(String, index=True)
    quote: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    start_offset: Mapped[int] = mapped_column(default=0)
    end_offset: Mapped[int] = mapped_column(default=0)
    colour: Mapped[str] = mapped_column(String, default="yellow")
    note: Mapped[str] = mapped_column(Text, default="")
    item_title: Mapped[str] = mapped_column(Text, default="")
    item_kind: Mapped[str] = mapped_column(String, default="")
    created_at: Mapped[str] = mapped_column(String)
    updated_at: Mapped[str] = mapped_column(String)
    position: Mapped[int] = mapped_column(default=0)

    tags: Mapped[list[HighlightTagRow]] = _tags_of("highlight", "HighlightTagRow")


class HighlightTagRow(_Tag, UserBase):
    __tablename__ = "highlight_tags"

    highlight_row: Mapped[int] = mapped_column(
        ForeignKey("highlights.row_id", ondelete="CASCADE"), primary_key=True
    )

    highlight: Mapped[HighlightRow] = relationship(back_populates="tags")


# --- a team (issue 21): only used once the user connects to a team server; see services/team_sync.py ---------------


class TeamStateRow(UserBase):
    """Key/value state of the team link: url (no password), me, client_id, last_seq, synced_at."""

    __tablename__ = "team_state"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class TeamSharedRow(UserBase):
    """A bookmark (key: its item id) or highlight (``highlight:ID``) the user shares (the shared flag): its mark
    id and the state last put in the outbox."""

    __tablename__ = "team_shared"

    item_id: Mapped[str] = mapped_column(String, primary_key=True)
    mark_id: Mapped[str] = mapped_column(String, unique=True)
    created_at: Mapped[str] = mapped_column(String)  # which bookmark of item_id (a new one is not shared)
    sent: Mapped[str] = mapped_column(Text, default="")


class TeamOutboxRow(UserBase):
    """Changes to shared marks waiting for the server, oldest first; change_id makes a re-push harmless."""

    __tablename__ = "team_outbox"

    ordinal: Mapped[int] = mapped_column(primary_key=True)
    change_id: Mapped[str] = mapped_column(String, unique=True)
    mark_id: Mapped[str] = mapped_column(String)
    op: Mapped[str] = mapped_column(String)
    base_seq: Mapped[int] = mapped_column()
    payload: Mapped[str] = mapped_column(Text)


class TeamMarkRow(UserBase):
    """The team's shared marks as the server's log folds them (tombstones kept: deleted=1)."""

    __tablename__ = "team_marks"

    mark_id: Mapped[str] = mapped_column(String, primary_key=True)
    mark_kind: Mapped[str] = mapped_column(String)  # bookmark | highlight | book
    item_id: Mapped[str] = mapped_column(String, index=True)
    item_kind: Mapped[str] = mapped_column(String)
    title: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text)
    tags: Mapped[str] = mapped_column(Text)  # JSON list
    owner: Mapped[str] = mapped_column(String)
    last_author: Mapped[str] = mapped_column(String)
    deleted: Mapped[bool] = mapped_column()
    head_seq: Mapped[int] = mapped_column()
    history: Mapped[str] = mapped_column(Text)  # JSON [[seq, client_id, op], ...]
    conflicts: Mapped[str] = mapped_column(Text)  # JSON [{"author", "note", "seq"}, ...]
    body: Mapped[str] = mapped_column(Text, server_default="")  # a book's parts, JSON (0007_team_books)
