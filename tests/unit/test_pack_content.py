"""Content checks on the Astana 2024 briefing pack, read straight from its YAML files.

These tests guard the provenance rules of the pack: every quote is verbatim, every paragraph of the address
is used, the member and partner lists are complete, the priorities keep the President's order, corridor
routes only use defined nodes, and every number in the address has a figure item.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "resources" / "packs" / "astana-2024"
NODES_CSV = ROOT / "resources" / "geodata" / "nodes.csv"
FIRST_BODY_PARAGRAPH, LAST_BODY_PARAGRAPH = 4, 35

MEMBERS = {"blr", "chn", "ind", "irn", "kaz", "kgz", "pak", "rus", "tjk", "uzb"}
OBSERVERS = {"AFG", "MNG"}
DIALOGUE_PARTNERS = {"ARM", "AZE", "BHR", "KHM", "EGY", "KWT", "MDV", "MMR", "NPL", "QAT", "SAU", "LKA", "TUR", "ARE"}


@cache
def paragraphs() -> tuple[str, ...]:
    text = (PACK / "sources" / "address.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


@cache
def items() -> tuple[dict[str, Any], ...]:
    out: list[dict[str, Any]] = []
    for path in sorted((PACK / "items").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, list), f"{path.name} must be a YAML list of items"
        out.extend(data)
    return tuple(out)


def by_id() -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items()}


def of_kind(kind: str) -> list[dict[str, Any]]:
    return [item for item in items() if item["id"].startswith(f"{kind}:")]


def paragraph_sources() -> Iterator[tuple[str, int, str]]:
    for item in items():
        for source in item.get("sources", []):
            if source.get("paragraph") is not None:
                yield item["id"], source["paragraph"], source.get("quote") or ""


def links(item: dict[str, Any], rel: str) -> list[str]:
    return [link["to"] for link in item.get("links", []) if link["rel"] == rel]


def test_the_address_has_three_headings_and_thirty_two_body_paragraphs() -> None:
    assert len(paragraphs()) == LAST_BODY_PARAGRAPH


def test_item_ids_are_unique() -> None:
    ids = [item["id"] for item in items()]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates


def test_no_paragraph_items_are_written_by_hand() -> None:
    assert not of_kind("paragraph")


def test_every_item_has_at_least_one_source() -> None:
    assert [item["id"] for item in items() if not item.get("sources")] == []


def test_every_quote_occurs_verbatim_in_its_paragraph() -> None:
    bad = []
    for item_id, number, quote in paragraph_sources():
        if not quote or not 1 <= number <= len(paragraphs()) or quote.strip() not in paragraphs()[number - 1]:
            bad.append((item_id, number, quote[:60]))
    assert not bad


def test_every_external_source_names_its_publication() -> None:
    bad = [
        item["id"]
        for item in items()
        for source in item["sources"]
        if source.get("paragraph") is None and not (source.get("citation") or source.get("publisher"))
    ]
    assert not bad


def test_every_body_paragraph_is_the_source_of_at_least_one_item() -> None:
    covered = {number for _, number, _ in paragraph_sources()}
    missing = [n for n in range(FIRST_BODY_PARAGRAPH, LAST_BODY_PARAGRAPH + 1) if n not in covered]
    assert not missing


def test_every_link_points_to_an_item_of_the_pack_or_a_paragraph() -> None:
    known = by_id()
    bad = []
    for item in items():
        for link in item.get("links", []):
            target = link["to"]
            if target.startswith("paragraph:"):
                number = target.partition(":")[2]
                if not (number.isdigit() and 1 <= int(number) <= len(paragraphs())):
                    bad.append((item["id"], target))
            elif target not in known:
                bad.append((item["id"], target))
    assert not bad


def test_the_ten_member_states_are_present() -> None:
    members = {item["id"].partition(":")[2] for item in of_kind("member")}
    assert members == MEMBERS
    for item in of_kind("member"):
        assert item["attrs"]["iso3"].lower() == item["id"].partition(":")[2]


def test_every_member_has_world_bank_population_and_gdp_with_citation() -> None:
    for item in of_kind("member"):
        for field in ("population", "gdp_usd"):
            quantity = item["attrs"][field]
            assert quantity["value"] > 0 and quantity["year"] == 2023, item["id"]
            assert "World Bank" in quantity["citation"] and quantity["url"], item["id"]


def test_every_member_is_represented_by_a_person_who_represents_it() -> None:
    known = by_id()
    for member in of_kind("member"):
        people = links(member, "represented_by")
        assert len(people) == 1, member["id"]
        assert member["id"] in links(known[people[0]], "represents"), member["id"]


def test_the_two_observers_and_fourteen_dialogue_partners_are_present() -> None:
    partners = of_kind("partner")
    observers = {p["attrs"]["iso3"] for p in partners if p["attrs"]["status"] == "observer"}
    dialogue = {p["attrs"]["iso3"] for p in partners if p["attrs"]["status"] == "dialogue_partner"}
    assert observers == OBSERVERS
    assert dialogue == DIALOGUE_PARTNERS
    assert len(partners) == len(OBSERVERS) + len(DIALOGUE_PARTNERS)


def test_everyone_who_addressed_the_summit_has_a_person_item_linked_to_what_they_represent() -> None:
    speakers = paragraphs()[32]  # paragraph 33, the list of speakers
    people = of_kind("person")
    named = {p["id"] for p in people if p["title"] in speakers}
    assert len(named) == 11  # nine heads of delegation, the Secretary-General and the RATS director
    assert "person:tokayev" in by_id()
    for person in people:
        targets = links(person, "represents")
        assert targets and all(t.startswith(("member:", "organisation:")) for t in targets), person["id"]


def test_the_four_priorities_are_in_the_order_the_president_gave_them() -> None:
    priorities = of_kind("priority")
    assert [p["id"] for p in priorities] == [
        "priority:security",
        "priority:trade",
        "priority:transport",
        "priority:reform",
    ]
    assert [p["attrs"]["order"] for p in priorities] == [1, 2, 3, 4]


def test_every_proposal_is_part_of_a_priority() -> None:
    for proposal in of_kind("proposal"):
        targets = links(proposal, "part_of")
        assert targets and all(t.startswith("priority:") for t in targets), proposal["id"]


def test_the_aifc_mechanism_names_the_five_engaged_members() -> None:
    proposal = by_id()["proposal:aifc-financing-mechanism"]
    assert set(links(proposal, "engaged")) == {"member:chn", "member:rus", "member:ind", "member:uzb", "member:kgz"}


def test_every_corridor_has_at_least_two_nodes_and_every_route_node_exists() -> None:
    nodes = {item["id"] for item in of_kind("node")}
    corridors = of_kind("corridor")
    assert {c["id"] for c in corridors} >= {
        "corridor:belt-and-road",
        "corridor:trans-caspian",
        "corridor:trans-eurasian",
        "corridor:north-south",
        "corridor:central-asia-south-asia",
        "corridor:ports-network",
    }
    for corridor in corridors:
        attrs = corridor["attrs"]
        assert len(attrs["route"]) >= 2, corridor["id"]
        for route in [attrs["route"], *attrs.get("alternate_routes", [])]:
            assert set(route) <= nodes, (corridor["id"], sorted(set(route) - nodes))
        if attrs.get("leg_status"):
            assert len(attrs["leg_status"]) == len(attrs["route"]) - 1, corridor["id"]
        assert links(corridor, "crosses"), corridor["id"]


def test_the_proposed_ports_network_has_only_proposed_legs() -> None:
    attrs = by_id()["corridor:ports-network"]["attrs"]
    assert attrs["status"] == "proposed"
    assert set(attrs["leg_status"]) == {"proposed"}


def test_node_coordinates_come_from_nodes_csv_and_lie_inside_the_map() -> None:
    with NODES_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    known = {(round(float(r["lat"]), 5), round(float(r["lon"]), 5), r["cc"]): r for r in rows}
    for node in of_kind("node"):
        attrs = node["attrs"]
        key = (round(attrs["lat"], 5), round(attrs["lon"], 5), attrs["country"])
        assert key in known, node["id"]
        assert 20 <= attrs["lon"] <= 125 and 5 <= attrs["lat"] <= 60, node["id"]
        if known[key]["source"].startswith("UNVERIFIED"):
            assert attrs.get("approximate") is True, node["id"]


# (value, paragraph, words of that paragraph the figure rests on)
ADDRESS_NUMBERS = [
    (3_000_000_000, 7, "over three billion people"),
    (None, 7, "a third of global GDP"),  # the address's claim: no number is stored for it (pack 1.1.0)
    (150, 9, "approximately 150 events"),
    (60, 10, "60 new documents"),
    (10, 12, "Ten tourist destinations"),
    (10, 14, "Shanghai Ten"),
    (6.5, 24, "6.5%"),
    (20, 26, "20% of AIFC residents"),
]


@pytest.mark.parametrize(("value", "paragraph", "words"), ADDRESS_NUMBERS, ids=[w for _, _, w in ADDRESS_NUMBERS])
def test_each_number_in_the_address_has_a_figure_item(value: float | None, paragraph: int, words: str) -> None:
    assert words in paragraphs()[paragraph - 1]
    matches = [
        figure
        for figure in of_kind("figure")
        if (
            figure["attrs"].get("value") is None
            if value is None
            else figure["attrs"].get("value") == pytest.approx(value)
        )
        and any(s.get("paragraph") == paragraph and words in s.get("quote", "") for s in figure["sources"])
    ]
    assert matches


def test_the_summit_has_a_figure_for_its_number_the_24th_meeting() -> None:
    figure = by_id()["figure:meeting-24th"]
    assert figure["attrs"]["value"] == 24
    assert "event:astana-2024" in links(figure, "measures")


def test_the_disagreeing_document_counts_are_both_kept_and_linked() -> None:
    known = by_id()
    planned, reported = known["figure:summit-documents-planned-24"], known["figure:summit-documents-about-25"]
    assert planned["attrs"]["value"] == 24 and reported["attrs"]["value"] == 25
    assert reported["attrs"]["approximate"] is True
    assert planned["id"] in links(reported, "disagrees_with")
    assert reported["id"] in links(planned, "disagrees_with")
    for figure in (planned, reported):
        assert any(s.get("citation") for s in figure["sources"]), figure["id"]


def test_every_figure_measures_something_in_the_pack() -> None:
    known = by_id()
    for figure in of_kind("figure"):
        targets = links(figure, "measures")
        assert targets and all(t in known for t in targets), figure["id"]


def test_almaty_is_the_cultural_and_tourist_capital() -> None:
    achievement = by_id()["achievement:almaty-cultural-capital"]
    assert "Almaty" in achievement["summary"]
    assert any(s.get("paragraph") == 12 for s in achievement["sources"])
    assert any("Qingdao" in (s.get("citation") or "") + (s.get("title") or "") for s in achievement["sources"])
