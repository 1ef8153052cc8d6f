"""How fast the Corridors map is: first show of the tab, and a full repaint at 1280x800, offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_map.py [--runs 7]

Targets (issue 5): the tab's first show under 300 ms; a full repaint under 16 ms median.

"First show" runs in a fresh process each time (the map data not yet loaded, as for a user): from asking
for the tab to the end of its first paint, with the main window up on the Overview tab; once as a user
would (2 s after the window appeared, when its idle warm-up has imported pyqtgraph) and once at once. The map
itself needs neither pyqtgraph nor numpy (its view box is plain Qt); at once, the Overview's chart, built on a
zero-delay timer after the Overview's first paint, still imports them (about 290 ms) inside the timed window.

"Repaint" forces a synchronous repaint of the whole 1280x800 map view. The layers are cached as bitmaps,
so a plain repaint copies them; the variants after a highlight change, a pan step and a zoom step (which
redraw layers) and with every cache off are reported too.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _prepare_home() -> Path:
    home = Path(tempfile.mkdtemp(prefix="bench-map-"))
    env = {**os.environ, "BRIEFING_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run(
        [sys.executable, "-m", "briefing_app", "db", "build"], env=env, check=True, cwd=ROOT, capture_output=True
    )
    return home


def _child_first_show(warm: bool) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from briefing_app.services.app import open_services
    from briefing_app.ui.app import make_settings
    from briefing_app.ui.main_window import WARM_UP_DELAY_MS, MainWindow

    window = MainWindow(open_services(), make_settings())
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    window.repaint()
    if warm:
        # The user reads the first tab for a moment: the window's idle warm-up imports pyqtgraph meanwhile.
        loop = QEventLoop()
        QTimer.singleShot(WARM_UP_DELAY_MS + 500, loop.quit)
        loop.exec()
    start = time.perf_counter()
    window.navigator.open("tab:corridors")
    app.processEvents()
    window.repaint()  # synchronous: the tab is painted when this returns
    elapsed = time.perf_counter() - start
    print(json.dumps({"first_show_ms": elapsed * 1000}))


def _child_repaint(runs: int) -> None:
    from PySide6.QtWidgets import QApplication, QGraphicsItem

    app = QApplication([])
    from briefing_app.services.app import open_services
    from briefing_app.ui.map.view import CorridorMapView
    from briefing_app.views.map_data import load_map

    view = CorridorMapView(load_map(open_services().briefing))
    view.resize(1280, 800)
    view.show()
    app.processEvents()
    count = runs * 10

    def timed(before=None) -> float:  # type: ignore[no-untyped-def]
        """Median of synchronous full repaints of the 1280x800 viewport, each after ``before()``."""
        times = []
        for step in range(count + 3):
            if before is not None:
                before(step)
            view.viewport().update()
            start = time.perf_counter()
            view.viewport().repaint()
            if step >= 3:
                times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times)

    results = {"repaint_ms": timed()}
    hover = ["corridor:trans-caspian", "node:almaty"]
    results["repaint_after_highlight_change_ms"] = timed(lambda step: view.state.hover(hover[step % 2]))
    view.state.hover(None)
    results["repaint_after_pan_step_ms"] = timed(lambda step: view.box.translateBy(x=40.0 if step % 2 else -40.0))
    results["repaint_after_zoom_step_ms"] = timed(lambda step: view.zoom(1.25 if step % 2 else 0.8))
    for item in view.scene().items():
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    results["repaint_without_bitmap_caches_ms"] = timed()
    app.processEvents()
    print(json.dumps(results))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", choices=["first-show", "first-show-warm", "repaint"])
    args = parser.parse_args()
    if args.child in ("first-show", "first-show-warm"):
        _child_first_show(warm=args.child == "first-show-warm")
        return
    if args.child == "repaint":
        _child_repaint(args.runs)
        return

    home = _prepare_home()
    env = {**os.environ, "BRIEFING_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    try:
        first: dict[str, list[float]] = {"first-show-warm": [], "first-show": []}
        for _ in range(args.runs):
            for child, times in first.items():
                out = subprocess.run(
                    [sys.executable, __file__, "--child", child],
                    env=env,
                    check=True,
                    capture_output=True,
                    text=True,
                    cwd=ROOT,
                )
                times.append(json.loads(out.stdout.strip().splitlines()[-1])["first_show_ms"])
        out = subprocess.run(
            [sys.executable, __file__, "--child", "repaint", "--runs", str(args.runs)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        repaint = json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(home, ignore_errors=True)

    for child, label in (
        ("first-show-warm", "2 s after the window appeared"),
        ("first-show", "at once, pyqtgraph not yet imported"),
    ):
        times = first[child]
        print(
            f"Corridors tab first show, {label}: median {statistics.median(times):.1f} ms over {args.runs} "
            f"fresh processes (min {min(times):.1f}, max {max(times):.1f}; target < 300 ms)"
        )
    print(f"Full repaint 1280x800:    median {repaint['repaint_ms']:.2f} ms (target < 16 ms)")
    for key, label in (
        ("repaint_after_highlight_change_ms", "after a hover highlight changes (lines and nodes redrawn)"),
        ("repaint_after_pan_step_ms", "after each 40-pixel pan step"),
        ("repaint_after_zoom_step_ms", "after each zoom step (every layer redrawn)"),
        ("repaint_without_bitmap_caches_ms", "with every bitmap cache turned off"),
    ):
        print(f"  {label}: {repaint[key]:.2f} ms")


if __name__ == "__main__":
    main()
