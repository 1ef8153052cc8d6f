"""Engines and sessions for the two SQLite files: WAL journal, foreign keys on, durable commits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from briefing_app.persistence.read_only import ReadOnlyDatabaseError as ReadOnlyDatabaseError  # defined light

BUSY_TIMEOUT_MS = 10_000
_READING = ("SELECT", "PRAGMA", "WITH", "EXPLAIN")


def refuse_writes(engine: Engine) -> None:
    """Make every statement that would change ``engine``'s database raise :class:`ReadOnlyDatabaseError`."""

    def check(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.lstrip().upper().startswith(_READING):
            raise ReadOnlyDatabaseError(
                "the bookmarks database is open read-only this session (the message shown at start says why); "
                "nothing was changed"
            )

    event.listen(engine, "before_cursor_execute", check)


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite opens transactions lazily and never for DDL; let SQLAlchemy's BEGIN be explicit instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: a commit is on disk before it returns, so an acknowledged bookmark survives a power cut.
        cursor.execute("PRAGMA synchronous=FULL")
    finally:
        cursor.close()


def _on_connect_read_only(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    dbapi_connection.execute("PRAGMA query_only=ON")


def make_engine(path: Path, *, immediate: bool = False, read_only: bool = False) -> Engine:
    """An engine on the SQLite file at ``path`` (created if missing).

    ``immediate`` starts every transaction with ``BEGIN IMMEDIATE``: the write lock is taken up front, so two
    processes writing the user database queue up on the busy timeout instead of failing half-way.
    """
    if read_only:
        engine = create_engine(
            f"sqlite:///file:{path}?mode=ro&uri=true", connect_args={"check_same_thread": False}
        )
        event.listen(engine, "connect", _on_connect_read_only)
        refuse_writes(engine)
        return engine
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _on_connect)
    begin = "BEGIN IMMEDIATE" if immediate else "BEGIN"
    event.listen(engine, "begin", lambda connection: connection.exec_driver_sql(begin))
    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
