"""Text formatting of the item sheets: attribute labels and rows, escaping. Numbers and dates come from
:mod:`briefing_app.views.numbers` (one way for screen and print)."""

from __future__ import annotations

import html
from typing import Any

# The one helper for user text beside the app's own (bidi isolation), re-exported for the sheets and the UI.
from briefing_app.domain.bidi import FSI, PDI, isolate
from briefing_app.domain.items import Item
from briefing_app.views.facts import item_facts
from briefing_app.views.members import Quantity
from briefing_app.views.numbers import exact_number, long_date, short_number

__all__ = [
    "AFTER_THE_SUMMIT", "ATTR_LABELS", "FSI", "PDI", "as_of_marker", "attr_rows", "esc", "exact_number", "humanise",
    "isolate", "long_date",
    "quantity_text", "short_number",
]

ATTR_LABELS: dict[str, str] = {
    "iso2": "ISO 3166 alpha-2", "iso3": "ISO 3166 alpha-3", "capital": "Capital", "joined": "Joined the SCO",
    "joined_note": "Accession", "population": "Population", "gdp_usd": "GDP (current US$)",
    "representative_role": "Represented at the summit", "status": "Status", "role": "Role",
    "also_known_as": "Also written", "category": "Category", "doc_type": "Type of document", "period": "Period",
    "value": "Value", "unit": "Unit", "measures": "Measures", "qualifier": "Qualifier", "display": "As stated",
    "approximate": "Approximate", "year": "Year", "order": "Order in the address", "proposed_by": "Proposed by",
    "numbered": "Numbered in the address",
    "leg_status": "Legs", "lat": "Latitude", "lon": "Longitude", "country": "Country (ISO)",
    "node_type": "Type", "date": "Date", "venue": "Venue", "city": "City", "meeting": "Meeting", "theme": "Theme",
    "format": "Format", "abbreviation": "Abbreviation", "number": "Paragraph",
}
VALUE_LABELS = {
    "dialogue_partner": "dialogue partner", "being_adopted": "being adopted at the summit",
    "economy_finance": "economy and finance", "culture_humanitarian": "culture and humanitarian ties",
    "up_to": "up to", "at_least": "at least", "in_force": "in force", "border_crossing": "border crossing",
    "rail_station": "rail station", "logistics_hub": "logistics hub",
    "adopted_without_signing": "adopted without signing", "approved_as_draft": "approved as a draft",
    "submitted": "submitted for consideration", "announced": "announced before the summit",
}


def esc(text: Any) -> str:
    """Escape for Qt rich text: markup in pack text, notes or tags is always shown as text."""
    return html.escape(str(text), quote=True)


AFTER_THE_SUMMIT = "After the summit"


def as_of_marker(as_of: str | None) -> str:
    """The plain-text marker of a fact dated after the event (``After the summit: as of 1 September 2025``),
    the same on screen, in print and in the command line; '' for facts of the event itself (``Item.as_of``)."""
    return f"{AFTER_THE_SUMMIT}: as of {long_date(as_of)}" if as_of else ""


def humanise(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return VALUE_LABELS.get(value, value)
    return str(value)


def quantity_text(quantity: Quantity) -> str:
    prefix = "US$ " if quantity.money else ""
    text = f"{prefix}{exact_number(quantity.value)} ({quantity.short()}, {quantity.year})"
    if quantity.alt_value:
        text += f"; newer estimate {exact_number(quantity.alt_value)}"
        if quantity.alt_note:
            text += f" ({quantity.alt_note})"
    return text


def attr_rows(item: Item) -> list[tuple[str, str, str]]:
    """(label, value text, citation) rows for an item's attributes, in its model's order (:func:`item_facts`)."""
    rows: list[tuple[str, str, str]] = []
    for fact in item_facts(item):
        label = ATTR_LABELS.get(fact.field, fact.field.replace("_", " ").capitalize())
        value = fact.value
        if isinstance(value, Quantity):
            rows.append((label, quantity_text(value), value.citation))
        elif isinstance(value, tuple):
            rows.append((label, ", ".join(humanise(v) for v in value), ""))
        elif fact.field in ("lat", "lon"):
            rows.append((label, f"{float(value):.4f}°", ""))
        else:
            rows.append((label, humanise(value), ""))
    return rows
