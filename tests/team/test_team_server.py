"""The server's rules, proved by connecting as each role: schema by Alembic, grants, Row-Level Security."""

from __future__ import annotations

import pytest

from briefing_app.persistence import team_server
from briefing_app.persistence.team_server import Change, NotAMemberError, TeamServer, new_id
from tests.team.conftest import TeamDb


def _put(server: TeamServer, note: str = "n", item: str = "member:china") -> Change:
    change = Change(change_id=new_id(), mark_id=new_id(), op="put", base_seq=0, item_id=item, note=note,
                    client_id=new_id())
    server.push([change])
    return change


@pytest.fixture
def team(team_db: TeamDb) -> TeamDb:
    head = team_server.setup(team_db.admin_url, [team_db.members["alice"], team_db.members["bob"]],
                             team_db.team_role)
    assert head == "0002_team_books"
    return team_db


def test_setup_is_alembic_managed_and_repeatable(team: TeamDb) -> None:
    assert team_server.setup(team.admin_url, [team.members["alice"]], team.team_role) == "0002_team_books"
    assert team.cluster.admin_sql("SELECT version_num FROM briefing_team.alembic_version", team.dbname) == [
        ("0002_team_books",)]
    assert team_server.members(team.admin_url) == sorted([team.members["alice"], team.members["bob"]])


def test_members_read_each_others_rows(team: TeamDb) -> None:
    with TeamServer(team.url("alice")) as alice:
        pushed = _put(alice, "Alice's note")
    with TeamServer(team.url("bob")) as bob:
        pulled = bob.pull(0)
    assert [(c.change_id, c.author, c.note) for c in pulled] == [(pushed.change_id, team.members["alice"],
                                                                   "Alice's note")]
    assert pulled[0].seq > 0


def test_a_member_cannot_write_as_someone_else_or_change_any_row(team: TeamDb) -> None:
    import psycopg

    with TeamServer(team.url("alice")) as alice:
        _put(alice)
    bob = psycopg.connect(team.url("bob"))
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        bob.execute("INSERT INTO briefing_team.changes (change_id, mark_id, client_id, op, item_id, author) "
                    "VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'put', 'x', %s)",
                    (team.members["alice"],))
    bob.rollback()
    for statement in ("UPDATE briefing_team.changes SET note = 'defaced'", "DELETE FROM briefing_team.changes"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            bob.execute(statement)
        bob.rollback()
    bob.close()
    with TeamServer(team.url("alice")) as alice:
        assert [c.note for c in alice.pull(0)] == ["n"]


def test_a_role_outside_the_team_reads_nothing(team: TeamDb) -> None:
    import psycopg

    with TeamServer(team.url("alice")) as alice:
        _put(alice)
    with pytest.raises(NotAMemberError):
        TeamServer(team.url(team.outsider))
    with psycopg.connect(team.url(team.outsider)) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT * FROM briefing_team.changes")
    # even given the table privilege by mistake, Row-Level Security shows an outsider no row
    team.cluster.admin_sql(f"GRANT USAGE ON SCHEMA briefing_team TO {team.outsider}; "
                           f"GRANT SELECT ON briefing_team.changes TO {team.outsider}", team.dbname)
    with psycopg.connect(team.url(team.outsider)) as conn:
        assert conn.execute("SELECT count(*) FROM briefing_team.changes").fetchone() == (0,)


def test_add_and_remove_member(team: TeamDb) -> None:
    carol = team.members["carol"]
    with pytest.raises(NotAMemberError):
        TeamServer(team.url("carol"))
    team_server.add_member(team.admin_url, carol)
    with TeamServer(team.url("carol")) as server:
        assert server.me == carol
    team_server.remove_member(team.admin_url, carol)
    with pytest.raises(NotAMemberError):
        TeamServer(team.url("carol"))
    with pytest.raises(team_server.TeamServerError, match="no role"):
        team_server.add_member(team.admin_url, "nobody_here")


def test_a_push_is_idempotent(team: TeamDb) -> None:
    change = Change(change_id=new_id(), mark_id=new_id(), op="put", base_seq=0, item_id="x", client_id=new_id())
    with TeamServer(team.url("alice")) as alice:
        alice.push([change])
        alice.push([change, change])
        assert [c.change_id for c in alice.pull(0)] == [change.change_id]


def test_the_password_comes_from_pgpass(team: TeamDb, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    role = team.members["alice"]
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:{role}:pw-{role}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    with TeamServer(team.url("alice", password=False)) as alice:
        assert alice.me == role
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    with pytest.raises(team_server.TeamServerError) as caught:
        TeamServer(team.url("alice", password=False))
    assert team_server.needs_password(caught.value)
