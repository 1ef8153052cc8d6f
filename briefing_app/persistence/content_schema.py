"""Tables of the content database (built from a pack, never edited by the user)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from briefing_app.persistence.content_ddl import FTS_DDL as FTS_DDL  # written out: the build needs no ORM
from briefing_app.persistence.content_version import CONTENT_SCHEMA_VERSION as CONTENT_SCHEMA_VERSION  # defined light


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
    aliases: Mapped[str] = mapped_column(Text, default="[]")  # JSON: other names, shown as "also: ..."
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


class SearchNameRow(ContentBase):
    """A name an item answers to (its title, its title's parts, its aliases), folded for exact and prefix lookup.

    Search puts an item whose name is what was typed ahead of items that merely mention it. Chinese, written
    without spaces, is found here too: every stretch of Han characters in a query is looked up whole.
    """

    __tablename__ = "search_names"

    row_id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(Text, index=True)  # search_text.name_key of the name
    item_row: Mapped[int] = mapped_column(ForeignKey("items.row_id", ondelete="CASCADE"), index=True)
    is_title: Mapped[bool] = mapped_column(default=False)


class SearchTermRow(ContentBase):
    """The pack's own vocabulary (folded words of titles, aliases, keywords and text): what a typo is corrected to."""

    __tablename__ = "search_terms"

    term: Mapped[str] = mapped_column(Text, primary_key=True)  # folded (search_text.fold)
    form: Mapped[str] = mapped_column(Text)  # as written, lower case: what a corrected query searches for
    count: Mapped[int] = mapped_column(default=0)  # items using it
    is_name: Mapped[bool] = mapped_column(default=False)  # in a title or an alias


FTS_COLUMNS = ("title", "aliases", "keywords", "summary", "body", "quotes", "related")
# bm25 column weights, in FTS_DDL column order: a hit in a title or an alias outweighs one in a quote or a
# related name.
FTS_WEIGHTS = (10.0, 8.0, 6.0, 3.0, 1.5, 1.5, 1.0)
