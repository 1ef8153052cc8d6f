"""The baselines of the start-up benchmark: a window shown and quit exactly as ``--exit-after-paint`` does.

    python benchmarks/startup_baseline.py bare             a bare PySide6 QMainWindow
    python benchmarks/startup_baseline.py heavy CONTENT_DB the same after importing pyqtgraph and SQLAlchemy
                                                           and running one query on the content database

Both quit on the first paint of the window (a zero-delay timer after ``paintEvent``, as the app does), and print
when that was on the system's monotonic clock (``first paint: monotonic SECONDS``), as the app does, so the
only difference from the app is the work the app does before its first paint.
"""

from __future__ import annotations

import sys
import time


def main(argv: list[str]) -> int:
    mode = argv[0] if argv else "bare"
    if mode == "heavy":
        import pyqtgraph  # noqa: F401 - the import is what is measured
        from sqlalchemy import create_engine, text

        engine = create_engine(f"sqlite:///file:{argv[1]}?mode=ro&uri=true")
        with engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM items")).scalar_one()
        engine.dispose()
    elif mode != "bare":
        print(f"unknown mode {mode!r}", file=sys.stderr)
        return 2

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    class Window(QMainWindow):
        painted = False

        def paintEvent(self, event: QPaintEvent) -> None:
            super().paintEvent(event)
            if not self.painted:
                self.painted = True
                QTimer.singleShot(0, quit_after_paint)

    def quit_after_paint() -> None:  # as the app's --exit-after-paint does: say when, then quit
        print(f"first paint: monotonic {time.monotonic():.6f}", flush=True)
        QApplication.quit()

    app = QApplication(sys.argv[:1])
    window = Window()
    window.setCentralWidget(QLabel("baseline"))
    window.resize(1280, 800)
    window.show()
    code = app.exec()
    if "--rss" in argv:
        import resource

        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
