"""The app's version is read from its installed metadata without importing ``importlib.metadata`` (its import pulls
email, zipfile and socket into every window: issue 22), and equals what ``importlib.metadata`` reads."""

from __future__ import annotations

import sys
from importlib.metadata import version

import pytest

import briefing_app


def test_the_version_is_the_installed_metadata_read_without_importlib_metadata(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    installed = version("sco-briefing")
    # Given importlib.metadata cannot be imported
    monkeypatch.setitem(sys.modules, "importlib.metadata", None)
    # Then the version is still the installed one
    assert briefing_app._version() == installed == briefing_app.__version__
