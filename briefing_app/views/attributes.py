"""An item's attributes as plain frozen dataclasses of its kind, typed, not a mapping of magic keys.

The content database stores what the pack loader validated through the pack's pydantic models
(``content.schema``); reading it back here gives typed fields (``member_attrs(item).population.value``) to every
reader above this layer without importing pydantic in the running window (about 14 MB resident: issue 22,
``tests/ui/test_tab_walk_imports.py``). Each dataclass has its model's fields, in its order, with its types and
defaults (``tests/unit/test_plain_attributes.py`` reads every item of the real and the second pack both ways and
compares them field for field). A stored record that does not fit (a database from another version) is refused with
:class:`StoredAttributesError`; fields a newer pack adds are ignored, not refused. The value constraints (ranges,
patterns) are the loader's to check.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, TypeVar, cast

from briefing_app.domain.attribute_choices import (
    AchievementCategory,
    DocType,
    DocumentStatus,
    LegStatus,
    NodeType,
    PartnerStatus,
)
from briefing_app.domain.items import Item, ItemKind
from briefing_app.views.numbers import exact_number

if TYPE_CHECKING:
    from pydantic import BaseModel

Model = TypeVar("Model", bound="BaseModel")
T = TypeVar("T")


class StoredAttributesError(ValueError):
    """An item's stored attributes do not fit its kind's model (a content database from another version)."""


def attrs_as(item: Item, model: type[Model]) -> Model:
    """``item.attrs`` validated as the pydantic ``model`` (for the loader's side and tests; the window reads the
    plain readers below); fields a newer pack adds are ignored here, not refused."""
    from pydantic import ValidationError

    known = {key: value for key, value in item.attrs.items() if key in model.model_fields}
    try:
        return model.model_validate(known)
    except ValidationError as exc:
        raise StoredAttributesError(f"{item.id}: attributes do not fit {model.__name__}: {exc}") from exc


def _expect(item: Item, kind: ItemKind) -> None:
    if item.kind is not kind:
        raise ValueError(f"{item.id} is a {item.kind.value}, not a {kind.value}")


@dataclass(frozen=True)
class EventFacts:
    """An event's attributes, typed, read without pydantic (the fields of ``content.schema.EventAttrs``)."""

    date: str
    venue: str
    city: str
    meeting: str
    theme: str = ""
    format: str = ""


def event_attrs(item: Item) -> EventFacts:
    _expect(item, ItemKind.EVENT)
    attrs = item.attrs
    return EventFacts(**{f.name: str(attrs.get(f.name) or "") for f in fields(EventFacts)})


@dataclass(frozen=True)
class FigureFacts:
    """A headline figure's attributes, typed, read without pydantic (fields of ``content.schema.FigureAttrs``):
    the Overview's cards are in the first paint."""

    value: float
    unit: str
    measures: str
    display: str
    qualifier: str = "exact"
    approximate: bool = False
    year: int | None = None

    def stated(self) -> str:
        """The figure as the briefing states it ('over 3 billion people'), on screen and in print."""
        return self.display or f"{exact_number(self.value)} {self.unit}".strip()


def figure_attrs(item: Item) -> FigureFacts:
    _expect(item, ItemKind.FIGURE)
    attrs = item.attrs
    year = attrs.get("year")
    return FigureFacts(
        float(attrs.get("value") or 0), str(attrs.get("unit") or ""), str(attrs.get("measures") or ""),
        str(attrs.get("display") or ""), str(attrs.get("qualifier") or "exact"), bool(attrs.get("approximate")),
        int(year) if isinstance(year, int | float) else None,
    )


# --- The kinds' attributes as plain dataclasses (fields of ``content.schema``'s models) -----------------


class _Misfit(Exception):
    """A stored value that does not fit its field (turned into StoredAttributesError with the item's id)."""


_REQUIRED: Any = object()


def _text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise _Misfit(f"{name}: expected text, got {value!r}")
    return value.strip()  # the models strip whitespace (str_strip_whitespace)


def _int(value: object, name: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise _Misfit(f"{name}: expected a whole number, got {value!r}")


def _float(value: object, name: str) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    raise _Misfit(f"{name}: expected a finite number, got {value!r}")


def _bool(value: object, name: str) -> bool:
    if isinstance(value, bool):
        return value
    raise _Misfit(f"{name}: expected true or false, got {value!r}")


def _choice(choices: tuple[str, ...]) -> Callable[[object, str], str]:
    def read(value: object, name: str) -> str:
        if isinstance(value, str) and value in choices:
            return value
        raise _Misfit(f"{name}: expected one of {', '.join(choices)}, got {value!r}")

    return read


def _optional(read: Callable[[object, str], T]) -> Callable[[object, str], T | None]:
    return lambda value, name: None if value is None else read(value, name)


def _list_of(read: Callable[[object, str], T]) -> Callable[[object, str], list[T]]:
    def read_list(value: object, name: str) -> list[T]:
        if not isinstance(value, list | tuple):
            raise _Misfit(f"{name}: expected a list, got {value!r}")
        return [read(each, f"{name}[{number}]") for number, each in enumerate(value)]

    return read_list


def _field(attrs: Mapping[str, object], name: str, read: Callable[[object, str], T], default: Any = _REQUIRED) -> T:
    if name in attrs:
        return read(attrs[name], name)
    if default is _REQUIRED:
        raise _Misfit(f"{name}: a required field is missing")
    return cast("T", list(default) if isinstance(default, list) else default)


def _record(value: object, name: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise _Misfit(f"{name}: expected a record of fields, got {value!r}")
    return value


# Keyword-only: the fields keep their model's order (a required field may follow one with a default).
@dataclass(frozen=True, kw_only=True)
class QuantityFacts:
    """A sourced number (``content.schema.Quantity``): the value, its year and the citation."""

    value: float
    year: int
    citation: str
    url: str = ""
    alt_value: float | None = None
    alt_note: str | None = None


def _quantity(value: object, name: str) -> QuantityFacts:
    stored = _record(value, name)
    try:
        return QuantityFacts(
            value=_field(stored, "value", _float), year=_field(stored, "year", _int),
            citation=_field(stored, "citation", _text), url=_field(stored, "url", _text, ""),
            alt_value=_field(stored, "alt_value", _optional(_float), None),
            alt_note=_field(stored, "alt_note", _optional(_text), None),
        )
    except _Misfit as exc:
        raise _Misfit(f"{name}.{exc}") from None




def _choices(literal: Any) -> tuple[str, ...]:
    return cast("tuple[str, ...]", literal.__args__)


@dataclass(frozen=True, kw_only=True)
class MemberFacts:
    """A member state's attributes (``content.schema.MemberAttrs``)."""

    iso2: str
    iso3: str
    capital: str
    joined: int
    joined_note: str = ""
    population: QuantityFacts
    gdp_usd: QuantityFacts
    representative_role: str = ""


@dataclass(frozen=True, kw_only=True)
class PartnerFacts:
    """``content.schema.PartnerAttrs``."""

    status: PartnerStatus
    iso3: str


@dataclass(frozen=True, kw_only=True)
class PersonFacts:
    """``content.schema.PersonAttrs``."""

    role: str
    also_known_as: list[str] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class AchievementFacts:
    """``content.schema.AchievementAttrs``."""

    category: AchievementCategory


@dataclass(frozen=True, kw_only=True)
class DocumentFacts:
    """``content.schema.DocumentAttrs``."""

    doc_type: DocType
    status: DocumentStatus
    period: str = ""


@dataclass(frozen=True, kw_only=True)
class PriorityFacts:
    """``content.schema.PriorityAttrs``."""

    order: int
    numbered: bool = True


@dataclass(frozen=True, kw_only=True)
class CorridorFacts:
    """``content.schema.CorridorAttrs``."""

    status: LegStatus
    route: list[str]
    leg_status: list[LegStatus] = field(default_factory=list)
    alternate_routes: list[list[str]] = field(default_factory=list)
    alternate_leg_status: list[list[LegStatus]] = field(default_factory=list)
    also_known_as: list[str] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class NodeFacts:
    """``content.schema.NodeAttrs``."""

    lat: float
    lon: float
    country: str
    approximate: bool = False
    node_type: NodeType = "city"


_texts = _list_of(_text)
_legs = _list_of(_choice(_choices(LegStatus)))


def _member(a: Mapping[str, object]) -> MemberFacts:
    return MemberFacts(
        iso2=_field(a, "iso2", _text), iso3=_field(a, "iso3", _text), capital=_field(a, "capital", _text),
        joined=_field(a, "joined", _int), joined_note=_field(a, "joined_note", _text, ""),
        population=_field(a, "population", _quantity), gdp_usd=_field(a, "gdp_usd", _quantity),
        representative_role=_field(a, "representative_role", _text, ""),
    )


def _partner(a: Mapping[str, object]) -> PartnerFacts:
    status = _field(a, "status", _choice(_choices(PartnerStatus)))
    return PartnerFacts(status=cast("PartnerStatus", status), iso3=_field(a, "iso3", _text))


def _person(a: Mapping[str, object]) -> PersonFacts:
    return PersonFacts(role=_field(a, "role", _text), also_known_as=_field(a, "also_known_as", _texts, []))


def _achievement(a: Mapping[str, object]) -> AchievementFacts:
    category = _field(a, "category", _choice(_choices(AchievementCategory)))
    return AchievementFacts(category=cast("AchievementCategory", category))


def _document(a: Mapping[str, object]) -> DocumentFacts:
    return DocumentFacts(
        doc_type=cast("DocType", _field(a, "doc_type", _choice(_choices(DocType)))),
        status=cast("DocumentStatus", _field(a, "status", _choice(_choices(DocumentStatus)))),
        period=_field(a, "period", _text, ""),
    )


def _priority(a: Mapping[str, object]) -> PriorityFacts:
    return PriorityFacts(order=_field(a, "order", _int), numbered=_field(a, "numbered", _bool, True))


def _corridor(a: Mapping[str, object]) -> CorridorFacts:
    return CorridorFacts(
        status=cast("LegStatus", _field(a, "status", _choice(_choices(LegStatus)))),
        route=_field(a, "route", _texts),
        leg_status=cast("list[LegStatus]", _field(a, "leg_status", _legs, [])),
        alternate_routes=_field(a, "alternate_routes", _list_of(_texts), []),
        alternate_leg_status=cast("list[list[LegStatus]]", _field(a, "alternate_leg_status", _list_of(_legs), [])),
        also_known_as=_field(a, "also_known_as", _texts, []),
    )


def _node(a: Mapping[str, object]) -> NodeFacts:
    return NodeFacts(
        lat=_field(a, "lat", _float), lon=_field(a, "lon", _float), country=_field(a, "country", _text),
        approximate=_field(a, "approximate", _bool, False),
        node_type=cast("NodeType", _field(a, "node_type", _choice(_choices(NodeType)), "city")),
    )


def _reader(kind: ItemKind, read: Callable[[Mapping[str, object]], T]) -> Callable[[Item], T]:
    """A reader of ``kind``'s attributes: refuses an item of another kind (ValueError) and a stored record that
    does not fit (StoredAttributesError, naming the item and the field)."""

    def read_item(item: Item) -> T:
        _expect(item, kind)
        try:
            return read(item.attrs)
        except _Misfit as exc:
            raise StoredAttributesError(f"{item.id}: attributes do not fit the {kind.value} model: {exc}") from None

    read_item.__name__ = read_item.__qualname__ = f"{kind.value}_attrs"
    return read_item


# One typed reader a kind.
member_attrs: Callable[[Item], MemberFacts] = _reader(ItemKind.MEMBER, _member)
priority_attrs: Callable[[Item], PriorityFacts] = _reader(ItemKind.PRIORITY, _priority)
corridor_attrs: Callable[[Item], CorridorFacts] = _reader(ItemKind.CORRIDOR, _corridor)
node_attrs: Callable[[Item], NodeFacts] = _reader(ItemKind.NODE, _node)
partner_attrs: Callable[[Item], PartnerFacts] = _reader(ItemKind.PARTNER, _partner)
person_attrs: Callable[[Item], PersonFacts] = _reader(ItemKind.PERSON, _person)
achievement_attrs: Callable[[Item], AchievementFacts] = _reader(ItemKind.ACHIEVEMENT, _achievement)
document_attrs: Callable[[Item], DocumentFacts] = _reader(ItemKind.DOCUMENT, _document)


# --- Read without pydantic: a column or badge reads these for every row of a list ---------------------------

#: The kinds whose model has a ``status`` field (``tests/unit/test_typed_attributes.py`` checks it against the models).
STATUS_KINDS: frozenset[ItemKind] = frozenset(
    {ItemKind.PARTNER, ItemKind.DOCUMENT, ItemKind.PROPOSAL, ItemKind.CORRIDOR}
)
#: The kinds whose model has an ``also_known_as`` field (checked likewise).
ALSO_KNOWN_AS_KINDS: frozenset[ItemKind] = frozenset({ItemKind.PERSON, ItemKind.CORRIDOR})


def item_status(item: Item) -> str:
    """The item's ``status`` (``proposed``, ``observer``, ``in_force``…) for the kinds that have one, else ''."""
    if item.kind not in STATUS_KINDS:
        return ""
    status = item.attrs.get("status")
    return status if isinstance(status, str) else ""


def also_known_as(item: Item) -> tuple[str, ...]:
    """The other spellings a person or corridor is listed with (its ``also_known_as`` attribute), else ()."""
    if item.kind not in ALSO_KNOWN_AS_KINDS:
        return ()
    names = item.attrs.get("also_known_as")
    return tuple(str(name) for name in names) if isinstance(names, list) else ()


def node_type(item: Item) -> str:
    """A corridor node's ``node_type`` (``city``, ``port``, ``border_crossing``…); '' for another kind."""
    value = item.attrs.get("node_type") if item.kind is ItemKind.NODE else None
    return value if isinstance(value, str) else ""


@dataclass(frozen=True)
class ParagraphFacts:
    """A paragraph of the primary source as the pack loader numbers it (paragraphs have no authored model)."""

    number: int
    heading: bool


def paragraph_facts(item: Item) -> ParagraphFacts:
    _expect(item, ItemKind.PARAGRAPH)
    number = item.attrs.get("number")
    return ParagraphFacts(
        int(number) if isinstance(number, int | float) and number else item.position, bool(item.attrs.get("heading"))
    )
