"""Start-up: wall time of the whole ``briefing-app --exit-after-paint`` process against two baselines.

The window quits right after its first paint with content. The baselines quit the same way
(``startup_baseline.py``): a bare QMainWindow, and the same window after importing pyqtgraph and SQLAlchemy and
running one query. All four processes (app at the real pack, app at the 100x pack, both baselines) run
round-robin, so a busy moment on the machine costs each of them alike.
"""

from __future__ import annotations

from pathlib import Path

from common import APP, BENCH_DIR, PYTHON, Result, Settings, Stats, bench_env, interleaved, per_call_ms

RATIO_100X = 1.2


def run(settings: Settings, home_1x: Path, home_100x: Path, factor: int) -> list[Result]:
    runs = settings.runs(9, 2)
    baseline = str(BENCH_DIR / "startup_baseline.py")
    content_db = str(home_1x / "content.sqlite3")
    env_1x = bench_env(home_1x)
    commands = {
        "bare": ([PYTHON, baseline, "bare"], env_1x),
        "heavy": ([PYTHON, baseline, "heavy", content_db], env_1x),
        "app": ([*APP, "--exit-after-paint"], env_1x),
        "app_100x": ([*APP, "--exit-after-paint"], bench_env(home_100x)),
    }
    samples = {name: Stats.of(per_call_ms(values)) for name, values in interleaved(commands, runs).items()}
    bare, heavy, app, app_100x = samples["bare"], samples["heavy"], samples["app"], samples["app_100x"]
    return [
        Result("Start-up", "Baseline: bare QMainWindow shown, quit on first paint", "ms", bare,
               target="(baseline)", met=None),
        Result("Start-up", "Baseline: + import pyqtgraph, SQLAlchemy, one query", "ms", heavy,
               target="(baseline)", met=None, baseline_name="bare QMainWindow", baseline=bare),
        Result("Start-up", "App to first paint with content, real pack", "ms", app,
               target="<= pyqtgraph+SQLAlchemy baseline", met=app.median <= heavy.median,
               baseline_name="pyqtgraph+SQLAlchemy baseline", baseline=heavy,
               note=f"{app.median - bare.median:.0f} ms over the bare window"),
        Result("Start-up", f"App to first paint with content, {factor}x pack", "ms", app_100x,
               target=f"<= {RATIO_100X:g} x real pack", met=app_100x.median <= RATIO_100X * app.median,
               baseline_name="app, real pack", baseline=app),
    ]
