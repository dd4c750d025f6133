"""Issuing a MARAC report cannot be undone: its URL answers GET with a confirmation page saying
what will happen, and only the POST from that page issues (the GOV.UK pattern)."""

import datetime

import pytest
from django.urls import reverse

from marac.models import Report

START, END = datetime.date(2017, 4, 1), datetime.date(2018, 3, 31)


@pytest.fixture
def report(small_marac):
    return Report.objects.create(start=START, end=END, title="MARAC report 2017/18")


def _url(report):
    return reverse("marac:report_issue", kwargs={"pk": report.pk})


def test_the_issue_page_says_what_will_happen_and_issues_nothing(client, report, marac_coordinator):
    client.force_login(marac_coordinator)
    page = client.get(_url(report))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Issue MARAC report 2017/18?" in text
    assert "frozen as issued" in text and "no longer change" in text
    assert "can read the circulation report" in text
    assert 'type="submit"' in text and "Issue report" in text
    report.refresh_from_db()
    assert report.issued_at is None and report.issued_content is None


def test_the_edit_page_links_to_the_confirmation_not_a_one_click_form(
    client, report, marac_coordinator
):
    client.force_login(marac_coordinator)
    text = client.get(reverse("marac:report_edit", kwargs={"pk": report.pk})).content.decode()
    assert f'href="{_url(report)}"' in text
    assert f'action="{_url(report)}"' not in text


def test_posting_from_the_confirmation_page_issues(client, report, marac_coordinator):
    client.force_login(marac_coordinator)
    response = client.post(_url(report))
    assert response.status_code == 302
    assert response["Location"] == reverse("marac:report_edit", kwargs={"pk": report.pk})
    report.refresh_from_db()
    assert report.issued_at is not None and report.issued_content is not None


@pytest.mark.parametrize("role", ["board_member", "analyst"])
def test_a_board_member_or_analyst_is_refused(client, report, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(_url(report)).status_code == 403
    assert client.post(_url(report)).status_code == 403
    report.refresh_from_db()
    assert report.issued_at is None
