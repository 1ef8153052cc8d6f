"""Print chooses the items of its sections by what the pack says of them (kind, links, attribute values), never by
an id of the Astana pack (issue 14): the same rules pick the Astana items and the Testville ones."""

from __future__ import annotations

import ast
from pathlib import Path

from briefing_app.domain.items import Item, ItemKind
from tests.conftest import ROOT


def _picks(services) -> tuple[str | None, tuple[str, str] | None, str | None]:  # type: ignore[no-untyped-def]
    from briefing_app.views.members import member_rows, member_totals, members_intro
    from briefing_app.views.summit import corridors_priority

    briefing = services.briefing
    intro = members_intro(briefing)
    totals = member_totals(briefing, member_rows(briefing))
    transport = corridors_priority(briefing)
    return (
        intro.id if intro else None,
        (totals.population.id, totals.gdp.id) if totals else None,
        transport.id if transport else None,
    )


def test_the_astana_pack_leads_its_sections_with_its_own_items(services) -> None:  # type: ignore[no-untyped-def]
    # Given the Astana pack: the "Shanghai Ten" names the ten members, two World Bank sums state their totals, and
    # the transport priority is linked with the corridors
    assert _picks(services) == (
        "concept:shanghai-ten",
        ("figure:members-population-2023", "figure:members-gdp-2023"),
        "priority:transport",
    )


def test_the_second_pack_leads_its_sections_with_its_own_items(second_services) -> None:  # type: ignore[no-untyped-def]
    # Given the Testville pack, whose ids have nothing in common with Astana's
    assert _picks(second_services) == (
        "concept:plain-pair",
        ("figure:union-population-2029", "figure:union-gdp-2029"),
        "priority:trade",
    )


def test_a_figure_that_is_not_the_sum_is_not_taken_for_a_total(second_services) -> None:  # type: ignore[no-untyped-def]
    from briefing_app.views.members import member_rows, member_totals

    briefing = second_services.briefing
    rows = member_rows(briefing)
    # When one member is left out, the pack's figures no longer state the sum
    assert member_totals(briefing, rows[:1]) is None
    assert member_totals(briefing, []) is None


def test_a_concept_naming_one_member_of_two_is_not_the_members_lead() -> None:
    from briefing_app.views.members import members_intro

    class Briefing:
        def items(self, kind: ItemKind) -> list[Item]:
            from briefing_app.domain.items import Link

            if kind is ItemKind.MEMBER:
                return [Item("member:a", kind, "A"), Item("member:b", kind, "B")]
            if kind is ItemKind.CONCEPT:
                return [Item("concept:a", kind, "A", links=(Link("includes", "member:a"),))]
            return []

    assert members_intro(Briefing()) is None  # type: ignore[arg-type]


def test_print_names_no_item_id_of_a_pack() -> None:
    # Given the print code (sheets, book, printing in the UI)
    package = ROOT / "briefing_app"
    files = [*(package / "reports").rglob("*.py"), *(package / "ui" / "printing").rglob("*.py")]
    kinds = {kind.value for kind in ItemKind}
    found = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                kind, colon, slug = node.value.partition(":")
                if colon and kind in kinds and slug and " " not in slug:
                    found.append(f"{Path(path).relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    # Then no string constant is an item id ("figure:members-gdp-2023", "priority:transport")
    assert found == []
