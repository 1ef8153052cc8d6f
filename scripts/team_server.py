"""`make team-server`: a throwaway PostgreSQL with a team and two demo analysts, for trying the team on one machine.

The server listens only on a Unix socket in a temporary folder (no TCP), lives until Ctrl+C, then is removed with
everything in it. Each window needs its own data folder (BRIEFING_HOME); the lines printed say what to type.
"""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing_app.persistence import team_server  # noqa: E402
from tests.team.pg_cluster import PgCluster, find_bin_dir  # noqa: E402

USERS = {"alice": "alice-demo", "bob": "bob-demo"}


def main() -> int:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        print("PostgreSQL is not installed: apt-get install --no-install-recommends postgresql", file=sys.stderr)
        return 2
    cluster = PgCluster(bin_dir)
    try:
        cluster.init()
        cluster.start()
        cluster.create_database("briefing")
        for user, password in USERS.items():
            cluster.create_role(user, password)
        team_server.setup(cluster.url(dbname="briefing"), list(USERS))
        pgpass = cluster.root / "pgpass"
        pgpass.write_text("".join(f"*:*:*:{u}:{p}\n" for u, p in USERS.items()))
        pgpass.chmod(0o600)
        print(f"Team server running in {cluster.root} (Unix socket only). Two analysts, two windows:\n")
        for user in USERS:
            home = cluster.root / f"home-{user}"
            print(f"  PGPASSFILE={pgpass} BRIEFING_HOME={home} .venv/bin/briefing-app team connect "
                  f"'{cluster.url(user, password=None, dbname='briefing')}'")
            print(f"  PGPASSFILE={pgpass} BRIEFING_HOME={home} .venv/bin/briefing-app\n")
        print("Ctrl+C stops the server and removes it.")
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return 0
    finally:
        cluster.remove()


if __name__ == "__main__":
    sys.exit(main())
