"""The team (issue 21) against a real, throwaway PostgreSQL: how fast a team converges, how fast a client pulls.

* converge: 20 clients (separate user databases, one process each, as 20 laptops would be, but all on this
  machine's cores) with 500 shared marks each, all syncing at once, then once more: every client then holds all
  10,000 marks. Target under 10 s.
* pull: a fresh client pulls the 10,000 changes of that log into its database. Target under 2 s.
  Baseline: reading the same changes from the server without applying them.
* stall: another fresh client pulls them through the window's background sync (ui/team.py SyncProcess: a child
  process running ``team sync --json``) while the event loop ticks every 5 ms; the longest gap between ticks.
  Target under 50 ms. Baseline: the same heartbeat while a worker thread only sleeps (the shared machine's own
  scheduling noise). For comparison, the same pull in a worker thread (SyncRunner, the fallback).

CPU time of the clients is reported beside wall time, and the load average at the start and the end.

Setup writes the bookmarks and their shared flags straight into each user database (not measured). Needs
PostgreSQL (Debian: postgresql); without it the benchmark reports "not measured".
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import statistics
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


def _fresh_client(work: Path, name: str, n: int, role: str, url: str):  # type: ignore[no-untyped-def]
    from briefing_app.persistence import team_server
    from briefing_app.persistence.bookmark_repository import BookmarkRepository
    from briefing_app.services.team_sync import TeamSync

    repo = BookmarkRepository(_client_db(work / name, n, 0))
    team = TeamSync(repo.engine, password=f"pw-{role}")
    team.store.set_state(url=url, me=role, client_id=team_server.new_id())
    return repo, team


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
    load = os.getloadavg()[0]
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
            team = TeamSync(repo.engine, password=f"pw-{names[n]}")
            team.store.set_state(url=cluster.url(names[n], None, "bench"), me=names[n],
                                 client_id=team_server.new_id())
            syncs.append(team)
        jobs = [(str(repo.path), f"pw-{names[n]}") for n, repo in enumerate(repos)]
        for repo in repos:
            repo.engine.dispose()  # no SQLite connection crosses the fork
        with multiprocessing.get_context("fork").Pool(clients) as pool:
            pool.map(_noop, range(clients))  # the processes are up before the clock starts
            server0 = _server_cpu(cluster)
            t0 = time.perf_counter()
            cpu = sum(pool.map(_sync_client, jobs)) + sum(pool.map(_sync_client, jobs))
            converge = time.perf_counter() - t0
            server_cpu = _server_cpu(cluster) - server0
        total = clients * marks
        counts = {len(t.marks()) for t in syncs}
        if counts != {total}:
            raise RuntimeError(f"the clients did not converge: {counts}")
        me = names[clients]
        url = cluster.url(me, None, "bench")
        # baseline: the same 10,000 changes read from the server alone (no local apply), then the real pull
        reads, pulls, pull_cpu = [], [], []
        for k in range(settings.runs(3, 1)):
            repo, fresh = _fresh_client(work, f"fresh{k}", clients, me, url)
            repos.append(repo)
            with fresh._open() as server:
                t0 = time.perf_counter()
                since = 0
                while batch := server.pull(since, 2500):
                    since = batch[-1].seq
                reads.append(time.perf_counter() - t0)
            c0, t0 = time.process_time(), time.perf_counter()
            with fresh._open() as server:
                pulled = fresh.pull(server)
            pulls.append(time.perf_counter() - t0)
            pull_cpu.append(time.process_time() - c0)
            if pulled != total:
                raise RuntimeError(f"pulled {pulled} of {total}")
        # the window's background sync (ui/team.py SyncRunner) pulls the log while a 5 ms heartbeat ticks; the
        # baseline is the same heartbeat while the worker only sleeps (what the shared machine alone costs)
        idle, stalls, thread_stalls = [], [], []
        for k in range(settings.runs(3, 1)):
            idle.append(_longest_stall(_thread(lambda: time.sleep(0.5))))
            repo, _team = _fresh_client(work, f"stall{k}", clients, me, url)
            repos.append(repo)
            repo.engine.dispose()
            stalls.append(_longest_stall(_window_sync(repo.path, f"pw-{me}")))
            repo, _team = _fresh_client(work, f"stall-thread{k}", clients, me, url)
            repos.append(repo)
            thread_stalls.append(_longest_stall(_window_sync(repo.path, f"pw-{me}", in_thread=True)))
    finally:
        for repo in repos:
            repo.close()
        cluster.remove()
    load_note = f"load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end (2 cores)"
    return [
        Result("Team", f"{clients} clients x {marks} shared marks converge", "s", Stats.of([converge]),
               "< 10 s", converge < 10 if not settings.quick else None,
               note=f"{clients} processes, two syncs each; CPU: clients {cpu:.1f} s in all, PostgreSQL "
                    f"{server_cpu:.1f} s; {load_note}",
               extra={"client_cpu_s": round(cpu, 2), "server_cpu_s": round(server_cpu, 2)}),
        Result("Team", f"a fresh client pulls {total} changes", "s", Stats.of(pulls), "< 2 s",
               max(pulls) < 2 if not settings.quick else None,
               baseline_name="reading them from the server alone", baseline=Stats.of(reads),
               note=f"client CPU {statistics.median(pull_cpu):.2f} s (median)",
               extra={"client_cpu_s": [round(c, 3) for c in pull_cpu]}),
        Result("Team", "longest event-loop stall during that pull (the window's sync, a child process)", "ms",
               Stats.of(stalls), "< 50 ms", max(stalls) < 50 if not settings.quick else None,
               baseline_name="the same heartbeat, worker idle", baseline=Stats.of(idle), show_p95=False,
               note=load_note),
        Result("Team", "the same in a worker thread (the fallback when the child cannot start)", "ms",
               Stats.of(thread_stalls), "for comparison", None,
               baseline_name="the same heartbeat, worker idle", baseline=Stats.of(idle), show_p95=False,
               note="the worker holds the interpreter lock; under load the OS preempts it holding it"),
    ]


def _server_cpu(cluster) -> float:  # type: ignore[no-untyped-def]
    """CPU seconds of the PostgreSQL server so far: the postmaster's own and its ended backends' (Linux /proc)."""
    try:
        pid = (cluster.data_dir / "postmaster.pid").read_text().split()[0]
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _noop(_n: int) -> None:
    return None


def _sync_client(job: tuple[str, str]) -> float:
    """One laptop's sync; returns the CPU time it took."""
    from briefing_app.services.team_sync import TeamSync, worker_engine

    c0 = time.process_time()
    engine = worker_engine(Path(job[0]))  # as `team sync` (the window's background sync) opens it
    try:
        TeamSync(engine, password=job[1]).sync()
    finally:
        engine.dispose()
    return time.process_time() - c0


def _thread(work):  # type: ignore[no-untyped-def]
    """Start ``work`` in the window's worker pool (ui/tasks.py)."""

    def start(done, failed):  # type: ignore[no-untyped-def]
        from briefing_app.ui.tasks import run_in_background

        run_in_background(work, done, failed)

    return start


def _window_sync(path: Path, password: str, *, in_thread: bool = False):  # type: ignore[no-untyped-def]
    """Start the window's background sync (ui/team.py): a child process running ``team sync --json`` (what the
    window does), or, ``in_thread``, its fallback in a worker thread with an engine of its own."""
    from briefing_app.ui.team import SyncProcess, SyncRunner

    def start(done, failed):  # type: ignore[no-untyped-def]
        def check(outcome):  # type: ignore[no-untyped-def]
            if outcome.pulled == 0:
                failed(RuntimeError("the window's sync pulled nothing"))
            else:
                done(outcome)

        if in_thread:
            runner = SyncRunner(path)
            runner.password = password

            def job():  # type: ignore[no-untyped-def]
                try:
                    return runner.run()
                finally:
                    runner.close()

            _thread(job)(check, failed)
            return
        process = SyncProcess(path)
        process.done.connect(check)
        process.failed.connect(failed)
        process.start(password)
        _live.append(process)

    return start


_live: list[object] = []


def _longest_stall(start) -> float:  # type: ignore[no-untyped-def]
    """Start some background work; the longest gap (ms) between 5 ms timer ticks of the event loop meanwhile."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    loop = QEventLoop()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    failures: list[BaseException] = []
    timer.start()
    start(lambda _r: loop.quit(), lambda exc: (failures.append(exc), loop.quit()))
    loop.exec()
    timer.stop()
    del app
    if failures:
        raise failures[0]
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    if os.environ.get("BENCH_TEAM_GAPS") and gaps:  # where the longest gap fell (for looking into a stall)
        at = gaps.index(max(gaps))
        print(f"gap {max(gaps) * 1000:.1f} ms at {ticks[at] - ticks[0]:.3f} s of {ticks[-1] - ticks[0]:.3f} s",
              file=sys.stderr)
    return max(gaps, default=0.0) * 1000


if __name__ == "__main__":
    for result in run(Settings(quick="--quick" in sys.argv, workdir=Path(tempfile.gettempdir()))):
        base = f"; baseline {result.baseline.median:.2f} ({result.baseline_name})" if result.baseline else ""
        print(f"{result.name}: {result.stats.median:.2f} {result.unit} (target {result.target}){base}; "
              f"{result.note}")
