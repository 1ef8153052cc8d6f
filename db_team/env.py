"""Alembic environment for the team server's schema (PostgreSQL). The caller passes an open connection."""

from __future__ import annotations

from alembic import context

config = context.config


def run_migrations() -> None:
    connection = config.attributes["connection"]
    context.configure(connection=connection, target_metadata=None, version_table_schema="briefing_team")
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
