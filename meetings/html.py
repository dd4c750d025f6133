"""Sanitising the HTML people write (reports, minutes) and the HTML other apps freeze into papers.

Everything stored as HTML passes through here on save, so templates may mark it safe. No style
attributes anywhere: our Content-Security-Policy would block them anyway.
"""

import nh3

RICH_TEXT_TAGS = {
    "h2", "h3", "h4", "p", "br", "ul", "ol", "li", "strong", "em", "a",
    "table", "caption", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
RICH_TEXT_ATTRIBUTES = {
    "a": {"href"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}

# Frozen papers (charts and tables from the assessments and MARAC apps) may also hold an inline
# SVG drawing. Only drawing elements and presentation attributes are allowed: no <use>, <image>,
# <foreignObject>, style attributes or event handlers, so nothing can load or run (and nothing
# our Content-Security-Policy would block). Colour with fill/stroke attributes or classes.
SVG_TAGS = {"svg", "g", "path", "rect", "line", "polyline", "polygon", "text", "tspan", "title",
            "desc", "circle", "ellipse", "defs", "clipPath", "linearGradient", "stop"}  # fmt: skip
_SVG_PRESENTATION = {
    "fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "stroke-dasharray",
    "stroke-linecap", "stroke-linejoin", "opacity", "transform", "class", "font-size",
    "font-family", "font-weight", "text-anchor", "dominant-baseline", "clip-rule", "fill-rule",
    "clip-path", "id",
}  # fmt: skip
SVG_ATTRIBUTES = {
    "svg": {
        "viewbox",
        "viewBox",
        "width",
        "height",
        "role",
        "aria-label",
        "aria-labelledby",
        "xmlns",
        "preserveAspectRatio",
        "focusable",
    },  # fmt: skip
    "g": set(),
    "path": {"d"},
    "rect": {"x", "y", "width", "height", "rx", "ry"},
    "line": {"x1", "y1", "x2", "y2"},
    "polyline": {"points"},
    "polygon": {"points"},
    "text": {"x", "y", "dx", "dy"},
    "tspan": {"x", "y", "dx", "dy"},
    "circle": {"cx", "cy", "r"},
    "ellipse": {"cx", "cy", "rx", "ry"},
    "title": {"id"},
    "desc": {"id"},
    "defs": set(),
    "clipPath": {"clipPathUnits"},
    "linearGradient": {"x1", "y1", "x2", "y2", "gradientUnits"},
    "stop": {"offset", "stop-color", "stop-opacity"},
}
PAPER_TAGS = RICH_TEXT_TAGS | SVG_TAGS | {"figure", "figcaption", "div", "span", "dl", "dt", "dd"}
PAPER_ATTRIBUTES = {
    **RICH_TEXT_ATTRIBUTES,
    **{tag: attrs | _SVG_PRESENTATION for tag, attrs in SVG_ATTRIBUTES.items()},
    "table": {"class"},
    "th": {"scope", "colspan", "rowspan", "class"},
    "td": {"colspan", "rowspan", "class"},
    "tr": {"class"},
    "div": {"class"},
    "span": {"class"},
    "figure": {"class"},
    "caption": {"class"},
}
_URL_SCHEMES = {"http", "https", "mailto"}


def clean_rich_text(html: str) -> str:
    """The limited HTML of report sections and minutes: headings, lists, bold, tables, links."""
    return nh3.clean(
        html or "",
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()


def clean_paper(html: str) -> str:
    """A frozen paper: rich text plus tables with classes and an inline SVG chart."""
    return nh3.clean(
        html or "",
        tags=PAPER_TAGS,
        attributes=PAPER_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()
