"""docs/reliability.md names a test for every row; each one it names exists (so the table cannot go stale)."""

from __future__ import annotations

import re

from tests.conftest import ROOT

DOC = ROOT / "docs" / "reliability.md"
REFERENCE = re.compile(r"`((?:unit|ui|e2e)/test_[a-z0-9_]+\.py)(?:::([A-Za-z0-9_]+))?")


def test_every_table_row_names_a_test_and_every_named_test_exists() -> None:
    text = DOC.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| ---")]
    body_rows = [row for row in rows if not row.startswith(("| Fault", "| Situation", "| Bad input", "| Input",
                                                             "| Path"))]
    assert len(body_rows) >= 40
    for row in body_rows:
        assert REFERENCE.search(row.rsplit("|", 2)[-2]), f"row without a test: {row[:80]}"
    missing = []
    for path, name in REFERENCE.findall(text):
        source = ROOT / "tests" / path
        if not source.is_file():
            missing.append(path)
        elif name and not re.search(rf"^def {name}\(", source.read_text(encoding="utf-8"), re.MULTILINE):
            missing.append(f"{path}::{name}")
    assert missing == []
