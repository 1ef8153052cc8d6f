"""Regenerate resources/geodata/eurasia.geojson from Natural Earth 1:110m Admin 0 countries.

The countries come from the shapefile inside the geopandas 0.14.4 wheel (``geopandas/datasets/
naturalearth_lowres``, Natural Earth 5.1.1, public domain): the wheel is a zip, so geopandas itself is not
imported. Needs pyshp and shapely (build-time only, not dependencies of the app):

    pip download --no-deps geopandas==0.14.4 -d /tmp/gpd
    python -m venv /tmp/geovenv && /tmp/geovenv/bin/pip install pyshp shapely
    /tmp/geovenv/bin/python scripts/make_eurasia_geojson.py /tmp/gpd/geopandas-0.14.4-py3-none-any.whl

The clip box is wider than the corridors (lon -12..165, lat -12..84) so that the Lambert conic map is
filled to its edges at any pan; geometry is simplified at 0.05 degrees (topology preserved) and snapped
to a 0.01 degree grid. Each country gets its SCO status on 4 July 2024 (pack facts: 10 members, 2
observers, 14 dialogue partners of which Bahrain and the Maldives are too small for 1:110m data).
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import shapefile  # pyshp
from shapely.geometry import box, mapping, shape

CLIP = (-12.0, -12.0, 165.0, 84.0)
SIMPLIFY_DEG = 0.05
GRID_DEG = 0.01
DATASET = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
TARGET = Path(__file__).resolve().parent.parent / "resources" / "geodata" / "eurasia.geojson"

MEMBERS = {"CHN", "IND", "IRN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB", "BLR"}
OBSERVERS = {"AFG", "MNG"}
DIALOGUE_PARTNERS = {"ARM", "AZE", "BHR", "KHM", "EGY", "KWT", "MDV", "MMR", "NPL", "QAT", "SAU", "LKA", "TUR", "ARE"}


def sco_status(iso_a3: str) -> str | None:
    if iso_a3 in MEMBERS:
        return "member"
    if iso_a3 in OBSERVERS:
        return "observer"
    if iso_a3 in DIALOGUE_PARTNERS:
        return "dialogue_partner"
    return None


def snap(coords):  # type: ignore[no-untyped-def]
    if isinstance(coords[0], (int, float)):
        return [round(round(coords[0] / GRID_DEG) * GRID_DEG, 2), round(round(coords[1] / GRID_DEG) * GRID_DEG, 2)]
    return [snap(c) for c in coords]


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as archive:
        files = {ext: io.BytesIO(archive.read(f"{DATASET}.{ext}")) for ext in ("shp", "shx", "dbf")}
    reader = shapefile.Reader(shp=files["shp"], shx=files["shx"], dbf=files["dbf"], encoding="latin-1")
    fields = [f[0] for f in reader.fields[1:]]
    clip = box(*CLIP)
    features = []
    for record, geometry in zip(reader.records(), reader.shapes(), strict=True):
        props = dict(zip(fields, record, strict=True))
        geom = shape(geometry.__geo_interface__)
        if not geom.intersects(clip):
            continue
        geom = geom.intersection(clip).simplify(SIMPLIFY_DEG, preserve_topology=True)
        if geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
            polygons = [g for g in getattr(geom, "geoms", []) if g.geom_type == "Polygon"]
            if not polygons:
                continue
            from shapely.geometry import MultiPolygon

            geom = MultiPolygon(polygons)
        iso = str(props["iso_a3"])
        features.append(
            {
                "type": "Feature",
                "properties": {"name": props["name"], "iso_a3": iso, "sco": sco_status(iso)},
                "geometry": {"type": geom.geom_type, "coordinates": snap(mapping(geom)["coordinates"])},
            }
        )
    features.sort(key=lambda f: (f["properties"]["sco"] is None, f["properties"]["name"]))
    out = {
        "type": "FeatureCollection",
        "metadata": {
            "source": "Natural Earth 1:110m Admin 0 Countries (public domain) via geopandas 0.14.4 naturalearth_lowres",
            "bbox": ",".join(f"{v:g}" for v in CLIP),
            "simplify_tolerance_deg": SIMPLIFY_DEG,
            "generator": "scripts/make_eurasia_geojson.py",
        },
        "features": features,
    }
    TARGET.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {TARGET} ({len(features)} countries, {TARGET.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
