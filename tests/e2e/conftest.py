"""Fixtures of the end-to-end tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A working folder outside the checkout, to run installed programs from."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder
