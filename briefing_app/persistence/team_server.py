"""The team server: a PostgreSQL database whose ``briefing_team.changes`` log the members share.

psycopg is imported here, lazily: only a configured team ever loads this module. Connections take a libpq URL
(``postgresql://alice@host/db?sslmode=verify-full``) or a service name (``service=briefing``); the password comes
from ``~/.pgpass`` (or ``PGPASSFILE``) or from the ``password`` argument (a prompt), never from settings.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

SCHEMA = "briefing_team"
#: pushes serialise on this advisory lock, so ``seq`` is handed out in commit order and a pull never skips a row
PUSH_LOCK = 0x5C0B_1EF1
DEFAULT_TEAM_ROLE = "briefing_team"


class TeamServerError(Exception):
    """The server cannot be reached or refused the request (message fit for the user)."""


class NotAMemberError(TeamServerError):
    pass


@dataclass(frozen=True)
class Change:
    """One entry of the team's log (and of a client's outbox before it is pushed)."""

    change_id: str
    mark_id: str
    op: str  # "put" | "delete"
    base_seq: int
    item_id: str
    item_kind: str = ""
    title: str = ""
    note: str = ""
    tags: tuple[str, ...] = ()
    client_id: str = ""
    author: str = ""
    seq: int = 0
    mark_kind: str = "bookmark"  # or "highlight", or "book"
    body: str = "{}"  # JSON text: a book's parts ({"parts": [{"kind", "ref", "title", "text"}, ...]})


def conninfo(target: str) -> str:
    """A libpq connection string for a URL or a bare service name."""
    if "://" in target or "=" in target:
        return target
    return f"service={target}"


def connect(target: str, password: str | None = None, *, autocommit: bool = False, timeout: int = 10) -> Any:
    import psycopg

    kwargs: dict[str, Any] = {"connect_timeout": timeout, "autocommit": autocommit, "application_name": "briefing"}
    if password is not None:
        kwargs["password"] = password
    try:
        return psycopg.connect(conninfo(target), **kwargs)
    except psycopg.OperationalError as exc:
        raise TeamServerError(_first_line(exc)) from exc


def needs_password(exc: BaseException) -> bool:
    text = str(exc)
    return "no password supplied" in text or "password authentication failed" in text


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _ident(name: str) -> Any:
    from psycopg import sql

    return sql.Identifier(name)


# --- administration ----------------------------------------------------------------------------------------------


def setup(
    admin_url: str, members: Iterable[str], team_role: str = DEFAULT_TEAM_ROLE, password: str | None = None,
) -> str:
    """Create (or bring up to date) the team schema in the database of ``admin_url``; return the Alembic head."""
    from psycopg import sql

    with connect(admin_url, password) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(_ident(SCHEMA)))
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (team_role,)).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(_ident(team_role)))
        conn.commit()
        head = _alembic_upgrade(conn)
        recorded = conn.execute(f"SELECT role_name FROM {SCHEMA}.team").fetchone()
        if recorded and recorded[0] != team_role:
            raise TeamServerError(f"this database already belongs to the team role {recorded[0]!r}")
        if not recorded:
            conn.execute(f"INSERT INTO {SCHEMA}.team (role_name) VALUES (%s)", (team_role,))
        _grant(conn, team_role)
        conn.commit()
        for member in members:
            _add_member(conn, team_role, member)
        conn.commit()
    return head


def _alembic_upgrade(conn: Any) -> str:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from briefing_app import paths

    config = Config()
    config.set_main_option("script_location", str(paths.team_migrations_dir()))
    engine = create_engine("postgresql+psycopg://", creator=lambda: conn, poolclass=_single_pool())
    with engine.begin() as sa_conn:
        config.attributes["connection"] = sa_conn
        command.upgrade(config, "head")
        head = sa_conn.exec_driver_sql(f"SELECT version_num FROM {SCHEMA}.alembic_version").scalar_one()
    return str(head)


def _single_pool() -> Any:
    from sqlalchemy.pool import AssertionPool

    return AssertionPool


def _grant(conn: Any, team_role: str) -> None:
    from psycopg import sql

    role = _ident(team_role)
    conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(_ident(SCHEMA), role))
    conn.execute(sql.SQL("GRANT SELECT, INSERT ON {}.changes TO {}").format(_ident(SCHEMA), role))
    conn.execute(sql.SQL("GRANT SELECT ON {}.team TO {}").format(_ident(SCHEMA), role))
    conn.execute(sql.SQL("GRANT USAGE ON SEQUENCE {}.change_seq TO {}").format(_ident(SCHEMA), role))
    conn.execute(f"DROP POLICY IF EXISTS team_reads ON {SCHEMA}.changes")
    conn.execute(f"DROP POLICY IF EXISTS own_rows ON {SCHEMA}.changes")
    conn.execute(sql.SQL("CREATE POLICY team_reads ON {}.changes FOR SELECT TO {} USING (true)").format(
        _ident(SCHEMA), role))
    conn.execute(sql.SQL(
        "CREATE POLICY own_rows ON {}.changes FOR INSERT TO {} WITH CHECK (author = current_user)"
    ).format(_ident(SCHEMA), role))


def team_role_of(conn: Any) -> str:
    row = conn.execute(f"SELECT role_name FROM {SCHEMA}.team").fetchone()
    if not row:
        raise TeamServerError("this database has no team (run `briefing-app team setup` first)")
    return str(row[0])


def _add_member(conn: Any, team_role: str, member: str) -> None:
    from psycopg import sql

    if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (member,)).fetchone():
        raise TeamServerError(f"there is no role {member!r} on the server (CREATE ROLE {member} LOGIN first)")
    conn.execute(sql.SQL("GRANT {} TO {}").format(_ident(team_role), _ident(member)))


def add_member(admin_url: str, member: str, password: str | None = None) -> None:
    with connect(admin_url, password) as conn:
        _add_member(conn, team_role_of(conn), member)


def remove_member(admin_url: str, member: str, password: str | None = None) -> None:
    from psycopg import sql

    with connect(admin_url, password) as conn:
        conn.execute(sql.SQL("REVOKE {} FROM {}").format(_ident(team_role_of(conn)), _ident(member)))


def members(admin_url: str, password: str | None = None) -> list[str]:
    with connect(admin_url, password) as conn:
        team_role = team_role_of(conn)
        rows = conn.execute(
            "SELECT m.rolname FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid "
            "JOIN pg_roles m ON m.oid = a.member WHERE r.rolname = %s ORDER BY 1", (team_role,)).fetchall()
    return [r[0] for r in rows]


# --- a member's session ------------------------------------------------------------------------------------------


class TeamServer:
    """One member's connection: who am I, push changes, pull the log since a sequence number."""

    def __init__(self, target: str, password: str | None = None, *, timeout: int = 10) -> None:
        self._conn = connect(target, password, timeout=timeout)
        try:
            self.me = str(self._conn.execute("SELECT current_user").fetchone()[0])
            row = self._conn.execute(
                "SELECT role_name, pg_has_role(current_user, role_name, 'MEMBER') FROM briefing_team.team"
            ).fetchone()
            self._conn.commit()
        except Exception as exc:
            self._conn.close()
            if _is_permission_error(exc):
                raise NotAMemberError(f"{self.me} is not a member of the team on this server") from exc
            raise TeamServerError(_first_line(exc)) from exc
        if not row or not row[1]:
            self._conn.close()
            raise NotAMemberError(f"{self.me} is not a member of the team on this server")
        self.team_role = str(row[0])

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> TeamServer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def push(self, changes: Sequence[Change]) -> None:
        """Insert ``changes`` in one transaction and one statement (one round trip, whatever their number: the
        columns travel as arrays and ``unnest`` turns them into rows, in outbox order); a change already on the
        server (same id) is left as it is."""
        if not changes:
            return
        columns = list(zip(*((c.change_id, c.mark_id, c.client_id, c.op, c.base_seq, c.mark_kind, c.item_id,
                              c.item_kind, c.title, c.note, json.dumps(list(c.tags)), c.body) for c in changes),
                           strict=True))
        try:
            with self._conn.transaction(), self._conn.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(%s)", (PUSH_LOCK,))
                cur.execute(
                    "INSERT INTO briefing_team.changes (change_id, mark_id, client_id, op, base_seq, mark_kind, "
                    "item_id, item_kind, title, note, tags, body) "
                    "SELECT c, m, cl, o, b, mk, i, ik, t, n, tg::jsonb, bd::jsonb "
                    "FROM unnest(%s::uuid[], %s::uuid[], %s::uuid[], %s::text[], %s::bigint[], %s::text[], "
                    "%s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[]) WITH ORDINALITY "
                    "AS u(c, m, cl, o, b, mk, i, ik, t, n, tg, bd, k) ORDER BY k "
                    "ON CONFLICT (change_id) DO NOTHING",
                    [list(col) for col in columns],
                )
        except Exception as exc:
            raise _wrap(exc) from exc

    def pull(self, since: int, limit: int = 5000) -> list[Change]:
        """The log after ``since``, oldest first, at most ``limit`` rows (ids come as text, tags as JSON text:
        no per-row UUID or JSON objects on the way)."""
        try:
            with self._conn.transaction():
                rows = self._conn.execute(
                    "SELECT seq, change_id::text, mark_id::text, author::text, client_id::text, op, base_seq, "
                    "mark_kind, item_id, item_kind, title, note, tags::text, body::text FROM briefing_team.changes "
                    "WHERE seq > %s ORDER BY seq LIMIT %s",
                    (since, limit),
                ).fetchall()
        except Exception as exc:
            raise _wrap(exc) from exc
        loads = json.loads
        return [Change(r[1], r[2], r[5], r[6], r[8], r[9], r[10], r[11], tuple(loads(r[12])) if r[12] != "[]" else (),
                       r[4], r[3], r[0], r[7], r[13]) for r in rows]


def new_id() -> str:
    return str(uuid.uuid4())


def _is_permission_error(exc: BaseException) -> bool:
    import psycopg

    return isinstance(exc, psycopg.errors.InsufficientPrivilege)


def _wrap(exc: BaseException) -> TeamServerError:
    if _is_permission_error(exc):
        return NotAMemberError(_first_line(exc))
    return TeamServerError(_first_line(exc))
