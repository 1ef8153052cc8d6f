"""The typed attribute readers of ``briefing_app.views.attributes`` are plain dataclasses (the running window does
not import pydantic), equal field for field and type for type to the pack's pydantic models, which stay the
loader's validation (issue 22)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from briefing_app.content.loader import load_pack
from briefing_app.content.schema import ATTRS_BY_KIND, Quantity
from briefing_app.domain.items import Item, ItemKind
from briefing_app.views import attributes
from tests.conftest import REAL_PACK, SECOND_PACK

#: kind -> (the plain reader, its dataclass): every kind read above the views layer through a model
READERS = {
    ItemKind.MEMBER: (attributes.member_attrs, attributes.MemberFacts),
    ItemKind.PRIORITY: (attributes.priority_attrs, attributes.PriorityFacts),
    ItemKind.CORRIDOR: (attributes.corridor_attrs, attributes.CorridorFacts),
    ItemKind.NODE: (attributes.node_attrs, attributes.NodeFacts),
    ItemKind.PARTNER: (attributes.partner_attrs, attributes.PartnerFacts),
    ItemKind.PERSON: (attributes.person_attrs, attributes.PersonFacts),
    ItemKind.ACHIEVEMENT: (attributes.achievement_attrs, attributes.AchievementFacts),
    ItemKind.DOCUMENT: (attributes.document_attrs, attributes.DocumentFacts),
}


def _same(plain: Any, model: Any, where: str) -> None:
    """``plain`` (dataclass) equals ``model`` (pydantic) field for field, each value of the same type."""
    if dataclasses.is_dataclass(plain):
        names = [f.name for f in dataclasses.fields(plain)]
        assert names == list(type(model).model_fields), where
        for name in names:
            _same(getattr(plain, name), getattr(model, name), f"{where}.{name}")
    elif isinstance(plain, list):
        assert isinstance(model, list) and len(plain) == len(model), where
        for number, (a, b) in enumerate(zip(plain, model, strict=True)):
            _same(a, b, f"{where}[{number}]")
    else:
        assert type(plain) is type(model) and plain == model, f"{where}: {plain!r} != {model!r}"


def test_the_dataclasses_have_the_models_fields_and_defaults() -> None:
    pairs = [(facts, ATTRS_BY_KIND[kind.value]) for kind, (_, facts) in READERS.items()]
    for facts, model in [*pairs, (attributes.QuantityFacts, Quantity)]:
        plain = {f.name: f for f in dataclasses.fields(facts)}
        assert list(plain) == list(model.model_fields), facts.__name__
        for name, info in model.model_fields.items():
            default = plain[name].default
            if plain[name].default_factory is not dataclasses.MISSING:
                default = plain[name].default_factory()
            if info.is_required():
                assert default is dataclasses.MISSING, f"{facts.__name__}.{name} is required"
            else:
                assert default == info.default, f"{facts.__name__}.{name}"


@pytest.mark.parametrize("pack", [REAL_PACK, SECOND_PACK], ids=["real", "testville"])
def test_every_item_reads_as_its_pydantic_model_reads_it(pack: Any) -> None:
    items = [item for item in load_pack(pack).items if item.kind in READERS]
    assert {item.kind for item in items} >= {ItemKind.MEMBER, ItemKind.PRIORITY}, "the pack has these kinds"
    for item in items:
        reader, facts = READERS[item.kind]
        model = attributes.attrs_as(item, ATTRS_BY_KIND[item.kind.value])
        plain = reader(item)
        assert type(plain) is facts
        _same(plain, model, item.id)


MEMBER = {
    "iso2": "XX", "iso3": "XXX", "capital": "C", "joined": 2024,
    "population": {"value": 5, "year": 2023, "citation": "Census"},
    "gdp_usd": {"value": 2e9, "year": 2023, "citation": "Treasury", "alt_value": 3, "alt_note": "n"},
}


def test_a_stored_number_reads_as_the_models_type_and_newer_fields_are_ignored() -> None:
    member = attributes.member_attrs(Item("member:x", ItemKind.MEMBER, "X", attrs={**MEMBER, "later_field": 1}))
    assert member.population.value == 5.0 and isinstance(member.population.value, float)
    assert member.gdp_usd.alt_value == 3.0 and isinstance(member.gdp_usd.alt_value, float)
    assert member.joined_note == "" and member.population.url == "" and member.population.alt_value is None


@pytest.mark.parametrize(
    ("kind", "attrs", "field"),
    [
        (ItemKind.MEMBER, {**MEMBER, "joined": "2024"}, "joined"),
        (ItemKind.MEMBER, {key: value for key, value in MEMBER.items() if key != "capital"}, "capital"),
        (ItemKind.MEMBER, {**MEMBER, "population": {"value": 5, "citation": "C"}}, "year"),
        (ItemKind.MEMBER, {**MEMBER, "gdp_usd": 7}, "gdp_usd"),
        (ItemKind.PRIORITY, {"order": 1.5}, "order"),
        (ItemKind.PRIORITY, {"order": 1, "numbered": "yes"}, "numbered"),
        (ItemKind.CORRIDOR, {"status": "dreamt", "route": ["node:a", "node:b"]}, "status"),
        (ItemKind.CORRIDOR, {"status": "partial", "route": "node:a"}, "route"),
        (ItemKind.CORRIDOR, {"status": "partial", "route": ["node:a", 2]}, "route"),
        (ItemKind.NODE, {"lat": "north", "lon": 1.0, "country": "KZ"}, "lat"),
        (ItemKind.NODE, {"lat": float("nan"), "lon": 1.0, "country": "KZ"}, "lat"),
        (ItemKind.PERSON, {"role": None}, "role"),
        (ItemKind.DOCUMENT, {"doc_type": "declaration"}, "status"),
    ],
)
def test_a_stored_record_that_does_not_fit_is_refused_with_the_item_id(
    kind: ItemKind, attrs: dict[str, Any], field: str
) -> None:
    reader, _ = READERS[kind]
    with pytest.raises(attributes.StoredAttributesError, match=rf"{kind.value}:x\b.*{field}"):
        reader(Item(f"{kind.value}:x", kind, "X", attrs=attrs))
