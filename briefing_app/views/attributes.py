"""An item's attributes as the pydantic model of its kind (validated at pack load), not a mapping of magic keys.

The content database stores what the pack loader validated; reading it back through the same model gives
typed fields (``member_attrs(item).population.value``) to every reader above this layer.

The main event's facts are the exception: the Overview shows them in the first paint, which must not import
pydantic (``tests/ui/test_startup_path.py``), so :class:`EventFacts` and :class:`FigureFacts` are plain dataclasses
over fields of ``EventAttrs`` and ``FigureAttrs`` (``tests/unit/test_views.py`` checks that each field exists there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, TypeVar

from briefing_app.domain.items import Item, ItemKind
from briefing_app.views.numbers import exact_number

if TYPE_CHECKING:
    from pydantic import BaseModel

    from briefing_app.content.schema import (
        AchievementAttrs,
        CorridorAttrs,
        DocumentAttrs,
        MemberAttrs,
        NodeAttrs,
        PartnerAttrs,
        PersonAttrs,
        PriorityAttrs,
    )

Model = TypeVar("Model", bound="BaseModel")


class StoredAttributesError(ValueError):
    """An item's stored attributes do not fit its kind's model (a content database from another version)."""


def attrs_as(item: Item, model: type[Model]) -> Model:
    """``item.attrs`` validated as ``model``; fields a newer pack adds are ignored here, not refused."""
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


def _reader(kind: ItemKind) -> Callable[[Item], Any]:
    """A reader of ``kind``'s attributes as its pydantic model (``content.schema.ATTRS_BY_KIND``), imported when
    first read: the first paint does not import pydantic."""

    def read(item: Item) -> Any:
        from briefing_app.content.schema import ATTRS_BY_KIND

        _expect(item, kind)
        return attrs_as(item, ATTRS_BY_KIND[kind.value])

    read.__name__ = read.__qualname__ = f"{kind.value}_attrs"
    return read


# One typed reader a kind; each refuses an item of another kind (ValueError) and a stored record that does not fit
# (StoredAttributesError).
member_attrs: Callable[[Item], MemberAttrs] = _reader(ItemKind.MEMBER)
priority_attrs: Callable[[Item], PriorityAttrs] = _reader(ItemKind.PRIORITY)
corridor_attrs: Callable[[Item], CorridorAttrs] = _reader(ItemKind.CORRIDOR)
node_attrs: Callable[[Item], NodeAttrs] = _reader(ItemKind.NODE)
partner_attrs: Callable[[Item], PartnerAttrs] = _reader(ItemKind.PARTNER)
person_attrs: Callable[[Item], PersonAttrs] = _reader(ItemKind.PERSON)
achievement_attrs: Callable[[Item], AchievementAttrs] = _reader(ItemKind.ACHIEVEMENT)
document_attrs: Callable[[Item], DocumentAttrs] = _reader(ItemKind.DOCUMENT)


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
