"""The list of the slowest test files (tests/conftest.py), which xdist starts first, names files that exist."""

from __future__ import annotations

from tests.conftest import ROOT, SLOWEST_FIRST


def test_every_file_started_first_exists_once() -> None:
    missing = [name for name in SLOWEST_FIRST if not (ROOT / "tests" / name).is_file()]
    assert not missing, missing
    assert len(set(SLOWEST_FIRST)) == len(SLOWEST_FIRST)
