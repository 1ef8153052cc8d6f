"""``make bench``: every benchmark with its baseline; writes benchmarks/results.json and benchmarks/RESULTS.md.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/run.py [--quick] [--only startup,search] [--keep]

Order: prepare (byte-compile the app as an installed wheel would be, write the 10x and 100x packs), content build
(which leaves a current content database in each user data folder), start-up, search, bookmarks, tabs and
memory, map, printing, team, and the growth of each figure across pack sizes (scaling.py: a table in
RESULTS.md and a plot, docs/img/speed/scaling.png). A full run also rewrites the speed table of README.md.
A benchmark that fails is reported under "Not measured" and the others still run. ``--quick`` checks the
scripts with one or two runs each; its numbers are not for reporting. No test asserts a timing: this is the
only place timings are judged.
"""

from __future__ import annotations

import argparse
import compileall
import os
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
import scaling  # noqa: E402
import synthetic_pack  # noqa: E402
from common import BENCH_DIR, REAL_PACK, ROOT, Result, Settings  # noqa: E402

FACTOR = 100
FACTORS = (1, 10, FACTOR)  # the pack sizes every growing figure is measured at (1: the real pack)
GROUPS = ("build", "startup", "search", "bookmarks", "tabs", "map", "print", "team", "scaling")
# The order of the table: what the user meets first, first. Groups not named here come last, in their order.
GROUP_ORDER = ("Start-up", "Search", "Bookmarks", "Tabs", "Map", "Printing", "Memory", "Content build",
               "Tabs at scale", "Scaling", "Team")


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
    load_before = os.getloadavg()
    workdir = BENCH_DIR / "out"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    settings = Settings(quick=args.quick, workdir=workdir)
    homes = {factor: workdir / f"home-{factor}x" for factor in FACTORS}  # build, start-up, search
    home_1x, home_100x = homes[1], homes[FACTOR]
    home_tabs, home_tabs_100x = workdir / "home-tabs", workdir / "home-tabs-100x"
    scale_homes = {factor: workdir / f"home-scale-{factor}x" for factor in FACTORS}  # the tab walk at every size
    for home in (*homes.values(), home_tabs, home_tabs_100x, *scale_homes.values()):
        home.mkdir()

    say("preparing: byte-compiling the app, writing the 10x and 100x packs")
    compileall.compile_dir(ROOT / "briefing_app", quiet=1)
    packs = {1: REAL_PACK, **{f: synthetic_pack.write_pack(workdir / f"pack-{f}x", f) for f in FACTORS if f > 1}}

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

    step("build", lambda: bench_build.run(settings if "build" in only else Settings(True, workdir), homes, packs))
    # The tab walks save window state: they get folders of their own, so start-up always opens on the Overview.
    for source, copies in ((homes[1], (home_tabs,)), (home_100x, (home_tabs_100x,))):
        for copy in copies:
            _copy_content(source, copy)
    for factor, home in scale_homes.items():
        _copy_content(homes[factor], home)
    step("startup", lambda: bench_startup.run(settings, homes))
    step("search", lambda: bench_search.run(settings, home_1x / "content.sqlite3", home_100x / "content.sqlite3",
                                            FACTOR))
    step("bookmarks", lambda: bench_bookmarks.run(settings, home_1x / "content.sqlite3"))
    tab_results = step("tabs", lambda: bench_tabs.run(settings, home_tabs, home_tabs_100x, FACTOR))
    reshow = next((r.baseline for r in tab_results if "Corridors" in r.name), None)
    step("map", lambda: bench_map_print.map_results(settings, home_tabs, reshow))
    step("print", lambda: bench_map_print.print_results(settings, home_tabs, workdir))
    step("team", lambda: bench_team.run(settings))
    step("scaling", lambda: scaling.measure(settings, scale_homes,
                                            {f: home / "content.sqlite3" for f, home in homes.items()}))
    scaling.tag(results)
    plot = None
    if not args.quick:
        try:
            plot = scaling.plot(results)
        except Exception as exc:  # noqa: BLE001 - the table still says it all
            errors["plot"] = f"{type(exc).__name__}: {exc}"

    results.sort(key=lambda r: GROUP_ORDER.index(r.group) if r.group in GROUP_ORDER else len(GROUP_ORDER))
    seconds = time.perf_counter() - started
    meta = {**report.machine(), "load_before": [round(x, 2) for x in load_before],
            "load_after": [round(x, 2) for x in os.getloadavg()]}
    args.out.mkdir(parents=True, exist_ok=True)
    report.write_json(args.out / "results.json", results, errors, {**meta, "seconds": round(seconds, 1),
                                                                   "quick": args.quick})
    report.write_markdown(args.out / "RESULTS.md", results, errors, meta, seconds, args.quick, plot)
    if not args.quick and args.out == BENCH_DIR and only == set(GROUPS):
        report.update_readme(ROOT / "README.md", results, meta, plot)
    print()
    print(report.table(results))
    for name, message in errors.items():
        print(f"NOT MEASURED {name}: {message.splitlines()[0]}")
    print(f"\nwrote {args.out / 'results.json'} and {args.out / 'RESULTS.md'} in {seconds:.0f} s")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if errors else 0


def _copy_content(source: Path, target: Path) -> None:
    """The content database (and the pack choice) of ``source`` into the user data folder ``target``."""
    for name in ("content.sqlite3", "active-pack.txt"):
        if (source / name).exists():
            shutil.copy(source / name, target / name)


def say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
