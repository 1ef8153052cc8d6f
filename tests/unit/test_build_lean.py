"""What ``db build`` runs without (issue 22): its CREATE statements are written out, not compiled by SQLAlchemy at
build time (they must stay what SQLAlchemy makes of the ORM tables); and the entry point leaves with ``os._exit``
only after a ``db build`` that succeeded."""

from __future__ import annotations

from typing import Any

import pytest

import briefing_app.__main__ as entry
from briefing_app import cli
from briefing_app.persistence import content_ddl
from briefing_app.persistence.content_schema import FTS_DDL, ContentBase


def test_the_written_out_ddl_is_what_sqlalchemy_makes_of_the_tables() -> None:
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable

    dialect = sqlite.dialect()
    tables = ContentBase.metadata.sorted_tables
    assert list(content_ddl.TABLES) == [str(CreateTable(table).compile(dialect=dialect)) for table in tables]
    indexes = [index for table in tables for index in sorted(table.indexes, key=lambda index: str(index.name))]
    assert list(content_ddl.INDEXES) == [str(CreateIndex(index).compile(dialect=dialect)) for index in indexes]
    assert content_ddl.FTS_DDL == FTS_DDL


class _Exited(Exception):
    pass


@pytest.mark.parametrize(("argv", "status", "leaves_at_once"), [
    (["db", "build"], cli.EXIT_OK, True),
    (["db", "build"], cli.EXIT_USAGE, False),  # an error: the ordinary way out
    (["db", "check"], cli.EXIT_OK, False),
    (["items"], cli.EXIT_OK, False),
])
def test_only_a_db_build_that_succeeded_leaves_with_os_exit(
    briefing_home: Any, monkeypatch: pytest.MonkeyPatch, argv: list[str], status: int, leaves_at_once: bool
) -> None:
    exits: list[int] = []
    flushed: list[str] = []

    def fake_exit(code: int) -> None:
        exits.append(code)
        raise _Exited

    monkeypatch.setattr(entry.os, "_exit", fake_exit)
    monkeypatch.setattr(cli, "run", lambda args: status)
    monkeypatch.setattr(entry.sys.stdout, "flush", lambda: flushed.append("out"))
    if leaves_at_once:
        with pytest.raises(_Exited):
            entry.main(argv)
        assert exits == [status] and "out" in flushed
    else:
        assert entry.main(argv) == status
        assert exits == []

