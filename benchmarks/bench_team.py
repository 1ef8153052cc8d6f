"""The team (issue 21) against a real, throwaway PostgreSQL: how fast a team converges, how fast a client pulls.

* converge: 20 clients (separate user databases, one process each, as 20 laptops would be, but all on this
  machine's cores) with 500 shared marks each, all syncing at once, then once more: every client then holds all
  10,000 marks. Target under 10 s.
* pull: a fresh client pulls the 10,000 changes of that log into its database. Target under 2 s.
* stall: another fresh client pulls them through the window's worker (ui/tasks.py) while the event loop ticks
  every 5 ms; the longest gap between ticks. Target under 50 ms.

Setup writes the bookmarks and their shared flags straight into each user database (not measured). Needs
PostgreSQL (Debian: postgresql); without it the benchmark reports "not measured".
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, Result, Settings, Stats

sys.path.insert(0, str(ROOT))

CLIENTS = 20
MARKS = 500


def _client_db(folder: Path, n: int, marks: int) -> Path:
    from briefing_app.persistence.migrations import upgrade
    from briefing_app.persistence.team_server import new_id

    folder.mkdir(parents=True)
    path = folder / "user.sqlite3"
    upgrade(path)
    conn = sqlite3.connect(path)
    with conn:
        for i in range(marks):
            item = f"member:c{n}m{i}"
            conn.execute("INSERT INTO bookmarks (item_id, kind, title, note, created_at, updated_at, position) "
                         "VALUES (?, 'member', ?, ?, 't', 't', ?)", (item, item, f"note {i} of client {n}", i))
            conn.execute("INSERT INTO team_shared (item_id, mark_id, created_at, sent) VALUES (?, ?, 't', '')",
                         (item, new_id()))
    conn.close()
    return path


def run(settings: Settings) -> list[Result]:
    from briefing_app.persistence import team_server
    from briefing_app.persistence.bookmark_repository import BookmarkRepository
    from briefing_app.services.team_sync import TeamSync
    from tests.team.pg_cluster import PgCluster, find_bin_dir

    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    clients, marks = (CLIENTS, MARKS) if not settings.quick else (4, 50)
    cluster = PgCluster(bin_dir)
    work = Path(tempfile.mkdtemp(prefix="bench-team-", dir=settings.workdir))
    repos: list[BookmarkRepository] = []
    try:
        cluster.init()
        cluster.start()
        cluster.create_database("bench")
        names = [f"analyst{n}" for n in range(clients + 1)]
        for name in names:
            cluster.create_role(name, f"pw-{name}")
        team_server.setup(cluster.url(dbname="bench"), names)
        syncs = []
        for n in range(clients):
            repo = BookmarkRepository(_client_db(work / f"c{n}", n, marks))
            repos.append(repo)
            url = cluster.url(names[n], f"pw-{names[n]}", "bench")
            team = TeamSync(repo.engine, password=f"pw-{names[n]}")
            team.store.set_state(url=cluster.url(names[n], None, "bench"), me=names[n],
                                 client_id=team_server.new_id())
            team.password = f"pw-{names[n]}"
            del url
            syncs.append(team)
        jobs = [(str(repo.path), f"pw-{names[n]}") for n, repo in enumerate(repos)]
        for repo in repos:
            repo.engine.dispose()  # no SQLite connection crosses the fork
        with multiprocessing.get_context("fork").Pool(clients) as pool:
            pool.map(_noop, range(clients))  # the processes are up before the clock starts
            t0 = time.perf_counter()
            pool.map(_sync_client, jobs)
            pool.map(_sync_client, jobs)
            converge = time.perf_counter() - t0
        total = clients * marks
        counts = {len(t.marks()) for t in syncs}
        if counts != {total}:
            raise RuntimeError(f"the clients did not converge: {counts}")
        fresh_repo = BookmarkRepository(_client_db(work / "fresh", clients, 0))
        repos.append(fresh_repo)
        fresh = TeamSync(fresh_repo.engine, password=f"pw-{names[clients]}")
        fresh.store.set_state(url=cluster.url(names[clients], None, "bench"), me=names[clients],
                              client_id=team_server.new_id())
        t0 = time.perf_counter()
        with fresh._open() as server:
            pulled = fresh.pull(server)
        pull = time.perf_counter() - t0
        if pulled != total:
            raise RuntimeError(f"pulled {pulled} of {total}")
        stall_repo = BookmarkRepository(_client_db(work / "stall", clients + 1, 0))
        repos.append(stall_repo)
        stall_team = TeamSync(stall_repo.engine, password=f"pw-{names[clients]}")
        stall_team.store.set_state(url=cluster.url(names[clients], None, "bench"), me=names[clients],
                                   client_id=team_server.new_id())
        stall = _longest_stall(stall_team.sync)
    finally:
        for repo in repos:
            repo.close()
        cluster.remove()
    return [
        Result("Team", f"{clients} clients x {marks} shared marks converge", "s", Stats.of([converge]),
               "< 10 s", converge < 10 if not settings.quick else None),
        Result("Team", f"a fresh client pulls {total} changes", "s", Stats.of([pull]), "< 2 s",
               pull < 2 if not settings.quick else None),
        Result("Team", "longest event-loop stall during that pull (in the background)", "ms", Stats.of([stall]),
               "< 50 ms", stall < 50 if not settings.quick else None),
    ]


def _noop(_n: int) -> None:
    return None


def _sync_client(job: tuple[str, str]) -> None:
    from briefing_app.persistence.bookmark_repository import BookmarkRepository
    from briefing_app.services.team_sync import TeamSync

    repo = BookmarkRepository(Path(job[0]))
    try:
        TeamSync(repo.engine, password=job[1]).sync()
    finally:
        repo.close()


def _longest_stall(work) -> float:  # type: ignore[no-untyped-def]
    """Run ``work`` through the window's worker helper; the longest gap (ms) between 5 ms timer ticks meanwhile."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from briefing_app.ui.tasks import run_in_background

    app = QApplication.instance() or QApplication([])
    loop = QEventLoop()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    failures: list[BaseException] = []
    run_in_background(work, lambda _r: loop.quit(), lambda exc: (failures.append(exc), loop.quit()))
    timer.start()
    loop.exec()
    timer.stop()
    del app
    if failures:
        raise failures[0]
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    return max(gaps, default=0.0) * 1000


if __name__ == "__main__":
    for result in run(Settings(quick="--quick" in sys.argv, workdir=Path(tempfile.gettempdir()))):
        print(f"{result.name}: {result.stats.median:.2f} {result.unit} (target {result.target})")
