"""The text a paragraph bookmark was made on, so that it follows its paragraph when a pack update moves it.

Empty for every other bookmark, and for paragraph bookmarks made before this revision (the app fills those in
from the briefing at the next start when their title shows the text is still the same).

Revision ID: 0003_bookmark_anchor_text
Revises: 0002_bookmark_order
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_bookmark_anchor_text"
down_revision = "0002_bookmark_order"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bookmarks") as batch:
        batch.add_column(sa.Column("anchor_text", sa.Text, nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("bookmarks") as batch:
        batch.drop_column("anchor_text")
