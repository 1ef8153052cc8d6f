"""Open the window on a screen of a given size (offscreen), visit every tab, save a screenshot of each and print
what a reader would find cut or covered, as JSON. Run by tests/ui/test_screen_sizes.py in a fresh process per
screen (the screen's size and QT_SCALE_FACTOR are fixed when Qt starts):

    python -m tests.ui.screen_size_run WIDTH HEIGHT OUT_DIR      (env QT_QPA_PLATFORM=offscreen:configfile=...)
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QWidget


def never_scrolls(view: QAbstractScrollArea) -> bool:
    off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    return view.verticalScrollBarPolicy() == off and view.horizontalScrollBarPolicy() == off

def settle(app: QApplication, ms: int = 120) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def inside(widget: QWidget, window: QWidget) -> bool:
    """The whole of ``widget`` lies within the window's client area."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


def cut_labels(root: QWidget) -> list[str]:
    """Visible one-line labels narrower than their text (what shows as "Populatio")."""
    out = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or label.wordWrap() or not label.text() or label.text().startswith("<"):
            continue
        if label.width() + 1 < label.fontMetrics().horizontalAdvance(label.text()):
            out.append(label.text()[:40])
    return out


def main() -> int:
    width, height, out = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    from briefing_app.services.app import open_services
    from briefing_app.ui.app import make_settings
    from briefing_app.ui.main_window import MainWindow
    from briefing_app.ui.tabs import TAB_KEYS

    services = open_services()
    services.bookmarks.add("member:kaz", note="Host of the summit.", tags=["meeting"])
    services.bookmarks.add("paragraph:26", tags=["meeting", "finance"])
    window = MainWindow(services, make_settings())
    window.show()
    settle(app, 300)
    screen = window.screen()
    area = screen.availableGeometry()
    report: dict[str, object] = {
        "screen": [screen.geometry().width(), screen.geometry().height()],
        "scale": screen.devicePixelRatio(),
        "available": [area.width(), area.height()],
        "window": [window.width(), window.height()],
        "minimum": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
        "tabs": {},
    }
    # Then as a user of a big screen would: the window filling the screen (maximised)
    window.resize(area.width() - (window.frameGeometry().width() - window.width()),
                  area.height() - (window.frameGeometry().height() - window.height()))
    settle(app, 200)
    report["maximised"] = [window.width(), window.height()]
    tabs: dict[str, object] = {}
    opened = {"members": "member:kaz", "achievements": "achievement:youth-council",
              "priorities": "proposal:aifc-financing-mechanism", "corridors": "corridor:trans-caspian",
              "source": "paragraph:26"}
    for index, key in enumerate(TAB_KEYS):
        window.tabs.setCurrentIndex(index)
        settle(app, 150)
        if key in opened:
            window.navigator.open(opened[key])
        panel = window.current_panel()
        if key == "overview":
            panel.ensure_chart()
        settle(app, 250)
        name = f"{key}-{width}x{height}-x{screen.devicePixelRatio():g}"
        window.grab().save(str(out / f"{name}.png"))
        info: dict[str, object] = {
            "minimum": [panel.minimumSizeHint().width(), panel.minimumSizeHint().height()],
            "panel": [panel.width(), panel.height()],
            "cut_labels": cut_labels(panel),
            "screenshot": name,
        }
        # Lists, tables and text panes must keep a usable size: none squeezed below 60 x 40 pixels
        squeezed = []
        for view in panel.findChildren(QAbstractScrollArea):
            if never_scrolls(view):
                continue  # sized to its text (the selected paragraph's reader over its row), not a pane
            if view.isVisible() and view.accessibleName() and (view.width() < 60 or view.height() < 40):
                squeezed.append(f"{view.accessibleName()} {view.width()}x{view.height()}")
        info["squeezed"] = squeezed
        if key == "overview" and panel.chart is not None:
            chart = panel.chart
            info["chart"] = [chart.width(), chart.height()]
            info["chart_inside"] = inside(chart, window)
            # the plot (title, axes, legend, bars) inside its widget: nothing drawn past the right edge
            info["chart_fits"] = [chart.plot_item.geometry().width(), chart.plot_widget.width()]
            info["chart_x_axis"] = chart.plot_item.getAxis("bottom").isVisible() and \
                chart.plot_widget.height() >= 160
        if key == "corridors":
            view = panel.map
            box = view.box.boundingRect()
            covered = view.disclaimer.boundingRect().height() + (
                view.key.boundingRect().height() if view.key.isVisible() else 0.0)
            info["map"] = [round(box.width()), round(box.height())]
            info["map_covered"] = round(covered / max(box.height(), 1.0), 3)
        tabs[key] = info
    report["tabs"] = tabs
    print(json.dumps(report))
    window.close()
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
