"""The address's "a third of global GDP" beside the share this briefing computes from the World Bank's figures: the
members' 2023 GDP over world GDP of the same release, at market exchange rates. The share is computed by the views
when shown (never stored in the pack) and shown with the claim and its basis on screen, in print and in the JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from briefing_app.domain.items import Item, ItemKind, Link, Source
from briefing_app.views.summit import ComputedShare, computed_rows, computed_share

PACK = Path(__file__).resolve().parents[2] / "resources" / "packs" / "astana-2024"
CLAIM = "figure:gdp-one-third"
WORLD = "figure:world-gdp-2023"


def pack_items() -> list[dict]:
    out: list[dict] = []
    for path in sorted((PACK / "items").glob("*.yaml")):
        out.extend(yaml.safe_load(path.read_text(encoding="utf-8")))
    return out


def test_world_gdp_2023_is_the_world_banks_figure_with_a_deep_url_to_the_world_aggregate() -> None:
    world = next(i for i in pack_items() if i["id"] == WORLD)
    assert world["attrs"]["year"] == 2023 and world["attrs"]["unit"] == "US$ (current)"
    source = world["sources"][0]
    assert source["publisher"] == "World Bank" and "NY.GDP.MKTP.CD" in source["title"]
    assert source["url"] == "https://data.worldbank.org/indicator/NY.GDP.MKTP.CD?locations=1W"
    # the same release as the members' figures (WDI of 19 September 2024, which the datahub mirror of October carries)
    assert source["date"] == "2024-09-19"


def test_the_claim_stores_no_share_only_a_link_to_the_world_total() -> None:
    claim = next(i for i in pack_items() if i["id"] == CLAIM)
    assert "value" not in claim["attrs"]
    assert {"rel": "share_of", "to": WORLD} in claim["links"]
    assert not re.search(r"\b2[23](\.\d+)?\s?%|33\.3|0\.23", yaml.safe_dump(claim))


def test_the_computed_share_is_about_23_percent_of_world_gdp_at_market_exchange_rates(services) -> None:
    briefing = services.briefing
    share = computed_share(briefing, briefing.item(CLAIM))
    assert share is not None
    assert share.members == 10 and share.year == 2023
    members = sum(float(m.attrs["gdp_usd"]["value"]) for m in briefing.items(ItemKind.MEMBER))
    assert share.members_total == members
    assert share.world_total == float(briefing.item(WORLD).attrs["value"])
    assert 0.22 < share.share < 0.24 and share.percent_text() == "about 23%"
    assert "market exchange rates" in share.basis and "purchasing power parity" in share.basis


def test_no_other_item_has_a_computed_share(services) -> None:
    briefing = services.briefing
    assert computed_share(briefing, briefing.item("figure:members-gdp-2023")) is None
    assert computed_rows(briefing, briefing.item("member:kaz")) == []


def _figure(item_id: str, attrs: dict, links: tuple[Link, ...] = (), sources: tuple[Source, ...] = ()) -> Item:
    return Item(id=item_id, kind=ItemKind.FIGURE, title=item_id, attrs=attrs, links=links, sources=sources)


class _Briefing:
    """Two members (one without a GDP of the world figure's year) and a world figure."""

    def __init__(self, second_year: int) -> None:
        gdp = {"citation": "World Bank", "url": ""}
        self.members = [
            Item(id=f"member:{code}", kind=ItemKind.MEMBER, title=code, attrs={
                "iso2": code[:2].upper(), "iso3": code.upper(), "capital": "X", "joined": 2001,
                "population": {"value": 1, "year": 2023, **gdp},
                "gdp_usd": {"value": 10, "year": year, **gdp}})
            for code, year in (("aaa", 2023), ("bbb", second_year))
        ]
        self.world = _figure(WORLD, {"value": 100, "unit": "US$", "measures": "world", "display": "100",
                                     "year": 2023}, sources=(Source(citation="World Bank, WDI"),))

    def items(self, kind: ItemKind | str | None = None) -> list[Item]:
        return self.members if kind is ItemKind.MEMBER else []

    def find(self, item_id: str) -> Item | None:
        return self.world if item_id == WORLD else None

    def ref(self, item_id: str) -> None:
        return None


def test_no_share_is_computed_from_a_partial_sum() -> None:
    claim = _figure(CLAIM, {"unit": "share", "measures": "claim", "display": "a third"},
                    links=(Link(rel="share_of", target=WORLD),))
    assert computed_share(_Briefing(2023), claim) == ComputedShare("a third", 2, 20.0, 100.0, 2023, "World Bank, WDI")
    assert computed_share(_Briefing(2022), claim) is None


def test_the_detail_pane_shows_the_claim_the_computed_share_and_the_basis(services) -> None:
    from briefing_app.reports.item_html import item_detail_html

    detail = services.briefing.detail(CLAIM)
    html = item_detail_html(detail, computed=computed_rows(services.briefing, detail.item))
    assert "Claim (the address)" in html and "a third of global GDP" in html
    assert "Computed share (this briefing)" in html and "about 23% of world GDP in 2023" in html
    assert "market exchange rates" in html and "purchasing power parity" in html


def test_the_item_sheet_prints_the_claim_the_computed_share_and_its_source(services) -> None:
    from briefing_app.reports.sheet import Table
    from briefing_app.reports.sheets import item_sheet

    sheet = item_sheet(services.briefing, CLAIM)
    tables = [b for b in sheet.blocks if isinstance(b, Table) and any("Computed share" in r[0] for r in b.rows)]
    assert len(tables) == 1
    cells = " ".join(" ".join(row) for row in tables[0].rows)
    assert "a third of global GDP" in cells and "about 23% of world GDP in 2023" in cells
    assert "purchasing power parity" in cells and "[" in tables[0].rows[1][2]  # the world total's source, bracketed


def test_the_books_headline_figures_print_the_computed_share_under_the_claim(services) -> None:
    from briefing_app.reports.section_sheets import overview_blocks
    from briefing_app.reports.sheet import Table
    from briefing_app.reports.sources import SourceNotes

    blocks = overview_blocks(services.briefing, SourceNotes())
    rows = [row for b in blocks if isinstance(b, Table) for row in b.rows if "a third of global GDP" in row[0]]
    assert rows and "Computed by this briefing:" in rows[0][1] and "about 23%" in rows[0][1]


def test_show_json_gives_the_computed_share_with_its_basis(home_with_content, capsys) -> None:
    from briefing_app.cli import main

    assert main(["show", CLAIM, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    share = data["computed_share"]
    assert share["computed"] is True and share["share_text"] == "about 23%" and share["year"] == 2023
    assert data["attrs"].get("value") is None  # the claim stores no share
    assert "market exchange rates" in share["basis"] and "World Bank" in share["world_source"]
    assert main(["show", WORLD, "--json"]) == 0
    assert "computed_share" not in json.loads(capsys.readouterr().out)


def test_the_claim_shows_the_other_shares_the_same_speaker_gave_each_with_its_source() -> None:
    claim = next(i for i in pack_items() if i["id"] == CLAIM)
    assert "a quarter of the global GDP" in claim["body"] and "already 30 percent" in claim["body"]
    cited = {s.get("url", "") for s in claim["sources"]}
    assert "https://en.trend.az/casia/kazakhstan/3919913.html" in cited
    assert any("president-tokayev-meets-sco-foreign-ministers" in url for url in cited)
