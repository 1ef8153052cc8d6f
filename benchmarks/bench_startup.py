"""Start-up: wall time of the whole ``briefing-app --exit-after-paint`` process against two baselines.

The window quits right after its first paint with content. The baselines quit the same way
(``startup_baseline.py``): a bare QMainWindow, and the same window after importing pyqtgraph and SQLAlchemy and
running one query. All the processes (the app at each pack size, both baselines) run round-robin, so a busy
moment on the machine costs each of them alike. The target (issue 22): at most 0.75x the heavy baseline at every
pack size.
"""

from __future__ import annotations

from pathlib import Path

from common import APP, BENCH_DIR, PYTHON, Result, Settings, Stats, bench_env, interleaved, per_call_ms

#: The app to its first paint with content against the heavy baseline, at every pack size (issue 22); aim 0.6.
RATIO_TARGET = 0.75
SERIES = "Start-up to first paint with content"


def run(settings: Settings, homes: dict[int, Path]) -> list[Result]:
    """``homes`` by pack factor (1 is the real pack), each with a current content database."""
    runs = settings.runs(9, 2)
    baseline = str(BENCH_DIR / "startup_baseline.py")
    content_db = str(homes[1] / "content.sqlite3")
    env_1x = bench_env(homes[1])
    commands = {
        "bare": ([PYTHON, baseline, "bare"], env_1x),
        "heavy": ([PYTHON, baseline, "heavy", content_db], env_1x),
        **{f"app_{factor}x": ([*APP, "--exit-after-paint"], bench_env(home)) for factor, home in sorted(homes.items())},
    }
    samples = {name: Stats.of(per_call_ms(values)) for name, values in interleaved(commands, runs).items()}
    bare, heavy = samples["bare"], samples["heavy"]
    results = [
        Result("Start-up", "Baseline: bare QMainWindow shown, quit on first paint", "ms", bare,
               target="(baseline)", met=None),
        Result("Start-up", "Baseline: + import pyqtgraph, SQLAlchemy, one query", "ms", heavy,
               target="(baseline)", met=None, baseline_name="bare QMainWindow", baseline=bare),
    ]
    for factor in sorted(homes):
        app = samples[f"app_{factor}x"]
        label = "real pack" if factor == 1 else f"{factor}x pack"
        results.append(Result(
            "Start-up", f"App to first paint with content, {label}", "ms", app,
            target=f"<= {RATIO_TARGET:g} x pyqtgraph+SQLAlchemy baseline",
            met=app.median <= RATIO_TARGET * heavy.median,
            baseline_name="pyqtgraph+SQLAlchemy baseline", baseline=heavy,
            note=f"{app.median - bare.median:.0f} ms over the bare window",
            extra={"series": SERIES, "factor": factor},
        ))
    return results
