"""Briefing books the user composes: a named book and its ordered parts (sections, bookmarks, text blocks).

Revision ID: 0005_books
Revises: 0004_highlights
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_books"
down_revision = "0004_highlights"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "books",
        sa.Column("row_id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False, unique=True),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("updated_at", sa.String, nullable=False),
    )
    op.create_table(
        "book_parts",
        sa.Column("book_row", sa.Integer, sa.ForeignKey("books.row_id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("ref", sa.Text, nullable=False, server_default=""),
        sa.Column("title", sa.Text, nullable=False, server_default=""),
        sa.Column("text", sa.Text, nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.drop_table("book_parts")
    op.drop_table("books")
