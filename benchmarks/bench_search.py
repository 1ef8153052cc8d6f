"""Search latency per keystroke, as the search box asks it: at the real pack and at 100x, wall and CPU time.

Two sets: the original typing session, and the reader queries of issue 16 (aliases in Russian and Chinese,
transliterations, typos, questions) asked at every keystroke, with aliases, folding and typo fallback on.

Each keystroke is the call the search box makes on its worker thread (``search_box.ask``, that is
``BriefingService.search_results`` with the box's result limit): words and stop words, typo fallback over the
pack's vocabulary, names and aliases, bm25 full text, and a snippet for every hit (the list shows no sources, so
none are read). Keystrokes are paced as in the app, where the search thread sleeps while the reader types (the
box waits 120 ms after the last key): a loop of back-to-back queries would be a CPU hog to the scheduler, and on
a busy machine it measures the scheduler's time slices, not search.

Beside the wall time of each keystroke goes the CPU time of the search thread (what the search itself costs,
whatever the load) and, in the same loop, two baselines:

- one item by primary key through the same repository: the floor of a round trip through SQLite here;
- a fixed pure-Python task of about 2 ms of CPU, paced like the keystrokes: its wall time over its CPU time is
  what the machine's load alone adds to a task of that size at that moment.

The load average is reported at the start and the end of the run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import Result, Settings, Stats

# What a person types, keystroke by keystroke and as whole words: one-letter prefixes match nearly everything.
QUERIES = (
    "A", "Al", "Alm", "Almaty", "K", "Ka", "Kazakh", "Kazakhstan", "c", "co", "corridor", "6", "6.5", "Trans",
    "Trans-Caspian", "Trans-Caspian route", "X", "Xi", "Xi Jinping", "S", "SC", "SCO", "B", "Belarus", "priority",
    "Tokayev", '"Middle Corridor"', "one belt", "Shanghai spirit", "Astana", "e", "t",
)
#: What a briefing reader types (issue 16), keystroke by keystroke: names through aliases in three scripts,
#: transliterations and folded diacritics, typos (corrected over the pack's vocabulary), questions.
READER_QUERIES = (
    "Tokaev", "Khurelsukh", "Pakistn", "Казахстан", "Путин", "哈萨克斯坦总统", "习近平", "TITR",
    "which members joined in 2017", "what did Tokayev propose", "Lukashenka Belarus", "zzqq",
)
TARGET_P95_MS = 10.0
#: The pause before each timed call: the search thread is idle while the reader types.
PAUSE_S = 0.01
#: CPU time of the reference task (about a keystroke's search at the 100x pack).
REFERENCE_CPU_MS = 2.0


def keystrokes(queries: tuple[str, ...]) -> tuple[str, ...]:
    """Every prefix of every query, as the search box asks them while the reader types."""
    return tuple(dict.fromkeys(q[:n] for q in queries for n in range(1, len(q) + 1) if q[:n].strip()))


def _reference_work(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def calibrate_reference() -> int:
    """Iterations of the reference task taking about REFERENCE_CPU_MS of CPU (CPU time barely depends on load)."""
    n = 10_000
    while True:
        best = min(_cpu_ms(lambda n=n: _reference_work(n)) for _ in range(5))  # type: ignore[misc]
        if best >= REFERENCE_CPU_MS / 2 or n > 10_000_000:
            return max(1, round(n * REFERENCE_CPU_MS / best))
        n *= 2


def _cpu_ms(fn: Callable[[], Any]) -> float:
    start = time.thread_time()
    fn()
    return (time.thread_time() - start) * 1000


class Samples:
    """Wall and CPU milliseconds of one thing timed over and over."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def time(self, fn: Callable[[], Any]) -> None:
        start, cpu_start = time.perf_counter(), time.thread_time()
        fn()
        self.cpu.append((time.thread_time() - cpu_start) * 1000)
        self.wall.append((time.perf_counter() - start) * 1000)


def typing_wall_ms(content_db: Path, rounds: int) -> list[float]:
    """Wall milliseconds of the typing session's keystrokes, measured as :func:`run` does (for other sizes)."""
    return _measure(content_db, rounds, QUERIES)[0].wall


def _measure(
    content_db: Path, rounds: int, queries: tuple[str, ...], reference_n: int | None = None
) -> tuple[Samples, Samples, Samples, dict[str, list[float]]]:
    """(search, primary-key floor, reference task, wall ms per query) over ``rounds`` passes of ``queries``; the
    reference task is left out when ``reference_n`` is None."""
    from briefing_app.persistence.content_repository import open_content
    from briefing_app.services.briefing import BriefingService
    from briefing_app.ui.widgets.search_box import ask

    repo = open_content(content_db)
    try:
        briefing = BriefingService(repo)
        for query in queries:  # warm the page cache, the vocabulary and the statement caches, as a session would
            ask(briefing, query)
        some_id = briefing.items("member")[0].id
        search, floor, reference = Samples(), Samples(), Samples()
        per_query: dict[str, list[float]] = {q: [] for q in queries}
        for _ in range(rounds):
            for query in queries:
                time.sleep(PAUSE_S)
                search.time(lambda q=query: ask(briefing, q))  # type: ignore[misc]
                per_query[query].append(search.wall[-1])
                if reference_n is not None:
                    time.sleep(PAUSE_S)
                    reference.time(lambda n=reference_n: _reference_work(n))  # type: ignore[misc]
                floor.time(lambda: repo.get(some_id))
        return search, floor, reference, per_query
    finally:
        repo.close()


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (5 min: {five:.1f})"


def _reported(
    name: str, stats: Stats, baseline_name: str, baseline: Stats, what: str, note: str = "",
    extra: dict[str, Any] | None = None,
) -> Result:
    """A figure shown beside the targets, with no target of its own."""
    return Result(group="Search", name=name, unit="ms", stats=stats, show_p95=True, baseline_name=baseline_name,
                  baseline=baseline, target=f"(reported: {what})", met=None, note=note, extra=extra or {})


def run(settings: Settings, content_1x: Path, content_100x: Path, factor: int) -> list[Result]:
    reference_n = calibrate_reference()
    load_start = _load()
    results: list[Result] = []
    cpu_rows: list[Result] = []
    references = Samples()
    sets = (
        ("Search while typing", QUERIES, settings.runs(12, 1)),
        ("Reader queries per keystroke (aliases, folding, typos)", keystrokes(READER_QUERIES), settings.runs(4, 1)),
    )
    for what, queries, reps in sets:
        real_pack: Stats | None = None
        for label, db in (("real pack", content_1x), (f"{factor}x pack", content_100x)):
            search, floor, reference, per_query = _measure(db, reps, queries, reference_n)
            references.wall += reference.wall
            references.cpu += reference.cpu
            wall, cpu = Stats.of(search.wall), Stats.of(search.cpu)
            slowest = max(per_query, key=lambda q: Stats.of(per_query[q]).p95)
            ref_wall, ref_cpu = Stats.of(reference.wall), Stats.of(reference.cpu)
            results.append(Result(
                group="Search",
                name=f"{what}, {label} ({len(queries)} queries x {reps}), wall",
                unit="ms",
                stats=wall,
                show_p95=True,
                baseline_name="one item by primary key" if real_pack is None else "same queries, real pack",
                baseline=Stats.of(floor.wall) if real_pack is None else real_pack,
                target=f"p95 < {TARGET_P95_MS:g} ms" + (" (target set at 100x)" if real_pack is None else ""),
                met=wall.p95 < TARGET_P95_MS,
                note=f"CPU time of the search thread: median {cpu.median:.2f} ms, p95 {cpu.p95:.2f} ms; a "
                     f"{ref_cpu.median:.1f} ms-CPU reference task in the same loop took {ref_wall.median:.2f} ms "
                     f"wall (p95 {ref_wall.p95:.2f}); slowest query {slowest!r}: p95 "
                     f"{Stats.of(per_query[slowest]).p95:.1f} ms",
                extra={"primary_key_floor_ms": Stats.of(floor.wall).to_json(), "cpu_ms": cpu.to_json(),
                       "reference_task_wall_ms": ref_wall.to_json(), "reference_task_cpu_ms": ref_cpu.to_json(),
                       "pause_between_keystrokes_s": PAUSE_S,
                       "per_query_p95_ms": {q: round(Stats.of(v).p95, 2) for q, v in per_query.items()},
                       "per_query_median_ms": {q: round(Stats.of(v).median, 2) for q, v in per_query.items()}},
            ))
            if real_pack is not None:
                cpu_rows.append(_reported(f"CPU time of the search thread: {what.lower()}, {label}", cpu,
                                          "same keystrokes, wall", wall, "what wall time is on an idle core"))
            real_pack = wall
    load = f"load average at the start {load_start}, at the end {_load()}"
    ref_wall, ref_cpu = Stats.of(references.wall), Stats.of(references.cpu)
    results += cpu_rows
    results.append(_reported(
        f"Reference: a fixed {ref_cpu.median:.1f} ms-CPU task paced like the keystrokes, wall", ref_wall,
        "its CPU time", ref_cpu, "the delay the machine's load adds",
        note=f"{load}; wall over CPU at p95: {ref_wall.p95 / ref_cpu.p95:.2f}x",
        extra={"cpu_ms": ref_cpu.to_json(), "load_start": load_start, "load_end": _load()},
    ))
    return results
