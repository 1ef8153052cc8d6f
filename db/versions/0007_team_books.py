"""Shared composed books (issue 21): the team's marks keep a book's parts (``body``, JSON).

Revision ID: 0007_team_books
Revises: 0006_team
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_team_books"
down_revision = "0006_team"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("team_marks") as batch:
        batch.add_column(sa.Column("body", sa.Text, nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("team_marks") as batch:
        batch.drop_column("body")
