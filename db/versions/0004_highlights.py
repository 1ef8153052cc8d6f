"""Highlights: marked passages of an item's text, with colour, note, tags and the context to find them again.

Revision ID: 0004_highlights
Revises: 0003_bookmark_anchor_text
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_highlights"
down_revision = "0003_bookmark_anchor_text"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "highlights",
        sa.Column("row_id", sa.Integer, primary_key=True),
        sa.Column("highlight_id", sa.String, nullable=False, unique=True),
        sa.Column("item_id", sa.String, nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("prefix", sa.Text, nullable=False, server_default=""),
        sa.Column("suffix", sa.Text, nullable=False, server_default=""),
        sa.Column("start_offset", sa.Integer, nullable=False, server_default="0"),
        sa.Column("end_offset", sa.Integer, nullable=False, server_default="0"),
        sa.Column("colour", sa.String, nullable=False, server_default="yellow"),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("item_title", sa.Text, nullable=False, server_default=""),
        sa.Column("item_kind", sa.String, nullable=False, server_default=""),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("updated_at", sa.String, nullable=False),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_highlights_item_id", "highlights", ["item_id"])
    op.create_table(
        "highlight_tags",
        sa.Column(
            "highlight_row", sa.Integer, sa.ForeignKey("highlights.row_id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("tag", sa.String, primary_key=True),
    )
    op.create_index("ix_highlight_tags_tag", "highlight_tags", ["tag"])


def downgrade() -> None:
    op.drop_index("ix_highlight_tags_tag", table_name="highlight_tags")
    op.drop_table("highlight_tags")
    op.drop_index("ix_highlights_item_id", table_name="highlights")
    op.drop_table("highlights")
