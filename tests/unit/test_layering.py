"""The core never imports Qt: domain, content, persistence, services, views and reports import without PySide6."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = [
    "briefing_app.paths",
    "briefing_app.domain.items",
    "briefing_app.domain.bookmarks",
    "briefing_app.content.loader",
    "briefing_app.persistence.content_repository",
    "briefing_app.persistence.bookmark_repository",
    "briefing_app.services.app",
    "briefing_app.services.bookmarks",
    "briefing_app.reports.item_html",
    "briefing_app.cli",
    "briefing_app.cli_bookmarks",
    "briefing_app.cli_output",
    "briefing_app.errors",
    "briefing_app.services.errors",
    "briefing_app.cli_highlights",
    "briefing_app.domain.highlights",
    "briefing_app.persistence.highlight_repository",
    "briefing_app.services.highlights",
    "briefing_app.reports.highlight_sheets",
]

BLOCKER = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'):
            raise ImportError('Qt is not allowed in the core: ' + name)
sys.meta_path.insert(0, Block())
import importlib
for module in sys.argv[1:]:
    importlib.import_module(module)
import pkgutil, briefing_app.reports, briefing_app.views
for package in (briefing_app.reports, briefing_app.views):
    for found in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):
        importlib.import_module(found.name)
print('ok')
"""


def test_core_imports_without_qt() -> None:
    result = subprocess.run([sys.executable, "-c", BLOCKER, *CORE], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


@pytest.mark.skipif(shutil.which("lint-imports", path=str(Path(sys.executable).parent)) is None,
                    reason="import-linter is not installed")
def test_import_contracts_hold() -> None:
    result = subprocess.run([str(Path(sys.executable).parent / "lint-imports")], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
