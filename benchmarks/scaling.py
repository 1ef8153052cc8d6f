"""How cost grows with the pack: each figure at the real pack (1x), 10x and 100x, as a table and a small plot.

A result belongs to a series when its ``extra`` carries ``series`` (the figure's name) and ``factor`` (the pack
size: 1, 10 or 100). The start-up and build benchmarks tag their own results; :func:`tag` tags the search
results by their names; :func:`measure` adds what no other benchmark measures at every size (the tab walk at 1x,
10x and 100x: the slowest tab's first show and the peak RSS; search at 10x). A series with a size missing shows
a dash, so figures can be added or renamed without breaking the report.

The plot (``docs/img/speed/scaling.png``) is drawn with QPainter: cost relative to the real pack against pack
size, both on log scales, with the line "cost proportional to the pack" for comparison.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
from pathlib import Path
from typing import Any

from common import BENCH_DIR, PYTHON, ROOT, Result, Settings, Stats, bench_env

FACTORS = (1, 10, 100)
PLOT = ROOT / "docs" / "img" / "speed" / "scaling.png"
SERIES_TABS = "Slowest tab's first show"
SERIES_RSS = "Peak RSS after visiting every tab"
SERIES_SEARCH = "Search while typing, p95"
#: The order of the series in the table and the plot's legend: what the user meets first, first.
ORDER = ("Start-up to first paint with content", SERIES_TABS, SERIES_SEARCH, SERIES_RSS, "db build, nothing cached",
         "db build, unchanged pack (parse cache)")
_SEARCH_NAME = re.compile(r"^Search while typing, (?:real pack|(\d+)x pack)")


def tag(results: list[Result]) -> None:
    """Give the search-while-typing results their series (p95 is the figure searched for)."""
    for r in results:
        match = _SEARCH_NAME.match(r.name)
        if match and "series" not in r.extra:
            r.extra.update({"series": SERIES_SEARCH, "factor": int(match.group(1) or 1), "use": "p95"})


def _probe(home: Path) -> dict[str, Any]:
    done = subprocess.run([PYTHON, str(BENCH_DIR / "tab_probe.py")], env=bench_env(home), cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"tab_probe.py exited {done.returncode}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def measure(settings: Settings, tab_homes: dict[int, Path], content_dbs: dict[int, Path]) -> list[Result]:
    """The tab walk at every pack size, and search while typing at the sizes the search benchmark skips."""
    results: list[Result] = []
    runs = settings.runs(2, 1)
    for factor, home in sorted(tab_homes.items()):
        probes = [_probe(home) for _ in range(runs)]
        label = "real pack" if factor == 1 else f"{factor}x pack"
        slowest: dict[str, float] = {}
        for key in probes[0].get("first_show_ms", {}):
            slowest[key] = Stats.of([p["first_show_ms"][key] for p in probes]).median
        if slowest:
            worst = max(slowest, key=lambda k: slowest[k])
            results.append(Result(
                "Scaling", f"Slowest tab's first show, {label}", "ms",
                Stats.of([p["first_show_ms"][worst] for p in probes]), target="(reported)", met=None,
                note=f"the {worst.capitalize()} tab; {len(slowest)} tabs walked",
                extra={"series": SERIES_TABS, "factor": factor, "tab": worst, "per_tab_ms": slowest},
            ))
        if all("maxrss_kb" in p for p in probes):
            results.append(Result(
                "Scaling", f"Peak RSS after visiting every tab, {label}", "MB",
                Stats.of([p["maxrss_kb"] / 1024 for p in probes]), target="(reported)", met=None,
                extra={"series": SERIES_RSS, "factor": factor},
            ))
    try:
        import bench_search

        for factor, db in sorted(content_dbs.items()):
            if factor in (1, 100):
                continue  # the search benchmark measures these
            samples = bench_search.typing_wall_ms(db, settings.runs(10, 2))
            results.append(Result(
                "Scaling", f"Search while typing, {factor}x pack ({len(bench_search.QUERIES)} queries)", "ms",
                Stats.of(samples), target="(reported)", met=None, show_p95=True,
                extra={"series": SERIES_SEARCH, "factor": factor, "use": "p95"},
            ))
    except (ImportError, AttributeError) as exc:  # the search benchmark changed: its sizes are still reported
        print(f"[bench] search at 10x not measured: {exc}")
    return results


def series(results: list[Result]) -> dict[str, dict[int, tuple[float, str]]]:
    """Series name -> {factor: (value, unit)}; the first result of a series at a size counts."""
    out: dict[str, dict[int, tuple[float, str]]] = {}
    for r in results:
        name, factor = r.extra.get("series"), r.extra.get("factor")
        if not isinstance(name, str) or not isinstance(factor, int):
            continue
        value = r.stats.p95 if r.extra.get("use") == "p95" else r.stats.median
        out.setdefault(name, {}).setdefault(factor, (value, r.unit))
    order = {name: i for i, name in enumerate(ORDER)}
    return dict(sorted(out.items(), key=lambda kv: order.get(kv[0], len(order))))


def _fmt(value: float, unit: str) -> str:
    if unit == "ms" and value >= 1000:
        return f"{value / 1000:.2f} s"
    if unit == "MB" or value >= 100:
        return f"{value:,.0f} {unit}"
    return f"{value:.1f} {unit}" if value >= 10 else f"{value:.2f} {unit}"


def table(results: list[Result]) -> str:
    """One line per figure across pack sizes, with the growth from the real pack to 100x."""
    lines = ["| Figure | " + " | ".join(f"{f}x" if f > 1 else "real pack (1x)" for f in FACTORS)
             + " | 100x / 1x |", "|---|" + "---:|" * (len(FACTORS) + 1)]
    for name, values in series(results).items():
        cells = [_fmt(*values[f]) if f in values else "—" for f in FACTORS]
        growth = (f"{values[100][0] / values[1][0]:.1f}x" if 1 in values and 100 in values and values[1][0] > 0
                  else "—")
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {growth} |")
    return "\n".join(lines)


COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f")


def plot(results: list[Result], path: Path = PLOT) -> Path | None:
    """Draw the growth of every series with at least two sizes into ``path`` (PNG); None when there is none."""
    data = {name: values for name, values in series(results).items() if len(values) >= 2 and 1 in values}
    if not data:
        return None
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

    _app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - fonts need an application
    width, height = 760, 380
    left, right, top, bottom = 58, 292, 34, 44
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setPixelSize(12)
    painter.setFont(font)
    plot_w, plot_h = width - left - right, height - top - bottom
    ratios = [values[f][0] / values[1][0] for values in data.values() for f in values if values[1][0] > 0]
    y_max = max(100.0, max(ratios))
    y_min = min(0.5, min(ratios))
    lx_max, ly_min, ly_max = math.log10(max(FACTORS)), math.log10(y_min), math.log10(y_max)

    def at(factor: float, ratio: float) -> QPointF:
        x = left + plot_w * math.log10(factor) / lx_max
        y = top + plot_h * (1 - (math.log10(ratio) - ly_min) / (ly_max - ly_min))
        return QPointF(x, y)

    painter.setPen(QPen(QColor("#dddddd"), 1))
    decade = 10 ** math.floor(ly_min)
    while decade <= y_max * 1.0001:
        for step in (1, 2, 5):
            value = decade * step
            if y_min <= value <= y_max:
                p = at(1, value)
                painter.setPen(QPen(QColor("#e4e4e4" if step != 1 else "#c8c8c8"), 1))
                painter.drawLine(QPointF(left, p.y()), QPointF(left + plot_w, p.y()))
                if step in (1, 5) or value < 1:
                    painter.setPen(QColor("#444444"))
                    painter.drawText(QRectF(0, p.y() - 8, left - 6, 16),
                                     Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{value:g}x")
        decade *= 10
    for factor in FACTORS:
        p = at(factor, y_min)
        painter.setPen(QPen(QColor("#c8c8c8"), 1))
        painter.drawLine(QPointF(p.x(), top), QPointF(p.x(), top + plot_h))
        painter.setPen(QColor("#444444"))
        painter.drawText(QRectF(p.x() - 40, top + plot_h + 4, 80, 16), Qt.AlignmentFlag.AlignHCenter,
                         "real pack" if factor == 1 else f"{factor}x pack")
    painter.drawText(QRectF(left, 8, plot_w, 18), Qt.AlignmentFlag.AlignLeft,
                     "Cost relative to the real pack, by pack size (log scales)")
    painter.drawText(QRectF(left, height - 20, plot_w, 16), Qt.AlignmentFlag.AlignHCenter,
                     "items in the pack (the real pack repeated)")
    proportional = QPen(QColor("#888888"), 1.5, Qt.PenStyle.DashLine)
    painter.setPen(proportional)
    painter.drawLine(at(1, 1), at(min(100, y_max), min(100, y_max)))
    legend_y = top + 4
    entries = [("cost proportional to the pack", proportional)]
    for index, (name, values) in enumerate(data.items()):
        pen = QPen(QColor(COLOURS[index % len(COLOURS)]), 2.2)
        painter.setPen(pen)
        points = [at(f, values[f][0] / values[1][0]) for f in FACTORS if f in values]
        for a, b in zip(points, points[1:], strict=False):
            painter.drawLine(a, b)
        for point in points:
            painter.drawEllipse(point, 3, 3)
        first, last = (_fmt(*values[f]).replace(" ", "\u00a0") for f in (1, max(values)))  # a value on one line
        entries.append((f"{name} ({first}\u00a0→ {last})", pen))
    for text, pen in entries:
        painter.setPen(pen)
        painter.drawLine(QPointF(width - right + 14, legend_y + 8), QPointF(width - right + 36, legend_y + 8))
        painter.setPen(QColor("#222222"))
        rect = QRectF(width - right + 42, legend_y, right - 48, 34)
        bound = painter.boundingRect(rect, Qt.TextFlag.TextWordWrap, text)
        painter.drawText(rect, Qt.TextFlag.TextWordWrap, text)
        legend_y += bound.height() + 8
    painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path
