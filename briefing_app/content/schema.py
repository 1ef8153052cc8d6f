"""The schema of a briefing pack, as pydantic models.

A pack is a folder: ``pack.yaml`` (the manifest), ``items/*.yaml`` (each a YAML list of items) and the
source documents under ``sources/``. Paragraph items are not written by hand: the loader makes one per
non-empty line of the primary source document (``paragraph:N``).

Each kind of item has its own ``attrs`` model, so a typo in a field name or a wrong type is reported with
the file, the item id and the field.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter, field_validator, model_validator

from briefing_app.domain.attribute_choices import (
    AchievementCategory,
    DocType,
    DocumentStatus,
    FigureQualifier,
    LegStatus,
    NodeType,
    PartnerStatus,
    ProposalStatus,
)

ID_PATTERN = r"^[a-z]+:[a-z0-9][a-z0-9._-]*$"
_ID_RE = re.compile(ID_PATTERN)

MAX_TEXT = 20_000


def _check_id(value: str) -> str:
    if not _ID_RE.match(value):
        raise ValueError(f"{value!r} is not a stable id like 'member:kaz' (lower-case kind, colon, slug)")
    return value


def _date_text(value: Any) -> Any:
    # YAML reads an unquoted 2024-07-04 as a date; the pack keeps dates as ISO text.
    return value.isoformat() if isinstance(value, date) else value


IsoDate = Annotated[str, BeforeValidator(_date_text), Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]
StableId = Annotated[str, Field(min_length=3, max_length=120, pattern=ID_PATTERN)]
Text = Annotated[str, Field(max_length=MAX_TEXT)]
Title = Annotated[str, Field(min_length=1, max_length=300)]
Alias = Annotated[str, Field(min_length=1, max_length=200)]


class Strict(BaseModel):
    # allow_inf_nan: .nan and .inf are YAML numbers, but no fact of a pack is one (and JSON has neither).
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False)


# --- Provenance -------------------------------------------------------------------------------------


def is_deep_url(url: str) -> bool:
    """True for an address that names one page (a path or a query beyond the site's root), not a bare home page."""
    parsed = urlsplit(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return False
    return parsed.path.strip("/") != "" or bool(parsed.query)


def citation_text(publisher: str, title: str, date_text: str, detail: str = "") -> str:
    """One citation line from its parts: ``Publisher, “Title”, 4 July 2024 (detail)``."""
    text = f"{publisher}, “{title}”"
    if date_text:
        text += f", {_long_date(date_text)}"
    if detail:
        text += f" ({detail})"
    return text


@functools.lru_cache(maxsize=4096)  # a pack cites a few dates thousands of times (a 100x pack: 37,500 calls)
def _long_date(value: str) -> str:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return value
    return f"{day.day} {day:%B %Y}"


PartialDate = Annotated[
    str, BeforeValidator(_date_text), Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", max_length=10)
]


class SourceSpec(Strict):
    """Either ``paragraph`` + ``quote`` (the primary source) or an external source.

    An external source is written either as its parts (``publisher``, ``title``, ``date``, ``url``: a real
    publication with a deep address; ``citation`` then holds only what it is cited for) or, in packs before
    1.1.0, as a free-text ``citation``. The pack's own content test requires the parts for every external
    source of the shipped pack. ``as_of`` dates a fact that is later than the event the pack covers.
    """

    paragraph: int | None = Field(default=None, ge=1)
    quote: Text | None = None
    citation: Text | None = None
    publisher: Annotated[str, Field(max_length=300)] | None = None
    title: Annotated[str, Field(max_length=500)] | None = None
    date: PartialDate | None = None
    url: Annotated[str, Field(max_length=2000)] | None = None
    note: Text | None = None
    as_of: IsoDate | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> SourceSpec:
        structured = self.publisher is not None or self.title is not None
        if self.paragraph is not None:
            if not self.quote:
                raise ValueError("a paragraph source needs the exact 'quote' it rests on")
            if self.citation or structured:
                raise ValueError("a source is either 'paragraph' + 'quote' or an external source, not both")
        elif structured:
            if not (self.publisher and self.title):
                raise ValueError("an external source names both its 'publisher' and its 'title'")
            if self.url and not is_deep_url(self.url):
                raise ValueError(f"{self.url!r} is not the address of one page (a bare home page is not a source)")
        elif not self.citation:
            raise ValueError("a source needs either 'paragraph' + 'quote' or 'citation'")
        return self

    @property
    def is_structured(self) -> bool:
        return self.publisher is not None

    def citation_line(self) -> str | None:
        """The citation as shown: composed from the parts when the source has them."""
        if self.publisher and self.title:
            return citation_text(self.publisher, self.title, self.date or "", self.citation or "")
        return self.citation

    def shown_note(self) -> str | None:
        """The note as shown; a later fact says so first."""
        if self.as_of:
            later = f"After the summit: as of {_long_date(self.as_of)}."
            return f"{later} {self.note}" if self.note else later
        return self.note


class LinkSpec(Strict):
    rel: Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[a-z_]+$")]
    to: StableId
    label: Annotated[str, Field(max_length=300)] | None = None


# --- Kind-specific attributes ------------------------------------------------------------------------


class Quantity(Strict):
    """A sourced number: the value, its year and the citation (World Bank figures)."""

    value: float
    year: int = Field(ge=1900, le=2100)
    citation: Text
    url: Annotated[str, Field(max_length=2000)] = ""
    alt_value: float | None = None
    alt_note: Text | None = None


class EventAttrs(Strict):
    date: IsoDate
    venue: Annotated[str, Field(max_length=300)] = ""
    city: Title
    meeting: Title
    theme: Text = ""
    format: Text = ""


class MemberAttrs(Strict):
    iso2: str = Field(pattern=r"^[A-Z]{2}$")
    iso3: str = Field(pattern=r"^[A-Z]{3}$")
    capital: Title
    joined: int = Field(ge=2001, le=2100)
    joined_note: Text = ""
    population: Quantity
    gdp_usd: Quantity
    representative_role: Text = ""


class PartnerAttrs(Strict):
    status: PartnerStatus
    iso3: str = Field(pattern=r"^[A-Z]{3}$")


class OrganisationAttrs(Strict):
    abbreviation: Annotated[str, Field(max_length=40)] = ""


class PersonAttrs(Strict):
    role: Text
    also_known_as: list[Title] = []


class ConceptAttrs(Strict):
    pass


class AchievementAttrs(Strict):
    category: AchievementCategory


class DocumentAttrs(Strict):
    doc_type: DocType
    status: DocumentStatus  # what happened at the event (see domain/attribute_choices.py)
    period: Annotated[str, Field(max_length=40)] = ""


class ProjectAttrs(Strict):
    category: Annotated[str, Field(max_length=60)] = ""


class FigureAttrs(Strict):
    value: float | None = None  # None for a claim with no precise number ("a third of global GDP")
    unit: Annotated[str, Field(max_length=60)]
    measures: Text
    qualifier: FigureQualifier = "exact"
    display: Annotated[str, Field(min_length=1, max_length=80)]
    approximate: bool = False
    year: int | None = None


class PriorityAttrs(Strict):
    order: int = Field(ge=1, le=20)
    # False for an area the source stresses without numbering it among its areas: counting it as one is the
    # briefing's reading, and headings say so (the address numbers three areas, then focuses on reform).
    numbered: bool = True


class ProposalAttrs(Strict):
    status: ProposalStatus
    proposed_by: Annotated[str, Field(max_length=120)] = ""


class CorridorAttrs(Strict):
    status: LegStatus
    route: list[StableId] = Field(min_length=2)
    leg_status: list[LegStatus] = []
    alternate_routes: list[list[StableId]] = []
    # Per alternate route, the statuses of its legs ([] = as the corridor); e.g. a branch with an unbuilt gap.
    alternate_leg_status: list[list[LegStatus]] = []
    also_known_as: list[Title] = []

    @model_validator(mode="after")
    def _legs_match(self) -> CorridorAttrs:
        if self.leg_status and len(self.leg_status) != len(self.route) - 1:
            raise ValueError(
                f"leg_status has {len(self.leg_status)} entries; the route has {len(self.route) - 1} legs"
            )
        if len(self.alternate_leg_status) > len(self.alternate_routes):
            raise ValueError("alternate_leg_status has more entries than there are alternate_routes")
        pairs = zip(self.alternate_leg_status, self.alternate_routes, strict=False)
        for number, (statuses, branch) in enumerate(pairs):
            if statuses and len(statuses) != len(branch) - 1:
                raise ValueError(
                    f"alternate_leg_status[{number}] has {len(statuses)} entries; the branch has {len(branch) - 1} legs"
                )
        return self


class NodeAttrs(Strict):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    country: str = Field(pattern=r"^[A-Z]{2}$")
    approximate: bool = False
    node_type: NodeType = "city"


ATTRS_BY_KIND: dict[str, type[Strict]] = {
    "event": EventAttrs,
    "member": MemberAttrs,
    "partner": PartnerAttrs,
    "organisation": OrganisationAttrs,
    "person": PersonAttrs,
    "concept": ConceptAttrs,
    "achievement": AchievementAttrs,
    "document": DocumentAttrs,
    "project": ProjectAttrs,
    "figure": FigureAttrs,
    "priority": PriorityAttrs,
    "proposal": ProposalAttrs,
    "corridor": CorridorAttrs,
    "node": NodeAttrs,
}

AUTHORED_KINDS = tuple(ATTRS_BY_KIND)


class ItemSpec(Strict):
    """One authored item. ``attrs`` is checked against the model of its kind by the loader."""

    id: StableId
    title: Title
    summary: Text = ""
    body: Text = ""
    attrs: dict[str, Any] = {}
    sources: list[SourceSpec] = Field(min_length=1)
    links: list[LinkSpec] = []
    keywords: list[Annotated[str, Field(max_length=200)]] = []
    as_of: IsoDate | None = None  # the date of a fact later than the event; shown as "after the summit"
    # Other names a reader may type: spellings, transliterations, abbreviations, names in Russian and Chinese.
    aliases: list[Alias] = []

    @property
    def kind(self) -> str:
        return self.id.partition(":")[0]

    @field_validator("id")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        kind = value.partition(":")[0]
        if kind not in ATTRS_BY_KIND:
            raise ValueError(f"unknown kind {kind!r}; known kinds: {', '.join(AUTHORED_KINDS)}")
        return value


#: A pack's alias file (``aliases.yaml``): item id -> the other names a reader may type for it.
AliasesSpec: TypeAdapter[dict[str, list[str]]] = TypeAdapter(
    dict[StableId, Annotated[list[Annotated[str, Field(min_length=1, max_length=200)]], Field(max_length=100)]]
)


# --- Manifest ---------------------------------------------------------------------------------------


class SourceDocumentSpec(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
    title: Title
    file: Annotated[str, Field(max_length=300)] | None = None
    publisher: Text = ""
    url: Annotated[str, Field(max_length=2000)] = ""
    date: Annotated[str, BeforeValidator(_date_text), Field(max_length=40)] = ""
    primary: bool = False


class CreditSpec(Strict):
    name: Title
    licence: Title
    used_for: Text
    url: Annotated[str, Field(max_length=2000)] = ""


class ProvenanceSpec(Strict):
    """How the pack's data were obtained (mirror commits, package versions, data vintages): kept in the pack,
    shown in the "Data provenance" appendix and in About, never beside each figure."""

    name: Title
    detail: Text
    url: Annotated[str, Field(max_length=2000)] = ""


class ManifestSpec(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
    title: Title
    event_date: IsoDate
    version: Annotated[str, Field(min_length=1, max_length=40)]
    language: Annotated[str, Field(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")]
    marking: Annotated[str, Field(max_length=80)] = "UNCLASSIFIED"
    disclaimer: Text
    documents: list[SourceDocumentSpec] = Field(min_length=1)
    credits: list[CreditSpec] = []
    provenance: list[ProvenanceSpec] = []

    @model_validator(mode="after")
    def _one_primary(self) -> ManifestSpec:
        primaries = [doc for doc in self.documents if doc.primary]
        if len(primaries) != 1:
            raise ValueError(f"exactly one document must be 'primary: true' (found {len(primaries)})")
        if primaries[0].file is None:
            raise ValueError("the primary document needs a 'file' under sources/")
        return self
