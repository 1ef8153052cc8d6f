"""An item's attributes as typed (field, value) pairs in its model's order: the facts table of the detail pane and
of print (``reports.formatting.attr_rows``) list them without reading a mapping by key."""

from __future__ import annotations

from dataclasses import dataclass

from briefing_app.domain.items import Item, ItemKind
from briefing_app.views.attributes import paragraph_facts
from briefing_app.views.members import Quantity

#: The fields of a model that the facts table leaves out (drawn otherwise, or internal to the map).
HIDDEN_FIELDS = frozenset(
    {"route", "alternate_routes", "value", "qualifier", "leg_status", "alternate_leg_status"}
)
#: Quantity fields in US$ (the others count people).
MONEY_FIELDS = frozenset({"gdp_usd"})

FactValue = str | int | float | bool | tuple[str, ...] | Quantity


@dataclass(frozen=True)
class Fact:
    """One attribute of an item: the model's field name and its typed value."""

    field: str
    value: FactValue


def item_facts(item: Item) -> list[Fact]:
    """The item's attributes to show, in its model's field order, empty values and hidden fields left out.

    Read without pydantic (the detail pane is in the first paint): the content database holds each item's
    attributes as the pack loader dumped them from the kind's model (``model_dump``: the model's field order and
    JSON types), so a stored value is typed here by its shape; a sourced number (``content.schema.Quantity``)
    becomes a :class:`~briefing_app.views.members.Quantity`. A paragraph (no authored model) has its number.
    """
    if item.kind is ItemKind.PARAGRAPH:
        return [Fact("number", paragraph_facts(item).number)]
    out: list[Fact] = []
    for name, value in item.attrs.items():
        if name in HIDDEN_FIELDS or name == "as_of" or value in ("", None, [], {}):
            continue
        if isinstance(value, dict) and "value" in value:
            out.append(Fact(name, _quantity(value, money=name in MONEY_FIELDS)))
        elif isinstance(value, list):
            out.append(Fact(name, tuple(str(v) for v in value)))
        elif isinstance(value, str | int | float | bool):
            out.append(Fact(name, value))
    return out


def _quantity(stored: dict[str, object], *, money: bool) -> Quantity:
    """A stored ``content.schema.Quantity`` (its fields: ``tests/unit/test_typed_attributes.py`` checks them)."""

    def number(key: str) -> float | None:
        value = stored.get(key)
        return float(value) if isinstance(value, int | float) else None

    year = stored.get("year")
    return Quantity(
        number("value") or 0.0, year if isinstance(year, int) else None, str(stored.get("citation") or ""),
        str(stored.get("url") or ""), number("alt_value"), str(stored.get("alt_note") or "") or None, money,
    )


def attributes_json(item: Item) -> dict[str, object]:
    """The item's stored attributes as JSON values (``briefing-app show --json``): what the pack loader validated."""
    return dict(item.attrs)
