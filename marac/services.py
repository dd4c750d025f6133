"""Writes: reports, their commentary and issue, attaching to an agenda, the case access log."""

from django.db import transaction
from django.utils import timezone

from marac.models import CaseAccessLog, Report
from marac.report import SECTION_TITLES


def case_access_log(*, user, what: str) -> CaseAccessLog:
    """Record that `user` saw case-level records: who, when and what, for audit."""
    return CaseAccessLog.objects.create(user=user, what=what[:300])


def report_create(*, start, end, title: str, user) -> Report:
    return Report.objects.create(start=start, end=end, title=title.strip(), created_by=user)


def report_commentary_update(*, report: Report, commentary: dict, user) -> Report:
    """Commentary can change until the report is issued; issued reports stay as partners saw."""
    if report.issued_at:
        raise ValueError("This report has been issued: its commentary can no longer change.")
    report.commentary = {
        key: text.strip() for key, text in commentary.items() if key in SECTION_TITLES
    }
    report.save(update_fields=["commentary"])
    return report


@transaction.atomic
def report_issue(*, report: Report, user) -> Report:
    if not report.issued_at:
        report.issued_at = timezone.now()
        report.issued_by = user
        report.save(update_fields=["issued_at", "issued_by"])
    return report


def report_attach(*, report: Report, agenda_item, html: str, user):
    """Attach the circulation (suppressed) report to an agenda item through the meetings API."""
    from meetings.services import frozen_paper_attach

    return frozen_paper_attach(
        agenda_item=agenda_item,
        title=report.title,
        kind="report",
        html=html,
        data_as_at=f"MARAC records {report.start:%-d %B %Y} to {report.end:%-d %B %Y}",
        source="MARAC performance (circulation version, small numbers suppressed)",
        user=user,
    )
