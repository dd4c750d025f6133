"""Static SVG drawings of the dashboard charts, for frozen papers in the agenda pack.

The pack is printed on the server without a browser (kaleido would need one), so bar, line and
spine charts and maps are drawn here as plain SVG: text, rect, line, polyline, circle and path
only, with presentation attributes (no style elements, no scripts), which the papers' sanitiser
keeps.
"""

import json
import math
from xml.sax.saxutils import escape

from assessments.figures import is_missing, none_if_missing

WIDTH = 640
COLOURS = ["#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#505a5f"]
FONT = 'font-family="Arial, sans-serif" fill="#0b0c0c"'


def _number(value) -> str:
    if is_missing(value):
        return ""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}"


def _svg(height: int, title: str, body: list[str]) -> str:
    label = escape(title, {'"': "&quot;"})
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{label}">'
        f"<title>{escape(title)}</title>"
        f'<text x="8" y="18" font-size="14" font-weight="bold" {FONT}>{escape(title)}</text>'
        + "".join(body)
        + "</svg>"
    )


def bar_svg(labels, values, *, title: str, horizontal: bool = False) -> str:
    values = none_if_missing(values)
    top = max([v for v in values if v is not None] or [1]) or 1
    body = []
    if horizontal:
        row, left, right = 20, 200, WIDTH - 70
        for i, (label, value) in enumerate(zip(labels, values, strict=True)):
            y = 32 + i * row
            body.append(
                f'<text x="{left - 6}" y="{y + 13}" font-size="11" text-anchor="end" {FONT}>'
                f"{escape(str(label))[:32]}</text>"
            )
            if value is not None:
                width = max(0.0, (right - left) * value / top)
                body.append(
                    f'<rect x="{left}" y="{y + 2}" width="{width:.1f}" height="{row - 6}" '
                    f'fill="{COLOURS[0]}"/>'
                    f'<text x="{left + width + 4:.1f}" y="{y + 13}" font-size="11" {FONT}>'
                    f"{_number(value)}</text>"
                )
        return _svg(40 + row * len(labels), title, body)
    height, base, plot = 300, 240, 190
    slot = (WIDTH - 60) / max(1, len(labels))
    body.append(f'<line x1="50" y1="{base}" x2="{WIDTH - 10}" y2="{base}" stroke="#0b0c0c"/>')
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = 50 + i * slot
        if value is not None:
            h = plot * value / top
            body.append(
                f'<rect x="{x + slot * 0.15:.1f}" y="{base - h:.1f}" width="{slot * 0.7:.1f}" '
                f'height="{h:.1f}" fill="{COLOURS[0]}"/>'
                f'<text x="{x + slot / 2:.1f}" y="{base - h - 4:.1f}" font-size="10" '
                f'text-anchor="middle" {FONT}>{_number(value)}</text>'
            )
        body.append(
            f'<text x="{x + slot / 2:.1f}" y="{base + 14}" font-size="10" text-anchor="middle" '
            f"{FONT}>{escape(str(label))[:14]}</text>"
        )
    return _svg(height, title, body)


def line_svg(series: dict, *, title: str) -> str:
    """series: name -> (x labels, y values); all share the first series' x labels."""
    labels = next(iter(series.values()))[0] if series else []
    every = [v for _, ys in series.values() for v in ys if v is not None]
    top = max(every or [1]) or 1
    base, plot, left = 240, 190, 60
    step = (WIDTH - left - 150) / max(1, len(labels) - 1)
    body = [f'<line x1="{left}" y1="{base}" x2="{WIDTH - 150}" y2="{base}" stroke="#0b0c0c"/>']
    for i, label in enumerate(labels):
        body.append(
            f'<text x="{left + i * step:.1f}" y="{base + 16}" font-size="10" '
            f'text-anchor="middle" {FONT}>{escape(str(label))}</text>'
        )
    for n, (name, (xs, ys)) in enumerate(series.items()):
        colour = COLOURS[n % len(COLOURS)]
        points = [
            (left + labels.index(x) * step, base - plot * y / top)
            for x, y in zip(xs, ys, strict=True)
            if y is not None and x in labels
        ]
        if len(points) > 1:
            body.append(
                '<polyline fill="none" stroke-width="2" stroke="{}" points="{}"/>'.format(
                    colour, " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
                )
            )
        body.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>' for x, y in points)
        body.append(
            f'<rect x="{WIDTH - 140}" y="{40 + n * 18}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{WIDTH - 125}" y="{49 + n * 18}" font-size="11" {FONT}>'
            f"{escape(name)}</text>"
        )
    return _svg(280, title, body)


def spine_svg(rows: list[dict]) -> str:
    left, right, row = 220, WIDTH - 20, 26
    width = right - left

    def x(position):
        return left + width * position

    body = []
    for i, r in enumerate(rows):
        y = 34 + i * row
        body.append(
            f'<text x="{left - 6}" y="{y + 15}" font-size="11" text-anchor="end" {FONT}>'
            f"{escape(r['name'])[:34]}</text>"
        )
        if r["left_q"] is None or r["right_q"] is None:  # no England value: not placed
            body.append(
                f'<text x="{x(0.5) + 6:.1f}" y="{y + 15}" font-size="11" {FONT}>'
                "Not placed: no England value</text>"
            )
            continue
        body.append(
            f'<rect x="{left}" y="{y + 4}" width="{width}" height="14" fill="#bfc1c3"/>'
            f'<rect x="{x(r["left_q"]):.1f}" y="{y + 4}" '
            f'width="{x(r["right_q"]) - x(r["left_q"]):.1f}" height="14" fill="#6f777b"/>'
        )
        if r.get("region") is not None:
            body.append(
                f'<line x1="{x(r["region"]):.1f}" y1="{y + 1}" x2="{x(r["region"]):.1f}" '
                f'y2="{y + 21}" stroke="#0b0c0c" stroke-width="2"/>'
            )
        if r.get("lcr") is not None:
            body.append(_diamond(x(r["lcr"]), y + 11))
        if r.get("subject") is not None:
            body.append(
                f'<circle cx="{x(r["subject"]):.1f}" cy="{y + 11}" r="6" fill="{COLOURS[1]}"/>'
            )
    height = 50 + row * len(rows)
    # The key: what each mark is (the page's plotly legend says the same).
    key_y = height + 8
    body.append(
        f'<circle cx="{left + 6}" cy="{key_y}" r="6" fill="{COLOURS[1]}"/>'
        f'<text x="{left + 16}" y="{key_y + 4}" font-size="10" {FONT}>Borough</text>'
        f'<line x1="{left + 100}" y1="{key_y - 8}" x2="{left + 100}" y2="{key_y + 8}" '
        'stroke="#0b0c0c" stroke-width="2"/>'
        f'<text x="{left + 108}" y="{key_y + 4}" font-size="10" {FONT}>Region</text>'
        + _diamond(left + 190, key_y)
        + f'<text x="{left + 200}" y="{key_y + 4}" font-size="10" {FONT}>City region</text>'
    )
    body.append(
        f'<line x1="{x(0.5)}" y1="28" x2="{x(0.5)}" y2="{height - 14}" stroke="#0b0c0c" '
        'stroke-width="2"/>'
        f'<text x="{left}" y="{height - 2}" font-size="10" {FONT}>Worst</text>'
        f'<text x="{x(0.5)}" y="{height - 2}" font-size="10" text-anchor="middle" {FONT}>'
        "England</text>"
        f'<text x="{right}" y="{height - 2}" font-size="10" text-anchor="end" {FONT}>Best</text>'
    )
    return _svg(height + 22, "Spine chart", body)


def _diamond(cx: float, cy: float) -> str:
    """The city region's mark: an open diamond (a path: the papers' sanitiser keeps paths)."""
    return (
        f'<path d="M{cx:.1f},{cy - 7:.1f} L{cx + 7:.1f},{cy:.1f} L{cx:.1f},{cy + 7:.1f} '
        f'L{cx - 7:.1f},{cy:.1f} Z" fill="#ffffff" stroke="{COLOURS[0]}" stroke-width="2"/>'
    )


# Sequential blues, light for least, dark for most (the page's plotly maps use the same).
MAP_SCALE = ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
NO_DATA_FILL = "#f3f2f1"
MAX_LABELLED_AREAS = 40  # wards are named on their map; hundreds of LSOAs' names would hide it


def _rings(geometry) -> list[list]:
    """The outer and inner rings of a GeoJSON Polygon or MultiPolygon (dict or stored text)."""
    if isinstance(geometry, str):
        geometry = json.loads(geometry)
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def label_point(geometry) -> tuple[float, float] | None:
    """Where an area's name goes: the middle of the bounding box of its largest ring."""
    rings = [ring for ring in _rings(geometry) if ring]
    if not rings:
        return None

    def box(ring):
        lons, lats = [p[0] for p in ring], [p[1] for p in ring]
        return min(lons), min(lats), max(lons), max(lats)

    west, south, east, north = max(
        (box(ring) for ring in rings), key=lambda b: (b[2] - b[0]) * (b[3] - b[1])
    )
    return (west + east) / 2, (south + north) / 2


def _shade(value, low, high) -> str:
    if value is None:
        return NO_DATA_FILL
    if high <= low:  # one value for all: none at all is pale, anything else dark
        return MAP_SCALE[0] if value <= 0 else MAP_SCALE[-1]
    step = int((value - low) / (high - low) * len(MAP_SCALE))
    return MAP_SCALE[min(step, len(MAP_SCALE) - 1)]


def map_svg(names, values, geometries, *, title: str, legend_title: str) -> str:
    """Areas shaded by value on their outlines (lon/lat GeoJSON), drawn as SVG paths.

    An equirectangular projection with longitude scaled by the cosine of the areas' middle
    latitude keeps a borough's shape true enough at this scale; north is up. Each area's name
    and value are its path's <title>; a legend gives the value each shade starts at, and
    areas without a figure are left pale ("No data")."""
    values = none_if_missing(values)
    outlines = [_rings(g) for g in geometries]
    points = [point for rings in outlines for ring in rings for point in ring]
    if not points:
        return _svg(40, title, [])
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    scale_x = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * scale_x, 1e-9)
    span_y = max(max(lats) - min(lats), 1e-9)
    left, top, box_w, box_h = 10, 30, WIDTH - 190, 420
    unit = min(box_w / span_x, box_h / span_y)
    height = int(top + span_y * unit + 20)

    def xy(point) -> str:
        x = left + (point[0] - min(lons)) * scale_x * unit
        y = top + (max(lats) - point[1]) * unit
        return f"{x:.1f},{y:.1f}"

    known = [v for v in values if v is not None]
    low, high = (min(known), max(known)) if known else (0, 0)
    body, labels = [], []
    for name, value, rings, geometry in zip(names, values, outlines, geometries, strict=True):
        d = " ".join("M" + " L".join(xy(p) for p in ring) + " Z" for ring in rings if ring)
        figure = _number(value) if value is not None else "No data"
        shade = _shade(value, low, high)
        body.append(
            f'<path d="{d}" fill="{shade}" fill-rule="evenodd" '
            f'stroke="#0b0c0c" stroke-width="0.5"><title>{escape(str(name))}: {figure}</title>'
            "</path>"
        )
        point = label_point(geometry) if len(names) <= MAX_LABELLED_AREAS else None
        if point is not None:
            x, y = xy(point).split(",")
            ink = "#ffffff" if shade in MAP_SCALE[-2:] else "#0b0c0c"
            labels.append(
                f'<text x="{x}" y="{y}" font-size="9" text-anchor="middle" '
                f'font-family="Arial, sans-serif" fill="{ink}">{escape(str(name))}</text>'
            )
    body += labels  # over every outline, not under its neighbours'
    legend_x = WIDTH - 170
    body.append(
        f'<text x="{legend_x}" y="44" font-size="11" font-weight="bold" {FONT}>'
        f"{escape(legend_title)}</text>"
    )
    steps = len(MAP_SCALE) if high > low else 1
    for i in range(steps):
        colour = MAP_SCALE[i] if steps > 1 else _shade(low, low, high)
        start = low + (high - low) * i / steps
        y = 52 + i * 18
        body.append(
            f'<rect x="{legend_x}" y="{y}" width="14" height="14" fill="{colour}" '
            f'stroke="#0b0c0c" stroke-width="0.5"/>'
            f'<text x="{legend_x + 20}" y="{y + 11}" font-size="11" {FONT}>'
            f"{_number(start) if known else ''}{' or more' if known else ''}</text>"
        )
    if any(v is None for v in values):
        y = 52 + steps * 18
        body.append(
            f'<rect x="{legend_x}" y="{y}" width="14" height="14" fill="{NO_DATA_FILL}" '
            f'stroke="#0b0c0c" stroke-width="0.5"/>'
            f'<text x="{legend_x + 20}" y="{y + 11}" font-size="11" {FONT}>No data</text>'
        )
    return _svg(max(height, 60 + (steps + 1) * 18), title, body)
