"""Item attributes are read through typed accessors of ``briefing_app.views`` (built on the pack's pydantic
attribute models), never by string key above that layer (issue 14).

The scan reads the source of ``ui``, ``reports`` and the command line as syntax trees: it needs no Qt and no
content database.
"""

from __future__ import annotations

import ast
from dataclasses import fields
from pathlib import Path

import pytest

from briefing_app.content.schema import ATTRS_BY_KIND, Quantity
from briefing_app.domain.items import Item, ItemKind
from tests.conftest import ROOT

PACKAGE = ROOT / "briefing_app"
#: The layers above ``views``: what they read of an item's attributes, they read typed.
ABOVE_VIEWS = sorted(
    [*(PACKAGE / "ui").rglob("*.py"), *(PACKAGE / "reports").rglob("*.py"), *PACKAGE.glob("cli*.py")]
)
#: Every attribute name a pack can hold: the fields of each kind's model and of a quantity, the paragraph's
#: number and heading (made by the loader) and the date of a later fact.
ATTRIBUTE_KEYS = (
    {name for model in ATTRS_BY_KIND.values() for name in model.model_fields}
    | set(Quantity.model_fields)
    | {"number", "heading", "as_of"}
)


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _string_key_reads(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, what) for each ``x.attrs``, ``x["key"]`` and ``x.get("key", …)`` whose key names an attribute."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "attrs":
            found.append((node.lineno, ".attrs"))
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            key = node.slice.value
            if isinstance(key, str) and key in ATTRIBUTE_KEYS and isinstance(node.ctx, ast.Load):
                found.append((node.lineno, f"[{key!r}]"))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value in ATTRIBUTE_KEYS
        ):
            found.append((node.lineno, f".get({node.args[0].value!r})"))
    return found


def test_ui_reports_and_cli_read_no_attribute_by_string_key() -> None:
    # Given the source of every module above the views layer
    assert len(ABOVE_VIEWS) > 50, "the scan found the ui, reports and cli modules"
    offences = []
    for path in ABOVE_VIEWS:
        for line, what in _string_key_reads(ast.parse(path.read_text(encoding="utf-8"))):
            offences.append(f"{_relative(path)}:{line}: {what}")
    # Then none reads an item's attributes as a mapping: it asks briefing_app.views for a typed value
    assert offences == [], "read these through briefing_app.views (typed accessors):\n" + "\n".join(offences)


@pytest.mark.parametrize(
    "source",
    [
        'status = item.attrs.get("status")',
        'x = attrs["gdp_usd"]',
        'def f(q):\n    return q.get("alt_value")',
        'number = paragraph.attrs["number"]',
    ],
)
def test_the_scan_finds_a_string_key_read(source: str) -> None:
    # Given code that reads an attribute by its key, Then the scan reports it
    assert _string_key_reads(ast.parse(source))


def test_the_scan_lets_typed_reads_and_other_mappings_pass() -> None:
    source = 'status = item_status(item)\nrole = person_attrs(p).role\nname = message.get("event")\n'
    assert _string_key_reads(ast.parse(source)) == []


def test_the_kinds_read_without_pydantic_match_the_models() -> None:
    from briefing_app.views.attributes import ALSO_KNOWN_AS_KINDS, STATUS_KINDS, ParagraphFacts

    # The status and also-known-as readers serve exactly the kinds whose model has that field
    with_status = {ItemKind(kind) for kind, model in ATTRS_BY_KIND.items() if "status" in model.model_fields}
    with_aka = {ItemKind(kind) for kind, model in ATTRS_BY_KIND.items() if "also_known_as" in model.model_fields}
    assert with_status == STATUS_KINDS
    assert with_aka == ALSO_KNOWN_AS_KINDS
    # And a paragraph's facts are what the loader stores for it
    assert {f.name for f in fields(ParagraphFacts)} == {"number", "heading"}


def test_typed_readers_read_the_stored_values_and_refuse_other_kinds() -> None:
    from briefing_app.views.attributes import (
        also_known_as,
        corridor_attrs,
        item_status,
        node_type,
        paragraph_facts,
    )

    corridor = Item(
        "corridor:c", ItemKind.CORRIDOR, "C",
        attrs={"status": "partial", "route": ["node:a", "node:b"], "also_known_as": ["Middle Corridor"]},
    )
    node = Item("node:a", ItemKind.NODE, "A", attrs={"lat": 1.0, "lon": 2.0, "country": "KZ", "node_type": "port"})
    paragraph = Item("paragraph:7", ItemKind.PARAGRAPH, "¶7", attrs={"number": 7, "heading": False}, position=7)
    member = Item("member:x", ItemKind.MEMBER, "X", attrs={"status": "not a field of a member"})

    assert corridor_attrs(corridor).route == ["node:a", "node:b"]
    assert item_status(corridor) == "partial"
    assert item_status(member) == ""  # a member has no status field
    assert also_known_as(corridor) == ("Middle Corridor",)
    assert also_known_as(node) == ()
    assert node_type(node) == "port"
    assert node_type(corridor) == ""
    assert paragraph_facts(paragraph).number == 7
    assert paragraph_facts(paragraph).heading is False
    with pytest.raises(ValueError, match="not a corridor"):
        corridor_attrs(node)
    assert corridor_attrs.__name__ == "corridor_attrs"


def test_facts_are_typed_in_model_order_with_quantities_and_money() -> None:
    from briefing_app.reports.formatting import attr_rows
    from briefing_app.views.facts import item_facts
    from briefing_app.views.members import Quantity as QuantityView

    member = Item("member:x", ItemKind.MEMBER, "X", attrs={
        "gdp_usd": {"value": 2e9, "year": 2023, "citation": "Treasury"},
        "iso2": "XX", "iso3": "XXX", "capital": "Capital", "joined": 2024,
        "population": {"value": 5e6, "year": 2023, "citation": "Census", "alt_value": 5.1e6, "alt_note": "newer"},
        "as_of": "2025-01-01",
    })
    facts = item_facts(member)
    # In the stored order (the loader's model_dump: the model's field order), the as_of date left out
    assert [f.field for f in facts] == ["gdp_usd", "iso2", "iso3", "capital", "joined", "population"]
    population, gdp = facts[5].value, facts[0].value
    assert isinstance(population, QuantityView) and isinstance(gdp, QuantityView)
    assert (population.money, gdp.money) == (False, True)
    rows = {label: (value, citation) for label, value, citation in attr_rows(member)}
    assert rows["GDP (current US$)"] == ("US$ 2,000,000,000 (US$ 2 bn, 2023)", "Treasury")
    assert rows["Population"][0].endswith("; newer estimate 5,100,000 (newer)")


def test_the_facts_reader_knows_every_field_of_a_quantity() -> None:
    from briefing_app.views.facts import _quantity

    # Given a quantity as the loader stores it (every field set)
    spec = Quantity(value=7.0, year=2023, citation="C", url="https://example.org/q", alt_value=8.0, alt_note="n")
    # Then the view reads each of its fields
    read = _quantity(spec.model_dump(mode="json"), money=False)
    assert (read.value, read.year, read.citation, read.url, read.alt_value, read.alt_note) == (
        7.0, 2023, "C", "https://example.org/q", 8.0, "n"
    )
    assert set(Quantity.model_fields) == {"value", "year", "citation", "url", "alt_value", "alt_note"}
