"""Issue 10 item 6: MARAC dates and periods stay inside the app's stated range and span
(sscp.dates); out of range, too long or absurd is a message, never a 500 or a long run."""

import pytest
from django.urls import reverse

from marac.imports import import_marac
from marac.models import Discussion, MaracMeeting, Report
from tests.marac.test_views import _case

pytestmark = pytest.mark.django_db

REFUSED = [
    (
        {"start": "0001-01-01", "end": "9999-12-31"},
        "From: Enter a date between 1 January 1990 and 31 December 2099: "
        "1 January 1 is outside it.",
    ),
    (
        {"start": "1900-01-01", "end": "2100-12-31"},
        "To: Enter a date between 1 January 1990 and 31 December 2099: "
        "31 December 2100 is outside it.",
    ),
    (
        {"start": "2010-04-01", "end": "2018-03-31"},
        "A period can be at most 5 years long: from 1 April 2010 it can end on 31 March 2015 "
        "at the latest.",
    ),
    ({"start": "2018-04-01", "end": "2017-03-31"}, "The end of the period must be after"),
    ({"start": "2018-04-01"}, "This field is required."),
    ({"start": "2018-04-01", "end": "99999999999999999999-01-01"}, "Enter a valid date."),
]


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("marac:dashboard", {}),
        ("marac:dashboard_csv", {}),
        ("marac:case_list", {}),
        ("marac:safelives_return", {"fmt": "csv"}),
        ("marac:safelives_return", {"fmt": "xlsx"}),
    ],
)
@pytest.mark.parametrize(("query", "message"), REFUSED)
def test_a_period_out_of_range_or_too_long_is_refused_with_its_reason(
    client, reference, marac_coordinator, name, kwargs, query, message
):
    client.force_login(marac_coordinator)

    response = client.get(reverse(name, kwargs=kwargs), query)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert message in page
    assert "This period cannot be shown" in page
    # What was typed stays in the form; no other period is shown in its place.
    assert f'value="{query["start"]}"' in page
    assert "to 31 March" not in page


def test_the_longest_period_is_shown(client, reference, marac_coordinator):
    client.force_login(marac_coordinator)

    response = client.get(reverse("marac:dashboard"), {"start": "2013-04-01", "end": "2018-03-31"})

    assert response.status_code == 200
    assert "1 April 2013 to 31 March 2018" in response.content.decode()


def test_the_period_form_is_still_for_the_role_only(client, reference, board_member):
    client.force_login(board_member)

    response = client.get(reverse("marac:case_list"), {"start": "0001-01-01", "end": "9999-12-31"})

    assert response.status_code == 403


def test_a_report_period_out_of_range_or_too_long_is_a_form_error(
    client, reference, marac_coordinator
):
    client.force_login(marac_coordinator)
    url = reverse("marac:report_list")

    wide = client.post(url, {"start": "2001-04-01", "end": "2018-03-31", "title": "All"})
    ancient = client.post(url, {"start": "0001-01-01", "end": "2018-03-31", "title": "Old"})

    assert "A period can be at most 5 years long" in wide.content.decode()
    assert "Enter a date between 1 January 1990 and 31 December 2099" in ancient.content.decode()
    assert not Report.objects.exists()


@pytest.mark.parametrize("field", ["meeting_date", "referral_date", "incident_date"])
def test_a_case_dated_outside_the_range_is_a_form_error(
    client, reference, marac_coordinator, field
):
    client.force_login(marac_coordinator)

    response = client.post(reverse("marac:case_add"), _case(**{field: "0001-01-01"}))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [
        "Enter a date between 1 January 1990 and 31 December 2099: 1 January 1 is outside it."
    ]
    assert not Discussion.objects.exists()
    assert not MaracMeeting.objects.exists()


def test_an_import_dated_outside_the_range_names_the_row(reference):
    header = "meeting_date,victim_ref,referral_date,referring_agency,referral_basis\n"
    result = import_marac(
        "discussions", (header + "0001-01-01,V-1,,Police,visible_high_risk\n").encode()
    )

    assert not result.ok
    assert [(e.line, e.column, e.reason) for e in result.errors] == [
        (
            2,
            "meeting_date",
            "not between 1 January 1990 and 31 December 2099, the dates the app accepts",
        )
    ]
    assert not MaracMeeting.objects.exists()
