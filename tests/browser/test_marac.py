"""MARAC journeys: the coordinator uploads a file with an error, sees the row named, fixes it,
uploads it, issues the annual report (after its confirmation page), attaches it to an agenda item
and withdraws it with a reason; a board member sees
the dashboard with small numbers suppressed and is refused the case list."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from playwright.sync_api import expect

from marac.models import DefinitionVersion
from meetings.models import FrozenPaper, MeetingStatus
from tests.browser.conftest import assert_accessible
from tests.factories import AgendaItemFactory, MeetingFactory

HEADER = "meeting_date,victim_ref,perpetrator_ref,referral_date,referring_agency,referral_basis\n"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_coordinator_fixes_an_upload_then_issues_and_attaches_the_report(
    demo, live_server, page, login_as, tmp_path
):
    item = AgendaItemFactory(
        meeting=MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED),
        title="MARAC annual performance",
    )
    login_as(get_user_model().objects.get(username="marac"))
    bad = tmp_path / "april.csv"
    bad.write_text(HEADER + "2018-04-12,V-NEW-1,P-NEW-1,2018-04-02,Polise,visible_high_risk\n")
    page.goto(f"{live_server.url}/marac/upload/")
    page.get_by_label("Discussions").check()
    page.get_by_label("CSV or XLSX file").set_input_files(str(bad))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was imported")
    row = page.locator("#error-table tbody tr").first
    expect(row).to_contain_text("2")
    expect(row).to_contain_text("referring_agency")
    expect(row).to_contain_text("did you mean Merseyside Police?")
    assert_accessible(page)

    good = tmp_path / "april-fixed.csv"
    good.write_text(bad.read_text().replace("Polise", "Merseyside Police"))
    page.get_by_label("Discussions").check()
    page.get_by_label("CSV or XLSX file").set_input_files(str(good))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("alert")).to_contain_text("Imported 1 discussions row(s)")
    assert_accessible(page)

    page.goto(f"{live_server.url}/marac/reports/")
    page.get_by_label("From").fill("2017-04-01")
    page.get_by_label("To").fill("2018-03-31")
    page.get_by_label("Title").fill("Sefton MARAC Performance Report 2017/18")
    page.get_by_role("button", name="Create report").click()
    page.get_by_label("Commentary: MARAC referrals").fill("Sixty cases above the recommendation.")
    page.get_by_role("button", name="Save commentary").click()
    expect(page.get_by_role("alert")).to_contain_text("Commentary saved")
    assert_accessible(page)
    page.get_by_role("button", name="Issue report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Issue Sefton MARAC")
    expect(page.get_by_test_id("consequences")).to_contain_text("frozen as issued")
    assert_accessible(page)
    page.get_by_role("button", name="Issue report").click()
    expect(page.locator("#report-status")).to_contain_text("Issued")
    page.get_by_role("link", name="Attach to an agenda item").click()
    page.get_by_label("Agenda item").select_option(value=str(item.pk))
    assert_accessible(page)
    page.get_by_role("button", name="Attach to agenda").click()
    expect(page.get_by_role("alert")).to_contain_text("attached to the agenda item")
    assert FrozenPaper.objects.filter(agenda_item=item).count() == 1

    # A mistake found later: the report is withdrawn, kept, with the reason.
    page.get_by_role("link", name="Withdraw this report").click()
    expect(page.get_by_test_id("consequences")).to_contain_text("kept as issued")
    page.get_by_role("button", name="Withdraw report").click()  # no reason: refused, kept
    expect(page.locator(".govuk-error-summary")).to_contain_text("required")
    page.get_by_label("Reason").fill("Table 2 counted one referral twice.")
    assert_accessible(page)
    page.get_by_role("button", name="Withdraw report").click()
    expect(page.locator("#report-withdrawn")).to_contain_text("counted one referral twice")
    assert_accessible(page)

    page.goto(f"{live_server.url}/marac/cases/add/")
    expect(page.get_by_role("heading", name="Add a MARAC case")).to_be_visible()
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_board_member_sees_suppressed_figures_and_is_refused_the_case_list(
    demo, live_server, page, login_as
):
    login_as(get_user_model().objects.get(username="member"))
    page.goto(f"{live_server.url}/marac/?start=2017-04-01&end=2018-03-31")
    expect(page.get_by_role("heading", name="MARAC performance", exact=True)).to_be_visible()
    expect(page.locator("#suppression-note")).to_be_visible()
    disability = page.locator("#benchmarks tr", has_text="Victims with a disability")
    expect(disability).to_contain_text("<5")
    expect(page.locator("#table-diversity")).to_contain_text("<5")
    page.locator(".app-chart").first.scroll_into_view_if_needed()  # drawn when in view
    expect(page.locator(".app-chart .main-svg").first).to_be_attached()
    # Each section says which definition applied, behind a details summary.
    definition = page.locator("#definitions-repeat")
    expect(definition.locator(".govuk-details__text")).to_be_hidden()
    definition.get_by_text("Definition: Repeat and returning cases, version 1").click()
    expect(definition).to_contain_text("Monitoring period: 12 calendar months.")
    assert_accessible(page)
    response = page.goto(f"{live_server.url}/marac/cases/")
    assert response.status == 403
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.skipif(
    connection.vendor == "postgresql", reason="PostgreSQL refuses overlapping versions"
)
@pytest.mark.django_db(transaction=True)
def test_overlapping_definition_versions_are_named_to_a_board_member(
    demo, live_server, page, login_as
):
    # Written around validation: the demo's version 1 of "repeat" has no end date.
    DefinitionVersion.objects.bulk_create(
        [
            DefinitionVersion(
                key="repeat",
                version="2",
                text="Reworded.",
                parameter=6,
                valid_from=datetime.date(2018, 1, 1),
            )
        ]
    )
    login_as(get_user_model().objects.get(username="member"))
    response = page.goto(f"{live_server.url}/marac/?start=2017-04-01&end=2018-03-31")
    assert response.status == 409
    expect(page.get_by_role("alert")).to_contain_text(
        "version 2, from 1 January 2018 with no end date"
    )
    expect(page.get_by_role("alert")).to_contain_text("Repeat and returning cases")
    assert_accessible(page)
