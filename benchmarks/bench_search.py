"""Search latency while typing: every query of a realistic typing session, at the real pack and at 100x.

Two sets: the original typing session, and the reader queries of issue 16 (aliases in Russian and Chinese,
transliterations, typos, questions) asked at every keystroke, with aliases, folding and typo fallback on.

Queries go through ``BriefingService.search`` with the search box's result limit, exactly as the window asks
them (ranking, snippets, and the items' sources for the result list). The baseline, measured in the same
loop, is the cheapest query the same repository can run (one item by primary key): the floor of a round trip
through SQLAlchemy and SQLite on this machine.
"""

from __future__ import annotations

import time
from pathlib import Path

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
#: CPU time of the search thread per query, beside the wall time: on a machine shared with other work, wall
#: time includes waiting for a core; CPU time is what the search itself costs.
cpu: list[float] = []


def keystrokes(queries: tuple[str, ...]) -> tuple[str, ...]:
    """Every prefix of every query, as the search box asks them while the reader types."""
    return tuple(dict.fromkeys(q[:n] for q in queries for n in range(1, len(q) + 1) if q[:n].strip()))


def _measure(
    content_db: Path, rounds: int, queries: tuple[str, ...] = QUERIES
) -> tuple[list[float], list[float], dict[str, list[float]]]:
    from briefing_app.persistence.content_repository import open_content
    from briefing_app.services.briefing import BriefingService
    from briefing_app.ui.widgets.search_box import RESULT_LIMIT

    repo = open_content(content_db)
    try:
        briefing = BriefingService(repo)
        for query in queries:  # warm the page cache and the statement caches
            briefing.search(query, limit=RESULT_LIMIT)
        some_id = briefing.items("member")[0].id
        samples: list[float] = []
        cpu.clear()
        floor: list[float] = []
        per_query: dict[str, list[float]] = {q: [] for q in queries}
        for _ in range(rounds):
            for query in queries:
                start, cpu_start = time.perf_counter(), time.thread_time()
                briefing.search(query, limit=RESULT_LIMIT)
                elapsed = (time.perf_counter() - start) * 1000
                cpu.append((time.thread_time() - cpu_start) * 1000)
                samples.append(elapsed)
                per_query[query].append(elapsed)
                start = time.perf_counter()
                repo.get(some_id)
                floor.append((time.perf_counter() - start) * 1000)
        return samples, floor, per_query
    finally:
        repo.close()


def run(settings: Settings, content_1x: Path, content_100x: Path, factor: int) -> list[Result]:
    rounds = settings.runs(40, 5)
    results = []
    typed = keystrokes(READER_QUERIES)
    for what, queries, reps in (("Search while typing", QUERIES, rounds),
                                ("Reader queries per keystroke (aliases, folding, typos)", typed, max(1, rounds // 4))):
        medians_1x: Stats | None = None
        for label, db in (("real pack", content_1x), (f"{factor}x pack", content_100x)):
            samples, floor, per_query = _measure(db, reps, queries)
            stats = Stats.of(samples)
            slowest = max(per_query, key=lambda q: Stats.of(per_query[q]).p95)
            results.append(Result(
                group="Search",
                name=f"{what}, {label} ({len(queries)} queries x {reps})",
                unit="ms",
                stats=stats,
                show_p95=True,
                baseline_name="one item by primary key" if medians_1x is None else "same queries, real pack",
                baseline=Stats.of(floor) if medians_1x is None else medians_1x,
                target=f"p95 < {TARGET_P95_MS:g} ms" + (" (target set at 100x)" if label == "real pack" else ""),
                met=stats.p95 < TARGET_P95_MS,
                note=f"slowest query {slowest!r}: p95 {Stats.of(per_query[slowest]).p95:.1f} ms; CPU time of the "
                     f"search thread: median {Stats.of(cpu).median:.2f} ms, p95 {Stats.of(cpu).p95:.2f} ms",
                extra={"primary_key_floor_ms": Stats.of(floor).to_json(), "cpu_ms": Stats.of(cpu).to_json(),
                       "per_query_p95_ms": {q: round(Stats.of(v).p95, 2) for q, v in per_query.items()},
                       "per_query_median_ms": {q: round(Stats.of(v).median, 2) for q, v in per_query.items()}},
            ))
            medians_1x = stats
    return results
