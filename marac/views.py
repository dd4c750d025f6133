"""MARAC pages: thin views that check the role, call selectors/services and render.

Exact counts and case-level records are for holders of `marac.view_cases` (the MARAC
coordinator and administrators); everyone else sees suppressed figures.
"""

import csv
import datetime
import functools
import io

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from marac import figures_cache, import_guide, issued, selectors, services
from marac.charts import beside_table, chart_json, chart_note
from marac.definitions import OverlappingVersions
from marac.exports import safelives_rows, xlsx_bytes
from marac.forms import (
    CaseForm,
    CommentaryForm,
    PeriodForm,
    ReportForm,
    UploadForm,
    WithdrawForm,
)
from marac.imports import COLUMNS, import_marac, table_bytes
from marac.models import ImportKind, MaracImport, Report
from marac.report import csv_rows, with_attendance_comments
from marac.tasks import queue_upload
from sscp import dates, queued_uploads
from sscp.confirmation import Confirmation, confirm
from sscp.pdf import html_to_pdf
from sscp.spreadsheets import neutralise

EXACT = "marac.view_cases"
VARIANTS = {"restricted": "marac.view_restricted_report", "circulation": None}


def _figures_defined(view):
    """Overlapping definition versions leave the figures undefined: a page naming the
    definition and the dates (409 Conflict, the records' state is at fault), never a 500."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except OverlappingVersions as error:
            context = {"error": error, "trail": _trail("Definitions in conflict")}
            return render(request, "marac/definitions_overlap.html", context, status=409)

    return wrapper


def _period(request) -> tuple[datetime.date | None, datetime.date | None, PeriodForm]:
    """The period asked for, else the latest financial year on record (looked up only then).
    A period asked for but refused (sscp.dates: range, span) is None, None and the form with
    its errors: the view says so rather than showing another period."""
    asked = "start" in request.GET or "end" in request.GET
    form = PeriodForm(request.GET if asked else None)
    if asked:
        if form.is_valid():
            return form.cleaned_data["start"], form.cleaned_data["end"], form
        return None, None, form
    start, end = selectors.latest_financial_year() or (
        datetime.date(datetime.date.today().year - 1, 4, 1),
        datetime.date(datetime.date.today().year, 3, 31),
    )
    return start, end, form


def _period_refused(request, form, title):
    """A period that cannot be shown (or downloaded): its errors and the form, status 400."""
    context = {
        "form": form,
        "title": title,
        "trail": _trail(title),
        "earliest": dates.EARLIEST,
        "latest": dates.LATEST,
        "max_years": dates.MAX_PERIOD_YEARS,
    }
    return render(request, "marac/period_refused.html", context, status=400)


def _with_charts(content: dict) -> dict:
    charts = []
    for section in content["sections"]:
        for table in section["tables"]:
            table.chart_id = f"chart-{table.key}"
            table.chart_data_id = f"chart-data-{table.key}"
            data = chart_json(table)
            if data is not None:
                charts.append((table.chart_data_id, data))
                table.beside_chart = beside_table(table)
                table.chart_note = chart_note(table)
    content["charts"] = charts
    return content


@require_safe
@permission_required("marac.view_dashboard", raise_exception=True)
@_figures_defined
def dashboard(request):
    start, end, form = _period(request)
    if start is None:
        return _period_refused(request, form, "MARAC performance")
    exact = request.user.has_perm(EXACT)
    content = _with_charts(figures_cache.report_content(start, end, exact=exact))
    return render(
        request,
        "marac/dashboard.html",
        {"content": content, "start": start, "end": end, "form": form, "trail": _trail()},
    )


@require_safe
@permission_required("marac.view_dashboard", raise_exception=True)
@_figures_defined
def dashboard_csv(request):
    start, end, form = _period(request)
    if start is None:
        return _period_refused(request, form, "MARAC performance")
    content = figures_cache.report_content(start, end, exact=request.user.has_perm(EXACT))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="marac-{start}-{end}.csv"'
    writer = csv.writer(response)
    for row in csv_rows(content):
        writer.writerow([neutralise(cell) for cell in row])
    return response


@require_safe
@permission_required("marac.view_cases", raise_exception=True)
def case_list(request):
    start, end, form = _period(request)
    if start is None:
        return _period_refused(request, form, "MARAC cases")
    page = Paginator(selectors.case_list(start, end), 100).get_page(request.GET.get("page"))
    services.case_access_log(
        user=request.user, what=f"case list {start} to {end}, page {page.number}"
    )
    return render(
        request,
        "marac/case_list.html",
        {"page": page, "start": start, "end": end, "form": form, "trail": _trail("Cases")},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("marac.import_marac", raise_exception=True)
def upload(request):
    result = None
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if queued_uploads.should_queue(upload):
            job = queue_upload(file=upload, user=request.user, kind=form.cleaned_data["kind"])
            return redirect("job_status", pk=job.pk)
        result = import_marac(
            form.cleaned_data["kind"], upload, user=request.user, filename=upload.name
        )
        if result.ok:
            messages.success(
                request,
                f"Imported {result.rows} {result.kind} row(s) from {upload.name}: "
                f"{result.created} new, {result.updated} updated.",
            )
            return redirect("marac:upload")
    recent = MaracImport.objects.select_related("user")[:10]
    reference = selectors.import_reference_values()
    kinds = [
        (kind, label, import_guide.guide(kind, reference)) for kind, label in ImportKind.choices
    ]
    refused = form.errors or (result is not None and not result.ok)
    return render(
        request,
        "marac/upload.html",
        {
            "form": form,
            "result": result,
            "recent": recent,
            "kinds": kinds,
            "trail": _trail("Upload"),
        },
        status=400 if refused else 200,
    )


@require_safe
@permission_required("marac.import_marac", raise_exception=True)
def upload_template(request, kind):
    """A CSV of one kind's header row, to fill in and upload."""
    if kind not in COLUMNS:
        raise Http404("No such kind of MARAC file.")
    response = HttpResponse(import_guide.template_csv(kind), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="marac-{kind}-template.csv"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("marac.import_marac", raise_exception=True)
def case_add(request):
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        columns = list(COLUMNS["discussions"])
        result = import_marac(
            "discussions",
            table_bytes([form.as_row()], columns),
            user=request.user,
            filename="entered on the case form",
        )
        if result.ok:
            messages.success(request, f"Case {form.cleaned_data['victim_ref']} saved.")
            return redirect("marac:case_add")
        for error in result.errors:
            if error.column in form.fields:
                form.add_error(error.column, error.reason)
            else:
                form.add_error(None, str(error))
    return render(request, "marac/case_add.html", {"form": form, "trail": _trail("Add a case")})


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("marac.view_circulation_report", raise_exception=True)
def report_list(request):
    form = None
    if request.user.has_perm("marac.add_report"):
        form = ReportForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            report = services.report_create(
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                title=form.cleaned_data["title"],
                user=request.user,
            )
            return redirect("marac:report_edit", pk=report.pk)
    elif request.method == "POST":
        raise PermissionDenied
    # Withdrawn reports are kept and listed, after the current ones.
    reports = Report.objects.select_related("replaced_by").order_by(
        F("withdrawn_at").asc(nulls_first=True), "-end", "-pk"
    )
    if not request.user.has_perm("marac.view_restricted_report"):
        reports = reports.filter(issued_at__isnull=False)
    return render(
        request,
        "marac/report_list.html",
        {"reports": reports, "form": form, "trail": _trail("Reports")},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("marac.change_report", raise_exception=True)
def report_edit(request, pk):
    report = get_object_or_404(Report, pk=pk)
    form = CommentaryForm(
        request.POST or None,
        commentary=report.commentary,
        agencies=[]
        if report.issued_at
        else selectors.attendance_agencies(report.start, report.end),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.report_commentary_update(
                report=report, commentary=form.commentary(), user=request.user
            )
        except ValueError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Commentary saved.")
        return redirect("marac:report_edit", pk=report.pk)
    context = {"report": report, "form": form, "trail": _trail("Reports", report.title)}
    if report.issued_content is not None:
        context["issued_by"] = report.issued_content["issued_by"]
        context["data_as_at"] = issued.data_as_at(report.issued_content)
    return render(request, "marac/report_edit.html", context)


@require_http_methods(["GET", "POST"])
@permission_required("marac.view_restricted_report", raise_exception=True)
@_figures_defined
def report_issue(request, pk):
    """GET: what issuing does (the GOV.UK confirmation page). POST from it: issue."""
    report = get_object_or_404(Report, pk=pk)
    period = f"{dates.long_date(report.start)} to {dates.long_date(report.end)}"
    if report.issued_at:
        heading, button = f"Store {report.title} as it stands now?", "Store the report"
    else:
        heading, button = f"Issue {report.title}?", "Issue report"
    confirmation = Confirmation(
        heading=heading,
        caption=period,
        consequences=[
            "The report is frozen as issued: its figures, definitions, commentary and review "
            "action plan are stored now and shown from then on.",
            "Its figures no longer change when the records or the definitions change. To "
            "correct them, create a new report for the period and withdraw this one.",
            "Board members, committee officers and analysts can read the circulation report "
            "(small numbers suppressed); the restricted report (exact counts) stays with the "
            "MARAC coordinator.",
        ],
        button=button,
        cancel_url=reverse("marac:report_edit", args=[report.pk]),
        trail=_trail("Reports", report.title),
    )

    def act(_):
        services.report_issue(report=report, user=request.user)
        return reverse("marac:report_edit", args=[report.pk])

    return confirm(request, confirmation, act, done=f"{report.title} issued.")


@require_http_methods(["GET", "POST"])
@permission_required("marac.view_restricted_report", raise_exception=True)
def report_withdraw(request, pk):
    """Withdraw an issued report: kept, marked withdrawn, pointing to its replacement."""
    report = get_object_or_404(Report, pk=pk)
    if report.issued_at is None or report.withdrawn_at is not None:
        messages.error(request, "Only an issued report that is not withdrawn can be withdrawn.")
        return redirect("marac:report_edit", pk=report.pk)
    replacement = services.report_replacement(report)
    confirmation = Confirmation(
        heading=f"Withdraw {report.title}?",
        caption=f"{dates.long_date(report.start)} to {dates.long_date(report.end)}",
        consequences=[
            "The report is kept as issued, marked withdrawn with your reason: whoever opens "
            "it, or a paper citing it, is told and pointed to its replacement.",
            "It is no longer offered as the current report, nor for attaching to an agenda.",
            "This cannot be undone: to correct a report, issue a new one for the period.",
        ],
        button="Withdraw report",
        cancel_url=reverse("marac:report_edit", args=[report.pk]),
        warning=True,
        trail=_trail("Reports", report.title),
    )
    form = WithdrawForm(
        request.POST if request.method == "POST" else None,
        report=report,
        initial={"replaced_by": replacement},
    )

    def act(data):
        services.report_withdraw(
            report=report, user=request.user, reason=data["reason"], replaced_by=data["replaced_by"]
        )
        return reverse("marac:report_edit", args=[report.pk])

    return confirm(request, confirmation, act, form=form, done=f"{report.title} withdrawn.")


def _report_for(request, pk, variant) -> tuple[Report, bool]:
    if variant not in VARIANTS:
        raise Http404("No such report variant.")
    report = get_object_or_404(Report, pk=pk)
    restricted_reader = request.user.has_perm("marac.view_restricted_report")
    if variant == "restricted" and not restricted_reader:
        raise PermissionDenied
    if variant == "circulation" and not (restricted_reader or report.issued_at):
        raise Http404("This report has not been issued yet.")
    return report, variant == "restricted"


def _report_context(report, exact):
    """An issued report from the content stored at issue, never the records; a draft (or a
    report issued before contents were stored) from the records as they stand."""
    stored = report.issued_content
    if stored is None:
        return {
            "report": report,
            "content": with_attendance_comments(
                figures_cache.report_content(report.start, report.end, exact=exact),
                report.commentary,
            ),
            "exact": exact,
            "commentary": report.commentary,
            "review_actions": selectors.review_action_rows(),
        }
    return {
        "report": report,
        "content": with_attendance_comments(
            issued.thaw(stored, "restricted" if exact else "circulation"), stored["commentary"]
        ),
        "exact": exact,
        "commentary": stored["commentary"],
        "review_actions": stored["review_actions"],
        "issued_by": stored["issued_by"],
        "data_as_at": issued.data_as_at(stored),
    }


@require_safe
@permission_required("marac.view_circulation_report", raise_exception=True)
@_figures_defined
def report_detail(request, pk, variant):
    report, exact = _report_for(request, pk, variant)
    if exact:
        services.case_access_log(user=request.user, what=f"restricted report {report.pk}")
    context = _report_context(report, exact)
    context["content"] = _with_charts(context["content"])
    context["variant"] = variant
    context["trail"] = _trail("Reports", report.title)
    return render(request, "marac/report_detail.html", context)


@require_safe
@permission_required("marac.view_circulation_report", raise_exception=True)
@_figures_defined
def report_pdf(request, pk, variant):
    report, exact = _report_for(request, pk, variant)
    if exact:
        services.case_access_log(user=request.user, what=f"restricted report {report.pk} PDF")
    html = render_to_string("marac/report_print.html", _report_context(report, exact))
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="marac-report-{report.pk}-{variant}.pdf"'
    )
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("marac.view_restricted_report", raise_exception=True)
def report_attach(request, pk):
    from meetings.forms import PaperAttachForm

    report = get_object_or_404(Report, pk=pk)
    form = PaperAttachForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if report.issued_content is None:
            messages.error(request, "Issue the report before attaching it to an agenda.")
            return redirect("marac:report_edit", pk=report.pk)
        html = render_to_string("marac/report_body.html", _report_context(report, False))
        try:
            services.report_attach(
                report=report,
                agenda_item=form.cleaned_data["agenda_item"],
                html=html,
                user=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The circulation report is attached to the agenda item.")
        return redirect("marac:report_edit", pk=report.pk)
    return render(
        request,
        "marac/report_attach.html",
        {"report": report, "form": form, "trail": _trail("Reports", report.title)},
    )


@require_safe
@permission_required("marac.view_cases", raise_exception=True)
@_figures_defined
def safelives_return(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404("Choose csv or xlsx.")
    start, end, form = _period(request)
    if start is None:
        return _period_refused(request, form, "SafeLives return")
    services.case_access_log(user=request.user, what=f"SafeLives return {start} to {end}")
    header, rows = safelives_rows(start, end)
    name = f"safelives-return-{start}-{end}.{fmt}"
    if fmt == "xlsx":
        response = HttpResponse(
            xlsx_bytes(header, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows([[neutralise(cell) for cell in row] for row in rows])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _trail(*names):
    trail = [("Performance", reverse("performance")), ("MARAC", reverse("marac:dashboard"))]
    trail += [(name, None) for name in names]
    return trail
