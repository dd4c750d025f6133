"""A pypdf reader that parses object-stream objects one at a time and hands out raw bytes.

Hand-written on purpose: see README.md.
"""

from __future__ import annotations

import bisect
import io
import re

from pypdf import PdfReader
from pypdf.generic import IndirectObject, read_object


class LazyPdfReader(PdfReader):
    """A PdfReader that parses the objects of an object stream one at a time, when asked.

    pypdf parses a whole object stream the first time any object in it is needed. WeasyPrint
    puts every non-stream object of a document in one, and a tagged 40-page report has some
    10,000 structure elements: reading one page object would parse them all (about a second).
    The pack copies structure elements as raw bytes (``raw_object``) and only needs pypdf
    objects for pages, resources, annotations and outlines.
    """

    def __init__(self, stream, strict: bool = False):
        self._object_streams: dict[int, tuple[bytes, list[int], dict[int, int]]] = {}
        self._data = stream.getvalue() if isinstance(stream, io.BytesIO) else None
        super().__init__(stream, strict=strict)

    def _object_stream(self, number: int) -> tuple[bytes, list[int], dict[int, int]]:
        entry = self._object_streams.get(number)
        if entry is None:
            container = IndirectObject(number, 0, self).get_object()
            data = container.get_data()
            first = int(container["/First"])
            count = int(container["/N"])
            header = data[:first].split()
            offsets = {int(header[i]): first + int(header[i + 1]) for i in range(0, 2 * count, 2)}
            entry = (data, sorted(offsets.values()), offsets)
            self._object_streams[number] = entry
        return entry

    def _get_object_from_stream(self, indirect_reference):
        try:
            number, _index = self.xref_objStm[indirect_reference.idnum]
            data, _starts, offsets = self._object_stream(number)
            stream = io.BytesIO(data)
            stream.seek(offsets[indirect_reference.idnum])
            obj = read_object(stream, self)
        except Exception:  # anything unusual: pypdf's own (eager, tolerant) way
            return super()._get_object_from_stream(indirect_reference)
        # like pypdf: objects from object streams are cached here (get_object does not)
        return self.cache_indirect_object(0, indirect_reference.idnum, obj)

    def raw_object(self, idnum: int) -> bytes | None:
        """The bytes of object ``idnum`` as stored (without ``N 0 obj``/``endobj``), or None."""
        if idnum in self.xref_objStm:
            number, _index = self.xref_objStm[idnum]
            data, starts, offsets = self._object_stream(number)
            start = offsets.get(idnum)
            if start is None:
                return None
            after = bisect.bisect_right(starts, start)
            return data[start : starts[after] if after < len(starts) else len(data)]
        offset = self.xref.get(0, {}).get(idnum)
        if offset is None or self._data is None:
            return None
        header = _OBJECT_HEADER.match(self._data, offset)
        if header is None or int(header.group(1)) != idnum:
            return None
        end = self._data.find(b"endobj", header.end())
        return self._data[header.end() : end] if end != -1 else None


_OBJECT_HEADER = re.compile(rb"\s*(\d+)\s+\d+\s+obj\b")
