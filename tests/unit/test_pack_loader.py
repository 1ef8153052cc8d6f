"""The pack loader: valid packs load, invalid ones are rejected naming the file, the item and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing_app.content.errors import PackError
from briefing_app.content.loader import load_pack, pack_hash, split_paragraphs
from briefing_app.domain.items import ItemKind
from tests.conftest import MINI_PACK, REAL_PACK


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    target = tmp_path / "pack"
    shutil.copytree(MINI_PACK, target)
    return target


def problems_of(path: Path) -> list[str]:
    with pytest.raises(PackError) as caught:
        load_pack(path)
    return [str(p) for p in caught.value.problems]


def test_real_pack_loads_with_every_paragraph_as_an_item() -> None:
    loaded = load_pack(REAL_PACK)
    paragraphs = [i for i in loaded.items if i.kind is ItemKind.PARAGRAPH]
    assert len(paragraphs) == 35
    assert paragraphs[3].id == "paragraph:4"
    assert loaded.info.id == "astana-2024"


def test_a_second_pack_loads_without_code_changes() -> None:
    loaded = load_pack(MINI_PACK)
    assert loaded.info.id == "test-summit"
    assert {i.id for i in loaded.items} >= {"member:rur", "corridor:test-line", "paragraph:4"}


def test_paragraphs_number_the_non_empty_lines() -> None:
    assert split_paragraphs("a\n\n  b  \n\n\nc\n") == ("a", "b", "c")


def test_corridor_route_becomes_ordered_links_to_its_nodes() -> None:
    corridor = next(i for i in load_pack(MINI_PACK).items if i.id == "corridor:test-line")
    assert corridor.links_by_rel("passes_through") == ("node:testville", "node:strelsau")


def test_wrong_field_type_names_file_item_and_field(pack_copy: Path) -> None:
    text = (pack_copy / "items" / "items.yaml").read_text(encoding="utf-8")
    (pack_copy / "items" / "items.yaml").write_text(text.replace("joined: 2030", "joined: soon"), encoding="utf-8")
    problems = problems_of(pack_copy)
    assert any(p.startswith("items/items.yaml: member:rur: attrs.joined:") for p in problems), problems


def test_quote_not_in_its_paragraph_is_rejected(pack_copy: Path) -> None:
    path = pack_copy / "items" / "items.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("over two million people}", "over three million people}"),
                    encoding="utf-8")
    problems = problems_of(pack_copy)
    assert any("figure:two-million: sources[0].quote: quote does not occur verbatim" in p for p in problems), problems


def test_dangling_link_and_duplicate_id_are_both_reported(pack_copy: Path) -> None:
    path = pack_copy / "items" / "items.yaml"
    text = path.read_text(encoding="utf-8").replace('to: "member:rur"}', 'to: "member:zzz"}', 1)
    text += "\n- id: node:testville\n  title: Again\n  attrs: {lat: 1, lon: 2, country: RU}\n" \
            "  sources: [{citation: x}]\n"
    path.write_text(text, encoding="utf-8")
    problems = problems_of(pack_copy)
    assert any("links[0].to: links to unknown item 'member:zzz'" in p for p in problems), problems
    assert any("node:testville: id: duplicate id" in p for p in problems), problems


def test_non_utf8_and_broken_yaml_are_reported_per_file(pack_copy: Path) -> None:
    (pack_copy / "items" / "bad.yaml").write_bytes(b"- id: \xff\xfe\n")
    (pack_copy / "items" / "broken.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    problems = problems_of(pack_copy)
    assert "items/bad.yaml: item #1: id: is not UTF-8 text: byte 0xff at line 1, column 7" in " ".join(problems)
    assert any(p.startswith("items/broken.yaml: not valid YAML: line") for p in problems), problems


def test_missing_manifest_is_named(pack_copy: Path) -> None:
    (pack_copy / "pack.yaml").unlink()
    assert problems_of(pack_copy)[0] == "pack.yaml: file is missing"


def test_unknown_field_is_rejected(pack_copy: Path) -> None:
    path = pack_copy / "items" / "items.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Rudolf V", "title: Rudolf V\n  colour: red"),
                    encoding="utf-8")
    assert any("person:rudolf: colour: Extra inputs are not permitted" in p for p in problems_of(pack_copy))


def test_pack_hash_changes_with_content(pack_copy: Path) -> None:
    before = pack_hash(pack_copy)
    path = pack_copy / "items" / "items.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert pack_hash(pack_copy) != before
