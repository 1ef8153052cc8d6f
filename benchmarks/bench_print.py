"""How long the whole briefing book takes to become a PDF (target: under 2 s), in process and from the command line.

In process, the first run pays for drawing the map and charts (and importing pyqtgraph); later runs reuse the
drawn figures, as a session of the app does. The command line pays for everything every time, as a user's
``briefing-app print --section book`` does.

    BRIEFING_HOME=/tmp/bench .venv/bin/briefing-app db build
    BRIEFING_HOME=/tmp/bench QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_print.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 2.0


def in_process(runs: int, out: Path) -> tuple[float, list[float], int]:
    from PySide6.QtWidgets import QApplication

    from briefing_app.reports.book import briefing_book
    from briefing_app.services.app import open_services
    from briefing_app.ui.printing.figures import FigureRenderer
    from briefing_app.ui.printing.page_setup import PageSetup
    from briefing_app.ui.printing.pdf import write_pdf
    from briefing_app.ui.printing.render import RunningText

    app = QApplication.instance() or QApplication(sys.argv[:1])
    services = open_services()
    info = services.briefing.pack_info()
    running = RunningText(info.title, f"{info.id} {info.version}")
    figures = FigureRenderer(services)
    times = []
    pages = 0
    for _ in range(runs + 1):
        start = time.perf_counter()
        sheet = briefing_book(services.briefing, printed_on="today")
        pages = write_pdf(sheet, out, PageSetup(), running, figures)
        times.append(time.perf_counter() - start)
    services.close()
    del app
    return times[0], times[1:], pages


def command_line(runs: int, out: Path) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) seconds of each whole ``print --section book`` process."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "briefing_app", "print", "--section", "book", "--out", str(out)],
                       check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return times, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not os.environ.get("BRIEFING_HOME"):
        print("Set BRIEFING_HOME to a folder with a built content database (briefing-app db build).")
        return 2
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "book.pdf"
        cli, cli_cpu = command_line(args.runs, out)
        first, warm, pages = in_process(args.runs, out)
        size = out.stat().st_size
    cli_median = statistics.median(cli)
    print(f"Briefing book: {pages} pages, {size / 1024:.0f} KiB (A4)")
    print(f"  command line, whole process: median {cli_median:.2f} s over {len(cli)} runs "
          f"(min {min(cli):.2f}, max {max(cli):.2f}); CPU median {statistics.median(cli_cpu):.2f} s")
    print(f"  in process, first run (map and charts drawn): {first:.2f} s")
    print(f"  in process, later runs: median {statistics.median(warm):.2f} s over {len(warm)} runs "
          f"(min {min(warm):.2f}, max {max(warm):.2f})")
    verdict = "meets" if cli_median < TARGET_SECONDS else "MISSES"
    print(f"  {verdict} the {TARGET_SECONDS:.0f} s target (command line median)")
    return 0 if cli_median < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
