"""The fixed choices of item attributes, written once: the pack's models validate against them
(``content/schema.py``) and the window's plain readers check stored records against them (``views/attributes.py``),
without importing pydantic."""

from __future__ import annotations

from typing import Literal

PartnerStatus = Literal["observer", "dialogue_partner"]
AchievementCategory = Literal["events", "documents", "partnerships", "economy_finance", "culture_humanitarian"]
DocType = Literal[
    "declaration", "strategy", "plan", "agreement", "programme", "decision", "statement", "initiative",
    "memorandum", "appointment", "report",
]
# What happened at the event: "signed", "adopted_without_signing", "approved_as_draft", or "proposed" (named in
# the address, not yet drafted); for a report, only what its source says: "submitted" (for consideration) or
# "announced" (before the event). "adopted" and "being_adopted" are read from packs before 1.1.0.
DocumentStatus = Literal[
    "adopted", "signed", "being_adopted", "proposed", "in_force", "adopted_without_signing", "approved_as_draft",
    "submitted", "announced",
]
FigureQualifier = Literal["exact", "over", "about", "up_to", "at_least"]
ProposalStatus = Literal["proposed", "supported", "adopted"]
LegStatus = Literal["operational", "partial", "proposed"]
NodeType = Literal["city", "port", "border_crossing", "rail_station", "logistics_hub"]
