"""benchmarks/screens.py's comparison: which images pair up, which are missing, and the table it prints.

No window is opened and ImageMagick is not run: only the bookkeeping that decides the exit code and the table.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import screens  # noqa: E402 - a script folder, not a package
import synthetic_pack  # noqa: E402


def _touch(folder: Path, *names: str) -> None:
    for name in names:
        (folder / name).write_bytes(b"")


def test_pairs_missing_and_unpaired_images(tmp_path: Path) -> None:
    # Given a baseline of two shots and a new run that has one of them and a shot the baseline left out
    _touch(tmp_path, "overview-100x-before.png", "overview-100x-after.png", "members-100x-before.png",
           "source-end-1x-after.png", "notes.txt")
    # When they are paired
    found, missing, unpaired = screens.pairs(tmp_path, "before", "after")
    # Then the overview pairs up, the members shot the new run lacks is missing, the source shot is unpaired
    assert [(p.shot, p.factor, p.before.name, p.after.name) for p in found] == [
        ("overview", 100, "overview-100x-before.png", "overview-100x-after.png")]
    assert [p.name for p in missing] == ["members-100x-after.png"]
    assert [p.name for p in unpaired] == ["source-end-1x-after.png"]


def test_compare_fails_on_a_missing_image(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # A baseline image without its new shot is an error (differences are not: see the table)
    _touch(tmp_path, "members-100x-before.png")
    assert screens.compare(tmp_path, "before", "after", tmp_path / "work") == 1
    assert "MISSING" in capsys.readouterr().err
    # No baseline at all (new shots only, or nothing): nothing to compare with, an error too
    (tmp_path / "members-100x-before.png").unlink()
    _touch(tmp_path, "members-100x-after.png")
    assert screens.compare(tmp_path, "before", "after", tmp_path / "work") == 2
    assert "nothing to compare with" in capsys.readouterr().err


def test_table_gives_the_count_and_share_of_the_window() -> None:
    pair = screens.Pair("corridors", 100, Path("a.png"), Path("b.png"))
    same, some, other_size = (0, 10_240, -1)
    lines = screens.table([(pair, same), (pair, some), (pair, other_size)], "before", "after").splitlines()
    assert lines[0].startswith("| shot | pack | pixels differing (before -> after, fuzz 2%)")
    assert lines[2] == "| corridors | 100x | 0 | 0.00% |"
    assert lines[3] == "| corridors | 100x | 10,240 | 1.00% |"  # of 1280 x 800 pixels
    assert lines[4] == "| corridors | 100x | sizes differ | — |"


def test_items_of_the_last_copy_are_named_as_the_synthetic_pack_names_them() -> None:
    paragraphs = 35
    assert screens.in_last_copy("member:kaz", 1, paragraphs) == "member:kaz"
    assert screens.in_last_copy("member:kaz", 100, paragraphs) == "member:kaz-99"
    assert screens.in_last_copy("paragraph:26", 100, paragraphs) == \
        synthetic_pack._rename("paragraph:26", {}, 99 * paragraphs)
