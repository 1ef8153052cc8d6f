"""An item's attributes as the pydantic model of its kind (validated at pack load), not a mapping of magic keys.

The content database stores what the pack loader validated; reading it back through the same model gives
typed fields (``member_attrs(item).population.value``) to every reader above this layer.

The main event's facts are the exception: the Overview shows them in the first paint, which must not import
pydantic (``tests/ui/test_startup_path.py``), so :class:`EventFacts` and :class:`FigureFacts` are plain dataclasses
over fields of ``EventAttrs`` and ``FigureAttrs`` (``tests/unit/test_views.py`` checks that each field exists there).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, TypeVar

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


def member_attrs(item: Item) -> MemberAttrs:
    from briefing_app.content.schema import MemberAttrs

    _expect(item, ItemKind.MEMBER)
    return attrs_as(item, MemberAttrs)


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


def priority_attrs(item: Item) -> PriorityAttrs:
    from briefing_app.content.schema import PriorityAttrs

    _expect(item, ItemKind.PRIORITY)
    return attrs_as(item, PriorityAttrs)


def corridor_attrs(item: Item) -> CorridorAttrs:
    from briefing_app.content.schema import CorridorAttrs

    _expect(item, ItemKind.CORRIDOR)
    return attrs_as(item, CorridorAttrs)


def node_attrs(item: Item) -> NodeAttrs:
    from briefing_app.content.schema import NodeAttrs

    _expect(item, ItemKind.NODE)
    return attrs_as(item, NodeAttrs)


def partner_attrs(item: Item) -> PartnerAttrs:
    from briefing_app.content.schema import PartnerAttrs

    _expect(item, ItemKind.PARTNER)
    return attrs_as(item, PartnerAttrs)


def person_attrs(item: Item) -> PersonAttrs:
    from briefing_app.content.schema import PersonAttrs

    _expect(item, ItemKind.PERSON)
    return attrs_as(item, PersonAttrs)


def achievement_attrs(item: Item) -> AchievementAttrs:
    from briefing_app.content.schema import AchievementAttrs

    _expect(item, ItemKind.ACHIEVEMENT)
    return attrs_as(item, AchievementAttrs)


def document_attrs(item: Item) -> DocumentAttrs:
    from briefing_app.content.schema import DocumentAttrs

    _expect(item, ItemKind.DOCUMENT)
    return attrs_as(item, DocumentAttrs)
