"""A team (issue 21): the shared flag of bookmarks, the outbox, the team's marks (with tombstones), sync state.

Revision ID: 0006_team
Revises: 0005_books
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_team"
down_revision = "0005_books"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "team_state",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "team_shared",
        sa.Column("item_id", sa.String, primary_key=True),
        sa.Column("mark_id", sa.String, nullable=False, unique=True),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("sent", sa.Text, nullable=False),
    )
    op.create_table(
        "team_outbox",
        sa.Column("ordinal", sa.Integer, primary_key=True),
        sa.Column("change_id", sa.String, nullable=False, unique=True),
        sa.Column("mark_id", sa.String, nullable=False),
        sa.Column("op", sa.String, nullable=False),
        sa.Column("base_seq", sa.Integer, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_table(
        "team_marks",
        sa.Column("mark_id", sa.String, primary_key=True),
        sa.Column("mark_kind", sa.String, nullable=False),
        sa.Column("item_id", sa.String, nullable=False),
        sa.Column("item_kind", sa.String, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("tags", sa.Text, nullable=False),
        sa.Column("owner", sa.String, nullable=False),
        sa.Column("last_author", sa.String, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("head_seq", sa.Integer, nullable=False),
        sa.Column("history", sa.Text, nullable=False),
        sa.Column("conflicts", sa.Text, nullable=False),
    )
    op.create_index("ix_team_marks_item_id", "team_marks", ["item_id"])


def downgrade() -> None:
    op.drop_table("team_marks")
    op.drop_table("team_outbox")
    op.drop_table("team_shared")
    op.drop_table("team_state")
