"""The definitions that govern the MARAC figures, and which version of each applied to a period.

Definitions change over time (SafeLives has reworded "repeat"), so their wording is data:
`DefinitionVersion` rows with the dates each version applied. This module names the
definitions (one per report section, or several) and holds the wording of the rules this code
implements (the spec's), printed when no version is recorded for a period. Pure: no Django.
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Definition:
    key: str
    section: str  # the report section whose figures it governs
    title: str
    text: str  # the rules as `marac.figures` implements them (the spec's wording)


DEFINITIONS = (
    Definition(
        "expected_volume",
        "referrals",
        "Cases discussed and expected volume",
        "Cases are discussions at MARAC meetings held in the period. SafeLives expects 40 "
        "cases a year per 10,000 adult (16+) women, pro rata to the period's length in days "
        "/ 365.",
    ),
    Definition(
        "repeat",
        "repeat",
        "Repeat and returning cases",
        "A discussion opens a 12-month monitoring period (meeting date + 12 calendar months, "
        "inclusive), restarted by each discussion. A later discussion whose trigger date "
        "(referral date, or meeting date when blank) falls inside the open monitoring period "
        "is a repeat when the person causing harm is the same as at the previous discussion "
        "(a blank reference counts as the same) and a new perpetrator case when it differs. "
        "After the monitoring period has ended the case is returning, with the same or a "
        "different perpetrator, and is not a repeat. Repeat rate = repeats / cases discussed.",
    ),
    Definition(
        "professional_judgement",
        "professional_judgement",
        "Professional judgement",
        "Cases referred on the professional judgement of the referrer, rather than on the risk "
        "tool threshold (DASH 14+ ticks, police MERIT New Gold), potential escalation or "
        "transfer from another MARAC.",
    ),
    Definition(
        "police_referrals",
        "agencies",
        "Referrals per agency",
        "A referral counts for the agency that made it; police referrals are those from an "
        "agency in the police group. Police share = police referrals / cases discussed.",
    ),
    Definition(
        "children",
        "children",
        "Children and pregnancies",
        "Children: the number of children in the victim's household, summed over cases. "
        "Pregnancies: cases where the victim is recorded as pregnant.",
    ),
    Definition(
        "diversity",
        "diversity",
        "Diversity",
        "BAME: any recorded ethnicity other than White British. LGBT and disability: recorded "
        "as yes (unknown counts as no). Male: victim recorded as M. Aged 16-17: victim's age "
        "at referral. Shares are of all cases discussed.",
    ),
    Definition(
        "attendance",
        "attendance",
        "Agency attendance",
        "An agency attends a meeting when it is present; written feedback sent instead is "
        "shown beside attendance but is not attendance. Meetings held: meetings with cases or "
        "attendance records in the period.",
    ),
    Definition(
        "action_timeliness",
        "actions",
        "Action timeliness",
        "Each action agreed at a meeting in the period is in the first bucket that applies: "
        "within timescale (completed within 10 working days of the meeting), within 1, 2, 3 "
        "or 4 months (completed on or before the meeting date + that many calendar months), "
        "over 4 months, or outstanding (not completed by the report's end date).",
    ),
    Definition(
        "working_days",
        "timeliness",
        "Working days and time to MARAC",
        "Working days are Monday to Friday except bank holidays in England and Wales; the "
        "working days from a to b are those after a up to and including b. Incident to "
        "referral, referral to MARAC and incident to MARAC are averaged over cases with both "
        "dates; incident to MARAC should take at most 30 working days (6 weeks).",
    ),
    Definition(
        "wards",
        "wards",
        "Cases by ward and locality",
        "The electoral ward recorded for the case, and its locality in the area register.",
    ),
    Definition(
        "idva_engagement",
        "idva",
        "IDVA engagement",
        "The case's IDVA status at the time of the meeting; later changes are not counted.",
    ),
    Definition(
        "swaca_engagement",
        "swaca",
        "SWACA engagement",
        "The case's SWACA status at the time of the meeting. Eligible: statuses counting as "
        "open to SWACA or as eligible but not open; the share is open / eligible cases.",
    ),
)
BY_KEY = {definition.key: definition for definition in DEFINITIONS}
KEY_CHOICES = [(definition.key, definition.title) for definition in DEFINITIONS]


@dataclass(frozen=True)
class AppliedVersion:
    """One version of a definition as a report prints it."""

    key: str
    title: str
    text: str
    version: str  # "" for the built-in wording
    source: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None

    @property
    def recorded(self) -> bool:
        return bool(self.version)


def versions_for_period(versions, start: datetime.date, end: datetime.date) -> dict:
    """Per report section, the versions of its definitions that applied in [start, end].

    `versions` are the recorded versions (objects or dicts with key, text, version, source,
    valid_from, valid_to). A definition reworded during the period has several versions, each
    shown with its dates; one with no version recorded for the period gets the built-in
    wording (the rules the figures implement).
    """
    applied: dict[str, list[AppliedVersion]] = {}
    for version in versions:
        row = version if isinstance(version, dict) else vars(version)
        definition = BY_KEY.get(row["key"])
        if definition is None:
            continue
        if row["valid_from"] > end or (row["valid_to"] and row["valid_to"] < start):
            continue
        applied.setdefault(definition.key, []).append(
            AppliedVersion(
                definition.key,
                definition.title,
                row["text"],
                row["version"],
                row.get("source", ""),
                row["valid_from"],
                row["valid_to"],
            )
        )
    by_section: dict[str, list[list[AppliedVersion]]] = {}
    for definition in DEFINITIONS:
        found = sorted(applied.get(definition.key, []), key=lambda v: v.valid_from)
        found = found or [
            AppliedVersion(definition.key, definition.title, definition.text, "", "", None, None)
        ]
        by_section.setdefault(definition.section, []).append(found)
    return by_section
