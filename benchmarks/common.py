"""What every benchmark shares: robust statistics, timing a whole process, and the result record.

A figure is never reported alone: each result carries a baseline measured in the same run (interleaved with
it where that is possible), so the ratio holds on a noisy machine even when the absolute numbers drift.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "benchmarks"
REAL_PACK = ROOT / "resources" / "packs" / "astana-2024"
PYTHON = sys.executable
# The command a user runs (the console script of this environment), or the module where it is not installed.
_SCRIPT = Path(sys.executable).parent / "briefing-app"
APP = [str(_SCRIPT)] if _SCRIPT.is_file() else [PYTHON, "-m", "briefing_app"]


def percentile(samples: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between closest ranks."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Stats:
    """Summary of repeated measurements: the median, the spread (quartiles, extremes) and the 95th percentile."""

    n: int
    median: float
    q1: float
    q3: float
    p95: float
    min: float
    max: float

    @classmethod
    def of(cls, samples: Sequence[float]) -> Stats:
        return cls(
            n=len(samples),
            median=statistics.median(samples),
            q1=percentile(samples, 25),
            q3=percentile(samples, 75),
            p95=percentile(samples, 95),
            min=min(samples),
            max=max(samples),
        )

    def scaled(self, factor: float) -> Stats:
        return Stats(self.n, *(getattr(self, f) * factor for f in ("median", "q1", "q3", "p95", "min", "max")))

    def to_json(self) -> dict[str, float | int]:
        return {
            "n": self.n, "median": round(self.median, 3), "q1": round(self.q1, 3), "q3": round(self.q3, 3),
            "p95": round(self.p95, 3), "min": round(self.min, 3), "max": round(self.max, 3),
        }


@dataclass
class Result:
    """One reported figure with the baseline it is read against and the target it must meet."""

    group: str
    name: str
    unit: str
    stats: Stats
    target: str
    met: bool | None
    baseline_name: str = ""
    baseline: Stats | None = None
    show_p95: bool = False
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline.median == 0:
            return None
        return self.stats.median / self.baseline.median

    def to_json(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "name": self.name,
            "unit": self.unit,
            "stats": self.stats.to_json(),
            "baseline_name": self.baseline_name or None,
            "baseline": self.baseline.to_json() if self.baseline else None,
            "ratio": round(self.ratio, 3) if self.ratio is not None else None,
            "target": self.target,
            "met": self.met,
            "note": self.note,
            **({"extra": self.extra} if self.extra else {}),
        }


@dataclass(frozen=True)
class Settings:
    """How hard to measure: ``quick`` is for checking the scripts themselves, not for reporting."""

    quick: bool = False
    workdir: Path = Path("/tmp")

    def runs(self, full: int, quick: int = 2) -> int:
        return quick if self.quick else full


def bench_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of an app process under test: offscreen, its own user data folder."""
    env = dict(os.environ)
    env.update({"QT_QPA_PLATFORM": "offscreen", "BRIEFING_HOME": str(home), "PYTHONDONTWRITEBYTECODE": "1"})
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    env.update(extra)
    return env


def timed_process(cmd: Sequence[str], env: dict[str, str], timeout: float = 120) -> float:
    """Wall time in seconds of a whole process, from spawn to exit; raises if it fails."""
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return elapsed


def interleaved(commands: dict[str, tuple[Sequence[str], dict[str, str]]], runs: int, warmup: int = 1
                ) -> dict[str, list[float]]:
    """Run each command ``runs`` times, round-robin (so drift affects all alike), after ``warmup`` rounds."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for round_number in range(warmup + runs):
        for name, (cmd, env) in commands.items():
            elapsed = timed_process(cmd, env)
            if round_number >= warmup:
                samples[name].append(elapsed)
    return samples


def per_call_ms(samples_s: Sequence[float]) -> list[float]:
    return [s * 1000 for s in samples_s]
