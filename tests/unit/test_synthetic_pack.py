"""The benchmarks' enlarged pack is a valid pack: it loads like the real one, N times over, copies kept apart."""

from __future__ import annotations

import sys
from pathlib import Path

from briefing_app.content.loader import load_pack
from briefing_app.domain.items import ItemKind
from tests.conftest import REAL_PACK, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic_pack  # noqa: E402 - a script folder, not a package


def test_enlarged_pack_loads_with_every_item_and_paragraph_repeated(tmp_path: Path) -> None:
    # Given the real pack enlarged three times
    real = load_pack(REAL_PACK)
    pack = synthetic_pack.write_pack(tmp_path / "pack-3x", factor=3)
    # When it is loaded and validated like any pack
    loaded = load_pack(pack)
    # Then it has three times the items of every kind, ids unique, the first copy being the real pack
    assert len(loaded.items) == 3 * len(real.items)
    for kind in ItemKind:
        assert sum(i.kind is kind for i in loaded.items) == 3 * sum(i.kind is kind for i in real.items)
    assert len({item.id for item in loaded.items}) == len(loaded.items)
    assert {item.id for item in real.items} <= {item.id for item in loaded.items}


def test_each_copy_links_only_to_itself(tmp_path: Path) -> None:
    originals = {item.id for item in load_pack(REAL_PACK).items}
    loaded = load_pack(synthetic_pack.write_pack(tmp_path / "pack-3x", factor=3))
    paragraphs_per_copy = sum(i.kind is ItemKind.PARAGRAPH for i in loaded.items) // 3
    third_copy = [i for i in loaded.items if i.id not in originals and i.id.removesuffix("-2") in originals]
    assert len(third_copy) == len(originals) - paragraphs_per_copy
    for item in third_copy:
        assert item.title.endswith(synthetic_pack.variant_label(2))
        for link in item.links:
            if link.target.startswith("paragraph:"):
                assert int(link.target.partition(":")[2]) > 2 * paragraphs_per_copy
            else:
                assert link.target.removesuffix("-2") in originals and link.target not in originals
        for source in item.sources:
            if source.paragraph is not None:
                assert source.paragraph > 2 * paragraphs_per_copy
