"""Every tab usable from 1024x600 to 3840x2160 and at 200% scaling: the window opens inside the screen, no tab
needs more than the screen, the Overview chart fits its column, the map's key and disclaimer leave the map free.

Each screen is a fresh offscreen Qt (its size and QT_SCALE_FACTOR are fixed at start), driven by
``tests/ui/screen_size_run.py``, which saves a screenshot of every tab: into $BRIEFING_SCREENSHOTS when set
(to be looked at), else into the test's temporary folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: (physical width, height, QT_SCALE_FACTOR)
SCREENS = [(1024, 600, 1), (1280, 800, 1), (1920, 1080, 1), (3840, 2160, 1), (2048, 1200, 2), (2560, 1600, 2)]


def run_on_screen(width: int, height: int, scale: int, out: Path, tmp: Path, home: Path) -> dict:  # type: ignore[type-arg]
    config = tmp / f"screen-{width}x{height}.json"
    config.write_text(json.dumps({"screens": [{"name": "test", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "dpr": 1}]}), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "BRIEFING_HOME": str(home),
           "QT_SCALE_FACTOR": str(scale), "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "tests.ui.screen_size_run", str(width // scale),
                             str(height // scale), str(out)], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


#: the screen ``make test-fast`` checks (the window's default size); ``make test`` checks every screen
FAST_SCREEN = (1280, 800, 1)


@pytest.mark.parametrize(("width", "height", "scale"), [
    pytest.param(*screen, id="{}x{}@{}x".format(*screen), marks=() if screen == FAST_SCREEN else pytest.mark.e2e)
    for screen in SCREENS
])
def test_every_tab_fits_the_screen(home_with_content: Path, tmp_path: Path, width: int, height: int,
                                   scale: int) -> None:
    out = Path(os.environ.get("BRIEFING_SCREENSHOTS") or tmp_path / "shots")
    report = run_on_screen(width, height, scale, out, tmp_path, home_with_content)
    available = report["available"]
    assert report["scale"] == scale
    # The window opens inside the screen, at most 1280x800 (logical), and every tab fits in it
    assert report["window"][0] <= min(available[0], 1280) and report["window"][1] <= min(available[1], 800)
    # Then, maximised, every tab fits in it (and so in any smaller window down to 1024x600)
    for key, tab in report["tabs"].items():
        assert tab["minimum"][0] <= report["window"][0], (key, tab["minimum"])
        assert tab["minimum"][1] <= report["window"][1] - 60, (key, tab["minimum"])  # menus, toolbar, status
        assert not tab["squeezed"], (key, tab["squeezed"])
        assert not tab["cut_labels"], (key, tab["cut_labels"])
        assert (out / f"{tab['screenshot']}.png").stat().st_size > 10_000
    overview = report["tabs"]["overview"]
    assert overview["chart_inside"] and overview["chart_x_axis"]
    plot_width, widget_width = overview["chart_fits"]
    assert plot_width <= widget_width + 0.5  # the title, legend and bar values are not cut at the right
    corridors = report["tabs"]["corridors"]
    assert corridors["map_covered"] <= 0.2, corridors  # the key and disclaimer never hide a quarter of the map
