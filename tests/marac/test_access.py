"""Who may open which MARAC page: case-level data and uploads for the coordinator (and
administrators) only; partners the suppressed dashboard and the circulation report."""

import pytest
from django.urls import reverse

from marac.models import CaseAccessLog, Report
from sscp import roles

PARTNERS = {roles.BOARD_MEMBER, roles.COMMITTEE_OFFICER, roles.ANALYST}
COORDINATOR = {roles.MARAC_COORDINATOR, roles.ADMINISTRATOR}

MATRIX = [
    ("marac:dashboard", {}, PARTNERS | COORDINATOR),
    ("marac:dashboard_csv", {}, PARTNERS | COORDINATOR),
    ("marac:report_list", {}, PARTNERS | COORDINATOR),
    ("marac:case_list", {}, COORDINATOR),
    ("marac:upload", {}, COORDINATOR),
    ("marac:upload_template", {"kind": "discussions"}, COORDINATOR),
    ("marac:case_add", {}, COORDINATOR),
    ("marac:safelives_return", {"fmt": "csv"}, COORDINATOR),
    ("marac:report_edit", {"pk": "REPORT"}, COORDINATOR),
    ("marac:report_attach", {"pk": "REPORT"}, COORDINATOR),
    ("marac:report_detail", {"pk": "REPORT", "variant": "restricted"}, COORDINATOR),
    ("marac:report_detail", {"pk": "REPORT", "variant": "circulation"}, PARTNERS | COORDINATOR),
]


@pytest.fixture
def issued_report(reference, marac_coordinator):
    import datetime

    from django.utils import timezone

    return Report.objects.create(
        start=datetime.date(2017, 4, 1),
        end=datetime.date(2018, 3, 31),
        title="Annual report",
        issued_at=timezone.now(),
    )


@pytest.mark.parametrize("role", roles.ROLES)
@pytest.mark.parametrize(("name", "kwargs", "allowed"), MATRIX)
def test_each_role_reaches_only_its_marac_pages(
    client, user_with_role, issued_report, role, name, kwargs, allowed
):
    kwargs = {k: (issued_report.pk if v == "REPORT" else v) for k, v in kwargs.items()}
    client.force_login(user_with_role(role))
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == (200 if role in allowed else 403), (name, role)


def test_a_board_member_gets_403_on_the_case_list_and_nothing_is_logged(client, board_member):
    client.force_login(board_member)
    assert client.get(reverse("marac:case_list")).status_code == 403
    assert not CaseAccessLog.objects.exists()


def test_every_view_of_case_level_data_is_logged(client, reference, marac_coordinator):
    client.force_login(marac_coordinator)
    client.get(reverse("marac:case_list"), {"start": "2017-04-01", "end": "2018-03-31"})
    client.get(reverse("marac:safelives_return", kwargs={"fmt": "csv"}))
    log = list(CaseAccessLog.objects.order_by("at").values_list("user__username", "what"))
    assert log[0] == ("test-marac", "case list 2017-04-01 to 2018-03-31, page 1")
    assert log[1][1].startswith("SafeLives return")


def test_a_draft_report_is_not_shown_to_partners(client, reference, board_member):
    import datetime

    draft = Report.objects.create(
        start=datetime.date(2017, 4, 1), end=datetime.date(2018, 3, 31), title="Draft"
    )
    client.force_login(board_member)
    url = reverse("marac:report_detail", kwargs={"pk": draft.pk, "variant": "circulation"})
    assert client.get(url).status_code == 404
    assert "Draft" not in client.get(reverse("marac:report_list")).content.decode()


def test_a_board_member_cannot_create_reports(client, board_member):
    client.force_login(board_member)
    response = client.post(
        reverse("marac:report_list"), {"start": "2017-04-01", "end": "2018-03-31", "title": "x"}
    )
    assert response.status_code == 403
    assert not Report.objects.exists()
