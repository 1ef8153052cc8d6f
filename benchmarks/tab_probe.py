"""Open the window offscreen as the app does, show every tab in turn, report times and peak memory as JSON.

For each tab: the time from asking for it to its first complete paint (the panel is built on first show), the
time to show it again once built, and, after every tab has been shown and its deferred work (charts, map
layers) has run, the process's peak resident set size (``ru_maxrss``).

    BRIEFING_HOME=... QT_QPA_PLATFORM=offscreen python benchmarks/tab_probe.py
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

SETTLE_MS = 400  # long enough for work a panel defers to after its first paint


def _settle(app, ms: int) -> None:  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + ms / 1000
    while time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.005)


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from briefing_app.services.app import open_services
    from briefing_app.ui.app import make_settings
    from briefing_app.ui.main_window import MainWindow
    from briefing_app.ui.tabs import TABS

    app = QApplication(sys.argv[:1])
    services = open_services()
    window = MainWindow(services, make_settings())
    window.resize(1280, 800)
    window.tabs.setCurrentIndex(0)
    window.show()
    _settle(app, SETTLE_MS)

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
        "first_show_ms": first_show,
        "reshow_ms": reshow,
        "pyqtgraph_loaded": "pyqtgraph" in sys.modules,
    }))
    window.close()
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
