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


class Client:
    """One analyst's copy of the app: a data folder with its own user database, linked to the team."""

    def __init__(self, folder, url: str) -> None:  # type: ignore[no-untyped-def]
        from briefing_app.persistence.bookmark_repository import BookmarkRepository
        from briefing_app.persistence.migrations import upgrade
        from briefing_app.services.team_sync import TeamSync

        folder.mkdir(parents=True, exist_ok=True)
        self.db_path = folder / "user.sqlite3"
        upgrade(self.db_path)
        self.bookmarks = BookmarkRepository(self.db_path)
        self.team = TeamSync(self.bookmarks.engine)
        self.url = url

    def connect(self):  # type: ignore[no-untyped-def]
        return self.team.connect(self.url)

    def add(self, item_id: str, note: str = "", share: bool = True) -> str | None:
        self.bookmarks.add(item_id, "member", item_id.title(), note)
        return self.team.share(item_id) if share else None

    def notes(self) -> dict[str, str]:
        return {m.item_id: m.note for m in self.team.marks()}

    def close(self) -> None:
        self.bookmarks.close()


@pytest.fixture
def clients(team_db: TeamDb, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """alice, bob and carol, members of a set-up team, each with a data folder, connected.

    Their passwords are in a ~/.pgpass-style file (PGPASSFILE), as a user would keep them: the stored team URL
    never holds one.
    """
    from briefing_app.persistence import team_server

    pgpass = tmp_path / "pgpass"
    pgpass.write_text("".join(f"*:*:*:{role}:pw-{role}\n" for role in team_db.members.values()))
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))

    team_server.setup(team_db.admin_url, list(team_db.members.values()), team_db.team_role)
    made = {who: Client(tmp_path / who, team_db.url(who, password=False)) for who in team_db.members}
    for client in made.values():
        client.connect()
    yield made
    for client in made.values():
        client.close()
