"""Is anything drawn inside these rectangles of a page? A small content-stream interpreter.

Hand-written on purpose: see README.md. ``page_intrudes`` takes a pypdf page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pypdf.generic import DictionaryObject, IndirectObject, StreamObject

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in default user space
Matrix = tuple[float, float, float, float, float, float]

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

# --- Margin intrusion -------------------------------------------------------------------------
#
# Deciding whether an uploaded page has content where the stamps go needs the positions of what
# the page draws. pypdf's ContentStream parser takes ~100 ms a page (as long as WeasyPrint takes
# to render one), so this is a small tokeniser and a partial interpreter: it tracks the CTM, the
# text matrix, paths, clips, images and form XObjects, and over-estimates text widths. It only
# has to be right about "is anything drawn inside these rectangles", and when unsure it says yes
# (the page is then shrunk a little, never covered).

_TOKEN = re.compile(
    rb"\s+|%[^\r\n]*"
    rb"|(?P<num>[+-]?(?:\d+\.?\d*|\.\d+))"
    rb"|(?P<name>/[^\s/\[\]()<>{}%]*)"
    rb"|(?P<str>\((?:[^\\()]|\\.|\((?:[^\\()]|\\.)*\))*\))"
    rb"|(?P<hex><[0-9A-Fa-f\s]*>)"
    rb"|(?P<op>[A-Za-z'\"][A-Za-z0-9*'\"]*)"
    rb"|(?P<open>\[|<<)"
    rb"|(?P<close>\]|>>)"
    rb"|(?P<lpar>\()"
    rb"|.",
    re.S,
)
_INLINE_IMAGE_END = re.compile(rb"\sEI(?=[\s/\[<(%]|$)")
_FILL_OPS = frozenset((b"f", b"F", b"f*"))
_STROKE_OPS = frozenset((b"S", b"s"))
_BOTH_OPS = frozenset((b"B", b"B*", b"b", b"b*"))
_MAX_FORM_DEPTH = 6
_NOWHERE: Rect = (1e12, 1e12, 1e12, 1e12)  # an empty clip: nothing drawn after it shows

# Glyph box in text space, in units of the font size: generous on purpose.
_GLYPH_BOTTOM = -0.3
_GLYPH_TOP = 1.0
_GLYPH_ADVANCE = 0.6


def mat_mul(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF row-vector convention: ``m x n``)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def transform_rect(m: Matrix, x0: float, y0: float, x1: float, y1: float) -> Rect:
    """Bounding box of a rectangle after the transformation ``m``."""
    a, b, c, d, e, f = m
    xs = (a * x0 + c * y0 + e, a * x1 + c * y0 + e, a * x0 + c * y1 + e, a * x1 + c * y1 + e)
    ys = (b * x0 + d * y0 + f, b * x1 + d * y0 + f, b * x0 + d * y1 + f, b * x1 + d * y1 + f)
    return min(xs), min(ys), max(xs), max(ys)


def _intersect(r: Rect, s: Rect) -> Rect | None:
    x0, y0 = max(r[0], s[0]), max(r[1], s[1])
    x1, y1 = min(r[2], s[2]), min(r[3], s[3])
    if x0 > x1 or y0 > y1:
        return None
    return x0, y0, x1, y1


class _Found(Exception):
    """Raised to stop interpreting at the first drawing inside a zone."""


class _Interpreter:
    def __init__(self, zones: Sequence[Rect]):
        self.zones = tuple(zones)

    def hit(self, box: Rect, clip: Rect | None) -> None:
        if clip is not None:
            box = _intersect(box, clip)
            if box is None:
                return
        x0, y0, x1, y1 = box
        for zx0, zy0, zx1, zy1 in self.zones:
            if x0 < zx1 and x1 > zx0 and y0 < zy1 and y1 > zy0:
                raise _Found

    def run(
        self,
        data: bytes,
        resources: DictionaryObject | None,
        ctm: Matrix,
        clip: Rect | None,
        depth: int = 0,
    ) -> None:
        """Interpret one content stream, raising ``_Found`` at the first mark inside a zone."""
        fonts = _font_kinds(resources)
        xobjects = _resource(resources, "/XObject")
        stack: list[tuple[Matrix, Rect | None, bool]] = []
        fill_white = False
        path: list[float] | None = None  # x0, y0, x1, y1 of the current path, device space
        pending_clip = False
        text = _TextState()
        for op, operands in _operations(data):
            if op in _TEXT_SHOW_OPS:
                box = text.show(op, operands, ctm)
                if box is not None:
                    self.hit(box, clip)
            elif op in _TEXT_STATE_OPS:
                text.apply(op, operands, fonts)
            elif op in _PATH_OPS:
                path = _extend_path(path, op, operands, ctm)
            elif op == b"cm":
                if len(operands) == 6:
                    ctm = mat_mul(tuple(operands), ctm)
            elif op == b"q":
                stack.append((ctm, clip, fill_white))
            elif op == b"Q":
                if stack:
                    ctm, clip, fill_white = stack.pop()
            elif op in (b"W", b"W*"):
                pending_clip = True
            elif op in _FILL_OPS or op in _STROKE_OPS or op in _BOTH_OPS or op == b"n":
                if path is not None:
                    box = (path[0], path[1], path[2], path[3])
                    if op != b"n" and not (op in _FILL_OPS and fill_white):
                        self.hit(box, clip)
                    if pending_clip:
                        clip = box if clip is None else _intersect(clip, box) or _NOWHERE
                path = None
                pending_clip = False
            elif op in (b"g", b"rg", b"k", b"sc", b"scn"):
                fill_white = _is_white(op, operands)
            elif op == b"Do":
                if operands and xobjects is not None:
                    self._do(operands[-1], xobjects, resources, ctm, clip, depth)
            elif op == b"sh":
                self.hit(clip or (-1e9, -1e9, 1e9, 1e9), None)
            elif op == b"ID":
                self.hit(transform_rect(ctm, 0.0, 0.0, 1.0, 1.0), clip)
            # BI: its dictionary entries pile up as operands until ID

    def _do(self, name, xobjects, resources, ctm, clip, depth) -> None:
        if not isinstance(name, bytes):
            return
        xobject = xobjects.get(name.decode("latin-1"))
        if xobject is None:
            return
        xobject = xobject.get_object()
        if not isinstance(xobject, StreamObject):
            return
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            self.hit(transform_rect(ctm, 0.0, 0.0, 1.0, 1.0), clip)
            return
        if subtype != "/Form":
            return
        matrix = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
        form_ctm = mat_mul(matrix, ctm)
        bbox = xobject.get("/BBox")
        if bbox is not None and len(bbox) == 4:
            box = transform_rect(form_ctm, *(float(v) for v in bbox))
            clip = box if clip is None else _intersect(clip, box)
            if clip is None:
                return
        if depth >= _MAX_FORM_DEPTH:
            self.hit(clip or (-1e9, -1e9, 1e9, 1e9), None)
            return
        form_resources = xobject.get("/Resources")
        form_resources = form_resources.get_object() if form_resources is not None else resources
        self.run(xobject.get_data(), form_resources, form_ctm, clip, depth + 1)


def _operations(data: bytes):
    """Each operator of a content stream with its operands (strings as their byte lengths).

    Inline image data (after ``ID``) is skipped once the operator has been handled.
    """
    operands: list = []
    nest: list[list] = []
    scanner = _TOKEN.scanner(data)
    match = scanner.match
    while True:
        m = match()
        if m is None:
            return
        kind = m.lastgroup
        if kind is None:
            continue
        if kind == "num":
            operands.append(float(m.group()))
        elif kind == "op":
            op = m.group()
            yield op, operands
            operands = []
            nest = []
            if op == b"ID":
                found = _INLINE_IMAGE_END.search(data, m.end())
                match = _TOKEN.scanner(data, found.end() if found else len(data)).match
        elif kind == "name":
            operands.append(m.group())
        elif kind == "str":
            raw = m.group()
            operands.append(len(raw) - 2 - raw.count(b"\\"))
        elif kind == "hex":
            operands.append(len(m.group().strip(b"<>").replace(b" ", b"")) // 2)
        elif kind == "open":
            nest.append(operands)
            operands = []
        elif kind == "close":
            inner = operands
            operands = nest.pop() if nest else []
            operands.append(inner)
        else:  # kind == "lpar": a string too deeply nested for the regex
            end = _string_end(data, m.start())
            operands.append(end - m.start())
            match = _TOKEN.scanner(data, end).match


_TEXT_SHOW_OPS = frozenset((b"Tj", b"'", b'"', b"TJ"))
_TEXT_STATE_OPS = frozenset((b"Td", b"TD", b"Tm", b"T*", b"TL", b"Tf", b"Tz", b"BT"))
_PATH_OPS = frozenset((b"m", b"l", b"c", b"v", b"y", b"re"))


class _TextState:
    """The text matrices and the font state that place each shown string."""

    __slots__ = ("tm", "tlm", "font_size", "two_byte", "leading", "h_scale")

    def __init__(self):
        self.tm: Matrix = IDENTITY
        self.tlm: Matrix = IDENTITY
        self.font_size = 0.0
        self.two_byte = False
        self.leading = 0.0
        self.h_scale = 1.0

    def next_line(self) -> None:
        self.tlm = mat_mul((1.0, 0.0, 0.0, 1.0, 0.0, -self.leading), self.tlm)
        self.tm = self.tlm

    def apply(self, op: bytes, operands: list, fonts: dict[bytes, bool]) -> None:
        if op == b"Td" or op == b"TD":
            if len(operands) == 2:
                if op == b"TD":
                    self.leading = -operands[1]
                self.tlm = mat_mul((1.0, 0.0, 0.0, 1.0, operands[0], operands[1]), self.tlm)
                self.tm = self.tlm
        elif op == b"Tm":
            if len(operands) == 6:
                self.tlm = self.tm = tuple(operands)
        elif op == b"T*":
            self.next_line()
        elif op == b"TL":
            if operands:
                self.leading = operands[-1]
        elif op == b"Tf":
            if len(operands) == 2:
                self.font_size = abs(operands[1]) if isinstance(operands[1], float) else 0.0
                self.two_byte = fonts.get(operands[0], False)
        elif op == b"Tz":
            if operands:
                self.h_scale = operands[-1] / 100.0
        else:  # BT
            self.tm = self.tlm = IDENTITY

    def show(self, op: bytes, operands: list, ctm: Matrix) -> Rect | None:
        """The box the string covers (None when nothing shows); the text matrix moves on."""
        if op == b"'" or op == b'"':
            self.next_line()
        count = 0.0
        kerning = 0.0
        if op == b"TJ":
            for item in operands[-1] if operands and isinstance(operands[-1], list) else ():
                if isinstance(item, int):
                    count += item
                elif isinstance(item, float):
                    kerning += item
        elif operands and isinstance(operands[-1], int):
            count = operands[-1]
        if self.two_byte:
            count /= 2
        font_size = self.font_size
        advance = (count * _GLYPH_ADVANCE - min(kerning, 0.0) / 1000.0) * self.h_scale
        box = None
        if font_size and count:
            box = transform_rect(
                mat_mul(self.tm, ctm),
                0.0,
                _GLYPH_BOTTOM * font_size,
                advance * font_size,
                _GLYPH_TOP * font_size,
            )
        self.tm = mat_mul((1.0, 0.0, 0.0, 1.0, advance * font_size, 0.0), self.tm)
        return box


def _extend_path(path: list[float] | None, op: bytes, operands: list, ctm: Matrix):
    """The current path's device-space bounding box with this segment added."""
    if op == b"re":
        if len(operands) != 4:
            return path
        x, y, w, h = operands
        box = transform_rect(ctm, x, y, x + w, y + h)
        if path is None:
            return list(box)
        return [min(path[0], box[0]), min(path[1], box[1]),
                max(path[2], box[2]), max(path[3], box[3])]  # fmt: skip
    if op in (b"m", b"l"):
        if len(operands) != 2:
            return path
        nums = operands
    else:  # c, v, y
        nums = [v for v in operands if isinstance(v, float)]
    a, b, c, d, e, f = ctm
    for i in range(0, len(nums) - 1, 2):
        x, y = nums[i], nums[i + 1]
        px, py = a * x + c * y + e, b * x + d * y + f
        if path is None:
            path = [px, py, px, py]
        else:
            path = [min(path[0], px), min(path[1], py), max(path[2], px),
                    max(path[3], py)]  # fmt: skip
    return path


def _is_white(op: bytes, operands: list) -> bool:
    """Whether a fill colour operator sets white (a white fill marks nothing)."""
    nums = [v for v in operands if isinstance(v, float)]
    if op == b"k" or len(nums) == 4:
        return len(nums) == 4 and all(v == 0 for v in nums)
    return bool(nums) and all(v == 1 for v in nums)


def _resource(resources: DictionaryObject | None, key: str) -> DictionaryObject | None:
    if resources is None:
        return None
    value = resources.get(key)
    if value is None:
        return None
    value = value.get_object()
    return value if isinstance(value, DictionaryObject) else None


def _font_kinds(resources: DictionaryObject | None) -> dict[bytes, bool]:
    """Font resource name -> whether its strings use two bytes a glyph (Type0 fonts)."""
    fonts = _resource(resources, "/Font")
    if fonts is None:
        return {}
    kinds = {}
    for name, font in fonts.items():
        try:
            font = font.get_object()
            kinds[name.encode("latin-1")] = font.get("/Subtype") == "/Type0"
        except Exception:
            kinds[name.encode("latin-1")] = False
    return kinds


def _string_end(data: bytes, start: int) -> int:
    """Index just past the literal string opening at ``start`` (handles nesting, escapes)."""
    depth = 0
    i = start
    n = len(data)
    while i < n:
        ch = data[i]
        if ch == 0x5C:  # backslash
            i += 2
            continue
        if ch == 0x28:
            depth += 1
        elif ch == 0x29:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


def page_intrudes(page, zones: Sequence[Rect]) -> bool:
    """Whether ``page`` draws anything inside any of ``zones`` (default user space rectangles).

    Over-estimates (text widths, unknown operators): a ``True`` may be a near miss, a ``False``
    means nothing was found there. Annotations with appearances count as content.
    """
    if not zones:
        return False
    interpreter = _Interpreter(zones)
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else None
    try:
        contents = page.get_contents()
        if contents is not None:
            interpreter.run(contents.get_data(), resources, IDENTITY, None)
        for annot in page.get("/Annots") or ():
            annot = annot.get_object() if isinstance(annot, IndirectObject) else annot
            if annot.get("/Subtype") in ("/Link", "/Popup") or "/AP" not in annot:
                continue
            rect = annot.get("/Rect")
            if rect is not None and len(rect) == 4:
                x0, y0, x1, y1 = (float(v) for v in rect)
                interpreter.hit((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)), None)
    except _Found:
        return True
    return False
