"""The demo MARAC (Sefton, April 2016 - March 2018), loaded through the real importers.

Going through `import_marac` means the demo exercises the same checks as a coordinator's
upload. Running it twice changes nothing: reference rows are written only where they differ
(`sscp.demo.upsert`) and a demo file already imported is not imported (nor recorded) again; a
coordinator's re-import of a file is still imported and recorded.
"""

import datetime
import hashlib

from django.db import transaction
from django.utils import timezone

from marac import definitions
from marac.demo import data as demo_data
from marac.figures import ACTION_COLUMNS, ATTENDANCE_COLUMNS
from marac.imports import COLUMNS, import_marac, table_bytes
from marac.models import (
    Benchmark,
    CoreAgency,
    DefinitionVersion,
    IdvaStatus,
    ImportKind,
    MaracImport,
    Population,
    Rag,
    Report,
    ReviewAction,
    SwacaStatus,
)
from marac.services import report_issue
from sscp.demo import upsert
from sscp.models import Organisation

# "In Sefton, this equates to a recommendation of 480 cases" (seed report): 40 per 10,000
# adult women gives 120,000 women aged 16+.
SEFTON_ADULT_WOMEN = 120_000
_FROM = datetime.date(2010, 1, 1)
_NATIONAL = "SafeLives Marac data, 12 months to 30/09/2024"

# figure, label, low, high, national value, national note, source, denominator
BENCHMARKS = [
    (
        "cases_per_10000_women",
        "Cases per year per 10,000 adult women",
        40,
        None,
        47,
        "",
        "SafeLives recommendation",
        "adult (16+) female population",
    ),
    ("repeat_rate", "Repeat rate", 0.28, 0.40, 0.31, "", "Local reports", "cases discussed"),
    (
        "police_share",
        "Referrals from the police",
        0.60,
        0.75,
        0.64,
        "about 64% (36.1% from partner agencies)",
        "Local reports",
        "cases discussed",
    ),
    (
        "bame_share",
        "Black, Asian and minority ethnic victims",
        0.08,
        None,
        0.141,
        "",
        "In line with the local BAME population; older guidance about 8%",
        "cases discussed",
    ),
    ("lgbt_share", "LGBT victims", 0.025, 0.05, 0.016, "", "Local reports", "cases discussed"),
    (
        "disability_share",
        "Victims with a disability",
        0.16,
        0.19,
        0.101,
        "",
        "Local reports",
        "cases discussed",
    ),
    ("male_share", "Male victims", 0.05, 0.10, 0.064, "", "Local reports", "cases discussed"),
    (
        "avg_wd_incident_to_marac",
        "Working days from incident to MARAC",
        None,
        30,
        None,
        "",
        "Local reports (SafeLives: 6 weeks at most)",
        "cases with an incident date",
    ),
]

# Version 1 of every definition: the rules the figures implement (with the spec's parameters),
# in force for the demo's years.
DEFINITIONS = [
    (d.key, d.text, d.parameter.default if d.parameter else None) for d in definitions.DEFINITIONS
]

REVIEW_PLAN = [
    (
        "Process",
        "There is clear identification of the partner agencies represented at the meetings",
        "Name plates to be created for each MARAC agency for identification at each meeting",
        "MARAC Coordinator",
        "Completed: name plates are distributed at the meeting",
        "July 2017",
        Rag.GREEN,
    ),
    (
        "Process",
        "Clear processes are in place for partners to engage with MARAC effectively",
        "MARAC Operating Protocol to be developed and circulated to all partners",
        "MARAC Coordinator",
        "Completed: launched at the refresher workshop on 10/11/17",
        "October 2017",
        Rag.GREEN,
    ),
    (
        "Partnership",
        "Partners evidence that information is cascaded through their agencies",
        "Second stage review of partners' policies and procedures for attending MARAC",
        "MARAC Executive Group",
        "Linked to the MARAC performance framework; audit from April 2018",
        "January 2018",
        Rag.AMBER,
    ),
    (
        "Partnership",
        "Level of non-police referrals into MARAC to be increased",
        "Use the domestic violence strategy and training to raise awareness of MARAC",
        "Domestic Abuse Executive Group",
        "Ongoing: referrals from Southport and Ormskirk have increased",
        "Ongoing",
        Rag.AMBER,
    ),
    (
        "Performance / Outcomes",
        "MARAC outcomes are clearly identified and recorded",
        "Performance Management Framework to evidence performance and positive outcomes",
        "Strategic Area Manager",
        "Completed: signed off by the MARAC Executive Group",
        "July 2017",
        Rag.GREEN,
    ),
]

COMMENTARY = {
    "referrals": "Sefton discussed more cases than SafeLives recommends, by 60 over the year. "
    "Few cases are referred on professional judgement, so the volume is likely to be right "
    "for Sefton at this time.",
    "repeat": "The repeat rate rose from 19% in 2016/17 but remains below the recommended "
    "28-40%; it excludes cases that return after being closed.",
    "swaca": "Of the 540 cases discussed, 505 were eligible for support from SWACA. At the time "
    "of the MARAC meetings 117 cases were open to SWACA, which equates to 23% of cases.",
    # The seed's Table 12 comments and its non-core table's notes, per agency.
    "attendance_comments": {
        "Merseyside Police": "CR chaired 31/8/17. Written information was provided prior to "
        "meeting",
        "Sefton Council IDVA Team": "IDVA not present 01/2/18. Written feedback provided to "
        "MARAC Coordinator",
        "Southport and Ormskirk Hospital NHS Trust": "Only one meeting missed in April 17",
        "One Vision Housing": "No meetings missed since May 17",
        "Merseyside Community Rehabilitation Company": "Written feedback was supplied for 3 "
        "meetings. 2 meetings were not attended as no cases were known.",
        "Sefton Council Adult Social Care": "Adult Social Care only attend for the first 2 hours "
        "of each meeting",
        "North West Boroughs Healthcare NHS Foundation Trust": "NWBH took over from LCH in June "
        "17. Due to capacity issues it was agreed that they could provide written feedback for "
        "the meetings from July to September 2017",
        "National Probation Service": "NPS only attend meetings for cases currently open to "
        "themselves. For 2 meetings, written feedback was supplied. 6 meetings were not "
        "attended as no cases were known.",
        "Mersey Care NHS Foundation Trust": "For 4 meetings, written feedback was provided "
        "before the meeting took place.",
        "Sefton Attendance and Welfare Service": "Apologies sent / written feedback provided "
        "for each absent meeting",
        "Sefton Children's Centres": "Apologies sent for meetings, written feedback provided "
        "on any known cases.",
        "Rape and Sexual Abuse Support Centre Merseyside": "Apologies sent for meetings, "
        "written feedback provided on any known cases.",
        "Aintree University Hospital NHS Foundation Trust": "Due to capacity issues from "
        "October 17 Aintree have provided written feedback in place of attending the meetings. "
        "Aintree do attend to present any cases that they have referred into the meeting.",
        "PSS Ruby Project": "Only signed up to Sefton MARAC in September 17",
        "Adactus Housing": "Any known cases are discussed 1st to allow rep to leave afterwards",
        "Excel Housing": "Any known cases are discussed 1st to allow rep to leave afterwards",
        "PSS Women's Turnaround": "Only signed up to Sefton MARAC in September 17",
        "Liverpool Women's Hospital": "Due to capacity issues LWH provides written feedback "
        "only to MARAC. This has been provided for 23 out of the 25 meetings in 2017/18.",
        "Sefton Youth Offending Team": "Only attend if there are any cases currently open to "
        "YOT. Written feedback in relation to closed cases has been provided for 11 out of 25 "
        "meetings.",
    },
}


@transaction.atomic
def load_demo() -> None:
    """Idempotent: reference lists are upserted and the importers update existing records."""
    _load_reference_lists()
    _load_framework()
    _load_review_plan()
    report, _ = Report.objects.get_or_create(
        title="Sefton MARAC Performance Report April 2017 - March 2018",
        defaults={
            "start": demo_data.YEAR_START,
            "end": demo_data.YEAR_END,
            "commentary": COMMENTARY,
            "issued_at": timezone.make_aware(datetime.datetime(2018, 5, 1, 9, 0)),
        },
    )
    _import_demo_files()
    # Issued in 2018, stored as the records now stand (the first run; later runs change nothing).
    report = report_issue(report=report, user=None)
    from marac.demo.papers import attach_marac_report

    attach_marac_report(report)


def _load_reference_lists() -> None:
    """Agencies, IDVA and SWACA statuses, core agencies and the population."""
    for name, group in demo_data.AGENCY_GROUPS.items():
        Organisation.objects.get_or_create(name=name, defaults={"group": group})
    statuses = [*demo_data.IDVA_STATUSES, demo_data.NOT_REFERRED_TO_IDVA]
    for order, (code, label) in enumerate(statuses):
        upsert(
            IdvaStatus,
            code=code,
            defaults={
                "label": label,
                "order": order,
                "engagement": demo_data.idva_engagement(code),
            },
        )
    for order, (code, label, engagement) in enumerate(demo_data.SWACA_STATUSES):
        upsert(
            SwacaStatus,
            code=code,
            defaults={"label": label, "engagement": engagement, "order": order},
        )
    for order, name in enumerate(demo_data.ATTENDANCE_2017_18):
        upsert(
            CoreAgency, organisation=Organisation.objects.get(name=name), defaults={"order": order}
        )
    for year in (2016, 2017):
        upsert(
            Population,
            year=year,
            defaults={
                "adult_female_16_plus": SEFTON_ADULT_WOMEN,
                "source": "Derived from the report's 480 recommended cases a year",
            },
        )


def _load_framework() -> None:
    """The benchmarks and definition versions the demo report is read against."""
    for figure, label, low, high, national, note, source, denominator in BENCHMARKS:
        upsert(
            Benchmark,
            figure=figure,
            valid_from=_FROM,
            defaults={
                "label": label,
                "low": low,
                "high": high,
                "national_value": national,
                "national_note": note or ("" if national is None else _NATIONAL),
                "source": source,
                "denominator": denominator,
            },
        )
    for key, text, parameter in DEFINITIONS:
        upsert(
            DefinitionVersion,
            key=key,
            valid_from=_FROM,
            defaults={
                "text": text,
                "parameter": parameter,
                "version": "1",
                "source": "the partnership's MARAC performance framework",
            },
        )


def _load_review_plan() -> None:
    if not ReviewAction.objects.exists():
        ReviewAction.objects.bulk_create(
            ReviewAction(
                section=section,
                priority=priority,
                action=action,
                owner=owner,
                progress=progress,
                deadline=deadline,
                rag=rag,
                order=order,
            )
            for order, (section, priority, action, owner, progress, deadline, rag) in enumerate(
                REVIEW_PLAN
            )
        )


def _import_demo_files() -> None:
    """The year's three files, through the importers (a file already in is skipped)."""
    data = demo_data.demo_data()
    files = [
        (ImportKind.DISCUSSIONS, data.discussions, list(COLUMNS[ImportKind.DISCUSSIONS])),
        (ImportKind.ACTIONS, data.actions, list(ACTION_COLUMNS)),
        (ImportKind.ATTENDANCE, data.attendance, list(ATTENDANCE_COLUMNS)),
    ]
    for kind, frame, columns in files:
        content = table_bytes(frame.to_dict("records"), columns)
        digest = hashlib.sha256(content).hexdigest()
        if MaracImport.objects.filter(kind=kind, sha256=digest, succeeded=True).exists():
            continue  # this very file is in: importing it again would only record it again
        result = import_marac(kind, content, filename=f"demo-{kind}.csv")
        if not result.ok:
            raise ValueError(f"demo {kind} do not import:\n{result.report()}")
