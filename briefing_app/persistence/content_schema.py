"""Tables of the content database (built from a pack, never edited by the user)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

CONTENT_SCHEMA_VERSION = "3"


class ContentBase(DeclarativeBase):
    pass


class MetaRow(ContentBase):
    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ItemRow(ContentBase):
    __tablename__ = "items"

    row_id: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[str] = mapped_column(String, unique=True)
    kind: Mapped[str] = mapped_column(String, index=True)
    title: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    attrs: Mapped[str] = mapped_column(Text, default="{}")  # JSON
    keywords: Mapped[str] = mapped_column(Text, default="[]")  # JSON
    position: Mapped[int] = mapped_column(default=0)
    # Search rank multiplier: facts drawn from the address first, background next, raw paragraphs last.
    boost: Mapped[float] = mapped_column(default=1.0)

    sources: Mapped[list[SourceRow]] = relationship(
        back_populates="item", order_by="SourceRow.seq", cascade="all, delete-orphan", lazy="selectin"
    )
    links: Mapped[list[LinkRow]] = relationship(
        back_populates="item", order_by="LinkRow.seq", cascade="all, delete-orphan", lazy="selectin"
    )

    __table_args__ = (Index("ix_items_kind_position", "kind", "position"),)


class SourceRow(ContentBase):
    __tablename__ = "sources"

    row_id: Mapped[int] = mapped_column(primary_key=True)
    item_row: Mapped[int] = mapped_column(ForeignKey("items.row_id", ondelete="CASCADE"), index=True)
    seq: Mapped[int]
    paragraph: Mapped[int | None] = mapped_column(index=True)
    quote: Mapped[str | None] = mapped_column(Text)
    citation: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)

    item: Mapped[ItemRow] = relationship(back_populates="sources")


class LinkRow(ContentBase):
    __tablename__ = "links"

    row_id: Mapped[int] = mapped_column(primary_key=True)
    item_row: Mapped[int] = mapped_column(ForeignKey("items.row_id", ondelete="CASCADE"), index=True)
    seq: Mapped[int]
    rel: Mapped[str] = mapped_column(String)
    target_id: Mapped[str] = mapped_column(String, index=True)
    label: Mapped[str | None] = mapped_column(Text)

    item: Mapped[ItemRow] = relationship(back_populates="links")


FTS_DDL = (
    "CREATE VIRTUAL TABLE items_fts USING fts5("
    "title, keywords, summary, body, quotes, related, "
    "tokenize=\"unicode61 remove_diacritics 2\", prefix='1 2 3')"
)
# bm25 column weights, in FTS_DDL column order: a hit in a title outweighs one in a quote or a related name.
FTS_WEIGHTS = (10.0, 6.0, 3.0, 1.5, 1.5, 1.0)
