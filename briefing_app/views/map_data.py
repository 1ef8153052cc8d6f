"""The corridors map's data, loaded once per briefing for the Corridors tab and print alike: items from the
service, countries from the shipped geodata. No Qt."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

from briefing_app import paths
from briefing_app.domain.corridor_map import CorridorMapData, SCOStatus, corridor_map_data
from briefing_app.domain.items import ItemKind
from briefing_app.services.briefing import BriefingService
from briefing_app.views.attributes import item_status

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadedMap:
    """The map data of one briefing with its disclaimer and anything the user should know about it."""

    data: CorridorMapData
    disclaimer: str
    #: plain-language problems to show the user (the map still draws what it could read)
    problems: tuple[str, ...] = field(default=())
    #: SCO status of every member and partner state, by id (the corridor detail names the states crossed)
    statuses: dict[str, SCOStatus] = field(default_factory=dict)
    #: every corridor's summary, by id (the overview beside the map), so the tab reads no item twice
    corridor_summaries: dict[str, str] = field(default_factory=dict)


#: what :func:`corridor_map_data` and the tab read of each kind of item (``map_items`` reads only these)
NODE_ATTRS = ("lat", "lon", "approximate", "node_type", "country")
NODE_RELS = ("located_in",)
CORRIDOR_ATTRS = ("status", "route", "leg_status", "alternate_routes", "alternate_leg_status")
STATE_ATTRS = ("capital", "status")

_CACHE: dict[tuple[str, str], LoadedMap] = {}


def read_geojson() -> tuple[dict[str, Any], str | None]:
    """The shipped country geometry, or an empty collection and the reason it could not be read."""
    path = paths.geodata_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"features": []}, f"The country outlines are missing ({path}); the map shows corridors only."
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        log.exception("cannot read %s", path)
        return {
            "features": []
        }, f"The country outlines could not be read ({path}: {exc}); the map shows corridors only."
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        return {"features": []}, f"The country outlines in {path} are not a GeoJSON feature collection."
    return data, None


def load_map(briefing: BriefingService) -> LoadedMap:
    """The projected map of the current briefing, cached per pack content so print and screen share it."""
    info = briefing.pack_info()
    key = (info.id, info.content_hash or info.version)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    geojson, problem = read_geojson()
    # The map reads places, statuses and routes: just those attributes and links (a large pack has thousands).
    members, partners = (briefing.map_items(kind, STATE_ATTRS) for kind in (ItemKind.MEMBER, ItemKind.PARTNER))
    corridors = briefing.map_items(ItemKind.CORRIDOR, CORRIDOR_ATTRS, summary=True)
    nodes = briefing.map_items(ItemKind.NODE, NODE_ATTRS, NODE_RELS)
    data = corridor_map_data(corridors, nodes, geojson, states=[*members, *partners])
    statuses = {item.id: SCOStatus.MEMBER for item in members}
    statuses.update({item.id: SCOStatus.parse(item_status(item)) for item in partners})
    problems = [problem] if problem else []
    if not data.corridors:
        problems.append("This briefing has no corridors with located nodes to draw.")
    loaded = LoadedMap(data, info.disclaimer, tuple(problems), statuses, {c.id: c.summary for c in corridors})
    _CACHE[key] = loaded
    return loaded
