"""The committed user database fixtures are what their ``make_user_v*`` scripts write, row for row.

The scripts share one writer (``tests/fixtures/user_database.py``); this is what shows that each still writes the
file the upgrade tests read (compared as SQL dumps, not bytes: another SQLite may lay the same rows out otherwise).
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from types import ModuleType

import pytest

from tests.fixtures import make_user_v0001, make_user_v0002, make_user_v0002_ordered


def _dump(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


@pytest.mark.parametrize("script", [make_user_v0001, make_user_v0002, make_user_v0002_ordered],
                         ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_a_fixture_script_writes_the_committed_file(script: ModuleType, tmp_path: Path) -> None:
    made = tmp_path / script.FIXTURE.name
    script.make(made)
    assert _dump(made) == _dump(script.FIXTURE)
