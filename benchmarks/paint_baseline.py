"""Baseline of the map repaint: the cheapest full repaint of a 1280x800 graphics view on this machine.

A QGraphicsView the size of the map view shows one pre-rendered 1280x800 pixmap; a synchronous repaint of its
viewport is what copying a finished picture to the screen costs here (software raster, offscreen). Prints the
repaint times in ms as a JSON list.

    QT_QPA_PLATFORM=offscreen python benchmarks/paint_baseline.py [--repaints 70]
"""

from __future__ import annotations

import argparse
import json
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repaints", type=int, default=70)
    args = parser.parse_args()

    from PySide6.QtGui import QColor, QPixmap
    from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView

    app = QApplication(sys.argv[:1])
    picture = QPixmap(1280, 800)
    picture.fill(QColor("#dde6ee"))
    scene = QGraphicsScene()
    scene.addPixmap(picture)
    view = QGraphicsView(scene)
    view.resize(1280, 800)
    view.show()
    app.processEvents()
    times = []
    for step in range(args.repaints + 3):
        view.viewport().update()
        start = time.perf_counter()
        view.viewport().repaint()
        if step >= 3:
            times.append((time.perf_counter() - start) * 1000)
    print(json.dumps(times))
    return 0


if __name__ == "__main__":
    sys.exit(main())
