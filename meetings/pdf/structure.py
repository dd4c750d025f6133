"""Carry the tagged parts' structure trees into the pack: raw-byte copy with renumbering.

Hand-written on purpose: see README.md. Uses pypdf's writer internals (``_objects``,
``_id_translated``, ``_idnum_hash``, ``_add_object``), hence the exact pypdf pin.
"""

from __future__ import annotations

import re

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    PdfObject,
    TextStringObject,
)

from meetings.pdf.lazy_reader import LazyPdfReader


def pdf_string(text: str) -> str:
    """``text`` as a PDF literal string in WinAnsi (what the standard-14 fonts read)."""
    raw = text.encode("cp1252", errors="replace").decode("latin-1")
    return "(" + raw.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


class StructureMerger:
    """Carries each tagged part's structure tree into the pack.

    pypdf drops ``/StructParents`` when it copies pages and ignores structure trees; cloning
    the trees through pypdf objects costs more than rendering the pages did. So the parent-tree
    keys of pages and annotations are shifted past the previous parts', and the structure
    elements are copied as raw bytes with their object numbers rewritten: their ``/Pg`` and
    ``/Obj`` references land on the copied pages and annotations. Each part becomes a ``/Part``
    of one ``/Document``. Untagged uploads stay untagged.
    """

    def __init__(self, writer: PdfWriter):
        self.writer = writer
        self.next_key = 0
        self.sources: list[tuple[LazyPdfReader, int, str]] = []

    def add(self, reader: PdfReader, new_pages, part) -> None:
        if not isinstance(reader, LazyPdfReader):
            return
        root = reader.root_object.get("/StructTreeRoot")
        if root is None or "/ParentTree" not in root.get_object():
            return
        offset = self.next_key
        highest = -1
        for source, page in zip(reader.pages, new_pages, strict=True):
            key = source.get("/StructParents")
            if key is not None:
                page[NameObject("/StructParents")] = NumberObject(int(key) + offset)
                highest = max(highest, int(key))
            for annot in page.get("/Annots") or ():
                annot = annot.get_object()
                key = annot.get("/StructParent")
                if key is not None:
                    annot[NameObject("/StructParent")] = NumberObject(int(key) + offset)
                    highest = max(highest, int(key))
        declared = root.get_object().get("/ParentTreeNextKey")
        self.next_key = offset + max(highest + 1, int(declared) if declared is not None else 0)
        self.sources.append((reader, offset, part.title))

    def finish(self, title: str) -> None:
        """Copy the trees. Runs after ``compress_identical_objects``, which cannot see inside
        the raw objects (it would drop what only they reference)."""
        if not self.sources:
            return
        writer = self.writer
        redirect = {
            dup.idnum: first.idnum
            for first, dups in getattr(writer, "_idnum_hash", {}).values()
            for dup in dups
        }
        root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
        root_ref = writer._add_object(root)
        document = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/StructElem"),
                NameObject("/S"): NameObject("/Document"),
                NameObject("/P"): root_ref,
                NameObject("/T"): TextStringObject(title),
            }
        )
        document_ref = writer._add_object(document)
        kids = ArrayObject()
        nums: list[tuple[int, PdfObject]] = []
        role_map, class_map = DictionaryObject(), DictionaryObject()
        for reader, offset, part_title in self.sources:
            copied = _copy_structure(writer, reader, document_ref.idnum, part_title, redirect)
            if copied is None:
                continue
            top, numbers, source_root = copied
            kids.extend(IndirectObject(idnum, 0, writer) for idnum in top)
            nums.extend((key + offset, value) for key, value in numbers)
            # Custom structure types and attribute classes (Word uses them); first part wins.
            for key, maps in (("/RoleMap", role_map), ("/ClassMap", class_map)):
                source = source_root.get(key)
                for name, value in (source.get_object() if source is not None else {}).items():
                    if name not in maps:
                        maps[NameObject(name)] = value.clone(writer)
        document[NameObject("/K")] = kids
        flat = ArrayObject()
        for key, value in sorted(nums, key=lambda pair: pair[0]):
            flat.extend([NumberObject(key), value])
        root[NameObject("/K")] = ArrayObject([document_ref])
        root[NameObject("/ParentTree")] = writer._add_object(
            DictionaryObject({NameObject("/Nums"): flat})
        )
        root[NameObject("/ParentTreeNextKey")] = NumberObject(self.next_key)
        if role_map:
            root[NameObject("/RoleMap")] = role_map
        if class_map:
            root[NameObject("/ClassMap")] = class_map
        catalog = writer.root_object
        catalog[NameObject("/StructTreeRoot")] = root_ref
        catalog[NameObject("/MarkInfo")] = DictionaryObject(
            {NameObject("/Marked"): BooleanObject(True)}
        )


class _RawObject(PdfObject):
    """An object written exactly as given (already renumbered for the writer)."""

    def __init__(self, data: bytes):
        self.data = data

    def write_to_stream(self, stream, encryption_key=None) -> None:
        stream.write(self.data)

    def hash_bin(self) -> int:
        return id(self)  # never "identical" to another object

    def clone(self, pdf_dest, force_duplicate=False, ignore_fields=()):
        return self


# A literal string (two levels of nested parentheses), a hex string, or a reference "12 0 R".
_STRING_OR_REF = re.compile(
    rb"\((?:[^\\()]|\\.|\((?:[^\\()]|\\.)*\))*\)|<[0-9A-Fa-f\s]*>|(\d+)\s+\d+\s+R(?![A-Za-z0-9])",
    re.S,
)
_STREAM_START = re.compile(rb">>\s*stream[\r\n]")
_DOCUMENT_TYPE = re.compile(rb"/S\s*/Document(?![A-Za-z0-9])")


def _copy_structure(writer, reader: LazyPdfReader, document_id: int, part_title: str, redirect):
    """Copy one reader's structure elements into ``writer``.

    Returns the new numbers of the top elements and the parent tree's (key, value) pairs with
    values pointing at the copies, or None when the tree cannot be read.
    """
    catalog = reader.root_object
    root_ref = catalog.raw_get("/StructTreeRoot")
    root = root_ref.get_object()
    root_id = root_ref.idnum if isinstance(root_ref, IndirectObject) else None
    translated = writer._id_translated.get(id(reader), {})

    def existing(old: int) -> int | None:
        new = translated.get(old)
        if new is None:
            return None
        return redirect.get(new, new)

    kids = root.get("/K")
    if kids is None:
        return None
    if isinstance(kids, IndirectObject) and isinstance(kids.get_object(), ArrayObject):
        kids = kids.get_object()
    top = [k.idnum for k in (kids if isinstance(kids, ArrayObject) else [kids])
           if isinstance(k, IndirectObject)]  # fmt: skip

    # Breadth-first over everything the elements reference that is not in the pack yet.
    mapping: dict[int, int] = {}
    raw: dict[int, bytes] = {}
    queue = list(top)
    while queue:
        old = queue.pop()
        if old in mapping or old == root_id or existing(old) is not None:
            continue
        data = reader.raw_object(old)
        if data is None or _STREAM_START.search(data):
            # a stream or something unusual (a figure's image, say): let pypdf copy it
            mapping[old] = IndirectObject(old, 0, reader).clone(writer).idnum
            continue
        mapping[old] = writer._add_object(NullObject()).idnum
        raw[old] = data
        queue.extend(int(m.group(1)) for m in _STRING_OR_REF.finditer(data) if m.group(1))

    def new_number(old: int) -> int | None:
        if old == root_id:
            return document_id
        return mapping.get(old) or existing(old)

    def renumber(match: re.Match) -> bytes:
        if match.group(1) is None:
            return match.group(0)
        new = new_number(int(match.group(1)))
        return b"null" if new is None else b"%d 0 R" % new

    title = pdf_string(part_title).encode("latin-1")
    for old, data in raw.items():
        data = _STRING_OR_REF.sub(renumber, data.strip())
        if old in top and data.endswith(b">>"):
            data = _DOCUMENT_TYPE.sub(b"/S /Part", data)
            data = data[:-2] + b"/T " + title + b">>"
        writer._objects[mapping[old] - 1] = _RawObject(data)

    numbers = []
    for key, value in _number_tree(root.get("/ParentTree")):
        numbers.append((key, _renumbered_value(writer, value, new_number)))
    return [mapping[old] for old in top if old in mapping], numbers, root


def _renumbered_value(writer, value, new_number) -> PdfObject:
    if isinstance(value, IndirectObject):
        new = new_number(value.idnum)
        if new is not None:  # an element (the parent of an annotation or XObject)
            return IndirectObject(new, 0, writer)
        value = value.get_object()  # an indirect array of elements
    if isinstance(value, ArrayObject):
        out = ArrayObject()
        for item in value:
            if isinstance(item, IndirectObject):
                new = new_number(item.idnum)
                out.append(IndirectObject(new, 0, writer) if new else NullObject())
            else:
                out.append(NullObject())
        return out
    return NullObject()


def _number_tree(node) -> list[tuple[int, PdfObject]]:
    if node is None:
        return []
    node = node.get_object()
    pairs = []
    nums = node.get("/Nums")
    if nums is not None:
        nums = nums.get_object()
        pairs.extend((int(nums[i]), nums[i + 1]) for i in range(0, len(nums) - 1, 2))
    for kid in node.get("/Kids") or ():
        pairs.extend(_number_tree(kid))
    return pairs
