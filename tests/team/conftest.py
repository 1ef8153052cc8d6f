"""The team tests run against a real PostgreSQL server started for the session (see pg_cluster.py)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.team.pg_cluster import PgCluster, find_bin_dir

_counter = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (Debian: apt-get install postgresql); the team tests need a server")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install 'psycopg[binary]'); the team tests need it")
    cluster = PgCluster(bin_dir)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        cluster.remove()


@dataclass
class TeamDb:
    """One database and fresh login roles for one test (roles are cluster-wide, so names are unique)."""

    cluster: PgCluster
    dbname: str
    team_role: str
    members: dict[str, str]  # short name ("alice") -> role name
    outsider: str

    def url(self, who: str, *, password: bool = True) -> str:
        role = self.members.get(who, who)
        return self.cluster.url(role, password=f"pw-{role}" if password else None, dbname=self.dbname)

    @property
    def admin_url(self) -> str:
        return self.cluster.url(dbname=self.dbname)


@pytest.fixture
def team_db(pg_cluster: PgCluster) -> TeamDb:
    """A database with login roles alice, bob, carol (members to be) and an outsider, not yet set up."""
    n = next(_counter)
    dbname = f"team{n}"
    pg_cluster.create_database(dbname)
    members = {who: f"{who}{n}" for who in ("alice", "bob", "carol")}
    outsider = f"mallory{n}"
    for role in [*members.values(), outsider]:
        pg_cluster.create_role(role, f"pw-{role}")
    return TeamDb(pg_cluster, dbname, f"briefing_team{n}", members, outsider)
