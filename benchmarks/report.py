"""Writing the results: ``results.json`` (everything) and ``RESULTS.md`` (the table for the README)."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from common import ROOT, Result


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    os_name = platform.platform()
    with contextlib.suppress(OSError, StopIteration):
        os_name = next(line.split("=", 1)[1].strip().strip('"') for line in Path("/etc/os-release").read_text()
                       .splitlines() if line.startswith("PRETTY_NAME="))
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        qt = f"PySide6 {PySide6.__version__}, Qt {qVersion()}"
    except ImportError:
        qt = "PySide6 not importable"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "os": os_name,
        "python": platform.python_version(),
        "qt": qt,
        "sqlite": sqlite3.sqlite_version,
        "qpa": "offscreen",
        "commit": commit.stdout.strip() or None,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def write_json(path: Path, results: list[Result], errors: dict[str, str], meta: dict[str, Any]) -> None:
    data = {"machine": meta, "results": [r.to_json() for r in results], "errors": errors}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _num(value: float, unit: str) -> str:
    if unit == "MB" or abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _met(result: Result) -> str:
    if result.met is None:
        return "—"
    return "yes" if result.met else "**no**"


def table(results: list[Result]) -> str:
    lines = [
        "| Area | Benchmark | Median | Spread (q1–q3) | p95 | Runs | Baseline, same run (median) | Ratio | Target "
        "| Met |",
        "|---|---|---:|---:|---:|---:|---|---:|---|:---:|",
    ]
    for r in results:
        s, u = r.stats, r.unit
        baseline = f"{r.baseline_name}: {_num(r.baseline.median, u)} {u}" if r.baseline and r.baseline_name else "—"
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None and r.baseline_name else "—"
        lines.append(
            f"| {r.group} | {r.name} | {_num(s.median, u)} {u} | {_num(s.q1, u)}–{_num(s.q3, u)} | "
            f"{_num(s.p95, u) + ' ' + u if r.show_p95 else '—'} | {s.n} | {baseline} | {ratio} | {r.target} | "
            f"{_met(r)} |"
        )
    return "\n".join(lines)


def _load(meta: dict[str, Any]) -> str:
    before, after = meta.get("load_before"), meta.get("load_after")
    if not before or not after:
        return ""
    return f" Load average (1, 5, 15 min) {', '.join(f'{x:g}' for x in before)} at the start, " \
           f"{', '.join(f'{x:g}' for x in after)} at the end."


def write_markdown(path: Path, results: list[Result], errors: dict[str, str], meta: dict[str, Any],
                   seconds: float, quick: bool, plot: Path | None = None) -> None:
    import scaling

    out = [
        "# Benchmark results",
        "",
        f"Measured with `make bench` on {meta['measured_at']} (commit {meta['commit']}), in {seconds:.0f} s"
        + (" — **quick mode: too few runs to report**" if quick else "") + ".",
        "",
        f"Machine: {meta['cores']} cores ({meta['cpu']}), {meta['os']}, Python {meta['python']}, {meta['qt']}, "
        f"SQLite {meta['sqlite']}, Qt platform `{meta['qpa']}` (no GPU).{_load(meta)}",
        "",
        table(results),
        "",
        "Each figure is read against a baseline measured in the same run (interleaved with it where both are whole "
        "processes), so the ratio holds when the machine is busy. Spread is the interquartile range.",
        "",
    ]
    if scaling.series(results):
        out += ["## How cost grows with the pack", "",
                "Each figure at the real pack, at 10 times and at 100 times its items (`synthetic_pack.py`); the "
                "last column is the growth from the real pack to 100x (100x would be cost proportional to the "
                "pack). Search is its p95 per keystroke; the rest are medians.", "", scaling.table(results), ""]
        if plot is not None:
            out += [f"![Cost relative to the real pack by pack size]({os.path.relpath(plot, path.parent)})", ""]
    notes = [f"- **{r.group}, {r.name}**: {r.note}" for r in results if r.note]
    if notes:
        out += ["## Notes", "", *notes, ""]
    for r in results:
        per_query = r.extra.get("per_query_p95_ms")
        if per_query and "x pack" in r.name:
            medians = r.extra["per_query_median_ms"]
            shown = list(per_query.items())
            title = f"## Search per query: {r.name}"
            if len(shown) > 40:  # every keystroke of a set: the slowest ones say enough
                shown = sorted(shown, key=lambda qp: -qp[1])[:15]
                title += f" (the 15 slowest of {len(per_query)})"
            out += [title, "", "| Query | Median ms | p95 ms |", "|---|---:|---:|"]
            out += [f"| `{q}` | {medians[q]:.2f} | {p:.2f} |" for q, p in shown]
            out.append("")
    if errors:
        out += ["## Not measured", ""]
        out += [f"- **{name}**: {message.splitlines()[0] if message else 'failed'}" for name, message in errors.items()]
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


README_START = "<!-- speed-table: written by make bench (benchmarks/report.py) -->"
README_END = "<!-- /speed-table -->"


def readme_block(results: list[Result], meta: dict[str, Any], plot: Path | None, readme: Path) -> str:
    """The README's speed table: every figure with a target, then how cost grows with the pack, then the plot."""
    import scaling

    lines = [
        README_START,
        f"Measured with `make bench` on {meta['measured_at'][:10]} (commit {meta['commit']}), {meta['cores']} cores "
        f"({meta['cpu']}), Python {meta['python']}, {meta['qt']}, SQLite {meta['sqlite']}, Qt `{meta['qpa']}`."
        f"{_load(meta)} Medians; every baseline measured in the same run.",
        "",
        "| What | Median | Baseline in the same run | Ratio | Target | Met |",
        "|---|---:|---|---:|---|:---:|",
    ]
    for r in results:
        if r.met is None:
            continue
        s, u = r.stats, r.unit
        value = f"{_num(s.median, u)} {u}" + (f" (p95 {_num(s.p95, u)} {u})" if r.show_p95 else "")
        cpu = r.extra.get("cpu_ms")
        if isinstance(cpu, dict) and "median" in cpu and u == "ms":
            value += f" (CPU {_num(cpu['median'], u)} {u})"
        baseline = f"{r.baseline_name}: {_num(r.baseline.median, u)} {u}" if r.baseline and r.baseline_name else "—"
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None and r.baseline_name else "—"
        lines.append(f"| {r.group}: {r.name} | {value} | {baseline} | {ratio} | {r.target} | {_met(r)} |")
    if scaling.series(results):
        lines += ["", "How cost grows with the pack (the real pack, 10 and 100 times its items):", "",
                  scaling.table(results)]
        if plot is not None:
            lines += ["", f"![Cost relative to the real pack by pack size]({os.path.relpath(plot, readme.parent)})"]
    lines.append(README_END)
    return "\n".join(lines)


def update_readme(readme: Path, results: list[Result], meta: dict[str, Any], plot: Path | None) -> bool:
    """Replace the speed table between the markers in ``readme``; False (untouched) when the markers are missing."""
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        return False
    block = readme_block(results, meta, plot, readme)
    readme.write_text(text[:start] + block + text[end + len(README_END):], encoding="utf-8")
    return True
