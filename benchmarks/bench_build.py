"""Content build: ``briefing-app db build --pack`` at the real pack and at the 10x and 100x packs, whole process.

Two figures per pack: the first build, with nothing cached (every items file parsed and validated), and a
rebuild of the unchanged pack, which takes every items file from the parse cache kept beside the content
database (see briefing_app/content/parse_cache.py; a file that changed is parsed again). The baseline is the
fixed cost of the same command: a process that imports everything the build imports and exits. CPU time (user +
system, of the child and of the processes it forks to parse a large pack's items files and work out its search
names in parallel) is reported beside wall time. The target (100x pack under 3 s) is judged on the first build,
what a user installing a pack waits for; the rebuild is reported beside it. The builds leave each user data
folder with a current content database, which the start-up benchmark then opens.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from common import APP, PYTHON, Result, Settings, Stats, bench_env, per_call_ms, timed_process

IMPORTS_ONLY = (
    "import briefing_app.cli, briefing_app.services.content, briefing_app.content.loader, "
    "briefing_app.content.parse_cache, briefing_app.persistence.content_builder"
)
TARGET_100X_S = 3.0
SERIES_FIRST = "db build, nothing cached"
SERIES_AGAIN = "db build, unchanged pack (parse cache)"


def build(home: Path, pack: Path, *, cached: bool) -> tuple[float, float]:
    """Build the content database of ``pack`` into ``home``; (wall seconds, CPU seconds of the process)."""
    cache = home / "content.sqlite3.parsed"
    if not cached:
        cache.unlink(missing_ok=True)
    before = os.times()
    wall = timed_process([*APP, "db", "build", "--pack", str(pack)], bench_env(home), timeout=600)
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    if not cache.is_file():
        raise RuntimeError(f"the build left no parse cache at {cache}")
    return wall, cpu


def run(settings: Settings, homes: dict[int, Path], packs: dict[int, Path]) -> list[Result]:
    """``homes`` and ``packs`` by factor (1 is the real pack)."""
    floor_runs = settings.runs(5, 1)
    floor = Stats.of(per_call_ms([timed_process([PYTHON, "-c", IMPORTS_ONLY], bench_env(homes[1]))
                                  for _ in range(floor_runs)]))
    results: list[Result] = []
    first_1x: Stats | None = None
    for factor in sorted(packs):
        runs = settings.runs(5 if factor == 1 else 3, 1)
        first: list[tuple[float, float]] = []
        again: list[tuple[float, float]] = []
        for _ in range(runs):  # alternate, so a busy moment costs both alike
            first.append(build(homes[factor], packs[factor], cached=False))
            again.append(build(homes[factor], packs[factor], cached=True))
        first_stats, first_cpu = (Stats.of(per_call_ms([run[i] for run in first])) for i in (0, 1))
        again_stats, again_cpu = (Stats.of(per_call_ms([run[i] for run in again])) for i in (0, 1))
        label = "real pack" if factor == 1 else f"{factor}x pack"
        target, met = "(reported)", None
        if factor == 100:
            target, met = f"< {TARGET_100X_S:g} s", first_stats.median < TARGET_100X_S * 1000
        growth = ""
        if first_1x is not None:
            growth = (f"; {(first_stats.median - floor.median) / max(first_1x.median - floor.median, 1):.0f}x the real "
                      f"pack's variable cost for {factor}x the items")
        results.append(Result(
            "Content build", f"db build, {label}, nothing cached (process)", "ms", first_stats,
            target=target, met=met,
            baseline_name="process importing the build's modules", baseline=floor,
            note=f"CPU {first_cpu.median:,.0f} ms{growth}",
            extra={"series": SERIES_FIRST, "factor": factor, "cpu_ms": first_cpu.to_json()},
        ))
        results.append(Result(
            "Content build", f"db build, {label}, again (items files from the parse cache)", "ms", again_stats,
            target="(reported)", met=None, baseline_name="the same build with nothing cached", baseline=first_stats,
            note=f"CPU {again_cpu.median:,.0f} ms",
            extra={"series": SERIES_AGAIN, "factor": factor, "cpu_ms": again_cpu.to_json()},
        ))
        if factor == 1:
            first_1x = first_stats
    return results


def main() -> int:  # pragma: no cover - a manual run: python benchmarks/bench_build.py PACK [FACTOR]
    import sys
    import tempfile

    pack = Path(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        for cached in (False, True, True):
            start = time.perf_counter()
            wall, cpu = build(Path(tmp), pack, cached=cached)
            print(f"{'cached' if cached else 'first '}: wall {wall * 1000:,.0f} ms, CPU {cpu * 1000:,.0f} ms "
                  f"({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
