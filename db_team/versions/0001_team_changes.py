"""The team's change log: one append-only table, a server change sequence, Row-Level Security.

Every shared mark's history is a list of changes (put or delete), each written by one member and numbered by the
server (``seq``, in commit order). Members read every row and insert only rows authored by themselves; nobody
updates or deletes a row. The team role's name is recorded in ``briefing_team.team`` and its policies are created
by ``team setup`` (persistence/team_server.py), since the name is chosen by the administrator.

Revision ID: 0001_team_changes
Revises:
"""

from __future__ import annotations

from alembic import op

revision = "0001_team_changes"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE SEQUENCE briefing_team.change_seq")
    op.execute("""
        CREATE TABLE briefing_team.team (
            id boolean PRIMARY KEY DEFAULT true CHECK (id),
            role_name name NOT NULL
        )""")
    op.execute("""
        CREATE TABLE briefing_team.changes (
            seq bigint PRIMARY KEY DEFAULT nextval('briefing_team.change_seq'),
            change_id uuid NOT NULL UNIQUE,
            mark_id uuid NOT NULL,
            author name NOT NULL DEFAULT current_user,
            client_id uuid NOT NULL,
            op text NOT NULL CHECK (op IN ('put', 'delete')),
            base_seq bigint NOT NULL DEFAULT 0,
            mark_kind text NOT NULL DEFAULT 'bookmark',
            item_id text NOT NULL,
            item_kind text NOT NULL DEFAULT '',
            title text NOT NULL DEFAULT '',
            note text NOT NULL DEFAULT '',
            tags jsonb NOT NULL DEFAULT '[]',
            made_at timestamptz NOT NULL DEFAULT now()
        )""")
    op.execute("CREATE INDEX changes_mark ON briefing_team.changes (mark_id)")
    op.execute("ALTER SEQUENCE briefing_team.change_seq OWNED BY briefing_team.changes.seq")
    op.execute("ALTER TABLE briefing_team.changes ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE briefing_team.changes FORCE ROW LEVEL SECURITY")
    op.execute("REVOKE ALL ON SCHEMA briefing_team FROM PUBLIC")


def downgrade() -> None:
    op.execute("DROP TABLE briefing_team.changes")
    op.execute("DROP TABLE briefing_team.team")
