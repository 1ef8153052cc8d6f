"""The throwaway server itself: it runs, listens only on its socket, and checks passwords."""

from __future__ import annotations

import pytest

from tests.team.conftest import TeamDb
from tests.team.pg_cluster import PgCluster


def test_server_runs_and_knows_the_roles(pg_cluster: PgCluster, team_db: TeamDb) -> None:
    assert pg_cluster.admin_sql("SHOW server_version_num")[0][0] >= "150000"
    assert pg_cluster.admin_sql("SHOW listen_addresses") == [("",)]  # no TCP at all
    import psycopg

    with psycopg.connect(team_db.url("alice")) as conn:
        assert conn.execute("SELECT current_user").fetchone() == (team_db.members["alice"],)


def test_a_wrong_password_is_refused(team_db: TeamDb) -> None:
    import psycopg

    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(team_db.cluster.url(team_db.members["alice"], "wrong", team_db.dbname))
