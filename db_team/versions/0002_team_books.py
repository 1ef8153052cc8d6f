"""Shared composed books: a book travels in the same change log as a mark, its parts in ``body``.

A book is a mark of kind ``book`` (``item_id`` and ``title`` its name, ``body`` its ordered parts). Members read
the team's shared books like any row; a restrictive policy lets only a book's owner (the author of its first
change) change it: nobody may add a change to a book another member has written to, nor reuse a book's mark id
for another kind of mark. It is restrictive (ANDed with the team role's ``own_rows`` policy), so it holds for
every role without naming the team's.

Revision ID: 0002_team_books
Revises: 0001_team_changes
"""

from __future__ import annotations

from alembic import op

revision = "0002_team_books"
down_revision = "0001_team_changes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE briefing_team.changes ADD COLUMN body jsonb NOT NULL DEFAULT '{}'")
    op.execute("ALTER TABLE briefing_team.changes ADD CONSTRAINT changes_mark_kind "
               "CHECK (mark_kind IN ('bookmark', 'highlight', 'book'))")
    op.execute("""
        CREATE POLICY books_by_owner ON briefing_team.changes AS RESTRICTIVE FOR INSERT TO PUBLIC
        WITH CHECK (NOT EXISTS (
            SELECT 1 FROM briefing_team.changes other
            WHERE other.mark_id = changes.mark_id AND other.author <> current_user
              AND (other.mark_kind = 'book' OR changes.mark_kind = 'book')))""")


def downgrade() -> None:
    op.execute("DROP POLICY books_by_owner ON briefing_team.changes")
    op.execute("ALTER TABLE briefing_team.changes DROP CONSTRAINT changes_mark_kind")
    op.execute("ALTER TABLE briefing_team.changes DROP COLUMN body")
