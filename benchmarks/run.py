"""``make bench``: every benchmark with its baseline; writes benchmarks/results.json and benchmarks/RESULTS.md.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/run.py [--quick] [--only startup,search] [--keep]

Order: prepare (byte-compile the app as an installed wheel would be, write the 100x pack), content build (which
leaves a current content database in each user data folder), start-up, search, bookmarks, tabs and memory,
map, printing. A benchmark that fails is reported under "Not measured" and the others still run. ``--quick``
checks the scripts with one or two runs each; its numbers are not for reporting. No test asserts a timing:
this is the only place timings are judged.
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_bookmarks  # noqa: E402 - the benchmark modules sit beside this script, not in a package
import bench_build  # noqa: E402
import bench_map_print  # noqa: E402
import bench_search  # noqa: E402
import bench_startup  # noqa: E402
import bench_tabs  # noqa: E402
import bench_team  # noqa: E402
import report  # noqa: E402
import synthetic_pack  # noqa: E402
from common import BENCH_DIR, REAL_PACK, ROOT, Result, Settings  # noqa: E402

FACTOR = 100
GROUPS = ("build", "startup", "search", "bookmarks", "tabs", "map", "print", "team")
# The order of the table: what the user meets first, first.
GROUP_ORDER = ("Start-up", "Search", "Bookmarks", "Tabs", "Map", "Printing", "Memory", "Content build",
               "Tabs at scale", "Team")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one or two runs each, to check the scripts")
    parser.add_argument("--only", help=f"comma-separated subset of: {', '.join(GROUPS)}")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (benchmarks/out/)")
    parser.add_argument("--out", type=Path, default=BENCH_DIR, help="where results.json and RESULTS.md go")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else set(GROUPS)
    unknown = only - set(GROUPS)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")

    started = time.perf_counter()
    workdir = BENCH_DIR / "out"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    settings = Settings(quick=args.quick, workdir=workdir)
    home_1x, home_100x = workdir / "home-1x", workdir / "home-100x"
    home_tabs, home_tabs_100x = workdir / "home-tabs", workdir / "home-tabs-100x"
    for home in (home_1x, home_100x, home_tabs, home_tabs_100x):
        home.mkdir()

    say("preparing: byte-compiling the app, writing the 100x pack")
    compileall.compile_dir(ROOT / "briefing_app", quiet=1)
    pack_100x = synthetic_pack.write_pack(workdir / f"pack-{FACTOR}x", FACTOR)

    results: list[Result] = []
    errors: dict[str, str] = {}

    def step(name: str, fn: Callable[[], list[Result]]) -> list[Result]:
        if name not in only and name != "build":  # the build also prepares the others' databases
            return []
        say(f"{name} ...")
        t0 = time.perf_counter()
        try:
            produced = fn()
        except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the others
            errors[name] = f"{type(exc).__name__}: {exc}"
            traceback.print_exc()
            return []
        say(f"{name}: {time.perf_counter() - t0:.0f} s")
        if name in only:
            results.extend(produced)
        return produced

    step("build", lambda: bench_build.run(settings if "build" in only else Settings(True, workdir),
                                          home_1x, home_100x, REAL_PACK, pack_100x, FACTOR))
    # The tab walk saves window state: it gets folders of its own, so start-up always opens on the Overview.
    shutil.copy(home_1x / "content.sqlite3", home_tabs / "content.sqlite3")
    for name in ("content.sqlite3", "active-pack.txt"):
        if (home_100x / name).exists():
            shutil.copy(home_100x / name, home_tabs_100x / name)
    step("startup", lambda: bench_startup.run(settings, home_1x, home_100x, FACTOR))
    step("search", lambda: bench_search.run(settings, home_1x / "content.sqlite3", home_100x / "content.sqlite3",
                                            FACTOR))
    step("bookmarks", lambda: bench_bookmarks.run(settings, home_1x / "content.sqlite3"))
    tab_results = step("tabs", lambda: bench_tabs.run(settings, home_tabs, home_tabs_100x, FACTOR))
    reshow = next((r.baseline for r in tab_results if "Corridors" in r.name), None)
    step("map", lambda: bench_map_print.map_results(settings, home_tabs, reshow))
    step("print", lambda: bench_map_print.print_results(settings, home_tabs, workdir))
    step("team", lambda: bench_team.run(settings))

    results.sort(key=lambda r: GROUP_ORDER.index(r.group) if r.group in GROUP_ORDER else len(GROUP_ORDER))
    seconds = time.perf_counter() - started
    meta = report.machine()
    args.out.mkdir(parents=True, exist_ok=True)
    report.write_json(args.out / "results.json", results, errors, {**meta, "seconds": round(seconds, 1),
                                                                   "quick": args.quick})
    report.write_markdown(args.out / "RESULTS.md", results, errors, meta, seconds, args.quick)
    print()
    print(report.table(results))
    for name, message in errors.items():
        print(f"NOT MEASURED {name}: {message.splitlines()[0]}")
    print(f"\nwrote {args.out / 'results.json'} and {args.out / 'RESULTS.md'} in {seconds:.0f} s")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if errors else 0


def say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
