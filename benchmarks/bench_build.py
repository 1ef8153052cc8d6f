"""Content build: ``briefing-app db build --pack`` at the real pack and at the 100x pack, whole process.

The baseline is the fixed cost of the same command: a process that imports everything the build imports and
exits. What is left is the work proportional to the pack. The builds leave each user data folder with a
current content database, which the start-up benchmark then opens.
"""

from __future__ import annotations

from pathlib import Path

from common import APP, PYTHON, Result, Settings, Stats, bench_env, per_call_ms, timed_process

IMPORTS_ONLY = (
    "import briefing_app.cli, briefing_app.services.content, briefing_app.content.loader, "
    "briefing_app.persistence.content_builder"
)


def build(home: Path, pack: Path) -> float:
    """Build the content database of ``pack`` into ``home``; wall seconds."""
    return timed_process([*APP, "db", "build", "--pack", str(pack)], bench_env(home), timeout=600)


def run(settings: Settings, home_1x: Path, home_100x: Path, pack_1x: Path, pack_100x: Path, factor: int
        ) -> list[Result]:
    runs_1x, runs_100x = settings.runs(5, 1), settings.runs(3, 1)
    floor = [timed_process([PYTHON, "-c", IMPORTS_ONLY], bench_env(home_1x)) for _ in range(runs_1x)]
    one = [build(home_1x, pack_1x) for _ in range(runs_1x)]
    hundred = [build(home_100x, pack_100x) for _ in range(runs_100x)]
    floor_stats, one_stats = Stats.of(per_call_ms(floor)), Stats.of(per_call_ms(one))
    hundred_stats = Stats.of(per_call_ms(hundred))
    return [
        Result("Content build", "db build, real pack (process)", "ms", one_stats,
               target="(reported)", met=None, baseline_name="process importing the build's modules",
               baseline=floor_stats),
        Result("Content build", f"db build, {factor}x pack (process)", "ms", hundred_stats,
               target="(reported)", met=None, baseline_name="db build, real pack", baseline=one_stats,
               note=f"{(hundred_stats.median - floor_stats.median) / max(one_stats.median - floor_stats.median, 1):.0f}"
                    f"x the real pack's variable cost for {factor}x the items"),
    ]
