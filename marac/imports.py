"""Importing MARAC discussions, actions and attendance from CSV or XLSX (MARAC spec: "Import
files").

All or nothing: every row is checked first and every bad row reported (line, column, value,
reason); only a clean file is written, in one transaction, with bulk writes. Re-importing a file
updates what it imported before instead of duplicating it.
"""

import csv
import datetime
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from marac import figures_cache
from marac.models import (
    Action,
    Attendance,
    AttendanceStatus,
    Discussion,
    IdvaStatus,
    ImportKind,
    MaracImport,
    MaracMeeting,
    ReferralBasis,
    SwacaStatus,
)
from sscp import dates
from sscp.models import Area, AreaType
from sscp.organisations import OrganisationIndex
from sscp.uploads import Refused, decode_text, read_csv_rows, read_xlsx_rows

COLUMNS = {
    ImportKind.DISCUSSIONS: {
        "meeting_date": True,
        "victim_ref": True,
        "perpetrator_ref": False,
        "incident_date": False,
        "referral_date": False,
        "referring_agency": True,
        "referral_basis": True,
        "victim_sex": False,
        "victim_age": False,
        "victim_ethnicity": False,
        "victim_lgbt": False,
        "victim_disability": False,
        "perpetrator_age": False,
        "children": False,
        "pregnant": False,
        "ward": False,
        "idva_status": False,
        "closed_marac": False,
        # An extension to the spec's columns: SWACA engagement at the time of the meeting.
        "swaca_status": False,
    },
    ImportKind.ACTIONS: {
        "meeting_date": True,
        "victim_ref": True,
        "agency": True,
        "completed_date": False,
    },
    ImportKind.ATTENDANCE: {"meeting_date": True, "agency": True, "status": True},
}

# Headers that look like identifying personal data: MARAC records are pseudonymous only.
_PERSONAL = re.compile(
    r"(^|_)(name|names|forename|first_?name|surname|last_?name|full_?name|address|addr|"
    r"street|postcode|post_code|zip|dob|birth|date_of_birth|birth_?date|nhs|nhs_number|"
    r"ni_number|national_insurance|phone|telephone|mobile|email)($|_)"
)
# The spellings of yes and no a file may use, any case: yes, no, yes, no...
YES_NO_SPELLINGS = ("Y", "N", "yes", "no", "true", "false", "1", "0")
_YES = {spelling.lower() for spelling in YES_NO_SPELLINGS[0::2]}
_NO = {spelling.lower() for spelling in YES_NO_SPELLINGS[1::2]}
_LINE_OFFSET = 2  # the header is line 1
XLSX_MAGIC = b"PK\x03\x04"


class ImportFileError(ValueError):
    """The file cannot be read at all (not CSV/XLSX, not UTF-8, empty)."""


@dataclass
class RowError:
    line: int
    column: str
    value: str
    reason: str

    def as_dict(self) -> dict:
        return {
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "reason": self.reason,
        }

    def __str__(self):
        where = f"line {self.line}" if self.line else "header"
        column = f", column {self.column}" if self.column else ""
        value = f" ({self.value!r})" if self.value else ""
        return f"{where}{column}{value}: {self.reason}"


@dataclass
class ImportResult:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    record: MaracImport | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def report(self) -> str:
        return "\n".join(str(error) for error in self.errors)


# -- reading ----------------------------------------------------------------------------------


def read_table(data: bytes, filename: str = "") -> tuple[list[str], list[list[str]]]:
    """Header and rows of a CSV (UTF-8) or XLSX file, every cell as stripped text, read through
    the shared upload guards (`sscp.uploads`): refused as `ImportFileError` naming the limit."""
    try:
        if data.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx"):
            rows = [[_cell_text(value) for value in values] for _, values in read_xlsx_rows(data)]
            empty = "The workbook's first sheet is empty."
        else:
            rows = [cells for _, cells in read_csv_rows(decode_text(data))]
            empty = "The file is empty."
    except Refused as refusal:
        raise ImportFileError(_sentence(str(refusal))) from None
    if not rows:
        raise ImportFileError(empty)
    return rows[0], rows[1:]


def _sentence(reason: str) -> str:
    return reason[:1].upper() + reason[1:] + ("" if reason.endswith(".") else ".")


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


PERSONAL_DATA_REASON = (
    "looks like personal data: MARAC records are pseudonymous, remove this "
    "column (no names, addresses, postcodes or dates of birth)"
)


def looks_personal(column: str) -> bool:
    """A column (or form field) name that looks like identifying personal data."""
    return bool(_PERSONAL.search(column.strip().lower().replace(" ", "_")))


def check_header(kind: str, header: list[str]) -> list[RowError]:
    errors = []
    expected = COLUMNS[kind]
    names = [name.strip().lower() for name in header]
    for name in names:
        if looks_personal(name):
            errors.append(RowError(0, name, "", PERSONAL_DATA_REASON))
        elif name not in expected:
            errors.append(RowError(0, name, "", f"unknown column for {kind}"))
    present = set(names)
    for name, required in expected.items():
        if required and name not in present:
            errors.append(RowError(0, name, "", "required column is missing"))
    duplicates = sorted(name for name, count in Counter(names).items() if count > 1)
    errors += [RowError(0, name, "", "column appears twice") for name in duplicates]
    return errors


# -- checking cells ----------------------------------------------------------------------------


class _Row:
    """One row's cells by column name, collecting the errors of its parsing."""

    def __init__(self, line: int, cells: dict, errors: list):
        self.line, self.cells, self.errors = line, cells, errors

    def fail(self, column: str, reason: str):
        self.errors.append(RowError(self.line, column, self.cells.get(column, ""), reason))

    def text(self, column: str, required: bool = False, max_length: int = 60) -> str:
        value = self.cells.get(column, "")
        if required and not value:
            self.fail(column, "required")
        elif len(value) > max_length:
            self.fail(column, f"longer than {max_length} characters")
        return value

    def date(self, column: str, required: bool = False) -> datetime.date | None:
        value = self.cells.get(column, "")
        if not value:
            if required:
                self.fail(column, "required")
            return None
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            self.fail(column, "not a date (use YYYY-MM-DD)")
            return None
        if not dates.EARLIEST <= day <= dates.LATEST:
            self.fail(column, f"not {dates.RANGE}, the dates the app accepts")
            return None
        return day

    def whole(self, column: str, maximum: int) -> int | None:
        value = self.cells.get(column, "")
        if not value:
            return None
        if not value.isdigit() or int(value) > maximum:
            self.fail(column, f"not a whole number from 0 to {maximum}")
            return None
        return int(value)

    def yes_no(self, column: str) -> bool | None:
        value = self.cells.get(column, "").lower()
        if not value:
            return None
        if value in _YES:
            return True
        if value in _NO:
            return False
        spellings = ", ".join(YES_NO_SPELLINGS[:-1])
        self.fail(column, f"not yes/no (use {spellings} or {YES_NO_SPELLINGS[-1]})")
        return None

    def status(self, column: str, statuses: dict, service: str) -> int | None:
        """A configured status (by code or label, any case); blank means not recorded."""
        value = self.cells.get(column, "")
        if not value:
            return None
        if value.lower() not in statuses:
            self.fail(column, f"unknown {service} status")
            return None
        return statuses[value.lower()]

    def choice(self, column: str, choices) -> str:
        value = self.cells.get(column, "")
        if value.lower() in choices:
            return value.lower()
        self.fail(column, f"must be one of {', '.join(choices)}")
        return ""


class _Agencies:
    def __init__(self):
        self.index = OrganisationIndex()

    def resolve(self, row: _Row, column: str):
        name = row.cells.get(column, "")
        if not name:
            row.fail(column, "required")
            return None
        organisation = self.index.resolve(name)
        if organisation is None:
            matches = self.index.close_matches(name)
            hint = f"; did you mean {' or '.join(matches)}?" if matches else ""
            row.fail(column, f"unknown agency{hint}")
        return organisation


def _status_lookup(model) -> dict[str, int]:
    """Status ids by lower-case code and label: a file may use either."""
    statuses = {}
    for pk, code, label in model.objects.values_list("pk", "code", "label"):
        statuses[code.lower()] = pk
        statuses[label.lower()] = pk
    return statuses


_NAME_AND_CODE = re.compile(r"(?P<name>.*?)\s*\((?P<code>[^()]+)\)")


def _ward_lookup() -> dict[str, int]:
    """Ward ids by lower-case name and by lower-case code: a file may give either."""
    wards = {}
    for pk, name, code in Area.objects.filter(area_type=AreaType.WARD).values_list(
        "pk", "name", "code"
    ):
        wards[name.lower()] = pk
        wards[code.lower()] = pk
    return wards


def _ward(wards: dict[str, int], text: str) -> int | None:
    """A ward given by name, by code, or as the case form shows it, "Linacre (E05000942)"
    (name and code must then name the same ward)."""
    found = wards.get(text.lower())
    if found is not None:
        return found
    both = _NAME_AND_CODE.fullmatch(text)
    if both is None:
        return None
    by_code = wards.get(both["code"].strip().lower())
    return by_code if by_code is not None and wards.get(both["name"].lower()) == by_code else None


def _rows(header, body):
    names = [name.strip().lower() for name in header]
    for offset, values in enumerate(body):
        cells = {name: (values[i] if i < len(values) else "") for i, name in enumerate(names)}
        yield offset + _LINE_OFFSET, cells


# -- the three kinds -------------------------------------------------------------------------


def _check_discussions(header, body, today):
    errors: list[RowError] = []
    agencies = _Agencies()
    wards = _ward_lookup()
    statuses = _status_lookup(IdvaStatus)
    swaca_statuses = _status_lookup(SwacaStatus)
    seen = {}
    parsed = []
    for line, cells in _rows(header, body):
        row = _Row(line, cells, errors)
        meeting = row.date("meeting_date", required=True)
        if meeting and meeting > today:
            row.fail("meeting_date", "meeting date is in the future")
        victim = row.text("victim_ref", required=True)
        incident = row.date("incident_date")
        referral = row.date("referral_date")
        if meeting and referral and referral > meeting:
            row.fail("referral_date", "referral is after its meeting")
        if meeting and incident and incident > meeting:
            row.fail("incident_date", "incident is after its meeting")
        if incident and referral and incident > referral:
            row.fail("incident_date", "incident is after its referral")
        agency = agencies.resolve(row, "referring_agency")
        basis = row.choice("referral_basis", ReferralBasis.values)
        ward_text = cells.get("ward", "")
        ward = _ward(wards, ward_text) if ward_text else None
        if ward_text and ward is None:
            row.fail("ward", "unknown ward: not a ward name or code in the area register")
        status = row.status("idva_status", statuses, "IDVA")
        swaca_status = row.status("swaca_status", swaca_statuses, "SWACA")
        if meeting and victim:
            if (meeting, victim) in seen:
                row.fail("victim_ref", f"the same case is on line {seen[meeting, victim]}")
            seen[meeting, victim] = line
        parsed.append(
            {
                "meeting_date": meeting,
                "victim_ref": victim,
                "perpetrator_ref": row.text("perpetrator_ref"),
                "incident_date": incident,
                "referral_date": referral,
                "referring_agency": agency,
                "referral_basis": basis,
                "victim_sex": row.text("victim_sex", max_length=30),
                "victim_age": row.whole("victim_age", 120),
                "victim_ethnicity": row.text("victim_ethnicity", max_length=100),
                "victim_lgbt": row.yes_no("victim_lgbt"),
                "victim_disability": row.yes_no("victim_disability"),
                "perpetrator_age": row.whole("perpetrator_age", 120),
                "children": row.whole("children", 50),
                "pregnant": row.yes_no("pregnant"),
                "ward_id": ward,
                "idva_status_id": status,
                "swaca_status_id": swaca_status,
                "closed_marac": row.yes_no("closed_marac"),
            }
        )
    return parsed, errors


_DISCUSSION_FIELDS = [
    "perpetrator_ref",
    "incident_date",
    "referral_date",
    "referring_agency",
    "referral_basis",
    "victim_sex",
    "victim_age",
    "victim_ethnicity",
    "victim_lgbt",
    "victim_disability",
    "perpetrator_age",
    "children",
    "pregnant",
    "ward_id",
    "idva_status_id",
    "swaca_status_id",
    "closed_marac",
]


def _meetings(dates) -> dict[datetime.date, int]:
    dates = set(dates)
    existing = dict(MaracMeeting.objects.filter(date__in=dates).values_list("date", "pk"))
    missing = [MaracMeeting(date=day) for day in dates if day not in existing]
    MaracMeeting.objects.bulk_create(missing, ignore_conflicts=True)
    return dict(MaracMeeting.objects.filter(date__in=dates).values_list("date", "pk"))


def _write_discussions(parsed) -> tuple[int, int]:
    meetings = _meetings(row["meeting_date"] for row in parsed)
    existing = {
        (meeting, victim): discussion
        for discussion in Discussion.objects.filter(meeting_id__in=meetings.values())
        for meeting, victim in [(discussion.meeting_id, discussion.victim_ref)]
    }
    new, changed = [], []
    for row in parsed:
        key = (meetings[row["meeting_date"]], row["victim_ref"])
        discussion = existing.get(key) or Discussion(meeting_id=key[0], victim_ref=key[1])
        for name in _DISCUSSION_FIELDS:
            setattr(discussion, name, row[name])
        (changed if discussion.pk else new).append(discussion)
    Discussion.objects.bulk_create(new, batch_size=1000)
    fields = [name.removesuffix("_id") for name in _DISCUSSION_FIELDS]
    Discussion.objects.bulk_update(changed, fields, batch_size=1000)
    return len(new), len(changed)


def _check_actions(header, body, today):
    errors: list[RowError] = []
    agencies = _Agencies()
    parsed = []
    for line, cells in _rows(header, body):
        row = _Row(line, cells, errors)
        meeting = row.date("meeting_date", required=True)
        victim = row.text("victim_ref", required=True)
        agency = agencies.resolve(row, "agency")
        completed = row.date("completed_date")
        if completed and meeting and completed < meeting:
            row.fail("completed_date", "completed before the meeting that agreed it")
        if completed and completed > today:
            row.fail("completed_date", "completion date is in the future")
        parsed.append((line, meeting, victim, agency, completed))
    keys = {(meeting, victim) for _, meeting, victim, _, _ in parsed if meeting and victim}
    known = _discussion_ids(keys)
    rows = []
    for line, meeting, victim, agency, completed in parsed:
        if meeting and victim and (meeting, victim) not in known:
            errors.append(
                RowError(
                    line,
                    "victim_ref",
                    victim,
                    f"no case {victim} was discussed at the meeting of {meeting.isoformat()}",
                )
            )
            continue
        if meeting and victim:
            rows.append((known[meeting, victim], agency, completed))
    return rows, errors


def _discussion_ids(keys) -> dict:
    if not keys:
        return {}
    dates = {meeting for meeting, _ in keys}
    victims = {victim for _, victim in keys}
    found = Discussion.objects.filter(meeting__date__in=dates, victim_ref__in=victims)
    return {
        (day, victim): pk
        for pk, day, victim in found.values_list("pk", "meeting__date", "victim_ref")
        if (day, victim) in keys
    }


def _write_actions(rows) -> tuple[int, int]:
    # A file lists every action of the cases it covers: replacing them makes re-import safe.
    discussions = {discussion for discussion, _, _ in rows}
    replaced, _ = Action.objects.filter(discussion_id__in=discussions).delete()
    Action.objects.bulk_create(
        [
            Action(discussion_id=discussion, agency=agency, completed_date=completed)
            for discussion, agency, completed in rows
        ],
        batch_size=2000,
    )
    return max(len(rows) - replaced, 0), min(replaced, len(rows))


def _check_attendance(header, body, today):
    errors: list[RowError] = []
    agencies = _Agencies()
    parsed, seen = [], {}
    for line, cells in _rows(header, body):
        row = _Row(line, cells, errors)
        meeting = row.date("meeting_date", required=True)
        if meeting and meeting > today:
            row.fail("meeting_date", "meeting date is in the future")
        agency = agencies.resolve(row, "agency")
        status = row.choice("status", AttendanceStatus.values)
        if meeting and agency:
            if (meeting, agency.pk) in seen:
                row.fail(
                    "agency", f"the same agency and meeting are on line {seen[meeting, agency.pk]}"
                )
            seen[meeting, agency.pk] = line
        parsed.append((meeting, agency, status))
    return parsed, errors


def _write_attendance(parsed) -> tuple[int, int]:
    meetings = _meetings(meeting for meeting, _, _ in parsed)
    existing = {
        (row.meeting_id, row.agency_id): row
        for row in Attendance.objects.filter(meeting_id__in=meetings.values())
    }
    new, changed = [], []
    for meeting, agency, status in parsed:
        key = (meetings[meeting], agency.pk)
        if key in existing:
            existing[key].status = status
            changed.append(existing[key])
        else:
            new.append(Attendance(meeting_id=key[0], agency=agency, status=status))
    Attendance.objects.bulk_create(new, batch_size=2000)
    Attendance.objects.bulk_update(changed, ["status"], batch_size=2000)
    return len(new), len(changed)


_KINDS = {
    ImportKind.DISCUSSIONS: (_check_discussions, _write_discussions),
    ImportKind.ACTIONS: (_check_actions, _write_actions),
    ImportKind.ATTENDANCE: (_check_attendance, _write_attendance),
}


def import_marac(
    kind: str, file, *, user=None, filename: str | None = None, progress=None
) -> ImportResult:
    """Check and import one file (a path, bytes or a file object) of `kind`.

    Returns the result with every error; writes nothing unless the whole file is clean. The
    attempt is recorded in MaracImport either way. `progress` (a function of the per cent
    done) is told as each stage ends, for a queued upload's progress bar.
    """
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {', '.join(_KINDS)}")
    progress = progress or (lambda percent: None)
    data, name = _bytes(file, filename)
    result = ImportResult(kind=kind)
    try:
        header, body = read_table(data, name)
    except ImportFileError as error:
        result.errors.append(RowError(0, "", "", str(error)))
        header, body = [], []
    if not result.errors:
        result.errors = check_header(kind, header)
    result.rows = len(body)
    progress(30)
    if not result.errors:
        check, write = _KINDS[kind]
        today = timezone.localdate()
        with transaction.atomic():
            parsed, result.errors = check(header, body, today)
            result.errors.sort(key=lambda error: error.line)
            progress(60)
            if not result.errors:
                result.created, result.updated = write(parsed)
                figures_cache.bump()  # bulk writes send no signal
    result.record = MaracImport.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        kind=kind,
        filename=name[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        rows=result.rows,
        succeeded=result.ok,
        errors=[error.as_dict() for error in result.errors],
    )
    return result


def _bytes(file, filename):
    if isinstance(file, bytes):
        return file, filename or ""
    if isinstance(file, str) or hasattr(file, "__fspath__"):
        with open(file, "rb") as handle:
            return handle.read(), filename or str(file).rsplit("/", 1)[-1]
    if hasattr(file, "chunks"):
        return b"".join(file.chunks()), filename or getattr(file, "name", "")
    return file.read(), filename or getattr(file, "name", "") or ""


def table_bytes(rows: list[dict], columns) -> bytes:
    """CSV bytes of `rows` under `columns`: what the demo and tests feed to `import_marac`."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _csv_value(row.get(key)) for key in columns})
    return buffer.getvalue().encode()


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN: pandas' blank
            return ""
        if value.is_integer():
            return int(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
