"""Area boundaries from a GeoJSON file, for the places map. Pure: no Django.

An analyst uploads the outlines of wards (or LSOAs) as a GeoJSON FeatureCollection of Polygon
or MultiPolygon features in longitude/latitude (WGS84, as the ONS Open Geography Portal gives
them), each carrying the area's code in one of its properties ("WD18CD", "LSOA11CD", "code"...).
The file is read whole or refused: every problem is named (feature, property, value, reason).
"""

import math
from collections.abc import Collection
from dataclasses import dataclass, field

from assessments.tables import RowError
from sscp.uploads import Refused, load_geojson

GEOMETRY_TYPES = ("Polygon", "MultiPolygon")


@dataclass
class BoundaryResult:
    """The boundaries read (area code -> GeoJSON geometry) or the problems found."""

    boundaries: dict[str, dict] = field(default_factory=dict)
    code_property: str | None = None
    features: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _whole_file(reason: str, line: int | None = None) -> BoundaryResult:
    return BoundaryResult(errors=[RowError(line, None, None, reason)])


def read_boundaries(
    data: bytes | str, known_codes: Collection[str], code_property: str | None = None
) -> BoundaryResult:
    """Read a GeoJSON FeatureCollection; ``code_property`` names the property with the area
    code (default: the property whose values are most often known area codes)."""
    try:
        document = load_geojson(data)
    except Refused as refusal:
        return _whole_file(str(refusal), refusal.line)
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        found = document.get("type") if isinstance(document, dict) else type(document).__name__
        return _whole_file(f"expected a GeoJSON FeatureCollection, found {found!r}")
    features = document.get("features")
    if not isinstance(features, list) or not features:
        return _whole_file("the FeatureCollection has no features")
    result = BoundaryResult(features=len(features))
    properties = [
        f.get("properties") if isinstance(f, dict) and isinstance(f.get("properties"), dict) else {}
        for f in features
    ]
    result.code_property = code_property or _code_property(properties, known_codes)
    if result.code_property is None:
        names = sorted({key for p in properties for key in p})
        result.errors.append(
            RowError(
                None,
                None,
                None,
                "no property of the features holds a known area code (properties: "
                f"{', '.join(names) or 'none'}); import the areas first or name the property",
            )
        )
        return result
    first_seen: dict[str, int] = {}
    for number, (feature, props) in enumerate(zip(features, properties, strict=True), start=1):
        where = f"feature {number}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            result.errors.append(RowError(None, where, None, "not a GeoJSON Feature"))
            continue
        code = props.get(result.code_property)
        column = f"{where}, property {result.code_property}"
        if code in (None, ""):
            result.errors.append(RowError(None, column, None, "no area code"))
            continue
        code = str(code).strip()
        if code not in known_codes:
            result.errors.append(RowError(None, column, code, "not a known area code"))
        elif code in first_seen:
            result.errors.append(
                RowError(None, column, code, f"already given by feature {first_seen[code]}")
            )
        first_seen.setdefault(code, number)
        geometry = feature.get("geometry")
        problem = _geometry_problem(geometry)
        if problem:
            kind = geometry.get("type") if isinstance(geometry, dict) else None
            result.errors.append(RowError(None, f"{where}, geometry", kind, problem))
            continue
        result.boundaries[code] = {"type": geometry["type"], "coordinates": geometry["coordinates"]}
    if result.errors:
        result.boundaries = {}
    return result


def _code_property(properties: list[dict], known_codes: Collection[str]) -> str | None:
    """The property with the most distinct known area codes among its values."""
    hits: dict[str, set[str]] = {}
    for props in properties:
        for key, value in props.items():
            if isinstance(value, str | int) and str(value).strip() in known_codes:
                hits.setdefault(key, set()).add(str(value).strip())
    return max(hits, key=lambda key: (len(hits[key]), key)) if hits else None


def _geometry_problem(geometry) -> str:
    """Why a geometry cannot be drawn as an area's outline ('' when it can)."""
    if not isinstance(geometry, dict):
        return "no geometry"
    kind = geometry.get("type")
    if kind not in GEOMETRY_TYPES:
        return "must be a Polygon or MultiPolygon (an area's outline)"
    polygons = geometry.get("coordinates")
    if kind == "Polygon":
        polygons = [polygons]
    if not isinstance(polygons, list) or not polygons:
        return "no coordinates"
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return "a polygon without rings"
        for ring in polygon:
            problem = _ring_problem(ring)
            if problem:
                return problem
    return ""


def _ring_problem(ring) -> str:
    if not isinstance(ring, list) or len(ring) < 4:
        return "a ring needs at least four positions"
    for position in ring:
        if (
            not isinstance(position, list)
            or len(position) < 2
            or not all(isinstance(v, int | float) and math.isfinite(v) for v in position[:2])
        ):
            return f"{position!r} is not a position [longitude, latitude]"
        lon, lat = position[:2]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            return f"{position!r} is not longitude/latitude (WGS84)"
    if ring[0][:2] != ring[-1][:2]:
        return "a ring must end where it starts"
    return ""
