"""An issued MARAC report is withdrawn, never deleted: it is kept as issued, marked withdrawn
with a reason, pointing to the report that replaces it, and no longer offered as current."""

import datetime

import pytest
from django.urls import reverse

from marac import services
from marac.models import Report
from meetings.models import FrozenPaper, MeetingStatus
from tests.factories import AgendaItemFactory, MeetingFactory

START, END = datetime.date(2017, 4, 1), datetime.date(2018, 3, 31)
REASON = "Table 2 counted one referral twice."


@pytest.fixture
def issued(small_marac, marac_coordinator):
    report = Report.objects.create(start=START, end=END, title="MARAC report 2017/18")
    return services.report_issue(report=report, user=marac_coordinator)


@pytest.fixture
def corrected(issued, marac_coordinator):
    report = Report.objects.create(start=START, end=END, title="MARAC report 2017/18 (revised)")
    return services.report_issue(report=report, user=marac_coordinator)


def _url(report, name="marac:report_withdraw"):
    return reverse(name, kwargs={"pk": report.pk})


def test_the_page_says_what_will_happen_and_offers_the_later_report(
    client, marac_coordinator, issued, corrected
):
    client.force_login(marac_coordinator)
    page = client.get(_url(issued))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Withdraw MARAC report 2017/18?" in text and "kept as issued" in text
    assert f'<option value="{corrected.pk}" selected>' in text
    issued.refresh_from_db()
    assert issued.withdrawn_at is None


def test_withdrawing_keeps_the_report_marked_with_reason_and_replacement(
    client, marac_coordinator, issued, corrected
):
    client.force_login(marac_coordinator)
    stored = issued.issued_content
    response = client.post(_url(issued), {"reason": REASON, "replaced_by": corrected.pk})
    assert response.status_code == 302
    issued.refresh_from_db()
    assert issued.withdrawn_at is not None and issued.withdrawn_by == marac_coordinator
    assert issued.withdrawn_reason == REASON and issued.replaced_by == corrected
    assert issued.issued_content == stored

    for url in (_url(issued, "marac:report_edit"), reverse("marac:report_list")):
        text = client.get(url).content.decode()
        assert "Withdrawn" in text and corrected.title in text
    detail = reverse("marac:report_detail", kwargs={"pk": issued.pk, "variant": "circulation"})
    text = client.get(detail).content.decode()
    assert 'id="report-withdrawn"' in text and REASON in text
    assert reverse("marac:report_detail", kwargs={"pk": corrected.pk, "variant": "circulation"})


def test_a_board_member_reads_it_as_withdrawn_and_the_list_puts_it_last(
    client, board_member, issued, corrected, marac_coordinator
):
    services.report_withdraw(
        report=issued, user=marac_coordinator, reason=REASON, replaced_by=corrected
    )
    client.force_login(board_member)
    text = client.get(reverse("marac:report_list")).content.decode()
    assert text.index(corrected.title) < text.index("Withdrawn")
    detail = reverse("marac:report_detail", kwargs={"pk": issued.pk, "variant": "circulation"})
    assert REASON in client.get(detail).content.decode()


def test_the_reason_is_required_and_nothing_typed_is_lost(
    client, marac_coordinator, issued, corrected
):
    client.force_login(marac_coordinator)
    response = client.post(_url(issued), {"reason": "  ", "replaced_by": corrected.pk})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert f'<option value="{corrected.pk}" selected>' in response.content.decode()
    issued.refresh_from_db()
    assert issued.withdrawn_at is None


@pytest.mark.parametrize("role", ["board_member", "analyst"])
def test_a_board_member_or_analyst_is_refused(client, issued, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(_url(issued)).status_code == 403
    assert client.post(_url(issued), {"reason": REASON}).status_code == 403
    issued.refresh_from_db()
    assert issued.withdrawn_at is None


def test_a_draft_or_withdrawn_report_cannot_be_withdrawn(client, marac_coordinator, issued):
    client.force_login(marac_coordinator)
    draft = Report.objects.create(start=START, end=END, title="Draft")
    assert client.post(_url(draft), {"reason": REASON}).status_code == 302
    draft.refresh_from_db()
    assert draft.withdrawn_at is None
    services.report_withdraw(report=issued, user=marac_coordinator, reason=REASON, replaced_by=None)
    page = client.get(_url(issued, "marac:report_edit")).content.decode()
    assert "No replacement has been issued yet" in page
    assert _url(issued) not in page


def test_a_withdrawn_report_is_not_offered_to_attach_or_as_a_replacement(
    client, marac_coordinator, issued, corrected
):
    services.report_withdraw(report=issued, user=marac_coordinator, reason=REASON, replaced_by=None)
    item = AgendaItemFactory(meeting=MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED))
    client.force_login(marac_coordinator)
    response = client.post(
        _url(issued, "marac:report_attach"), {"agenda_item": item.pk}, follow=True
    )
    assert "was withdrawn: attach the report that replaces it" in response.content.decode()
    assert not FrozenPaper.objects.filter(agenda_item=item).exists()
    text = client.get(_url(corrected)).content.decode()
    assert f'<option value="{issued.pk}"' not in text
