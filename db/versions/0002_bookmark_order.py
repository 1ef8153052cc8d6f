"""The user's own order of bookmarks (used when printing them), starting from the order they were made.

Revision ID: 0002_bookmark_order
Revises: 0001_bookmarks
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_bookmark_order"
down_revision = "0001_bookmarks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bookmarks") as batch:
        batch.add_column(sa.Column("position", sa.Integer, nullable=False, server_default="0"))
    op.execute("UPDATE bookmarks SET position = row_id")


def downgrade() -> None:
    with op.batch_alter_table("bookmarks") as batch:
        batch.drop_column("position")
