"""Bookmarks with notes and tags.

Revision ID: 0001_bookmarks
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_bookmarks"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bookmarks",
        sa.Column("row_id", sa.Integer, primary_key=True),
        sa.Column("item_id", sa.String, nullable=False, unique=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("updated_at", sa.String, nullable=False),
    )
    op.create_table(
        "bookmark_tags",
        sa.Column(
            "bookmark_row", sa.Integer, sa.ForeignKey("bookmarks.row_id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("tag", sa.String, primary_key=True),
    )
    op.create_index("ix_bookmark_tags_tag", "bookmark_tags", ["tag"])


def downgrade() -> None:
    op.drop_index("ix_bookmark_tags_tag", table_name="bookmark_tags")
    op.drop_table("bookmark_tags")
    op.drop_table("bookmarks")
