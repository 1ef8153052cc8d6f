"""The map and printing figures, read from the scripts their engineers wrote, with baselines from this runner.

``bench_map.py`` measures in child processes that print JSON (``--child first-show``, ``first-show-warm``,
``repaint``); they are run here directly, interleaved with their baselines. ``bench_print.py`` times the book
in process (``in_process``); the command line is timed here, against printing one member's sheet the same
way (the fixed cost of a print command: Qt, services, the PDF writer).
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
from collections.abc import Sequence
from pathlib import Path

from common import APP, BENCH_DIR, PYTHON, ROOT, Result, Settings, Stats, bench_env, per_call_ms, timed_process

MAP_FIRST_SHOW_MS = 300.0
MAP_REPAINT_MS = 16.0
BOOK_SECONDS = 2.0  # the briefing book to PDF (issue #22)


def _json_child(cmd: list[str], home: Path, timeout: float = 300) -> object:
    done = subprocess.run(cmd, env=bench_env(home), cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[1:])} exited {done.returncode}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def map_results(settings: Settings, home: Path, reshow: Stats | None) -> list[Result]:
    script = str(BENCH_DIR / "bench_map.py")
    runs = settings.runs(5, 1)
    first = {"first-show-warm": [], "first-show": []}  # type: dict[str, list[float]]
    for _ in range(runs):
        for child, times in first.items():
            out = _json_child([PYTHON, script, "--child", child], home)
            times.append(float(out["first_show_ms"]))  # type: ignore[index]
    repaints = [_json_child([PYTHON, script, "--child", "repaint", "--runs", str(settings.runs(7, 2))], home)
                for _ in range(settings.runs(3, 1))]
    floor = Stats.of(_json_child([PYTHON, str(BENCH_DIR / "paint_baseline.py")], home))  # type: ignore[arg-type]
    reshow_name = "showing the tab again once built" if reshow is not None else ""
    results = [
        Result("Map", "Corridors tab first show, 2 s after the window appeared", "ms",
               Stats.of(first["first-show-warm"]), target=f"< {MAP_FIRST_SHOW_MS:g} ms",
               met=Stats.of(first["first-show-warm"]).median < MAP_FIRST_SHOW_MS,
               baseline_name=reshow_name, baseline=reshow, note="fresh process per run; pyqtgraph warmed up"),
        Result("Map", "Corridors tab first show, at once (pyqtgraph import included)", "ms",
               Stats.of(first["first-show"]), target=f"< {MAP_FIRST_SHOW_MS:g} ms",
               met=Stats.of(first["first-show"]).median < MAP_FIRST_SHOW_MS,
               baseline_name=reshow_name, baseline=reshow, note="fresh process per run"),
    ]
    labels = {
        "repaint_ms": "Map full repaint at 1280x800",
        "repaint_after_highlight_change_ms": "Map repaint after a hover highlight change",
        "repaint_after_pan_step_ms": "Map repaint after a 40 px pan step",
        "repaint_after_zoom_step_ms": "Map repaint after a zoom step",
        "repaint_without_bitmap_caches_ms": "Map repaint with bitmap caches off",
    }
    for key, label in labels.items():
        if not all(key in r for r in repaints):  # type: ignore[operator]
            continue
        stats = Stats.of([float(r[key]) for r in repaints])  # type: ignore[index]
        headline = key == "repaint_ms"
        results.append(Result(
            "Map", label, "ms", stats, target=f"median < {MAP_REPAINT_MS:g} ms" if headline else "(reported)",
            met=stats.median < MAP_REPAINT_MS if headline else None,
            baseline_name="1280x800 view showing one pixmap", baseline=floor,
            note="each sample: the median of a process's repaints",
        ))
    return results


_IN_PROCESS = """
import json, sys, tempfile
from pathlib import Path
sys.path.insert(0, {bench!r})
import bench_print
with tempfile.TemporaryDirectory() as folder:
    first, later, pages = bench_print.in_process({runs}, Path(folder) / "book.pdf")
print(json.dumps({{"first_s": first, "later_s": later, "pages": pages}}))
"""


def _interleaved_with_cpu(commands: dict[str, Sequence[str]], env: dict[str, str], runs: int, warmup: int = 1
                         ) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Wall and CPU (user + system) seconds of each command's whole process, round-robin after ``warmup`` rounds:
    on a shared machine the CPU time says what the work cost when the wall time also says how busy the machine was."""
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for round_number in range(warmup + runs):
        for name, cmd in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            elapsed = timed_process(cmd, env)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if round_number >= warmup:
                wall[name].append(elapsed)
                cpu[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return wall, cpu


def print_results(settings: Settings, home: Path, workdir: Path) -> list[Result]:
    book, sheet = workdir / "book.pdf", workdir / "sheet.pdf"
    env = bench_env(home)
    cli, cpu = _interleaved_with_cpu({
        "book": [*APP, "print", "--section", "book", "--out", str(book)],
        "sheet": [*APP, "print", "--item", "member:kaz", "--out", str(sheet)],
    }, env, settings.runs(5, 1))
    book_stats, sheet_stats = Stats.of(per_call_ms(cli["book"])), Stats.of(per_call_ms(cli["sheet"]))
    book_cpu, sheet_cpu = (statistics.median(cpu[name]) * 1000 for name in ("book", "sheet"))
    inproc = _json_child([PYTHON, "-c", _IN_PROCESS.format(bench=str(BENCH_DIR), runs=settings.runs(5, 1))], home)
    later = Stats.of(per_call_ms(inproc["later_s"]))  # type: ignore[index]
    pages = inproc["pages"]  # type: ignore[index]
    return [
        Result("Printing", f"Briefing book to PDF, command line ({pages} pages)", "ms", book_stats,
               target=f"< {BOOK_SECONDS:g} s", met=book_stats.median < BOOK_SECONDS * 1000,
               baseline_name="one member's sheet, command line", baseline=sheet_stats,
               note=f"whole process: start, services, map and charts drawn, PDF written; CPU median "
                    f"{book_cpu:.0f} ms (sheet {sheet_cpu:.0f} ms, {book_cpu / sheet_cpu:.2f}x)"),
        Result("Printing", "Briefing book to PDF, in the running app (later runs)", "ms", later,
               target=f"< {BOOK_SECONDS:g} s", met=later.median < BOOK_SECONDS * 1000,
               baseline_name="book, command line", baseline=book_stats,
               note=f"first run in process {inproc['first_s'] * 1000:.0f} ms (figures drawn)"),  # type: ignore[index]
    ]
