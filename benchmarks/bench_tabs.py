"""Peak memory after visiting every tab, and how long each tab takes to show the first time.

Each run is a fresh process (``tab_probe.py``) opening the real pack. The memory baseline is the peak RSS of
the start-up benchmark's heavy baseline (a QMainWindow with pyqtgraph and SQLAlchemy loaded): what the
libraries alone cost. A tab's first show is read against showing it again once built.
"""

from __future__ import annotations

import json
import statistics
import subprocess
from pathlib import Path

from common import BENCH_DIR, PYTHON, ROOT, Result, Settings, Stats, bench_env

TARGET_MB = 250.0
CORRIDORS_FIRST_SHOW_MS = 300.0
#: at the enlarged pack (a library of every summit and ministerial meeting): every tab, and the memory
TAB_AT_SCALE_MS = 300.0
TARGET_MB_AT_SCALE = 250.0


def _probe(home: Path) -> dict:  # type: ignore[type-arg]
    done = subprocess.run([PYTHON, str(BENCH_DIR / "tab_probe.py")], env=bench_env(home), cwd=ROOT,
                          capture_output=True, text=True, timeout=180)
    if done.returncode != 0:
        raise RuntimeError(f"tab_probe.py exited {done.returncode}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _baseline_rss(home: Path) -> float:
    done = subprocess.run(
        [PYTHON, str(BENCH_DIR / "startup_baseline.py"), "heavy", str(home / "content.sqlite3"), "--rss"],
        env=bench_env(home), cwd=ROOT, capture_output=True, text=True, timeout=120, check=True,
    )
    return int(done.stdout.strip().splitlines()[-1]) / 1024


def run(settings: Settings, home_1x: Path, home_100x: Path | None = None, factor: int = 100) -> list[Result]:
    runs = settings.runs(3, 1)
    probes = [_probe(home_1x) for _ in range(runs)]
    baseline = Stats.of([_baseline_rss(home_1x) for _ in range(runs)])
    peak = Stats.of([p["maxrss_kb"] / 1024 for p in probes])
    paint = Stats.of([p["first_paint_ms"] for p in probes])
    busy = Stats.of([p["busy_after_first_paint_ms"] for p in probes])
    results = [
        Result("Start-up", "Window busy after its first paint (deferred work: Overview chart)", "ms", busy,
               target="(reported)", met=None, baseline_name="first paint, from the start of the script",
               baseline=paint, note="input waits this long after the window appears; pyqtgraph's import included"),
        Result("Memory", "Peak RSS after visiting every tab", "MB", peak, target=f"< {TARGET_MB:g} MB",
               met=peak.median < TARGET_MB, baseline_name="QMainWindow + pyqtgraph + SQLAlchemy", baseline=baseline,
               note=f"resident at the end {statistics.median(p['rss_kb'] for p in probes) / 1024:.0f} MB"),
    ]
    for key in probes[0]["first_show_ms"]:
        first = Stats.of([p["first_show_ms"][key] for p in probes])
        again = Stats.of([p["reshow_ms"][key] for p in probes])
        is_map = key == "corridors"
        results.append(Result(
            "Tabs", f"First show of the {key.capitalize()} tab (build + paint)", "ms", first,
            target=f"< {CORRIDORS_FIRST_SHOW_MS:g} ms" if is_map else "(reported)",
            met=first.median < CORRIDORS_FIRST_SHOW_MS if is_map else None,
            baseline_name="showing it again once built", baseline=again,
        ))
    if home_100x is not None and not settings.quick:
        results += _at_scale(home_100x, probes, factor, runs)
    return results


def _at_scale(home: Path, probes_1x: list[dict], factor: int, runs: int = 3) -> list[Result]:  # type: ignore[type-arg]
    """The same walk at the enlarged pack, ``runs`` times: every tab must still show at once, within the memory.

    Each tab's first show is read against the real pack's (how its cost grows with the pack)."""
    bigs = [_probe(home) for _ in range(runs)]
    peak = Stats.of([b["maxrss_kb"] / 1024 for b in bigs])
    out = [
        Result("Tabs at scale", f"Window busy after its first paint, {factor}x pack", "ms",
               Stats.of([b["busy_after_first_paint_ms"] for b in bigs]), target="(reported)", met=None,
               baseline_name="real pack", baseline=Stats.of([p["busy_after_first_paint_ms"] for p in probes_1x])),
        Result("Tabs at scale", f"Peak RSS after visiting every tab, {factor}x pack", "MB", peak,
               target=f"< {TARGET_MB_AT_SCALE:g} MB", met=peak.median < TARGET_MB_AT_SCALE,
               baseline_name="real pack", baseline=Stats.of([p["maxrss_kb"] / 1024 for p in probes_1x]),
               note=f"resident at the end {statistics.median(b['rss_kb'] for b in bigs) / 1024:.0f} MB"),
    ]
    for key in bigs[0]["first_show_ms"]:
        first = Stats.of([b["first_show_ms"][key] for b in bigs])
        out.append(Result(
            "Tabs at scale", f"First show of the {key.capitalize()} tab, {factor}x pack", "ms", first,
            target=f"< {TAB_AT_SCALE_MS:g} ms", met=first.median < TAB_AT_SCALE_MS, baseline_name="real pack",
            baseline=Stats.of([p["first_show_ms"][key] for p in probes_1x]),
        ))
    return out + memory_by_tab(bigs, probes_1x, factor)


def memory_by_tab(bigs: list[dict], probes_1x: list[dict], factor: int) -> list[Result]:  # type: ignore[type-arg]
    """Where the memory goes: resident after the first paint, then what each tab's first show adds (its panel,
    the data it reads, deferred work such as charts), at the enlarged pack against the real pack.

    Resident set sizes read from ``/proc/self/status`` after each step has settled; the peak RSS above is
    the sum of these steps, give or take what a step frees again."""
    if not all("rss_after_mb" in p for p in (*bigs, *probes_1x)):
        return []

    def added(probe: dict, key: str, previous: str) -> float:  # type: ignore[type-arg]
        return float(probe["rss_after_mb"][key] - probe["rss_after_mb"][previous])

    out = [Result(
        "Tabs at scale", f"RSS after the first paint, {factor}x pack", "MB",
        Stats.of([b["rss_after_mb"]["first_paint"] for b in bigs]), target="(reported)", met=None,
        baseline_name="real pack", baseline=Stats.of([p["rss_after_mb"]["first_paint"] for p in probes_1x]),
        note="the Overview with its chart; the libraries alone are the Memory row's baseline",
    )]
    keys = list(bigs[0]["rss_after_mb"])
    for previous, key in zip(keys, keys[1:], strict=False):
        grown = Stats.of([added(b, key, previous) for b in bigs])
        out.append(Result(
            "Tabs at scale", f"RSS added by the {key.capitalize()} tab's first show, {factor}x pack", "MB", grown,
            target="(reported)", met=None, baseline_name="real pack",
            baseline=Stats.of([added(p, key, previous) for p in probes_1x]),
        ))
    return out
