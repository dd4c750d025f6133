"""What a Word report on the council's "Report to" template states about itself.

The template opens with "Report to:", "Date of Meeting:" and "Subject:" (as paragraphs or as a
two-column table). The upload uses the subject as the paper's title when the officer gives none,
and warns when the date of meeting is not the meeting's date. Nothing here writes anything.
"""

from __future__ import annotations

import dataclasses
import datetime
import io
import re

from meetings import wording

_FIELDS = {"report to": "report_to", "date of meeting": "date_text", "subject": "subject"}
_LINE = re.compile(r"^\s*(report to|date of meeting|subject)\s*:\s*(.*?)\s*$", re.IGNORECASE)
_ORDINAL = re.compile(r"(\d+)(st|nd|rd|th)\b", re.IGNORECASE)
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%A %d %B %Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d")
_HEAD_PARAGRAPHS = 40  # the heading is at the top: a 300-page report is not read through


@dataclasses.dataclass
class Heading:
    report_to: str = ""
    date_text: str = ""
    subject: str = ""

    @property
    def meeting_date(self) -> datetime.date | None:
        return parse_date(self.date_text)


def parse_date(text: str) -> datetime.date | None:
    plain = " ".join(_ORDINAL.sub(r"\1", text.replace(",", " ")).split())
    for pattern in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(plain, pattern).date()
        except ValueError:
            continue
    return None


def _lines(document) -> list[str]:
    """The first paragraphs' text, and each table row's cells joined as "label: value"."""
    lines = [p.text for p in document.paragraphs[:_HEAD_PARAGRAPHS]]
    for table in document.tables[:2]:
        for row in table.rows[:10]:
            cells = [cell.text.strip() for cell in row.cells]
            if len(cells) >= 2:
                lines.append(f"{cells[0].rstrip(':')}: {cells[1]}")
    return lines


def read_heading(data: bytes) -> Heading:
    """The heading a .docx states; empty fields where it states none or cannot be read."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises many types for a damaged file: LibreOffice will say
        return Heading()
    heading = Heading()
    for line in _lines(document):
        found = _LINE.match(line)
        if found and not getattr(heading, _FIELDS[found.group(1).lower()]):
            setattr(heading, _FIELDS[found.group(1).lower()], found.group(2)[:300])
    return heading


def date_warnings(heading: Heading | None, meeting_date: datetime.date) -> list[str]:
    """A warning when the report names another date of meeting than the meeting's."""
    if heading is None or not heading.date_text:
        return []
    stated = heading.meeting_date
    if stated is None:
        return [
            f"The report's Date of Meeting “{heading.date_text}” is not a date; the meeting is "
            f"on {wording.long_date(meeting_date)}."
        ]
    if stated != meeting_date:
        return [
            f"The report says its Date of Meeting is {wording.long_date(stated)}, but the "
            f"meeting is on {wording.long_date(meeting_date)}: check it is the right version."
        ]
    return []
