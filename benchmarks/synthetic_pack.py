"""Write a valid briefing pack N times the size of a real one, for measuring how the app scales.

Copy 0 is the real pack unchanged. Copy k (k >= 1) repeats every item with its id suffixed ``-k`` and its
title qualified by a fictional later summit ("… — Tashkent 2027"); every reference inside the copy (links,
corridor routes, any attribute naming an item) is renamed to stay inside the copy. The primary source text is
repeated N times, so paragraph k*P + n of copy k carries the same text its quotes were checked against: every
quote still occurs verbatim and the pack passes the loader's validation like the real one.

The text is real briefing prose, so the search index holds the same vocabulary with N times the postings:
the worst case for a prefix like "A", which matches in every copy.

    python benchmarks/synthetic_pack.py OUT_DIR [--factor 100] [--pack resources/packs/astana-2024]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
REAL_PACK = ROOT / "resources" / "packs" / "astana-2024"

CITIES = ("Tashkent", "Dushanbe", "Bishkek", "Qingdao", "Tianjin", "Samarkand", "Minsk", "Islamabad", "Goa", "Ufa",
          "Almaty", "Karachi", "Kazan", "Urumqi", "Termez")
FIRST_YEAR = 2025

try:  # libyaml is much faster for thousands of items
    _Loader: type = yaml.CSafeLoader
    _Dumper: type = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader, _Dumper = yaml.SafeLoader, yaml.SafeDumper


def variant_label(copy: int) -> str:
    """A distinct, plausible qualifier per copy: a later summit's city and year."""
    city = CITIES[copy % len(CITIES)]
    year = FIRST_YEAR + copy // len(CITIES)
    return f"{city} {year}"


def _rename(value: Any, ids: dict[str, str], paragraph_offset: int) -> Any:
    if isinstance(value, str):
        if value in ids:
            return ids[value]
        if value.startswith("paragraph:") and value.partition(":")[2].isdigit():
            return f"paragraph:{int(value.partition(':')[2]) + paragraph_offset}"
        return value
    if isinstance(value, list):
        return [_rename(v, ids, paragraph_offset) for v in value]
    if isinstance(value, dict):
        return {k: _rename(v, ids, paragraph_offset) for k, v in value.items()}
    return value


def copy_item(item: dict[str, Any], copy: int, ids: dict[str, str], paragraph_offset: int) -> dict[str, Any]:
    """Item ``item`` as it appears in copy ``copy``: renamed id and references, qualified title, shifted sources."""
    if copy == 0:
        return item
    out = {key: _rename(value, ids, paragraph_offset) for key, value in item.items() if key != "sources"}
    out["id"] = ids[item["id"]]
    out["title"] = f"{item['title']} — {variant_label(copy)}"
    sources = []
    for source in item.get("sources", []):
        source = dict(source)
        if source.get("paragraph") is not None:
            source["paragraph"] = source["paragraph"] + paragraph_offset
        sources.append(source)
    out["sources"] = sources
    return out


def paragraph_count(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.strip())


def write_pack(out: Path, factor: int = 100, pack: Path = REAL_PACK) -> Path:
    """Write the enlarged pack into ``out`` (replacing it) and return ``out``."""
    if factor < 1:
        raise ValueError("factor must be at least 1")
    manifest = yaml.load((pack / "pack.yaml").read_text(encoding="utf-8"), Loader=_Loader)
    primary = next(doc for doc in manifest["documents"] if doc.get("primary"))
    source_text = (pack / "sources" / primary["file"]).read_text(encoding="utf-8")
    paragraphs = paragraph_count(source_text)

    if out.exists():
        shutil.rmtree(out)
    (out / "items").mkdir(parents=True)
    (out / "sources").mkdir()
    for extra in (pack / "sources").iterdir():
        if extra.is_file() and extra.name != primary["file"]:
            shutil.copy(extra, out / "sources" / extra.name)
    lines = [line for line in source_text.splitlines() if line.strip()]
    (out / "sources" / primary["file"]).write_text("\n".join(lines * factor) + "\n", encoding="utf-8")

    manifest["id"] = f"{manifest['id']}-x{factor}"
    manifest["title"] = f"{manifest['title']} (synthetic, {factor}x)"
    (out / "pack.yaml").write_text(yaml.dump(manifest, Dumper=_Dumper, allow_unicode=True, sort_keys=False),
                                   encoding="utf-8")

    _write_aliases(pack, out, factor)
    files = sorted(p for p in (pack / "items").iterdir() if p.suffix in (".yaml", ".yml"))
    originals = {path.name: yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or [] for path in files}
    all_ids = [item["id"] for items in originals.values() for item in items]
    for name, items in originals.items():
        copies: list[dict[str, Any]] = []
        for copy in range(factor):
            ids = {item_id: f"{item_id}-{copy}" for item_id in all_ids}
            copies.extend(copy_item(item, copy, ids, copy * paragraphs) for item in items)
        (out / "items" / name).write_text(
            yaml.dump(copies, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8"
        )
    return out


def _write_aliases(pack: Path, out: Path, factor: int) -> None:
    """Every copy answers to the same other names as the original (the pack's alias files, ids renamed)."""
    from briefing_app.content.fingerprint import ALIAS_FILES

    for name in ALIAS_FILES:
        if not (pack / name).is_file():
            continue
        mapping = yaml.load((pack / name).read_text(encoding="utf-8"), Loader=_Loader) or {}
        copied = {
            (item_id if copy == 0 else f"{item_id}-{copy}"): aliases
            for copy in range(factor) for item_id, aliases in mapping.items()
        }
        (out / name).write_text(yaml.dump(copied, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120),
                                encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--factor", type=int, default=100)
    parser.add_argument("--pack", type=Path, default=REAL_PACK)
    args = parser.parse_args(argv)
    write_pack(args.out, args.factor, args.pack)
    print(f"wrote a {args.factor}x pack to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
