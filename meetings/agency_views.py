"""Attendance by agency: which partners turn up to a body's meetings over a period (a
municipal year by default), for the partnership's annual report; and the named deputy who
attends for a member, recorded beside the meeting's attendance.

Thin views: the figures are meetings.selectors.agency_attendance, the deputy rule
meetings.deputies.
"""

import csv
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from meetings import services
from meetings.forms import AttendancePeriodForm, DeputyForm
from meetings.models import Body, Meeting
from meetings.selectors import agency_attendance, agency_attendance_rows, municipal_year_period
from meetings.views import VIEW, _apply_errors, _trail
from sscp.spreadsheets import neutralise


def _report(request, slug):
    """The body, the period form and the figures; None figures when the period is refused."""
    body = get_object_or_404(Body, slug=slug)
    start, end = municipal_year_period(body, datetime.date.today())
    form = AttendancePeriodForm(request.GET or None, initial={"from": start, "to": end})
    if form.is_bound:
        if not form.is_valid():
            return body, form, None, (start, end)
        start = form.cleaned_data["from"] or start
        end = form.cleaned_data["to"] or end
        if end < start:
            form.add_error("to", "The end of the period must be after its start.")
            return body, form, None, (start, end)
    return body, form, agency_attendance(body, start, end), (start, end)


def _query(request) -> str:
    return f"?{request.GET.urlencode()}" if request.GET else ""


@require_safe
@permission_required(VIEW, raise_exception=True)
def body_attendance(request, slug):
    body, form, report, (start, end) = _report(request, slug)
    return render(
        request,
        "meetings/agency_attendance.html",
        {
            "body": body,
            "form": form,
            "report": report,
            "start": start,
            "end": end,
            "query": _query(request),
            "trail": _trail() + [(f"Attendance by agency: {body}", None)],
        },
        status=200 if report is not None else 400,
    )


@require_safe
@permission_required(VIEW, raise_exception=True)
def body_attendance_print(request, slug):
    body, form, report, (start, end) = _report(request, slug)
    if report is None:
        return redirect(reverse("meetings:body_attendance", args=[slug]) + _query(request))
    return render(
        request,
        "meetings/agency_attendance_print.html",
        {"body": body, "report": report, "start": start, "end": end},
    )


@require_safe
@permission_required(VIEW, raise_exception=True)
def body_attendance_csv(request, slug):
    body, form, report, (start, end) = _report(request, slug)
    if report is None:
        return redirect(reverse("meetings:body_attendance", args=[slug]) + _query(request))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"attendance-by-agency-{body.slug}-{start}-{end}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    rows = agency_attendance_rows(report)
    csv.writer(response).writerows([[neutralise(cell) for cell in row] for row in rows])
    return response


@require_http_methods(["GET", "POST"])
@permission_required("meetings.change_attendance", raise_exception=True)
def deputy_add(request, pk):
    """Record a named deputy attending for a member; refused next to the member field when
    they were not a member of the body on the meeting's day."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    form = DeputyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.deputy_record(
                meeting=meeting,
                user=request.user,
                member=form.cleaned_data["deputy_for"],
                name=form.cleaned_data["name"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Deputy recorded.")
            return redirect("meetings:attendance", meeting.pk)
    attendance = ("Attendance", reverse("meetings:attendance", args=[meeting.pk]))
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "heading": "Record a deputy",
            "caption": str(meeting),
            "trail": _trail(meeting, attendance, ("Deputy", None)),
        },
    )
