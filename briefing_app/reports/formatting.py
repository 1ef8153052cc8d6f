"""Text formatting shared by the screen and print: numbers, attributes, escaping."""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import date
from typing import Any

ATTR_LABELS: dict[str, str] = {
    "iso2": "ISO 3166 alpha-2", "iso3": "ISO 3166 alpha-3", "capital": "Capital", "joined": "Joined the SCO",
    "joined_note": "Accession", "population": "Population", "gdp_usd": "GDP (current US$)",
    "representative_role": "Represented at Astana", "status": "Status", "role": "Role",
    "also_known_as": "Also written", "category": "Category", "doc_type": "Type of document", "period": "Period",
    "value": "Value", "unit": "Unit", "measures": "Measures", "qualifier": "Qualifier", "display": "As stated",
    "approximate": "Approximate", "year": "Year", "order": "Order in the address", "proposed_by": "Proposed by",
    "leg_status": "Legs", "lat": "Latitude", "lon": "Longitude", "country": "Country (ISO)",
    "node_type": "Type", "date": "Date", "venue": "Venue", "city": "City", "meeting": "Meeting", "theme": "Theme",
    "format": "Format", "abbreviation": "Abbreviation", "number": "Paragraph",
}
HIDDEN_ATTRS = {
    "route", "alternate_routes", "heading", "value", "qualifier", "leg_status", "as_of", "alternate_leg_status",
}
VALUE_LABELS = {
    "dialogue_partner": "dialogue partner", "being_adopted": "being adopted at the summit",
    "economy_finance": "economy and finance", "culture_humanitarian": "culture and humanitarian ties",
    "up_to": "up to", "at_least": "at least", "in_force": "in force", "border_crossing": "border crossing",
    "rail_station": "rail station", "logistics_hub": "logistics hub",
    "adopted_without_signing": "adopted without signing", "approved_as_draft": "approved as a draft",
}


def esc(text: Any) -> str:
    """Escape for Qt rich text: markup in pack text, notes or tags is always shown as text."""
    return html.escape(str(text), quote=True)


def long_date(value: Any) -> str:
    """'2024-07-04' -> '4 July 2024'; anything that is not an ISO date is returned as text."""
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{day.day} {day:%B %Y}"


AFTER_THE_SUMMIT = "After the summit"


def as_of_marker(attrs: Mapping[str, Any]) -> str:
    """The plain-text marker of a fact dated after the event (``After the summit: as of 1 September 2025``),
    the same on screen, in print and in the command line; '' for facts of the event itself."""
    value = attrs.get("as_of")
    return f"{AFTER_THE_SUMMIT}: as of {long_date(value)}" if value else ""


def humanise(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return VALUE_LABELS.get(value, value)
    return str(value)


def big_number(value: float) -> str:
    """1,410,710,000 -> '1.41 billion'; smaller numbers with separators."""
    absolute = abs(value)
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if absolute >= size:
            return f"{value / size:,.2f} {word}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def exact_number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def quantity_text(quantity: Mapping[str, Any], *, money: bool = False) -> str:
    value = float(quantity["value"])
    prefix = "US$ " if money else ""
    text = f"{prefix}{exact_number(value)} ({prefix}{big_number(value)}, {quantity['year']})"
    if quantity.get("alt_value"):
        text += f"; newer estimate {exact_number(float(quantity['alt_value']))}"
        if quantity.get("alt_note"):
            text += f" ({quantity['alt_note']})"
    return text


def attr_rows(attrs: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(label, value text, citation) rows for an item's attributes, in a reading order."""
    rows: list[tuple[str, str, str]] = []
    for key, value in attrs.items():
        if key in HIDDEN_ATTRS or value in ("", None, [], {}):
            continue
        label = ATTR_LABELS.get(key, key.replace("_", " ").capitalize())
        if isinstance(value, Mapping) and "value" in value:
            citation = str(value.get("citation", ""))
            rows.append((label, quantity_text(value, money=key == "gdp_usd"), citation))
        elif isinstance(value, list):
            rows.append((label, ", ".join(humanise(v) for v in value), ""))
        elif key in ("lat", "lon"):
            rows.append((label, f"{float(value):.4f}°", ""))
        else:
            rows.append((label, humanise(value), ""))
    return rows
