"""A pack is read inside its folder, in bounded time and memory, and its numbers are real numbers.

Every file a pack names resolves inside the pack folder (symlinks included); a pack file that is not a regular
file (a FIFO, a device) is refused before it is read; YAML aliases, nesting, the number of source lines and the
pack's total size are bounded, and a refusal names the limit; ``.nan``, ``.inf`` and integers too long to be a
number are refused naming the field.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from briefing_app.content import loader, pack_yaml
from briefing_app.content.errors import PackError
from briefing_app.content.loader import load_pack
from tests.conftest import MINI_PACK, ROOT

ITEMS = "items/items.yaml"
SOURCE = "sources/speech.txt"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    shutil.copytree(MINI_PACK, root)
    return root


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file outside the pack whose text must never become paragraphs."""
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-LINE-ONE\nSECRET-LINE-TWO\n", encoding="utf-8")
    return secret


def problems_of(root: Path) -> list[str]:
    with pytest.raises(PackError) as caught:
        load_pack(root)
    return [str(p) for p in caught.value.problems]


def set_primary_file(root: Path, name: str) -> None:
    manifest = yaml.safe_load((root / "pack.yaml").read_text(encoding="utf-8"))
    manifest["documents"][0]["file"] = name
    (root / "pack.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")


def load_in_child(root: Path, timeout: float = 60) -> str:
    """Load the pack in a child process with 1.5 GB of address space; what it printed (or why it was stopped)."""
    code = textwrap.dedent(
        """
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024,) * 2)
        from briefing_app.content.errors import PackError
        from briefing_app.content.loader import load_pack
        try:
            load_pack(sys.argv[1])
        except PackError as exc:
            print("REFUSED", exc)
        else:
            print("LOADED")
        """
    )
    try:
        done = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True,
                              timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return "TIMED OUT"
    return done.stdout + done.stderr[-400:]


# --- 6: nothing outside the pack ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["../../secret.txt", "/etc/passwd", "../sources/../../secret.txt"])
def test_a_document_file_outside_the_pack_is_refused_naming_it(pack: Path, outside: Path, name: str) -> None:
    set_primary_file(pack, name)
    found = problems_of(pack)
    assert any(name in p and "outside the pack" in p for p in found), found


def test_a_symlinked_source_pointing_outside_the_pack_is_refused(pack: Path, outside: Path) -> None:
    (pack / SOURCE).unlink()
    (pack / SOURCE).symlink_to(outside)
    found = problems_of(pack)
    assert any(p.startswith(SOURCE) and "outside the pack" in p for p in found), found


def test_a_symlinked_items_file_pointing_outside_the_pack_is_refused(pack: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.yaml"
    shutil.copy(pack / ITEMS, elsewhere)
    (pack / "items" / "more.yaml").symlink_to(elsewhere)
    found = problems_of(pack)
    assert any(p.startswith("items/more.yaml") and "outside the pack" in p for p in found), found


def test_a_symlinked_folder_pointing_outside_the_pack_is_refused(pack: Path, tmp_path: Path) -> None:
    shutil.move(pack / "sources", tmp_path / "real-sources")
    (pack / "sources").symlink_to(tmp_path / "real-sources")
    found = problems_of(pack)
    assert any("outside the pack" in p for p in found), found


def test_a_symlink_that_stays_inside_the_pack_is_followed(pack: Path) -> None:
    shutil.copy(pack / SOURCE, pack / "sources" / "original.txt")
    (pack / SOURCE).unlink()
    (pack / SOURCE).symlink_to("original.txt")
    assert load_pack(pack).paragraphs[0] == "Test Summit"


# --- 8: not a regular file ---------------------------------------------------------------------------------


def test_a_fifo_as_the_source_is_refused_without_waiting(pack: Path) -> None:
    (pack / SOURCE).unlink()
    os.mkfifo(pack / SOURCE)
    answer = load_in_child(pack, timeout=20)
    assert answer.startswith("REFUSED") and SOURCE in answer and "not a regular file" in answer, answer


def test_a_device_in_the_pack_is_refused_before_reading(pack: Path) -> None:
    (pack / SOURCE).unlink()
    try:
        os.mknod(pack / SOURCE, 0o600 | 0o020000, os.makedev(1, 5))  # a character device: /dev/zero
    except (PermissionError, OSError):
        pytest.skip("cannot create a device node here")
    answer = load_in_child(pack, timeout=60)
    assert answer.startswith("REFUSED") and "not a regular file" in answer, answer


def test_the_size_limit_counts_what_is_read_not_what_stat_says(pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A file in /proc says it holds 0 bytes and yet has text: a cap from stat alone would let any amount in.
    status = Path("/proc/self/status")
    if not status.is_file():
        pytest.skip("no /proc")
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 64)
    problems: list[loader.PackProblem] = []
    real = status.resolve()
    assert loader._read_text(real, real.parent, problems) is None
    assert "limit is 64" in str(problems[0]), problems


# --- 9: bounded work and memory ----------------------------------------------------------------------------


def alias_bomb(levels: int = 9) -> str:
    lines = ['  a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels):
        refs = ", ".join([f"*a{n - 1}"] * 9)
        lines.append(f"  a{n}: &a{n} [{refs}]")
    return "\n".join(lines)


def write_bomb(pack: Path, bad_byte: bool) -> None:
    text = (
        "- id: concept:bomb\n  title: Bomb\n  sources: [{citation: x}]\n  attrs:\n"
        + textwrap.indent(alias_bomb(), "  ") + "\n"
    )
    data = text.encode("utf-8") + (b"  body: caf\xe9\n" if bad_byte else b"")
    (pack / "items" / "bomb.yaml").write_bytes(data)


@pytest.mark.parametrize("bad_byte", [True, False], ids=["with a byte that is not UTF-8", "valid UTF-8"])
def test_a_yaml_alias_bomb_is_refused_quickly_naming_the_limit(pack: Path, bad_byte: bool) -> None:
    write_bomb(pack, bad_byte)
    answer = load_in_child(pack, timeout=30)
    expected = "is not UTF-8" if bad_byte else "values (YAML aliases included); the limit is"
    assert answer.startswith("REFUSED") and "items/bomb.yaml" in answer and expected in answer, answer


def test_deep_nesting_is_refused_naming_the_limit(pack: Path) -> None:
    depth = pack_yaml.MAX_YAML_DEPTH + 5
    nested = "[" * depth + "]" * depth
    (pack / "items" / "deep.yaml").write_text(
        f"- id: concept:deep\n  title: Deep\n  sources: [{{citation: x}}]\n  keywords: {nested}\n", encoding="utf-8"
    )
    found = problems_of(pack)
    assert any(p.startswith("items/deep.yaml") and f"nested more than {pack_yaml.MAX_YAML_DEPTH}" in p
               for p in found), found


def test_too_many_source_lines_are_refused_naming_the_limit(pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_SOURCE_LINES", 10)
    with (pack / SOURCE).open("a", encoding="utf-8") as out:
        out.write("\n".join(f"Line {n}" for n in range(20)) + "\n")
    found = problems_of(pack)
    assert any(p.startswith(SOURCE) and "the limit is 10 lines" in p for p in found), found


def test_a_pack_larger_than_the_total_limit_is_refused_naming_it(pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_PACK_BYTES", 2000)
    found = problems_of(pack)
    assert any("the limit for a whole pack is 2,000 bytes" in p for p in found), found


def test_the_limits_leave_room_for_a_pack_a_hundred_times_the_real_one() -> None:
    real = ROOT / "resources" / "packs" / "astana-2024"
    total = sum(p.stat().st_size for p in real.rglob("*") if p.is_file())
    lines = len(loader.split_paragraphs((real / "sources" / "address.txt").read_text(encoding="utf-8")))
    assert total * 100 < loader.MAX_PACK_BYTES
    assert lines * 100 < loader.MAX_SOURCE_LINES


# --- 17: numbers are numbers -------------------------------------------------------------------------------


def edit_member(pack: Path, old: str, new: str) -> None:
    text = (pack / ITEMS).read_text(encoding="utf-8")
    assert old in text
    (pack / ITEMS).write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "1e999"])
def test_nan_and_infinity_are_refused_naming_the_field(pack: Path, value: str) -> None:
    edit_member(pack, "population: {value: 2000000,", f"population: {{value: {value},")
    with pytest.raises(PackError) as caught:
        load_pack(pack)
    problem = caught.value.problems[0]  # the others: links to the refused item
    assert (problem.file, problem.item, problem.field) == (ITEMS, "member:rur", "attrs.population.value")
    assert "finite" in problem.message


def test_an_integer_of_five_thousand_digits_is_refused_naming_the_field(pack: Path) -> None:
    edit_member(pack, "joined: 2030", "joined: " + "9" * 5000)
    with pytest.raises(PackError) as caught:
        load_pack(pack)
    problem = caught.value.problems[0]  # the others: links to the refused item
    assert (problem.file, problem.item, problem.field) == (ITEMS, "member:rur", "attrs.joined")
    assert "5,000 digits" in problem.message
