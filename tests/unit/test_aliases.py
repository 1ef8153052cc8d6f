"""Aliases: read from the pack's alias files and inline, shown on the item as "also: …", refused when wrong."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from briefing_app.content.errors import PackError
from briefing_app.content.fingerprint import pack_hash
from briefing_app.content.loader import load_pack
from briefing_app.domain.items import Item, ItemKind
from briefing_app.reports.aliases import also_html, also_text
from tests.conftest import REAL_PACK


@pytest.fixture(scope="module")
def items() -> dict[str, Item]:
    return {item.id: item for item in load_pack(REAL_PACK).items}


def test_country_names_in_russian_and_chinese_come_from_the_cldr_file(items: dict[str, Item]) -> None:
    assert {"Казахстан", "哈萨克斯坦"} <= set(items["member:kaz"].aliases)
    assert {"Турция", "土耳其", "Turkey"} <= set(items["partner:tur"].aliases)


def test_people_carry_transliterations_and_sourced_names(items: dict[str, Item]) -> None:
    assert {"Tokaev", "Toqaev", "Токаев", "托卡耶夫"} <= set(items["person:tokayev"].aliases)
    # also_known_as in attrs counts as an alias too
    assert "Sadyr Zhaparov" in items["person:japarov"].aliases


def test_an_alias_never_repeats_the_title_or_another_alias(items: dict[str, Item]) -> None:
    for item in items.values():
        folded = [a.casefold() for a in item.aliases]
        assert len(folded) == len(set(folded)), item.id
        assert item.title.casefold() not in folded, item.id


def test_the_item_shows_its_other_names(items: dict[str, Item]) -> None:
    text = also_text(items["person:tokayev"])
    assert text.startswith("also: ") and "Токаев" in text
    assert also_text(items["paragraph:1"]) == ""
    # Names already shown as the "Also known as" attribute are not repeated
    assert "Aliaksandr Lukashenka" not in also_text(items["person:lukashenko"])
    assert "<script>" not in also_html(Item("person:x", ItemKind.PERSON, "X", aliases=("<script>",)))


def _copy_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(REAL_PACK, pack)
    return pack


def test_an_alias_file_naming_an_unknown_item_is_refused_with_its_file(tmp_path: Path) -> None:
    pack = _copy_pack(tmp_path)
    (pack / "aliases.yaml").write_text("member:zzz: [Nowhere]\nmember:kaz: 5\n", encoding="utf-8")
    with pytest.raises(PackError) as caught:
        load_pack(pack)
    problems = [(p.file, p.item) for p in caught.value.problems]
    assert ("aliases.yaml", "member:kaz") in problems
    pack2 = _copy_pack(tmp_path / "two")
    (pack2 / "aliases.yaml").write_text("member:zzz: [Nowhere]\n", encoding="utf-8")
    with pytest.raises(PackError) as caught:
        load_pack(pack2)
    assert [(p.file, p.item) for p in caught.value.problems] == [("aliases.yaml", "member:zzz")]


def test_editing_an_alias_file_changes_the_pack_hash(tmp_path: Path) -> None:
    pack = _copy_pack(tmp_path)
    before = pack_hash(pack)
    with (pack / "aliases.yaml").open("a", encoding="utf-8") as f:
        f.write("member:ind: [Hindustan]\n")
    assert pack_hash(pack) != before
    assert "Hindustan" in next(i for i in load_pack(pack).items if i.id == "member:ind").aliases


def test_inline_aliases_on_an_item_are_read(tmp_path: Path) -> None:
    pack = _copy_pack(tmp_path)
    path = pack / "items" / "members.yaml"
    text = path.read_text(encoding="utf-8")
    edited = re.sub(r'(?m)^(- id: member:ind\n  title: "?India"?\n)', r"\1  aliases: [Hindustan]\n", text, count=1)
    assert edited != text, "India's item was not found in members.yaml"
    path.write_text(edited, encoding="utf-8")
    india = next(i for i in load_pack(pack).items if i.id == "member:ind")
    assert india.aliases[0] == "Hindustan"


def test_the_detail_of_an_item_says_what_else_it_is_called(built_content: Path) -> None:
    from briefing_app.persistence.content_repository import ContentRepository
    from briefing_app.reports.item_html import item_detail_html
    from briefing_app.services.briefing import BriefingService

    briefing = BriefingService(ContentRepository(built_content))
    html = item_detail_html(briefing.detail("member:kaz"))
    assert "also: " in html and "Казахстан" in html and "哈萨克斯坦" in html
    assert "also: " not in item_detail_html(briefing.detail("paragraph:12"))


def test_the_cldr_alias_file_is_what_the_script_writes() -> None:
    # Babel is an authoring tool, not a dependency: this runs where an author has installed it
    pytest.importorskip("babel")
    import importlib.util

    script = Path(__file__).resolve().parents[2] / "scripts" / "make_cldr_aliases.py"
    spec = importlib.util.spec_from_file_location("make_cldr_aliases", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = module.render(module.country_codes(REAL_PACK))
    assert (REAL_PACK / "aliases-cldr.yaml").read_text(encoding="utf-8") == expected
