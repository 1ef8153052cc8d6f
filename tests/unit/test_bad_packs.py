"""Malformed briefing packs, generated: each is rejected naming the file, the item and the field, and the content
built before stays exactly as it was.

Every example starts from a copy of ``tests/fixtures/mini-pack`` and breaks it in one way: a wrong type, a missing
field, a duplicate id, a dangling link or paragraph, a huge string, markup where only an id or code belongs, a
file of HTML instead of YAML, or bytes that are not UTF-8.
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_app import paths
from briefing_app.content.errors import PackError
from briefing_app.content.schema import MAX_TEXT
from briefing_app.services import content
from tests.conftest import MINI_PACK, ROOT
from tests.fault_tools import digest

ITEMS = "items/items.yaml"
MANIFEST = "pack.yaml"
SOURCE = "sources/speech.txt"
BASE_ITEMS: list[dict[str, Any]] = yaml.safe_load((MINI_PACK / ITEMS).read_text(encoding="utf-8"))
BASE_MANIFEST: dict[str, Any] = yaml.safe_load((MINI_PACK / MANIFEST).read_text(encoding="utf-8"))

# Fields whose type the schema fixes, per kind: the path inside the item, and what kind of value belongs there.
TYPED_FIELDS: dict[str, list[tuple[str, str]]] = {
    "*": [("title", "str"), ("summary", "str"), ("sources", "list"), ("links", "list"), ("keywords", "list"),
          ("attrs", "dict")],
    "member": [("attrs.joined", "int"), ("attrs.iso2", "str"), ("attrs.population", "dict"),
               ("attrs.population.value", "float")],
    "node": [("attrs.lat", "float"), ("attrs.country", "str")],
    "corridor": [("attrs.route", "list"), ("attrs.status", "str")],
    "figure": [("attrs.value", "float"), ("attrs.display", "str")],
    "event": [("attrs.date", "str"), ("attrs.venue", "str")],
    "achievement": [("attrs.category", "str")],
    "person": [("attrs.role", "str")],
}
REQUIRED: dict[str, list[str]] = {
    "*": ["id", "title", "sources"],
    # Since pack 1.1.0 an event's venue may be unknown (a later summit) and a figure may be a claim with no number.
    "event": ["attrs.date", "attrs.city", "attrs.meeting"],
    "member": ["attrs.iso2", "attrs.iso3", "attrs.capital", "attrs.joined", "attrs.population", "attrs.gdp_usd"],
    "person": ["attrs.role"],
    "figure": ["attrs.unit", "attrs.measures", "attrs.display"],
    "achievement": ["attrs.category"],
    "node": ["attrs.lat", "attrs.lon", "attrs.country"],
    "corridor": ["attrs.status", "attrs.route"],
}
MARKUP = ["<b>x</b>", "<script>alert(1)</script>", "<a href='http://example.org'>a</a>", "&lt;i&gt;", "<qt>x</qt>"]


def wrong_value(expected: str) -> st.SearchStrategy[Any]:
    """A YAML value that is certainly not of the ``expected`` kind (no lax coercion could accept it)."""
    word = st.text(alphabet="qxzwk", min_size=1, max_size=8)
    numbers = st.lists(st.integers(), min_size=1, max_size=2)
    return {
        "str": st.one_of(st.integers(), st.lists(word, min_size=1, max_size=3), st.dictionaries(word, word, min_size=1),
                         st.booleans()),
        "int": st.one_of(word, numbers, st.floats(0.1, 0.9).map(lambda f: 2030 + f)),
        "float": st.one_of(word, numbers, st.dictionaries(word, word, min_size=1)),
        "list": st.one_of(st.integers(), word, st.dictionaries(word, word, min_size=1)),
        "dict": st.one_of(st.integers(), word, st.lists(word, min_size=1, max_size=2)),
    }[expected]


@dataclass
class Breakage:
    """One way to break the pack and where the loader must say the problem is."""

    what: str
    apply: Callable[[Path], None]
    file: str
    item: str | None
    field: str | None  # a prefix of the reported field path; None when the whole file is wrong

    def __repr__(self) -> str:  # short: a huge string is part of what is being tried
        return f"Breakage({self.what!r}, {self.file!r}, {self.item!r:.80}, {self.field!r})"


def _kind(item: dict[str, Any]) -> str:
    return str(item["id"]).partition(":")[0]


def _set(item: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        item = item.setdefault(part, {})
    item[last] = value


def _drop(item: dict[str, Any], dotted: str) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        item = item[part]
    item.pop(last, None)


def _write_items(root: Path, items: list[dict[str, Any]]) -> None:
    (root / ITEMS).write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _item_breakage(what: str, index: int, change: Callable[[list[dict[str, Any]]], None], item: str | None,
                   field: str | None) -> Breakage:
    def apply(root: Path) -> None:
        items = copy.deepcopy(BASE_ITEMS)
        change(items)
        _write_items(root, items)

    return Breakage(what, apply, ITEMS, item, field)


@st.composite
def breakages(draw: st.DrawFn) -> Breakage:
    kind = draw(st.sampled_from(["wrong type", "missing field", "duplicate id", "dangling link", "dangling paragraph",
                                 "huge string", "markup in an id or code", "manifest", "html instead of yaml",
                                 "not utf-8"]))
    index = draw(st.integers(0, len(BASE_ITEMS) - 1))
    base = BASE_ITEMS[index]
    item_id = str(base["id"])
    if kind == "wrong type":
        field, expected = draw(st.sampled_from(TYPED_FIELDS["*"] + TYPED_FIELDS.get(_kind(base), [])))
        value = draw(wrong_value(expected))
        return _item_breakage(kind, index, lambda items: _set(items[index], field, value), item_id, field)
    if kind == "missing field":
        field = draw(st.sampled_from(REQUIRED["*"] + REQUIRED.get(_kind(base), [])))
        label = f"item #{index + 1}" if field == "id" else item_id
        return _item_breakage(kind, index, lambda items: _drop(items[index], field), label, field)
    if kind == "duplicate id":
        return _item_breakage(kind, index, lambda items: items.append(copy.deepcopy(items[index])), item_id, "id")
    if kind == "dangling link":
        slug = draw(st.text(alphabet="abcdefghij0123456789-", min_size=1, max_size=12).map(lambda s: f"nowhere{s}"))
        target = f"{draw(st.sampled_from(['member', 'node', 'document', 'paragraph']))}:{slug}"
        position = len(base.get("links", []))
        return _item_breakage(
            kind, index, lambda items: items[index].setdefault("links", []).append({"rel": "mentions", "to": target}),
            item_id, f"links[{position}].to",
        )
    if kind == "dangling paragraph":
        number = draw(st.integers(5, 10_000))
        change = lambda items: items[index]["sources"].insert(0, {"paragraph": number, "quote": "The"})  # noqa: E731
        return _item_breakage(kind, index, change, item_id, "sources[0].paragraph")
    if kind == "huge string":
        field, limit = draw(st.sampled_from([("summary", MAX_TEXT), ("body", MAX_TEXT), ("title", 300)]))
        size = draw(st.integers(limit + 1, limit * 4))
        filler = draw(st.sampled_from(["x", "Ж", "中", "🙂", "<b>"]))
        value = (filler * size)[: max(size, limit + 1)]
        return _item_breakage(kind, index, lambda items: _set(items[index], field, value), item_id, field)
    if kind == "markup in an id or code":
        markup = draw(st.sampled_from(MARKUP))
        field = draw(st.sampled_from(["id", "links", "attrs.country" if _kind(base) == "node" else "id"]))
        if field == "id":
            bad_id = f"{_kind(base)}:{markup}"
            return _item_breakage(kind, index, lambda items: _set(items[index], "id", bad_id), bad_id, "id")
        position = len(base.get("links", []))
        return _item_breakage(
            kind, index,
            lambda items: items[index].setdefault("links", []).append({"rel": markup, "to": "member:rur"}),
            item_id, f"links[{position}].rel",
        )
    if kind == "manifest":
        field, value = draw(st.sampled_from([
            ("title", ["a", "list"]), ("event_date", "4 July"), ("language", "<en>"), ("documents", "speech.txt"),
            ("version", ""), ("id", "<b>pack</b>"), ("disclaimer", {"nested": "mapping"}),
        ]))

        def apply_manifest(root: Path) -> None:
            manifest = copy.deepcopy(BASE_MANIFEST)
            manifest[field] = value
            (root / MANIFEST).write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")

        return Breakage(kind, apply_manifest, MANIFEST, None, field)
    if kind == "html instead of yaml":
        page = draw(st.sampled_from([
            "<html><body><h1>Briefing</h1><p>Members</p></body></html>\n",
            "<!DOCTYPE html>\n<html>\n<head><title>x</title></head>\n</html>\n",
            "<qt><b>rich text</b></qt>\n",
        ]))
        return Breakage(kind, lambda root: (root / "items" / "more.yaml").write_text(page, encoding="utf-8"),
                        "items/more.yaml", None, None)
    # not utf-8: a bad byte inside one item's title
    bad = draw(st.sampled_from([b"\xff", b"\xfe\xfe", b"\xc3\x28", b"\xe2\x82", b"\x80abc"]))

    def apply_bytes(root: Path) -> None:
        data = (root / ITEMS).read_bytes()
        title = f"title: {base['title']}".encode()
        at = data.index(title, data.index(f"id: {item_id}".encode())) + len(title)
        (root / ITEMS).write_bytes(data[:at] + bad + data[at:])

    return Breakage(kind, apply_bytes, ITEMS, item_id, "title")


@pytest.fixture
def built_before(briefing_home: Path) -> str:
    """The content database built from the good mini pack (its digest): the 'previous content' that must survive."""
    content.build(MINI_PACK)
    return digest(paths.content_db_path())


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(breakage=breakages())
def test_every_malformed_pack_is_rejected_naming_file_item_and_field(built_before: str, breakage: Breakage) -> None:
    with tempfile.TemporaryDirectory() as folder:
        # Given a copy of a good pack, broken in one way
        root = Path(folder) / "pack"
        shutil.copytree(MINI_PACK, root)
        breakage.apply(root)
        # When it is built
        with pytest.raises(PackError) as caught:
            content.build(root)
    # Then a problem names the file, the item and the field, and the one-line message names the file
    problems = caught.value.problems
    matching = [p for p in problems if p.file == breakage.file and p.item == breakage.item
                and (breakage.field is None or (p.field or "").startswith(breakage.field))]
    assert matching, f"{breakage.what}: expected {breakage.file} / {breakage.item} / {breakage.field}, got {problems}"
    assert breakage.file in str(caught.value)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 600
    # And the content built before is unchanged, byte for byte
    assert digest(paths.content_db_path()) == built_before
    assert not list(paths.user_home().glob(".content-*"))


def test_a_bad_pack_at_start_keeps_showing_the_previous_content(built_before: str, tmp_path: Path) -> None:
    # Given the content built from a pack, and that pack then broken (a dangling link)
    pack = tmp_path / "pack"
    shutil.copytree(MINI_PACK, pack)
    content.build(pack)
    items = copy.deepcopy(BASE_ITEMS)
    items[1]["links"].append({"rel": "mentions", "to": "member:atlantis"})
    _write_items(pack, items)
    # When the app starts
    status = content.ContentStatus(pack)
    repo = content.open_current(status)
    # Then it shows the content built before and says why it could not use the pack
    assert repo.get("member:rur").title == "Ruritania"
    assert not status.rebuilt
    (warning,) = status.warnings
    assert "items/items.yaml: member:rur: links[1].to: links to unknown item 'member:atlantis'" in warning
    repo.close()


def test_the_command_line_rejects_a_bad_pack_in_one_line_and_keeps_the_content(
    built_before: str, briefing_home: Path, tmp_path: Path
) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(MINI_PACK, pack)
    data = (pack / ITEMS).read_bytes().replace(b"title: Rudolf V", b"title: Rudolf \xff V")
    (pack / ITEMS).write_bytes(data)
    env = {**os.environ, "BRIEFING_HOME": str(briefing_home), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "briefing_app", "db", "build", "--pack", str(pack)], env=env,
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert "items/items.yaml: person:rudolf: title: is not UTF-8 text" in line
    assert digest(paths.content_db_path()) == built_before
