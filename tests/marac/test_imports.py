"""The importer: every kind of bad row named (line, column, value, reason), nothing stored
unless the whole file is clean, and re-import updates instead of duplicating."""

import datetime
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from marac.imports import import_marac
from marac.models import Action, Attendance, Discussion, MaracImport, MaracMeeting

HEADER = "meeting_date,victim_ref,perpetrator_ref,referral_date,referring_agency,referral_basis"
GOOD = [
    "2017-04-13,V-1,P-1,2017-04-03,POLICE,visible_high_risk",
    "2017-04-13,V-2,,2017-04-05,Merseyside Police,professional_judgement",
]


def csv(*lines, header=HEADER) -> bytes:
    return "\n".join([header, *lines]).encode()


def errors_of(result):
    return [(e.line, e.column, e.value) for e in result.errors]


def test_it_imports_a_clean_file_resolving_agency_aliases(reference):
    result = import_marac("discussions", csv(*GOOD))
    assert result.ok, result.report()
    assert Discussion.objects.count() == 2
    assert {d.referring_agency.name for d in Discussion.objects.all()} == {"Merseyside Police"}
    assert MaracImport.objects.get().succeeded


def test_it_updates_rather_than_duplicates_on_reimport(reference):
    import_marac("discussions", csv(*GOOD))
    changed = GOOD[0].replace("P-1", "P-9")
    result = import_marac("discussions", csv(changed, GOOD[1]))
    assert result.ok
    assert Discussion.objects.count() == 2
    assert Discussion.objects.get(victim_ref="V-1").perpetrator_ref == "P-9"
    assert MaracMeeting.objects.count() == 1


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        ("2099-01-01,V-3,P,,Police,visible_high_risk", "meeting_date", "in the future"),
        (
            "2017-04-13,V-3,P,2017-04-20,Police,visible_high_risk",
            "referral_date",
            "after its meeting",
        ),
        ("13/04/2017,V-3,P,,Police,visible_high_risk", "meeting_date", "not a date"),
        (
            "2017-04-13,V-3,P,,Polise,visible_high_risk",
            "referring_agency",
            "did you mean Merseyside Police",
        ),
        ("2017-04-13,V-3,P,,Police,hunch", "referral_basis", "must be one of"),
        ("2017-04-13,,P,,Police,visible_high_risk", "victim_ref", "required"),
    ],
)
def test_it_names_each_bad_row_and_stores_nothing(reference, row, column, reason):
    result = import_marac("discussions", csv(GOOD[0], row))
    assert not result.ok
    [error] = result.errors
    assert (error.line, error.column) == (3, column)
    assert reason in error.reason
    assert Discussion.objects.count() == 0
    assert not MaracImport.objects.get().succeeded
    assert MaracImport.objects.get().errors[0]["line"] == 3


def test_it_reports_unknown_idva_status_bad_yes_no_and_unknown_ward(reference):
    header = "meeting_date,victim_ref,referring_agency,referral_basis,idva_status,pregnant,ward"
    result = import_marac(
        "discussions",
        csv(
            "2017-04-13,V-1,Police,visible_high_risk,open_to_idva,maybe,Linacre",
            "2017-04-13,V-2,Police,visible_high_risk,Gone fishing,Y,Atlantis",
            header=header,
        ),
    )
    assert errors_of(result) == [
        (2, "pregnant", "maybe"),
        (3, "ward", "Atlantis"),
        (3, "idva_status", "Gone fishing"),
    ]
    assert "unknown IDVA status" in result.errors[2].reason
    assert Discussion.objects.count() == 0


def test_swaca_status_is_an_optional_column_checked_like_the_idva_status(reference):
    header = f"{HEADER},swaca_status"
    result = import_marac(
        "discussions",
        csv(
            GOOD[0] + ",open_to_swaca",
            GOOD[1] + ",NOT ELIGIBLE FOR SWACA SUPPORT",  # a label, any case
            "2017-04-13,V-3,,,Police,visible_high_risk,",  # blank: not recorded
            header=header,
        ),
    )
    assert result.ok, result.report()
    stored = dict(Discussion.objects.values_list("victim_ref", "swaca_status__code"))
    assert stored == {"V-1": "open_to_swaca", "V-2": "not_eligible", "V-3": None}
    assert Discussion.objects.get(victim_ref="V-1").swaca_status.engagement == "open"


def test_an_unknown_swaca_status_is_a_row_error_and_nothing_is_stored(reference):
    result = import_marac(
        "discussions",
        csv(GOOD[0] + ",open_to_swaca", GOOD[1] + ",Gone fishing", header=f"{HEADER},swaca_status"),
    )
    assert errors_of(result) == [(3, "swaca_status", "Gone fishing")]
    assert result.errors[0].reason == "unknown SWACA status"
    assert Discussion.objects.count() == 0


def test_a_file_without_the_swaca_column_still_imports(reference):
    # The spec's own columns only: the SWACA column is an extension, never required.
    assert import_marac("discussions", csv(*GOOD)).ok
    assert not Discussion.objects.filter(swaca_status__isnull=False).exists()


@pytest.mark.parametrize(
    "column", ["name", "surname", "address", "postcode", "dob", "date_of_birth", "nhs_number"]
)
def test_it_refuses_columns_that_look_like_personal_data(reference, column):
    result = import_marac("discussions", csv(GOOD[0] + ",x", header=f"{HEADER},{column}"))
    [error] = result.errors
    assert (error.line, error.column) == (0, column)
    assert "personal data" in error.reason
    assert Discussion.objects.count() == 0


def test_it_refuses_unknown_and_missing_columns(reference):
    result = import_marac("discussions", b"meeting_date,victim_reff\n2017-04-13,V-1\n")
    assert {(e.column, e.reason) for e in result.errors} >= {
        ("victim_reff", "unknown column for discussions"),
        ("victim_ref", "required column is missing"),
    }


def test_it_refuses_an_action_for_a_case_not_discussed_at_that_meeting(reference):
    import_marac("discussions", csv(*GOOD))
    result = import_marac(
        "actions",
        b"meeting_date,victim_ref,agency,completed_date\n"
        b"2017-04-13,V-1,Police,2017-04-20\n"
        b"2017-04-27,V-1,Police,\n",
    )
    assert errors_of(result) == [(3, "victim_ref", "V-1")]
    assert "no case V-1 was discussed at the meeting of 2017-04-27" in result.errors[0].reason
    assert Action.objects.count() == 0


def test_actions_and_attendance_reimport_without_duplicates(reference):
    import_marac("discussions", csv(*GOOD))
    actions = b"meeting_date,victim_ref,agency,completed_date\n2017-04-13,V-1,Police,2017-04-20\n2017-04-13,V-1,Police,\n"
    attendance = b"meeting_date,agency,status\n2017-04-13,Police,attended\n"
    for _ in range(2):
        assert import_marac("actions", actions).ok
        assert import_marac("attendance", attendance).ok
    assert Action.objects.count() == 2
    assert Attendance.objects.count() == 1
    bad = import_marac("attendance", b"meeting_date,agency,status\n2017-04-13,Police,snoozing\n")
    assert errors_of(bad) == [(2, "status", "snoozing")]


def test_it_reads_xlsx_with_the_same_columns(reference):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(
        [
            datetime.date(2017, 4, 13),
            "V-1",
            "P-1",
            datetime.date(2017, 4, 3),
            "Police",
            "visible_high_risk",
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_marac("discussions", buffer.getvalue(), filename="april.xlsx")
    assert result.ok, result.report()
    assert Discussion.objects.get().referral_date == datetime.date(2017, 4, 3)


def test_the_command_exits_non_zero_with_the_report_on_stderr(reference, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv("2017-04-13,V-1,P,,Nobody Agency,visible_high_risk"))
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_marac", "discussions", str(path), stderr=stderr)
    assert "line 2, column referring_agency ('Nobody Agency'): unknown agency" in stderr.getvalue()
    good = tmp_path / "good.csv"
    good.write_bytes(csv(*GOOD))
    stdout = io.StringIO()
    call_command("import_marac", "discussions", str(good), stdout=stdout)
    assert "Imported 2 discussions row(s)" in stdout.getvalue()


@pytest.mark.parametrize(
    "given", ["Linacre", "linacre", "E05000942", "e05000942", "Linacre (E05000942)"]
)
def test_a_ward_is_matched_by_name_by_code_or_as_the_case_form_shows_it(reference, given):
    from sscp.models import Area

    linacre = Area.objects.get(name="Linacre")
    assert linacre.code == "E05000942"
    header = "meeting_date,victim_ref,referring_agency,referral_basis,ward"
    result = import_marac(
        "discussions", csv(f'2017-04-13,V-1,Police,visible_high_risk,"{given}"', header=header)
    )
    assert result.ok, result.report()
    assert Discussion.objects.get().ward == linacre


@pytest.mark.parametrize("given", ["E05999999", "Ford (E05000942)", "Atlantis (E05000942)"])
def test_a_ward_code_unknown_or_not_matching_its_name_is_refused(reference, given):
    header = "meeting_date,victim_ref,referring_agency,referral_basis,ward"
    result = import_marac(
        "discussions", csv(f'2017-04-13,V-1,Police,visible_high_risk,"{given}"', header=header)
    )
    assert errors_of(result) == [(2, "ward", given)]
    assert "not a ward name or code" in result.errors[0].reason
