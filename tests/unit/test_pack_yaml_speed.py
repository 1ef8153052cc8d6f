"""The pack's YAML loader and the content build stay exact while fast at scale (issue 22).

The loader builds strings, mappings and lists straight from the node tree and resolves each plain scalar's tag
once; the build pauses the cyclic garbage collector. These tests prove the result is the safe loader's own,
aliases included, and that the collector is paused only for the build.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
import yaml

from briefing_app import paths
from briefing_app.content import pack_yaml
from briefing_app.content.pack_yaml import load_yaml


class _SafeLoader(pack_yaml._YamlLoader):  # type: ignore[misc, valid-type]
    """The plain safe loader with the pack's integer rule, as the pack loader was before the shortcuts."""


_SafeLoader.add_constructor("tag:yaml.org,2002:int", pack_yaml._construct_int)

SAMPLE = """
- id: member:kaz
  title: Kazakhstan
  count: 12
  ratio: 1.5
  flag: true
  none: null
  date: 2024-07-04
  quoted: '2024-07-04'
  base: &base {rel: member_of, to: organisation:sco}
  links: [*base, *base]
  merged:
    <<: *base
    label: merged
  tags: &tags [one, two]
  again: *tags
  ? [complex, key]
  : no
- id: member:chn
  title: "China"
  long: 1234567890123456789012345678901234567890
"""


def _safe(text: str) -> object:
    return yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - a safe loader


def test_fast_loader_equals_the_safe_loader_on_every_kind_of_value() -> None:
    with pytest.raises(yaml.constructor.ConstructorError):
        _safe(SAMPLE)  # a list as a mapping key is unhashable: the safe loader refuses it ...
    with pytest.raises(yaml.constructor.ConstructorError):
        load_yaml(SAMPLE)  # ... and so does the fast one
    text = SAMPLE.replace("  ? [complex, key]\n  : no\n", "")
    assert load_yaml(text) == _safe(text)
    data = load_yaml(text)
    assert data[0]["count"] == 12 and data[0]["flag"] is True and data[0]["quoted"] == "2024-07-04"
    assert data[0]["merged"] == {"rel": "member_of", "to": "organisation:sco", "label": "merged"}


def test_an_alias_is_the_same_object_so_the_size_check_counts_it_once() -> None:
    data = load_yaml("a: &x [1, 2, 3]\nb: *x\nc: {k: *x}\n")
    assert data["a"] is data["b"] is data["c"]["k"]
    with pytest.raises(pack_yaml.YamlLimitError):
        lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 9)]
        load_yaml("\n".join(lines) + "\n")


def test_a_node_inside_itself_is_left_to_the_safe_constructor() -> None:
    data = yaml.load("a: &a [1, *a]\n", Loader=pack_yaml._PackYamlLoader)  # noqa: S506 - a safe loader
    assert data["a"][0] == 1 and data["a"][1] is data["a"]
    with pytest.raises(pack_yaml.YamlLimitError):
        load_yaml("a: &a [1, *a]\n")  # and the size check refuses it, as before


def test_the_shipped_pack_reads_exactly_as_with_the_safe_loader() -> None:
    files = sorted(paths.default_pack_dir().rglob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert load_yaml(text) == _safe(text), path.name


def test_the_build_pauses_the_cyclic_collector_and_restores_it(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import briefing_app.content.loader as loader
    from briefing_app.services import content

    seen: list[bool] = []
    real = loader.load_pack

    def spy(pack_dir: Path, *args):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return real(pack_dir, *args)

    monkeypatch.setattr(loader, "load_pack", spy)
    assert gc.isenabled()
    content.build(paths.default_pack_dir(), tmp_path / "content.sqlite3", remember=False)
    assert seen == [False]
    assert gc.isenabled()
    monkeypatch.setattr(loader, "load_pack", lambda *_: (_ for _ in ()).throw(RuntimeError("boom")))
    with pytest.raises(RuntimeError):
        content.build(paths.default_pack_dir(), tmp_path / "other.sqlite3", remember=False)
    assert gc.isenabled()
