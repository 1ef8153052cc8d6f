"""A throwaway PostgreSQL cluster for the team tests (and ``make team-server``).

The cluster lives in a fresh temporary directory and listens only on a Unix socket inside it (no TCP at all).
``initdb`` refuses to run as root, so as root the server runs as the ``postgres`` system user (``runuser``);
as any other user it runs as that user. Local connections need a password (SCRAM), so the tests exercise the
same ``~/.pgpass`` and password paths as a real server.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ADMIN_PASSWORD = "admin-secret"


def find_bin_dir() -> Path | None:
    """The newest installed PostgreSQL server's bin directory (Debian: /usr/lib/postgresql/<major>/bin)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


@dataclass
class PgCluster:
    bin_dir: Path
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="briefing-pg-")))
    port: int = 5432
    running: bool = False

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root

    def _as_owner(self, *cmd: str) -> list[str]:
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--", *cmd]
        return list(cmd)

    def init(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        os.chmod(self.root, 0o755)
        pwfile = self.root / "pw"
        pwfile.write_text(ADMIN_PASSWORD + "\n")
        if os.geteuid() == 0:
            shutil.chown(pwfile, "postgres", "postgres")
        subprocess.run(
            self._as_owner(str(self.bin_dir / "initdb"), "-D", str(self.data_dir), "-U", "postgres",
                           f"--pwfile={pwfile}", "--auth-local=scram-sha-256", "--auth-host=scram-sha-256",
                           "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"),
            check=True, capture_output=True, text=True,
        )
        pwfile.unlink()

    def start(self) -> None:
        options = f"-k {self.socket_dir} -c listen_addresses='' -p {self.port} -c fsync=off -c max_connections=100"
        subprocess.run(
            self._as_owner(str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-l", str(self.root / "log"),
                           "-o", options, "-w", "-t", "60", "start"),
            check=True, capture_output=True, text=True,
        )
        self.running = True

    def stop(self, mode: str = "fast") -> None:
        if not self.running:
            return
        subprocess.run(
            self._as_owner(str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", mode, "-w", "stop"),
            check=False, capture_output=True, text=True,
        )
        self.running = False

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, role: str = "postgres", password: str | None = ADMIN_PASSWORD, dbname: str = "postgres") -> str:
        """A libpq URL over the Unix socket; without ``password`` libpq looks in ``~/.pgpass`` (PGPASSFILE)."""
        auth = quote(role) + (f":{quote(password)}" if password else "")
        return f"postgresql://{auth}@/{dbname}?host={quote(str(self.socket_dir))}&port={self.port}"

    def admin_sql(self, sql: str, dbname: str = "postgres") -> list[tuple[object, ...]]:
        import psycopg

        with psycopg.connect(self.url(dbname=dbname), autocommit=True) as conn, conn.cursor() as cur:
            cur.execute(sql)  # type: ignore[arg-type]
            return cur.fetchall() if cur.description else []

    def create_role(self, name: str, password: str) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(name),
                                                                            sql.Literal(password)))

    def create_database(self, name: str) -> None:
        self.admin_sql(f'CREATE DATABASE "{name}"')
