"""The SafeLives return (one row per meeting) and the safe writing of spreadsheets."""

import io

from marac.figures import figures_per_meeting
from marac.selectors import definition_parameters, marac_frames
from sscp.spreadsheets import neutralise

# Column heading, figure key: the counts SafeLives collects for each meeting.
SAFELIVES_COLUMNS = [
    ("Cases discussed", "cases_discussed"),
    ("Repeat cases", "repeat"),
    ("Referrals from police", "police_referrals"),
    ("Professional judgement referrals", "professional_judgement"),
    ("Children in household", "children"),
    ("Pregnancies", "pregnancies"),
    ("Male victims", "male"),
    ("BAME victims", "bame"),
    ("LGBT victims", "lgbt"),
    ("Victims with a disability", "disability"),
    ("Victims aged 16-17", "victims_16_17"),
    ("Perpetrators under 18", "perpetrators_under_18"),
    ("Actions agreed", "actions_total"),
]


def safelives_rows(start, end) -> tuple[list[str], list[list]]:
    """One row per meeting in the period with that meeting's counts (exact: coordinator only)."""
    frames = marac_frames(start, end)
    header = ["Meeting date", *(heading for heading, _ in SAFELIVES_COLUMNS)]
    months = definition_parameters(end).get("monitoring_months", ())
    meetings = figures_per_meeting(
        frames.discussions, frames.actions, start=start, end=end, monitoring_months=months
    )
    rows = [
        [row["meeting_date"].isoformat(), *(row[key] for _, key in SAFELIVES_COLUMNS)]
        for row in meetings
    ]
    return header, rows


def xlsx_bytes(header, rows) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "SafeLives return"
    sheet.append(header)
    for row in rows:
        sheet.append([neutralise(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
