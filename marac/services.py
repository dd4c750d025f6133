"""Writes: reports, their commentary and issue, attaching to an agenda, the case access log."""

from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction
from django.utils import timezone

from marac import issued, selectors
from marac.models import CaseAccessLog, Report
from marac.report import ATTENDANCE_COMMENTS, COMMENTARY, clean_attendance_comments


def case_access_log(*, user, what: str) -> CaseAccessLog:
    """Record that `user` saw case-level records: who, when and what, for audit."""
    return CaseAccessLog.objects.create(user=user, what=what[:300])


def report_create(*, start, end, title: str, user) -> Report:
    return Report.objects.create(start=start, end=end, title=title.strip(), created_by=user)


def report_commentary_update(*, report: Report, commentary: dict, user) -> Report:
    """Commentary can change until the report is issued; issued reports stay as partners saw."""
    if report.issued_at:
        raise ValueError(
            "This report has been issued: its commentary can no longer change. To correct it, "
            "create a new report for the period."
        )
    stored = {key: text.strip() for key, text in commentary.items() if key in dict(COMMENTARY)}
    stored[ATTENDANCE_COMMENTS] = clean_attendance_comments(
        commentary.get(ATTENDANCE_COMMENTS) or {}
    )
    report.commentary = stored
    report.save(update_fields=["commentary"])
    return report


def report_issue(*, report: Report, user) -> Report:
    """Issue the report from one snapshot of the records.

    On PostgreSQL a READ COMMITTED transaction would read each table as it stands at each
    query, so an import committed while the report is worked out could be partly included.
    When not already inside a transaction, the issue runs in a REPEATABLE READ transaction:
    every query sees the records as they stood at its first one (the row lock). A coordinator
    issuing the same report at that moment makes the lock fail with a serialization error: the
    report has been issued by then, and is returned as it was stored.
    """
    if connection.in_atomic_block or connection.vendor != "postgresql":
        with transaction.atomic():
            return _issue(report=report, user=user)
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            return _issue(report=report, user=user)
    except OperationalError as error:
        cause = error.__cause__
        if getattr(cause, "pgcode", getattr(cause, "sqlstate", None)) != "40001":
            raise
        issued_now = Report.objects.get(pk=report.pk)
        if issued_now.issued_content is None:
            raise
        return issued_now


def _issue(*, report: Report, user) -> Report:
    """Issue the report: both variants, the definitions, the review action plan and the
    commentary are stored as they stand now and shown from then on, never worked out again.

    The row is locked, so two coordinators issuing at once store one content. A report marked
    issued before its content was stored (issued before this existed, or the demo's report of
    2018) keeps its issue date and issuer and is stored now. Otherwise issuing an issued report
    changes nothing.
    """
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.issued_content is not None:
        return report
    if report.withdrawn_at is not None:
        raise ValidationError(f"{report.title} was withdrawn: it cannot be issued again.")
    data_as_at = timezone.now()
    report.issued_at = report.issued_at or data_as_at
    report.issued_by = report.issued_by or user
    report.issued_content = issued.freeze(
        contents=selectors.report_contents(report.start, report.end),
        commentary=report.commentary,
        review_actions=selectors.review_action_rows(),
        data_as_at=data_as_at,
        issued_by=_name(report.issued_by),
    )
    report.save(update_fields=["issued_at", "issued_by", "issued_content"])
    return report


def report_replacement(report: Report) -> Report | None:
    """The report offered to replace a withdrawn one: the latest issued, not withdrawn report
    for the same period issued after it."""
    return (
        Report.objects.filter(
            start=report.start,
            end=report.end,
            issued_at__gt=report.issued_at,
            withdrawn_at__isnull=True,
        )
        .exclude(pk=report.pk)
        .order_by("-issued_at", "-pk")
        .first()
    )


def report_withdraw(*, report: Report, user, reason: str, replaced_by: Report | None) -> Report:
    """Withdraw an issued report: it is kept, as issued, marked withdrawn with the reason and
    the report replacing it, so a paper or minute citing it can still be followed."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.issued_at is None:
            raise ValidationError("Only an issued report can be withdrawn: a draft can change.")
        if report.withdrawn_at is not None:
            raise ValidationError(f"{report.title} was already withdrawn.")
        if not reason.strip():
            raise ValidationError({"reason": "Enter the reason the report is withdrawn."})
        if replaced_by is not None and (
            replaced_by.pk == report.pk
            or replaced_by.issued_at is None
            or replaced_by.withdrawn_at is not None
        ):
            raise ValidationError(
                {"replaced_by": "Choose an issued report that is not withdrawn to replace it."}
            )
        report.withdrawn_at = timezone.now()
        report.withdrawn_by = user
        report.withdrawn_reason = reason.strip()
        report.replaced_by = replaced_by
        report.save(
            update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason", "replaced_by"]
        )
    return report


def _name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def report_attach(*, report: Report, agenda_item, html: str, user):
    """Attach the issued circulation (suppressed) report to an agenda item through the meetings
    API; `html` is rendered from the content stored at issue."""
    from meetings.services import frozen_paper_attach

    if not report.issued_content:
        raise ValueError("Only an issued report can be attached to an agenda item.")
    if report.withdrawn_at is not None:
        raise ValidationError(
            f"{report.title} was withdrawn: attach the report that replaces it instead."
        )
    as_at = timezone.localtime(issued.data_as_at(report.issued_content))
    return frozen_paper_attach(
        agenda_item=agenda_item,
        title=report.title,
        kind="report",
        html=html,
        data_as_at=(
            f"MARAC records {report.start:%-d %B %Y} to {report.end:%-d %B %Y}, "
            f"as at {as_at:%-d %B %Y %H:%M} (issued {report.issued_at:%-d %B %Y})"
        ),
        source="MARAC performance (circulation version, small numbers suppressed)",
        user=user,
    )
