"""Open the window offscreen as the app does, show every tab in turn, report times and peak memory as JSON.

First, how long the window stays busy after its first paint (work panels deferred to then, such as a chart
and the import of its library, runs before the window answers input). Then, for each tab: the time from
asking for it to its first complete paint (the panel is built on first show), the time to show it again,
and, after every tab has been shown and its deferred work (charts, map layers) has run, the process's peak
resident set size (``ru_maxrss``).

    BRIEFING_HOME=... QT_QPA_PLATFORM=offscreen python benchmarks/tab_probe.py
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import importlib  # noqa: E402 - the clock starts before any import
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

SETTLE_MS = 400  # long enough for work a panel defers to after its first paint


def _settle(app, ms: int) -> None:  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + ms / 1000
    while time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.005)


def _rss_mb() -> tuple[float, float]:
    """(resident now, peak resident so far) of this process in MB, from /proc/self/status."""
    fields = {}
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            fields[line.split(":")[0]] = int(line.split()[1]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


def main() -> int:
    importlib.import_module("briefing_app.services.app")  # the core before Qt, as the app does (see __main__)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from briefing_app.services.app import open_services
    from briefing_app.ui.app import make_settings
    from briefing_app.ui.main_window import MainWindow
    from briefing_app.ui.tabs import TABS

    app = QApplication(sys.argv[:1])
    services = open_services()
    window = MainWindow(services, make_settings())
    window.resize(1280, 800)
    marks: dict[str, float] = {}

    def painted() -> None:
        marks["paint"] = time.perf_counter()
        # Posted after everything the first paint scheduled: it runs when the window is free again.
        QTimer.singleShot(0, lambda: marks.setdefault("idle", time.perf_counter()))

    window.first_painted.connect(painted)
    window.show()
    deadline = time.perf_counter() + 10
    while "idle" not in marks and time.perf_counter() < deadline:
        app.processEvents()
    _settle(app, SETTLE_MS)
    rss_mb: dict[str, float] = {"first_paint": _rss_mb()[0]}  # resident after the first paint and its deferred work
    peak_mb: dict[str, float] = {"first_paint": _rss_mb()[1]}

    first_show: dict[str, float] = {}
    for index, tab in enumerate(TABS):
        if index == 0:
            continue  # built before the first paint; the start-up benchmark measures it
        start = time.perf_counter()
        window.tabs.setCurrentIndex(index)
        app.processEvents()
        window.grab()  # a complete, synchronous paint of the window with the new tab
        first_show[tab.key] = (time.perf_counter() - start) * 1000
        _settle(app, SETTLE_MS)
        rss_mb[tab.key], peak_mb[tab.key] = _rss_mb()  # after the tab and its deferred work

    reshow: dict[str, float] = {}
    for index, tab in enumerate(TABS):
        start = time.perf_counter()
        window.tabs.setCurrentIndex(index)
        app.processEvents()
        window.grab()
        reshow[tab.key] = (time.perf_counter() - start) * 1000
    window.tabs.setCurrentIndex(0)  # the next window in this folder opens on the Overview, as a new user's does
    _settle(app, 50)

    status = Path("/proc/self/status").read_text(encoding="ascii")
    vm_rss = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    print(json.dumps({
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "rss_kb": vm_rss,
        "first_paint_ms": (marks["paint"] - STARTED) * 1000,
        "busy_after_first_paint_ms": (marks["idle"] - marks["paint"]) * 1000,
        "first_show_ms": first_show,
        "reshow_ms": reshow,
        "rss_after_mb": rss_mb,
        "peak_after_mb": peak_mb,
        "pyqtgraph_loaded": "pyqtgraph" in sys.modules,
    }))
    window.close()
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
