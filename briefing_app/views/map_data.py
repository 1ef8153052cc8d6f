"""The corridors map's data, loaded once per briefing for the Corridors tab and print alike: items from the
service, countries from the shipped geodata. No Qt."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

from briefing_app import paths
from briefing_app.domain.corridor_map import CorridorMapData, corridor_map_data
from briefing_app.domain.items import ItemKind
from briefing_app.services.briefing import BriefingService

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadedMap:
    """The map data of one briefing with its disclaimer and anything the user should know about it."""

    data: CorridorMapData
    disclaimer: str
    #: plain-language problems to show the user (the map still draws what it could read)
    problems: tuple[str, ...] = field(default=())


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
    # The map reads places, statuses and links: the items without their sources (a large pack has thousands).
    states = [item for kind in (ItemKind.MEMBER, ItemKind.PARTNER) for item in briefing.items(kind, with_sources=False)]
    data = corridor_map_data(briefing.items(ItemKind.CORRIDOR, with_sources=False),
                             briefing.items(ItemKind.NODE, with_sources=False), geojson, states=states)
    problems = [problem] if problem else []
    if not data.corridors:
        problems.append("This briefing has no corridors with located nodes to draw.")
    loaded = LoadedMap(data, info.disclaimer, tuple(problems))
    _CACHE[key] = loaded
    return loaded
