"""Highlights in composed books: a book part keeps the highlighted item, the quote and its colour (the note is in
the part's text, as a bookmark's is), so a highlight that is gone is still printed as it was chosen.

Revision ID: 0008_book_highlights
Revises: 0007_team_books
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_book_highlights"
down_revision = "0007_team_books"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("book_parts") as batch:
        batch.add_column(sa.Column("item_id", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("quote", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("colour", sa.String, nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("book_parts") as batch:
        batch.drop_column("colour")
        batch.drop_column("quote")
        batch.drop_column("item_id")
