"""What each MARAC import column holds, for the upload page and its CSV templates.

Built from the importer's own constants (`marac.imports.COLUMNS`, the yes/no spellings, the
referral bases and attendance statuses), so the page cannot describe a file the importer would
refuse. Values that are data (IDVA and SWACA statuses, wards, agencies) are passed in by the
caller, read from the database (`marac.selectors.import_reference_values`).
"""

import csv
import io
from dataclasses import dataclass

from marac.imports import COLUMNS, YES_NO_SPELLINGS
from marac.models import AttendanceStatus, ImportKind, ReferralBasis
from sscp import dates

DATE = f"Date, YYYY-MM-DD (from {dates.EARLIEST:%Y-%m-%d} to {dates.LATEST:%Y-%m-%d})"
YES_NO = f"Yes/no: {', '.join(YES_NO_SPELLINGS)} (any case); blank: not recorded"
TEXT = "Text, at most 60 characters"
AGENCY = "An agency of the partnership's register, by name or alias (any case)"

# (format, meaning) of every column of every kind; `check_guide` proves none is missing.
COLUMN_GUIDE = {
    ImportKind.DISCUSSIONS: {
        "meeting_date": (DATE, "The MARAC meeting that discussed the case; not in the future."),
        "victim_ref": (
            TEXT,
            "The victim's pseudonymous reference (never a name). One row per case per meeting.",
        ),
        "perpetrator_ref": (
            TEXT,
            "The pseudonymous reference of the person causing harm; blank: not identified.",
        ),
        "incident_date": (
            DATE,
            "The latest incident or disclosure; not after the referral or the meeting.",
        ),
        "referral_date": (
            DATE,
            "The day the referral reached the coordinator; not after the meeting.",
        ),
        "referring_agency": (AGENCY, "The agency that referred the case."),
        "referral_basis": ("One of the values listed", "Why the case met the MARAC threshold."),
        "victim_sex": ("Text, at most 30 characters", "F, M or other text; M counts as male."),
        "victim_age": ("Whole number, 0 to 120", "The victim's age in years at referral."),
        "victim_ethnicity": (
            "Text, at most 100 characters",
            'Anything other than "White British" (any case) counts as BAME.',
        ),
        "victim_lgbt": (YES_NO, "The victim identifies as LGBT."),
        "victim_disability": (YES_NO, "The victim has a disability."),
        "perpetrator_age": ("Whole number, 0 to 120", "The age of the person causing harm."),
        "children": ("Whole number, 0 to 50", "Children in the household (0 when none)."),
        "pregnant": (YES_NO, "The victim is pregnant."),
        "ward": (
            'A ward of the area register: name, code, or "Name (CODE)" (any case)',
            "The electoral ward of the case.",
        ),
        "idva_status": (
            "A configured IDVA status, by code or label (any case)",
            "IDVA engagement at the time of the meeting; blank: not recorded.",
        ),
        "closed_marac": (YES_NO, "Discussed in a closed (restricted membership) MARAC."),
        "swaca_status": (
            "A configured SWACA status, by code or label (any case)",
            "SWACA engagement at the time of the meeting; blank: not recorded.",
        ),
    },
    ImportKind.ACTIONS: {
        "meeting_date": (DATE, "The meeting that agreed the action."),
        "victim_ref": (
            TEXT,
            "The case the action belongs to: a case discussed at that meeting.",
        ),
        "agency": (AGENCY, "The agency that owns the action."),
        "completed_date": (
            DATE,
            "The day it was signed off; blank: outstanding. Not before the meeting, "
            "not in the future.",
        ),
    },
    ImportKind.ATTENDANCE: {
        "meeting_date": (DATE, "The meeting; not in the future."),
        "agency": (AGENCY, "The agency; one row per agency per meeting."),
        "status": ("One of the values listed", "How the agency took part."),
    },
}

# Values the importer takes from its own choices, per column.
_FIXED_VALUES = {
    "referral_basis": ReferralBasis.choices,
    "status": AttendanceStatus.choices,
}


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    format: str
    meaning: str
    values: tuple = ()  # (value, description) pairs the column accepts, when it is a list


def guide(kind: str, reference: dict | None = None) -> list[Column]:
    """The columns of `kind` in file order, with the values each accepts.

    `reference`: the values that are data, by column name (statuses, wards, agencies).
    """
    reference = reference or {}
    return [
        Column(
            name,
            required,
            *COLUMN_GUIDE[kind][name],
            tuple(_FIXED_VALUES.get(name, ()) or reference.get(name, ())),
        )
        for name, required in COLUMNS[kind].items()
    ]


def template_csv(kind: str) -> str:
    """A CSV holding only the header row of `kind`, ready to fill in."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(list(COLUMNS[kind]))
    return buffer.getvalue()
