"""The plain YAML reader gives exactly what PyYAML's safe loader gives, or leaves the text to it (issue 22).

A large pack's build spends most of its time in PyYAML building a node per value; :mod:`plain_yaml` reads plain
block YAML line by line instead. These tests compare the two on the shipped pack, the test packs, hand-made
documents of every kind of value and random documents and random damage to them: the reader either returns
the same values, in the same order and of the same types, or refuses the text, which then goes to PyYAML
(every error still names its line and column).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefing_app.content import pack_yaml
from briefing_app.content.loader import _parse_yaml
from briefing_app.content.plain_yaml import NotPlainYaml, load_plain

ROOT = Path(__file__).resolve().parents[2]


def _full(text: str) -> Any:
    return yaml.load(text, Loader=pack_yaml._PackYamlLoader)  # noqa: S506 - a safe loader


def _plain(text: str) -> Any:
    return load_plain(text, pack_yaml._PackYamlLoader(""), pack_yaml.MAX_YAML_VALUES)


def _same(text: str) -> bool:
    """Whether the reader reads ``text`` as the full loader does (True), or refuses it (False); fails otherwise.

    Values are compared by ``repr``: types (True is not 1), key order and every character count.
    """
    try:
        full: Any = _full(text)
    except (yaml.YAMLError, ValueError):  # PyYAML's own errors, and a date that is no date
        with pytest.raises(NotPlainYaml):  # what PyYAML refuses, the reader refuses too
            _plain(text)
        return False
    try:
        plain = _plain(text)
    except NotPlainYaml:
        return False
    assert repr(plain) == repr(full), text
    return True


def test_every_yaml_file_of_the_shipped_and_test_packs_reads_the_same() -> None:
    files = [*sorted((ROOT / "resources" / "packs").rglob("*.yaml")),
             *sorted((ROOT / "tests" / "fixtures").rglob("*.yaml"))]
    read = {path.relative_to(ROOT).as_posix(): _same(path.read_text(encoding="utf-8")) for path in files}
    assert len(read) > 20
    # The shipped pack is plain YAML but for one comment the reader leaves to PyYAML.
    shipped = {name: plain for name, plain in read.items() if "/astana-2024/" in name}
    assert sum(shipped.values()) >= len(shipped) - 1, shipped


PLAIN_DOCUMENTS = [
    # scalars of every type, as keys and values
    "a: 1\nb: -2\nc: 0x1F\nd: 1_000\ne: 1.5\nf: .inf\ng: yes\nh: No\ni: ~\nj: null\nk:\nl: 2024-07-04\n"
    "m: 2024-07-04 10:00:00\nn: '12'\no: \"true\"\np: 012\nq: 1:20\n1: one\ntrue: t\n2024-01-01: d\n",
    "big: 12345678901234567890123456789012345678901234567890\nneg: -0.5e3\nstr: -abc\nurl: https://x.org/a#b\n",
    # lists and mappings, compact and nested, same-indent lists under keys
    "- id: a\n  list:\n  - x\n  - y\n  nested:\n    - - p\n      - q\n    - - r\n  empty:\n  after: z\n"
    "- - 1\n  - 2\n-\n- last\n",
    "top:\n  inner:\n    deeper: 1\n  other: [a, 'b, c', \"d\", 4, node:x, Xi'an]\n  map: {rel: x, to: 'y:z', n: 3}\n"
    "  e1: []\n  e2: {}\n",
    # folded plain and quoted scalars, blank lines in them, quotes inside
    "a: one two\n  three\n\n  four\nb: 'it''s\n  a   quote\n\n\n  here '\nc: \"double\n   quoted\"\n",
    "- 'x'\n- ''\n- '  spaced  '\n- \"\"\n- 'a # b'\n- a#b\n- 'a: b'\n- \"it's\"\n",
    # folded and literal blocks
    "f: >-\n  one\n  two\n\n  three\nk: >\n  kept\n  newline\nl: |\n  line one\n    # not a comment\n\n  three\n"
    "m: |-\n  stripped\n  end\nn: x\n",
    # comments, anchors and aliases
    "# heading\n\nlist: # not here\n",
    "# heading\n- &one\n  a: 1\n- *one\n- &two x\n- *two\n",
    "a: &x [1, 2]\nb: *x\n",
    "unicode: Қазақстан — “quoted”\nchinese: [\"托卡耶夫\", 习近平]\n",
    "",
    "# only a comment\n",
]


@pytest.mark.parametrize("text", PLAIN_DOCUMENTS)
def test_hand_made_documents_read_the_same(text: str) -> None:
    _same(text)


def test_the_plain_documents_are_read_by_the_reader_itself() -> None:
    read = [_same(text) for text in PLAIN_DOCUMENTS]
    assert sum(read) >= len(read) - 2  # "list: # not here" and the comment after a value go to PyYAML


def test_an_alias_is_the_same_object() -> None:
    data = _plain("- &one\n  a: [1]\n- *one\n")
    assert data[0] is data[1]


REFUSED = [
    "a: 1\n\tb: 2\n",  # a tab
    "a: !!str 1\n",  # a tag
    "? a\n: b\n",  # a complex key
    "a: \"esc\\n\"\n",  # an escape
    "a: |2\n   x\n",  # an indentation indicator
    "a: >\n  x\n    more\n",  # a more-indented folded line
    "---\na: 1\n",  # a document marker
    "a: [x, [y]]\n",  # a nested flow collection
    "<<: {a: 1}\n",  # a merge key
    "a: 1 # comment\n",
    "a: b: c\n",  # PyYAML's error
    "a: 'open\n",
    "- a\n - b\n",
    "a:\n  b: 1\n c: 2\n",
    "a: 2024-13-45\n",  # not a date: PyYAML's error
    "a: &x 1\nb: &x 2\n",  # a duplicate anchor
    "a: *nothing\n",
    "x\u2028y: 1\n",
    "a: |\n  no final break",
]


@pytest.mark.parametrize("text", REFUSED)
def test_what_the_reader_is_unsure_of_is_left_to_pyyaml(text: str) -> None:
    assert not _same(text)


def _random_value(rng: random.Random, depth: int) -> Any:
    pick = rng.random()
    if depth > 3 or pick < 0.55:
        return rng.choice([
            lambda: "".join(rng.choice("ab -:#'\"x,.[]{}|>&*!%@`?\n yes 1 é“") for _ in range(rng.randint(0, 12))),
            lambda: rng.choice(["yes", "no", "on", "null", "~", "1.5", "0x1f", "1_0", "2024-07-04", "12:30", "-", "'",
                                "a: b", "#x", " lead", "trail ", "", "line\nbreak", "x\n\ny", "Xi'an", "node:x"]),
            lambda: rng.randint(-10**6, 10**6),
            lambda: rng.choice([True, False, None, 1.25, -0.5]),
            lambda: " ".join(rng.choice(["word", "the", "Astana", "2024", "a:b", "x#y"])
                             for _ in range(rng.randint(1, 40))),
        ])()
    if pick < 0.8:
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {rng.choice(["id", "title", "k", "a_b", "x-y", "n1", "yes", "1", "key:sub"]) + str(rng.randint(0, 3)):
            _random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def _random_documents(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        data = [_random_value(rng, 0) for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.3:
            data = {"k": data, "m": {"x": data[0]}}
        out.append(yaml.safe_dump(data, allow_unicode=rng.random() < 0.5, width=rng.choice([20, 40, 80, 120]),
                                  default_flow_style=rng.choice([False, None]), sort_keys=False,
                                  indent=rng.choice([2, 2, 4])))
    return out


def test_random_documents_and_damaged_ones_read_the_same_or_go_to_pyyaml() -> None:
    rng = random.Random(22)
    plain = 0
    for text in _random_documents(22, 120):
        plain += _same(text)
        for _ in range(3):  # damage: a character removed, doubled or put in
            at = rng.randrange(len(text))
            damaged = rng.choice([text[:at] + text[at + 1:], text[:at] + text[at] + text[at:],
                                  text[:at] + rng.choice(" -:'\"#\n[{") + text[at:]])
            _same(damaged)
    assert plain > 40


def test_an_error_in_plain_looking_yaml_still_names_its_line() -> None:
    problems: list[Any] = []
    assert _parse_yaml("- id: a\n  title: x\n bad: y\n", "items/x.yaml", problems) is None
    assert "line 3, column 2" in problems[0].message


def test_a_document_past_the_size_limit_goes_to_pyyaml_which_names_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pack_yaml, "MAX_YAML_VALUES", 10)
    with pytest.raises(pack_yaml.YamlLimitError, match="more than 10 values"):
        pack_yaml.load_yaml("- [a, b, c, d, e, f, g, h, i, j, k]\n")
    with pytest.raises(pack_yaml.YamlLimitError, match="more than 10 values"):
        pack_yaml.load_yaml("a: &x [1, 2, 3, 4]\nb: *x\nc: *x\n")
    bomb = "a0: &a0\n- x\n- x\n" + "".join(f"a{n}: &a{n}\n- *a{n - 1}\n- *a{n - 1}\n" for n in range(1, 4))
    with pytest.raises(NotPlainYaml):
        _plain(bomb)  # 4 names, 8 values of aliases, ... counted as copies
    with pytest.raises(pack_yaml.YamlLimitError, match="more than 10 values"):
        pack_yaml.load_yaml(bomb)
    monkeypatch.setattr(pack_yaml, "MAX_YAML_VALUES", 100)
    assert _plain(bomb)["a3"][0][0][0] == ["x", "x"]
