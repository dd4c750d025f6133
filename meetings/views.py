"""Thin views: load, check the role, call a service or selector, render.

Reading pages need sscp.view_meetings; every page that changes something needs the
meetings permission for it (committee officers and administrators). Refusals are 403s.
"""

import csv
import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from meetings import services, tasks, wording
from meetings.calendar import calendar_for
from meetings.documents import (
    agenda_document,
    css_string,
    minutes_document,
    minutes_running_head,
)
from meetings.exports import action_log_rows
from meetings.forms import (
    ActionFilterForm,
    ActionForm,
    ActionUpdateForm,
    AgendaItemForm,
    AttendanceForm,
    BodyPublishingForm,
    CallOffForm,
    DeclarationForm,
    DeferForm,
    MeetingChangeForm,
    MeetingForm,
    MembershipEndForm,
    MembershipForm,
    MinuteForm,
    ReportForm,
    SearchForm,
    UploadForm,
)
from meetings.history import change_differences
from meetings.models import (
    Action,
    AgendaItem,
    Alert,
    Body,
    Change,
    Conversion,
    FrozenPaper,
    Meeting,
    MeetingStatus,
    Membership,
    Minute,
    Person,
    Report,
    StandardKind,
    UploadedDocument,
)
from meetings.numbering import municipal_year_label, numbering_refusal, open_earlier_meeting
from meetings.selectors import (
    OPEN_FOR_PAPERS,
    action_log,
    actions_owned_by,
    agenda_action_log,
    attendance_initial,
    attendance_summary,
    body_changes,
    empty_minutes,
    entitled_to_confidential,
    meeting_actions,
    meeting_agenda,
    meeting_attendance,
    meeting_declarations,
    meeting_deputies,
    meeting_job_notices,
    meeting_supplements,
    meetings_not_closed,
    meetings_visible_to,
    member_attendance_record,
    members_in_surname_order,
    minute_parts,
    minutes_to_follow,
    minutes_visible,
    next_meeting,
    planned_for_meeting,
    previous_minutes,
    previous_minutes_to_confirm,
    search_results,
)
from meetings.view_helpers import EDIT, VIEW, act, apply_errors, ics_response, save_or_refuse, trail
from sscp.confirmation import Confirmation, ReasonForm, confirm
from sscp.spreadsheets import neutralise


def _visible_meeting(request, pk):
    return get_object_or_404(meetings_visible_to(request.user), pk=pk)


def _meeting_with_readable_minutes(request, pk):
    meeting = _visible_meeting(request, pk)
    if not minutes_visible(meeting, request.user):
        raise PermissionDenied
    return meeting


def _save_versioned(form, save, current_version):
    """Run `save()` and return (saved, its result, the stale edit if any).

    A stale edit (someone saved first) is shown with their changes, and the form takes their
    version so that saving again is a deliberate overwrite; invalid data becomes errors next to
    the fields. Nothing is saved in either case.
    """
    try:
        result = save()
    except services.StaleEdit as error:
        form.add_error(None, error.messages)
        form.data = form.data.copy()
        form.data["version"] = current_version()
        return False, None, error
    except ValidationError as error:
        apply_errors(form, error)
        return False, None, None
    return True, result, None


def readable_item(request, pk):
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting__body"),
        pk=pk,
        meeting__in=meetings_visible_to(request.user).values("pk"),
    )
    if item.is_confidential and not entitled_to_confidential(request.user):
        raise PermissionDenied
    return item


# --- Reading --------------------------------------------------------------------------------------


@require_safe
@permission_required(VIEW, raise_exception=True)
def meeting_list(request):
    meetings = meetings_visible_to(request.user).order_by("-date", "-start_time")
    years = {}
    for meeting in meetings:
        years.setdefault(municipal_year_label(meeting), []).append(meeting)
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "meetings": meetings,
            "years": years.items(),
            "bodies": Body.objects.all(),
            "person": Person.objects.filter(user=request.user).first(),
            "can_edit": request.user.has_perm(EDIT),
            "not_closed": meetings_not_closed() if request.user.has_perm(EDIT) else [],
        },
    )


@require_safe
@permission_required(VIEW, raise_exception=True)
def meeting_detail(request, pk):
    meeting = _visible_meeting(request, pk)
    show_minutes = minutes_visible(meeting, request.user)
    entitled = entitled_to_confidential(request.user)
    items = meeting_agenda(meeting, request.user)
    has_action_log = any(i.standard_kind == StandardKind.ACTION_LOG for i in items)
    # The Minutes of Previous Meeting item's paper is the previous meeting's minutes.
    previous, previous_readable = previous_minutes(meeting, request.user)
    context = {
        "meeting": meeting,
        "trail": trail() + [(f"{meeting.date:%-d %B %Y}", None)],
        "items": items,
        "agenda_actions": agenda_action_log(meeting, entitled=entitled) if has_action_log else None,
        "agenda_actions_caption": wording.agenda_action_log_caption(meeting.date),
        "previous": previous,
        "previous_readable": previous_readable,
        "attendance": meeting_attendance(meeting),
        "show_minutes": show_minutes,
        "document": minutes_document(meeting, entitled=entitled) if show_minutes else None,
        "can_edit": request.user.has_perm(EDIT),
        "year": municipal_year_label(meeting),
    }
    context["supplements"], context["waiting_supplement"] = meeting_supplements(meeting)
    context["pack_job"], context["failed_alerts"] = meeting_job_notices(meeting, request.user)
    return render(request, "meetings/meeting_detail.html", context)


@require_safe
@permission_required(VIEW, raise_exception=True)
def agenda_print(request, pk):
    meeting = _visible_meeting(request, pk)
    return render(
        request,
        "meetings/agenda_print.html",
        {"meeting": meeting, "doc": agenda_document(meeting, request.user)},
    )


@require_safe
@permission_required(VIEW, raise_exception=True)
def minutes_print(request, pk):
    meeting = _meeting_with_readable_minutes(request, pk)
    return render(
        request,
        "meetings/minutes_print.html",
        {
            "meeting": meeting,
            "doc": minutes_document(meeting, entitled=entitled_to_confidential(request.user)),
        },
    )


@require_safe
@permission_required(VIEW, raise_exception=True)
def minutes_print_css(request, pk):
    """The printed minutes' running head: a stylesheet, since our CSP allows no inline style."""
    meeting = _meeting_with_readable_minutes(request, pk)
    return render(
        request,
        "meetings/minutes_print.css",
        {"running_head": css_string(minutes_running_head(meeting))},
        content_type="text/css; charset=utf-8",
    )


@require_safe
@permission_required(VIEW, raise_exception=True)
def report_detail(request, pk):
    report = get_object_or_404(Report.objects.select_related("agenda_item__meeting"), pk=pk)
    item = readable_item(request, report.agenda_item_id)
    can_edit = request.user.has_perm("meetings.change_report")
    editable = item.meeting.status in OPEN_FOR_PAPERS
    return render(
        request,
        "meetings/report_detail.html",
        {
            "report": report,
            "item": item,
            "sections": report.sections.all(),
            "trail": trail(item.meeting, (report.subject, None)),
            "can_edit": can_edit,
            "editable": editable,
            # Officers reorder and remove appendices while the agenda is open.
            "appendix_controls": can_edit
            and editable
            and request.user.has_perms(
                ["meetings.change_uploadeddocument", "meetings.delete_uploadeddocument"]
            ),
        },
    )


@require_safe
@permission_required(VIEW, raise_exception=True)
def document_download(request, pk):
    document = get_object_or_404(UploadedDocument, pk=pk)
    readable_item(request, document.agenda_item_id)
    if not document.file.name:  # not converted (yet): its page says why
        return redirect("meetings:paper_detail", document.pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing.") from exc
    return FileResponse(
        handle,
        content_type="application/pdf",
        filename=f"{document.title}.pdf",
    )


@require_safe
@permission_required(VIEW, raise_exception=True)
def frozen_paper_detail(request, pk):
    paper = get_object_or_404(FrozenPaper, pk=pk)
    item = readable_item(request, paper.agenda_item_id)
    return render(
        request,
        "meetings/frozen_paper_detail.html",
        {"paper": paper, "item": item, "trail": trail(item.meeting, (paper.title, None))},
    )


def _filtered_action_log(request):
    """The action log as filtered on the page (the page, its CSV and its print share it). A
    member's own organisation is the default filter: their actions first."""
    person = Person.objects.filter(user=request.user).select_related("organisation").first()
    own = person.organisation if person is not None else None
    form = ActionFilterForm(request.GET or None, initial={"owner": own}, own=own)
    filters = {"owner_organisation": own if not request.GET else None}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "owner_organisation": data["owner"],
            "owner_person": data["person"],
            "status": data["status"],
        }
    return form, action_log(user=request.user, **filters)


@require_safe
@permission_required(VIEW, raise_exception=True)
def actions(request):
    form, log = _filtered_action_log(request)
    owned = set(actions_owned_by(request.user).values_list("pk", flat=True))
    for action in log:
        action.can_update = action.pk in owned
    query = request.GET.urlencode()
    return render(
        request,
        "meetings/action_log.html",
        {
            "form": form,
            "actions": log,
            "query": f"?{query}" if query else "",
            "trail": trail() + [("Action log", None)],
            "can_edit": request.user.has_perm("meetings.change_action"),
        },
    )


@require_safe
@permission_required(VIEW, raise_exception=True)
def actions_csv(request):
    _, log = _filtered_action_log(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"action-log-{datetime.date.today()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerows([[neutralise(cell) for cell in row] for row in action_log_rows(log)])
    return response


@require_safe
@permission_required(VIEW, raise_exception=True)
def actions_print(request):
    _, log = _filtered_action_log(request)
    return render(
        request,
        "meetings/action_log_print.html",
        {"actions": log, "today": datetime.date.today()},
    )


@require_safe
@permission_required(VIEW, raise_exception=True)
def person_attendance(request, pk):
    person = get_object_or_404(Person, pk=pk)
    visible = set(meetings_visible_to(request.user).values_list("pk", flat=True))
    record = [a for a in member_attendance_record(person) if a.meeting_id in visible]
    return render(
        request,
        "meetings/person_attendance.html",
        {
            "person": person,
            "record": record,
            "summary": attendance_summary(record),
            "trail": trail() + [(str(person), None)],
        },
    )


@require_safe
@permission_required(VIEW, raise_exception=True)
def search(request):
    form = SearchForm(request.GET or None)
    results = {"minutes": [], "reports": [], "papers": []}
    if form.is_valid() and form.cleaned_data["q"]:
        results = search_results(user=request.user, query=form.cleaned_data["q"])
    return render(
        request,
        "meetings/search.html",
        {
            "form": form,
            **results,
            "searched": form.is_bound and form.is_valid() and bool(form.cleaned_data["q"]),
            "trail": trail() + [("Search", None)],
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(VIEW, raise_exception=True)
def body_members(request, slug):
    """The body's members, present and past; the officer adds one."""
    body = get_object_or_404(Body, slug=slug)
    can_edit = request.user.has_perm("meetings.add_membership")
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    form = MembershipForm(request.POST or None) if can_edit else None
    if form is not None and request.method == "POST" and form.is_valid():
        done, membership = save_or_refuse(
            form, lambda: services.membership_add(body=body, user=request.user, **form.cleaned_data)
        )
        if done:
            messages.success(request, f"{membership.person} added to {body}.")
            return redirect("meetings:body_members", body.slug)
    # Present members first, then the past ones, most recently left first.
    memberships = body.memberships.select_related("person", "organisation").order_by(
        F("end_date").desc(nulls_first=True), "person__last_name", "person__first_name"
    )
    return render(
        request,
        "meetings/body_members.html",
        {
            "body": body,
            "memberships": memberships,
            "form": form,
            "can_end": request.user.has_perm("meetings.change_membership"),
            "trail": trail() + [(f"Members: {body}", None)],
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("meetings.change_body", raise_exception=True)
def body_publishing(request, slug):
    """The officer turns the public pages of the body's papers on or off; the page lists the
    setting's history."""
    body = get_object_or_404(Body, slug=slug)
    form = BodyPublishingForm(
        request.POST if request.method == "POST" else None,
        initial={"publishes_papers": str(body.publishes_papers)},
    )
    if request.method == "POST" and form.is_valid():
        services.body_publishing_set(
            body=body, user=request.user, publishes_papers=form.cleaned_data["publishes_papers"]
        )
        messages.success(request, f"Publishing setting of {body} saved.")
        return redirect("meetings:body_publishing", body.slug)
    changes = body_changes(body)
    return render(
        request,
        "meetings/body_publishing.html",
        {
            "body": body,
            "form": form,
            "rows": [(change, change_differences(change)) for change in changes],
            "trail": trail() + [(f"Publishing: {body}", None)],
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@permission_required("meetings.change_membership", raise_exception=True)
def membership_end(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("body", "person"), pk=pk)
    form = MembershipEndForm(request.POST or None, initial={"end_date": membership.end_date})
    if request.method == "POST" and form.is_valid():
        done, _ = save_or_refuse(
            form,
            lambda: services.membership_end(
                membership=membership, user=request.user, end_date=form.cleaned_data["end_date"]
            ),
        )
        if done:
            messages.success(request, f"{membership.person}'s membership ends.")
            return redirect("meetings:body_members", membership.body.slug)
    body = membership.body
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "heading": f"End {membership.person}'s membership",
            "caption": str(body),
            "trail": trail()
            + [(f"Members: {body}", reverse("meetings:body_members", args=[body.slug]))]
            + [("End membership", None)],
        },
    )


@require_safe
@permission_required(VIEW, raise_exception=True)
def body_calendar(request, slug):
    body = get_object_or_404(Body, slug=slug)
    meetings = meetings_visible_to(request.user).filter(body=body)
    return ics_response(calendar_for(meetings, request), f"{body.slug}.ics")


@require_safe
@permission_required(VIEW, raise_exception=True)
def meeting_calendar(request, pk):
    meeting = _visible_meeting(request, pk)
    return ics_response(calendar_for([meeting], request), f"meeting-{meeting.date:%Y-%m-%d}.ics")


@require_safe
@permission_required("meetings.view_change", raise_exception=True)
def history(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    changes = Change.objects.filter(meeting=meeting).select_related("user")
    rows = [(change, change_differences(change)) for change in changes]
    return render(
        request,
        "meetings/history.html",
        {"meeting": meeting, "rows": rows, "trail": trail(meeting, ("History", None))},
    )


# --- Planning and the agenda ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required("meetings.add_meeting", raise_exception=True)
def meeting_create(request):
    body = Body.objects.first()
    initial = {"body": body, "venue": body.default_venue if body else None, "is_private": True}
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done, meeting = save_or_refuse(
            form,
            lambda: services.meeting_create(
                body=data["body"],
                date=data["date"],
                start_time=data["start_time"],
                venue=data["venue"],
                is_private=data["is_private"],
                next_meeting_date=data["next_meeting_date"],
                user=request.user,
            ),
        )
        if done:
            messages.success(request, "Meeting scheduled with the standard agenda items.")
            return redirect("meetings:agenda", meeting.pk)
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "heading": "Schedule a meeting",
            "trail": trail() + [("Schedule a meeting", None)],
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(EDIT, raise_exception=True)
def meeting_change(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("body", "venue"), pk=pk)
    initial = {n: getattr(meeting, n) for n in services.MEETING_FIELDS}
    form = MeetingChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done, _ = save_or_refuse(
            form,
            lambda: services.meeting_reschedule(
                meeting=meeting, user=request.user, **form.cleaned_data
            ),
        )
        if done:
            messages.success(request, "Date, time and place saved.")
            return redirect("meetings:detail", meeting.pk)
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "heading": "Change the date, time or place",
            "caption": f"{meeting.body}, {wording.long_date(meeting.date)}",
            "trail": trail(meeting, ("Date, time and place", None)),
        },
    )


def _has_previous_minutes(meeting) -> bool:
    """Whether the agenda has its Minutes of Previous Meeting item (the builder offers to put
    a removed one back)."""
    return meeting.items.filter(standard_kind=StandardKind.PREVIOUS_MINUTES).exists()


@require_safe
@permission_required(EDIT, raise_exception=True)
def agenda_builder(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("body", "venue"), pk=pk)
    return render(
        request,
        "meetings/agenda_builder.html",
        {
            "meeting": meeting,
            "items": meeting_agenda(meeting, request.user),
            "has_previous_minutes": _has_previous_minutes(meeting),
            "planned": planned_for_meeting(meeting),
            "form": AgendaItemForm(submit="Add item", editing=False, initial={"kind": "report"}),
            "editable": meeting.status in OPEN_FOR_PAPERS,
            "trail": trail(meeting, ("Agenda", None)),
        },
    )


def _item_fields(data) -> dict:
    return {
        name: data[name]
        for name in (
            "title",
            "kind",
            "description",
            "presenter",
            "presenter_text",
            "duration_minutes",
            "is_confidential",
            "paper_to_follow",
        )
    }


@require_POST
@permission_required("meetings.add_agendaitem", raise_exception=True)
def item_add(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("body", "venue"), pk=pk)
    form = AgendaItemForm(request.POST, submit="Add item", editing=False)
    if form.is_valid():
        done, item = save_or_refuse(
            form,
            lambda: services.item_add(
                meeting=meeting, user=request.user, **_item_fields(form.cleaned_data)
            ),
        )
        if done:
            messages.success(request, f"Item {item.order} “{item.title}” added.")
            return redirect("meetings:agenda", meeting.pk)
    return render(
        request,
        "meetings/agenda_builder.html",
        {
            "meeting": meeting,
            "items": meeting_agenda(meeting, request.user),
            "has_previous_minutes": _has_previous_minutes(meeting),
            "form": form,
            "editable": True,
            "trail": trail(meeting, ("Agenda", None)),
        },
    )


@require_POST
@permission_required("meetings.add_agendaitem", raise_exception=True)
def item_add_action_log(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    return act(
        request,
        lambda: services.item_add_action_log(meeting=meeting, user=request.user),
        success="The action log is on the agenda.",
        to=reverse("meetings:agenda", args=[meeting.pk]),
    )


@require_POST
@permission_required("meetings.add_agendaitem", raise_exception=True)
def item_add_previous_minutes(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    return act(
        request,
        lambda: services.item_add_previous_minutes(meeting=meeting, user=request.user),
        success="The Minutes of Previous Meeting item is back on the agenda.",
        to=reverse("meetings:agenda", args=[meeting.pk]),
    )


@require_http_methods(["GET", "POST"])
@permission_required("meetings.change_agendaitem", raise_exception=True)
def item_edit(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=pk)
    initial = {
        "title": item.title,
        "kind": item.kind,
        "description": item.description,
        "presenter": item.presenter_id,
        "presenter_text": item.presenter_text,
        "duration_minutes": item.duration_minutes,
        "is_confidential": item.is_confidential,
        "paper_to_follow": item.paper_to_follow,
        "version": item.version,
    }
    form = AgendaItemForm(request.POST or None, initial=initial)
    stale = None
    if request.method == "POST" and form.is_valid():
        saved, _, stale = _save_versioned(
            form,
            lambda: services.item_update(
                item=item,
                user=request.user,
                expected_version=form.cleaned_data["version"],
                **_item_fields(form.cleaned_data),
            ),
            lambda: AgendaItem.objects.get(pk=item.pk).version,
        )
        if saved:
            messages.success(request, f"Item {item.order} saved.")
            return redirect("meetings:agenda", item.meeting_id)
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "stale": stale,
            "heading": f"Edit item {item.order}: {item.title}",
            "unsaved_warning": True,
            "trail": trail(
                item.meeting,
                ("Agenda", reverse("meetings:agenda", args=[item.meeting_id])),
                ("Edit item", None),
            ),
        },
    )


@require_POST
@permission_required("meetings.change_agendaitem", raise_exception=True)
def item_move(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    move = (
        services.item_move_up
        if request.POST.get("direction") == "up"
        else (services.item_move_down)
    )
    return act(
        request,
        lambda: move(item=item, user=request.user),
        to=f"{reverse('meetings:agenda', args=[item.meeting_id])}#item-{item.pk}",
    )


@require_http_methods(["GET", "POST"])
@permission_required("meetings.delete_agendaitem", raise_exception=True)
def item_remove(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    agenda = reverse("meetings:agenda", args=[item.meeting_id])
    refusal = services.item_removal_refusal(item)
    confirmation = Confirmation(
        heading=f"Remove item {item.order} “{item.title}” from the agenda?",
        caption=f"{item.meeting.body}, {wording.long_date(item.meeting.date)}",
        consequences=wording.item_removal_consequences(
            reports=item.reports.count(),
            documents=item.documents.count(),
            frozen=item.frozen_papers.count(),
        ),
        cautions=[refusal] if refusal else [],
        button="Remove item",
        cancel_url=agenda,
        warning=True,
        trail=trail(item.meeting, ("Agenda", agenda), ("Remove item", None)),
    )

    def act(_):
        services.item_remove(item=item, user=request.user)
        return agenda

    return confirm(request, confirmation, act, done=f"“{item.title}” removed from the agenda.")


@require_http_methods(["GET", "POST"])
@permission_required("meetings.change_report", raise_exception=True)
def report_edit(request, item_pk, pk=None):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=item_pk)
    report = get_object_or_404(Report, pk=pk, agenda_item=item) if pk else None
    if report is not None:
        initial = ReportForm.initial_from(report)
    else:
        initial = {
            "report_to": item.meeting.body.name,
            "meeting_date": item.meeting.date,
            "subject": item.title,
        }
    form = ReportForm(request.POST or None, initial=initial, editing=report is not None)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {n: data[n] for n in ("report_to", "meeting_date", "subject", "report_of")}
        saved, saved_report, stale = _save_versioned(
            form,
            lambda: services.report_save(
                item=item,
                user=request.user,
                report=report,
                expected_version=data.get("version"),
                sections=form.sections(),
                recommendations=data["recommendations"],
                **fields,
            ),
            lambda: Report.objects.get(pk=report.pk).version,
        )
        if saved:
            report = saved_report
            messages.success(request, f"Report “{report.subject}” saved.")
            return redirect("meetings:report", report.pk)
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "stale": stale,
            "heading": "Edit report" if report else "Write a report",
            "unsaved_warning": True,
            "caption": f"Item {item.order}: {item.title}",
            "trail": trail(item.meeting, ("Report", None)),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("meetings.add_uploadeddocument", raise_exception=True)
def document_upload(request, item_pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=item_pk)
    return _upload(request, item)


@require_http_methods(["GET", "POST"])
@permission_required("meetings.add_uploadeddocument", raise_exception=True)
def appendix_upload(request, report_pk):
    report = get_object_or_404(
        Report.objects.select_related("agenda_item__meeting__body"), pk=report_pk
    )
    return _upload(request, report.agenda_item, report)


def _appendix(pk):
    return get_object_or_404(
        UploadedDocument.objects.select_related("agenda_item__meeting", "report"),
        pk=pk,
        report__isnull=False,
    )


@require_POST
@permission_required("meetings.change_uploadeddocument", raise_exception=True)
def appendix_move(request, pk):
    document = _appendix(pk)
    up = request.POST.get("direction") == "up"
    move = services.appendix_move_up if up else services.appendix_move_down
    return act(
        request,
        lambda: move(document=document, user=request.user),
        to=f"{reverse('meetings:report', args=[document.report_id])}#appendix-{pk}",
    )


@require_POST
@permission_required("meetings.delete_uploadeddocument", raise_exception=True)
def appendix_remove(request, pk):
    document = _appendix(pk)
    return act(
        request,
        lambda: services.appendix_remove(document=document, user=request.user),
        success=f"Appendix “{document.title}” removed from the report.",
        to=reverse("meetings:report", args=[document.report_id]),
    )


def _uploaded_message(document) -> str:
    if document.conversion == Conversion.CONVERTING:
        return (
            f"“{document.title}” uploaded. It is being converted to PDF: its page says when "
            "it is ready."
        )
    return f"“{document.title}” uploaded."


def _upload(request, item, report=None):
    """A paper for an item, or with ``report`` the report's next appendix."""
    replaceable = None
    if report is None and item.meeting.status != MeetingStatus.DRAFT:
        replaceable = item.documents.filter(report__isnull=True, supplement__isnull=True)
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        max_mb=settings.SSCP_MAX_UPLOAD_MB,
        replaceable=replaceable,
    )
    if request.method == "POST" and form.is_valid():
        done, document = save_or_refuse(
            form,
            lambda: services.document_upload(
                item=item,
                report=report,
                user=request.user,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
                replaces=form.cleaned_data.get("replaces"),
            ),
        )
        if done:
            messages.success(request, _uploaded_message(document))
            for warning in document.upload_warnings:
                messages.warning(request, warning)
            if report is not None:
                return redirect("meetings:report", report.pk)
            return redirect("meetings:agenda", item.meeting_id)
    heading = "Add an appendix" if report else "Upload a paper"
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "multipart": True,
            "heading": heading,
            "caption": f"Report: {report.subject}"
            if report
            else f"Item {item.order}: {item.title}",
            "trail": trail(item.meeting, (heading, None)),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(EDIT, raise_exception=True)
def agenda_publish(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    when = wording.long_date(meeting.date)
    confirmation = Confirmation(
        heading=f"Publish the agenda of {when}?",
        caption=str(meeting.body),
        consequences=[
            "Board members can read the agenda and its papers, and the agenda pack is built.",
            "The Minutes of Previous Meeting and Date of Next Meeting items are written again "
            "from the schedule.",
            "To change the agenda afterwards, unpublish it (with a reason, kept in the "
            "history) before the meeting is held.",
        ],
        button="Publish agenda",
        cancel_url=reverse("meetings:agenda", args=[meeting.pk]),
        trail=trail(meeting, ("Publish agenda", None)),
    )

    def act(_):
        services.agenda_publish(meeting=meeting, user=request.user)
        previous = minutes_to_follow(meeting)
        if previous is not None:
            messages.warning(
                request,
                f"The minutes of {wording.long_date(previous.date)} are not yet published: "
                "the agenda pack says they will follow. Publish them and the pack is built "
                "again with them.",
            )
        tasks.schedule_build_after_publish(meeting.pk, user=request.user)
        tasks.alert_meeting_on_commit(Alert.AGENDA_PUBLISHED, meeting, user=request.user)
        return reverse("meetings:detail", args=[meeting.pk])

    return confirm(
        request, confirmation, act, done="Agenda published: board members can now read it."
    )


@require_http_methods(["GET", "POST"])
@permission_required(EDIT, raise_exception=True)
def supplement_publish(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    _, waiting = meeting_supplements(meeting)
    name = str(waiting) if waiting else "a supplementary agenda"
    confirmation = Confirmation(
        heading=f"Publish {name}?",
        caption=f"{meeting.body}, {wording.long_date(meeting.date)}",
        consequences=[
            "Board members can download its late papers, on their own or with the agenda pack.",
            "Its pages are numbered on from the agenda pack's: the pack's pages do not move.",
            "Papers uploaded after this go on the next supplementary agenda.",
        ],
        button=f"Publish {name}",
        cancel_url=reverse("meetings:detail", args=[meeting.pk]),
        trail=trail(meeting, (f"Publish {name}", None)),
    )

    def act(_):
        supplement = services.supplement_publish(meeting=meeting, user=request.user)
        tasks.schedule_supplement_build(supplement.pk, user=request.user)
        return reverse("meetings:detail", args=[meeting.pk])

    return confirm(
        request, confirmation, act, done=f"{name} published: board members can now read it."
    )


@require_http_methods(["GET", "POST"])
@permission_required(EDIT, raise_exception=True)
def agenda_unpublish(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    confirmation = Confirmation(
        heading=f"Unpublish the agenda of {wording.long_date(meeting.date)}?",
        caption=str(meeting.body),
        consequences=[
            "Board members can no longer read the agenda or its papers until it is "
            "published again.",
            "The agenda becomes a draft you can change.",
            "The reason is kept in the meeting's history.",
        ],
        button="Unpublish agenda",
        cancel_url=reverse("meetings:detail", args=[meeting.pk]),
        warning=True,
        trail=trail(meeting, ("Unpublish agenda", None)),
    )
    form = ReasonForm(
        request.POST if request.method == "POST" else None,
        help_text="For example: the wrong report was attached to item 5",
    )

    def act(data):
        services.agenda_unpublish(meeting=meeting, user=request.user, reason=data["reason"])
        return reverse("meetings:agenda", args=[meeting.pk])

    return confirm(
        request, confirmation, act, form=form, done="Agenda unpublished: it is a draft again."
    )


# --- At and after the meeting -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required(EDIT, raise_exception=True)
def meeting_call_off(request, pk):
    """Mark a meeting cancelled or postponed: it then needs no minutes."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    when = wording.long_date(meeting.date)
    following = next_meeting(meeting)
    confirmation = Confirmation(
        heading=f"Mark the meeting of {when} cancelled or postponed?",
        caption=str(meeting.body),
        consequences=[
            "It will need no minutes: minute numbers, the Date of Next Meeting and the "
            "confirmation of minutes pass over it.",
            f"Its items and their papers move on to the agenda of "
            f"{wording.long_date(following.date)} if that agenda is still a draft."
            if following
            else "Its items stay on its agenda: no later meeting is scheduled yet.",
            "This is kept in the meeting's history. Until minutes are started for a later "
            "meeting, the meeting can be reinstated from its page.",
        ],
        button="Mark the meeting",
        cancel_url=reverse("meetings:detail", args=[meeting.pk]),
        warning=True,
        trail=trail(meeting, ("Cancelled or postponed", None)),
    )
    form = CallOffForm(request.POST if request.method == "POST" else None)

    def act(data):
        services.meeting_call_off(
            meeting=meeting, user=request.user, state=data["state"], reason=data["reason"]
        )
        return reverse("meetings:detail", args=[meeting.pk])

    return confirm(request, confirmation, act, form=form, done=f"The meeting of {when} is marked.")


@require_http_methods(["GET", "POST"])
@permission_required(EDIT, raise_exception=True)
def meeting_reinstate(request, pk):
    """Undo a cancellation or postponement, so that marking a meeting is never a dead end."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    when = wording.long_date(meeting.date)
    detail = reverse("meetings:detail", args=[meeting.pk])
    refusal = services.reinstate_refusal(meeting)
    following = next_meeting(meeting)
    confirmation = Confirmation(
        heading=f"Reinstate the meeting of {when}?",
        caption=str(meeting.body),
        consequences=[
            "It takes place again: it is minuted, its minutes take the next numbers and are "
            "confirmed at the following meeting.",
            f"The agenda of {wording.long_date(following.date)} puts its minutes before that "
            "meeting; items already moved on to it stay there."
            if following
            else "The next meeting scheduled will put its minutes before it.",
            "The reason is kept in the meeting's history.",
        ],
        cautions=[refusal] if refusal else [],
        button="Reinstate the meeting",
        cancel_url=detail,
        trail=trail(meeting, ("Reinstate", None)),
    )
    form = ReasonForm(
        request.POST if request.method == "POST" else None,
        help_text="For example: marked cancelled in error; the meeting went ahead",
    )

    def act(data):
        services.meeting_reinstate(meeting=meeting, user=request.user, reason=data["reason"])
        return detail

    done = f"The meeting of {when} is reinstated."
    return confirm(request, confirmation, act, form=form, done=done)


def _attendance_forms(meeting, data=None, declaration_initial=None):
    """The page's two forms: the attendance, and a declaration (posted to its own URL)."""
    members = members_in_surname_order(meeting)
    form = AttendanceForm(data, members=members, initial=attendance_initial(meeting))
    declaration_form = DeclarationForm(
        data,
        initial=declaration_initial,
        meeting=meeting,
        members=Person.objects.filter(pk__in=[p.pk for p in members]),
        formaction=reverse("meetings:declaration_add", args=[meeting.pk]),
    )
    return form, declaration_form


def _attendance_page(request, meeting, form, declaration_form):
    return render(
        request,
        "meetings/attendance.html",
        {
            "meeting": meeting,
            "form": form,
            "declaration_form": declaration_form,
            "declarations": meeting_declarations(meeting),
            "deputies": meeting_deputies(meeting),
            "locked": meeting.status == MeetingStatus.MINUTES_CONFIRMED,
            "trail": trail(meeting, ("Attendance", None)),
        },
    )


def _attendance_save(request, meeting, form) -> bool:
    """Record the attendance typed; False, with the reasons on the form, when refused."""
    if not form.is_valid():
        return False
    done, _ = save_or_refuse(
        form,
        lambda: services.attendance_record(
            meeting=meeting,
            user=request.user,
            statuses=form.statuses(),
            also_present=form.also_present_names(),
        ),
    )
    if done:
        messages.success(request, "Attendance saved.")
    return done


def _typed(form) -> dict | None:
    """What was typed in a bound form that is not being sent, to show again unsent (as
    initial values, without errors); None when nothing was typed in it."""
    if not form.has_changed():
        return None
    return {name: form[name].data for name in form.changed_data}


def _sent_changes(form) -> list[str]:
    """The fields of a form, sent with another form's button, that were changed. Fields not
    in the request at all (a request not made from the page) are not changes."""
    return [n for n in form.changed_data if n != "version" and form.add_prefix(n) in form.data]


@require_http_methods(["GET", "POST"])
@permission_required("meetings.change_attendance", raise_exception=True)
def attendance(request, pk):
    """Save the attendance. A declaration typed on the page but not added is kept on it."""
    meeting = get_object_or_404(Meeting.objects.select_related("body", "venue"), pk=pk)
    if request.method != "POST":
        return _attendance_page(request, meeting, *_attendance_forms(meeting))
    form, declaration_form = _attendance_forms(meeting, request.POST)
    kept = _typed(declaration_form)
    if not _attendance_save(request, meeting, form):
        return _attendance_page(request, meeting, form, _attendance_forms(meeting, None, kept)[1])
    if kept is None:
        return redirect("meetings:attendance", meeting.pk)
    messages.info(
        request, "The declaration you typed has not been added yet: choose Add declaration."
    )
    return _attendance_page(request, meeting, *_attendance_forms(meeting, None, kept))


@require_POST
@permission_required("meetings.change_attendance", raise_exception=True)
def declaration_add(request, pk):
    """Add a declaration; the attendance typed on the same page is saved with it, never lost."""
    meeting = get_object_or_404(Meeting.objects.select_related("body", "venue"), pk=pk)
    form, declaration_form = _attendance_forms(meeting, request.POST)
    if _sent_changes(form) and not _attendance_save(request, meeting, form):
        kept = _typed(declaration_form)
        return _attendance_page(request, meeting, form, _attendance_forms(meeting, None, kept)[1])
    if declaration_form.is_valid():
        data = declaration_form.cleaned_data
        done, _ = save_or_refuse(
            declaration_form, lambda: services.declaration_add(user=request.user, **data)
        )
        if done:
            messages.success(request, "Declaration recorded.")
            return redirect("meetings:attendance", meeting.pk)
    return _attendance_page(request, meeting, _attendance_forms(meeting)[0], declaration_form)


@require_http_methods(["GET", "POST"])
@permission_required("meetings.change_minute", raise_exception=True)
def minutes_editor(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("body", "venue"), pk=pk)
    if request.method == "POST":
        return act(
            request,
            lambda: services.minutes_generate_standard(meeting=meeting, user=request.user),
            success=lambda created: f"{len(created)} minutes started.",
            to=reverse("meetings:minutes", args=[meeting.pk]),
        )
    missing = meeting.items.filter(minute__isnull=True).exists()
    return render(
        request,
        "meetings/minutes_editor.html",
        {
            "meeting": meeting,
            "doc": minutes_document(meeting, entitled=entitled_to_confidential(request.user)),
            "locked": meeting.status == MeetingStatus.MINUTES_CONFIRMED,
            "missing": missing,
            # Why the minutes cannot be started, and the earlier meeting to see to first.
            "refusal": numbering_refusal(meeting) if missing else "",
            "open_earlier": open_earlier_meeting(meeting) if missing else None,
            # Minutes are confirmed at the next meeting: offer the previous meeting's draft.
            "to_confirm": previous_minutes_to_confirm(meeting),
            "trail": trail(meeting, ("Minutes", None)),
        },
    )


def _minute_for_edit(pk):
    return get_object_or_404(Minute.objects.select_related("meeting__body", "cites"), pk=pk)


def _minute_form(minute, data=None):
    parts = minute.resolution_parts.values_list("text", flat=True)
    initial = {
        "number": minute.number,
        "title": minute.title,
        "cites": minute.cites,
        "text": minute.text,
        "parts": "\n".join(parts),
        "version": minute.version,
    }
    return MinuteForm(data, initial=initial, minute=minute)


def _minute_save(request, minute, form):
    """Save the minute typed: (saved, the stale edit if someone saved first)."""
    if not form.is_valid():
        return False, None
    data = form.cleaned_data
    saved, _, stale = _save_versioned(
        form,
        lambda: services.minute_save(
            minute=minute,
            user=request.user,
            expected_version=data["version"],
            number=data["number"],
            title=data["title"],
            text=data["text"],
            parts=form.part_list(),
            cites=data["cites"],
        ),
        lambda: Minute.objects.get(pk=minute.pk).version,
    )
    if saved:
        messages.success(request, f"Minute {minute.number} saved.")
    return saved, stale


def _minute_typed_saved(request, minute):
    """Before an action or a deferral sent from the minute editor: save the minute typed with
    it, so that nothing typed is lost. (True, None, None) when saved or nothing was changed;
    else (False, the form with its errors, the stale edit)."""
    form = _minute_form(minute, request.POST)
    if not _sent_changes(form):
        return True, None, None
    saved, stale = _minute_save(request, minute, form)
    if saved:
        minute.refresh_from_db()
        return True, None, None
    return False, form, stale


def _minute_page(request, minute, form=None, action_form=None, defer_form=None, stale=None):
    meeting = minute.meeting
    return render(
        request,
        "meetings/minute_edit.html",
        {
            "minute": minute,
            "parts": minute_parts(minute),
            "meeting": meeting,
            "form": form or _minute_form(minute),
            "action_form": action_form
            or ActionForm(
                minute=minute, formaction=reverse("meetings:minute_action", args=[minute.pk])
            ),
            "defer_form": defer_form
            or DeferForm(formaction=reverse("meetings:minute_defer", args=[minute.pk])),
            "deferred": minute.requested_items.select_related("meeting"),
            "stale": stale,
            "locked": meeting.status == MeetingStatus.MINUTES_CONFIRMED,
            "trail": trail(
                meeting,
                ("Minutes", reverse("meetings:minutes", args=[meeting.pk])),
                (f"Minute {minute.number}", None),
            ),
        },
    )


def _minute_read_only(request, minute):
    """A confirmed minute, as recorded: its text, resolution and actions, with no form (the
    minutes are locked; only its actions' progress changes, on the action log)."""
    meeting = minute.meeting
    parts = minute_parts(minute)
    return render(
        request,
        "meetings/minute_read.html",
        {
            "minute": minute,
            "meeting": meeting,
            "parts": parts,
            "resolution": wording.resolution_lines([p.text for p in parts]),
            # Sent while the minutes were being confirmed: refused, but shown, never lost.
            "refused": services.locked_message(meeting) if request.method == "POST" else "",
            "typed": request.POST.get("text", "") + "\n" + request.POST.get("parts", ""),
            "trail": trail(
                meeting,
                ("Minutes", reverse("meetings:minutes", args=[meeting.pk])),
                (f"Minute {minute.number}", None),
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("meetings.change_minute", raise_exception=True)
def minute_edit(request, pk):
    minute = _minute_for_edit(pk)
    if minute.meeting.status == MeetingStatus.MINUTES_CONFIRMED:
        return _minute_read_only(request, minute)
    if request.method != "POST":
        return _minute_page(request, minute)
    form = _minute_form(minute, request.POST)
    saved, stale = _minute_save(request, minute, form)
    if saved:
        return redirect(
            f"{reverse('meetings:minutes', args=[minute.meeting_id])}#minute-{minute.pk}"
        )
    defer_form = DeferForm(
        initial=_typed(DeferForm(request.POST)),
        formaction=reverse("meetings:minute_defer", args=[minute.pk]),
    )
    action_form = ActionForm(
        initial=_typed(ActionForm(request.POST, minute=minute)),
        minute=minute,
        formaction=reverse("meetings:minute_action", args=[minute.pk]),
    )
    return _minute_page(request, minute, form, action_form, defer_form, stale)


@require_POST
@permission_required("meetings.change_minute", raise_exception=True)
def minute_action_add(request, pk):
    """Add an action to a part of the minute; the minute typed on the page is saved first."""
    minute = _minute_for_edit(pk)
    saved, form, stale = _minute_typed_saved(request, minute)
    url = reverse("meetings:minute_action", args=[minute.pk])
    action_form = ActionForm(request.POST, minute=minute, formaction=url)
    if saved and action_form.is_valid():
        done, action = save_or_refuse(
            action_form, lambda: services.action_add(user=request.user, **action_form.cleaned_data)
        )
        if done:
            tasks.alert_if_newly_assigned(action, previous_owner_pk=None, user=request.user)
            messages.success(request, "Action added.")
            return redirect("meetings:minute_edit", minute.pk)
    return _minute_page(request, minute, form, action_form=action_form, stale=stale)


@require_POST
@permission_required("meetings.change_minute", raise_exception=True)
def minute_defer(request, pk):
    """Put an item on the next meeting's agenda; the minute typed is saved first."""
    minute = _minute_for_edit(pk)
    saved, form, stale = _minute_typed_saved(request, minute)
    url = reverse("meetings:minute_defer", args=[minute.pk])
    defer_form = DeferForm(request.POST, formaction=url)
    if saved and defer_form.is_valid():
        title = defer_form.cleaned_data["title"]
        done, item = save_or_refuse(
            defer_form, lambda: services.item_defer(minute=minute, user=request.user, title=title)
        )
        if done:
            when = wording.long_date(item.meeting.date)
            messages.success(request, f"“{item.title}” added to the agenda of {when}.")
            return redirect("meetings:minute_edit", minute.pk)
    return _minute_page(request, minute, form, defer_form=defer_form, stale=stale)


@require_http_methods(["GET", "POST"])
@permission_required("meetings.change_minute", raise_exception=True)
def minutes_publish(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    minutes = reverse("meetings:minutes", args=[meeting.pk])
    confirmation = Confirmation(
        heading=f"Publish the draft minutes of {wording.long_date(meeting.date)}?",
        caption=str(meeting.body),
        consequences=[
            "Board members can read the draft minutes, and their actions join the action log.",
            "The minutes can still be corrected until they are confirmed at the next meeting.",
        ],
        button="Publish draft minutes",
        cancel_url=minutes,
        cautions=[c for c in [wording.empty_minutes_caution(empty_minutes(meeting))] if c],
        trail=trail(meeting, ("Minutes", minutes), ("Publish", None)),
    )

    def act(_):
        services.minutes_publish(meeting=meeting, user=request.user)
        tasks.rebuild_following(meeting, user=request.user)  # the next pack carries them
        tasks.alert_meeting_on_commit(Alert.MINUTES_PUBLISHED, meeting, user=request.user)
        tasks.alert_actions_on_commit(meeting_actions(meeting), user=request.user)
        return minutes

    return confirm(request, confirmation, act, done="Draft minutes published to board members.")


@require_POST
@permission_required("meetings.change_minute", raise_exception=True)
def minutes_confirm(request, pk):
    """Record, in the next meeting's minutes, that the body confirmed this meeting's minutes."""
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        minute = services.minutes_confirm(meeting=meeting, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        following = next_meeting(meeting)
        return redirect("meetings:minutes", following.pk if following else meeting.pk)
    messages.success(
        request,
        f"Minute {minute.number} records that the minutes of {wording.long_date(meeting.date)} "
        "were confirmed as a correct record: they are now locked.",
    )
    return redirect(f"{reverse('meetings:minutes', args=[minute.meeting_id])}#minute-{minute.pk}")


def _action_for_edit(pk):
    return get_object_or_404(
        Action.objects.select_related(
            "resolution_part__minute__meeting__body", "owner_organisation", "owner_person"
        ),
        pk=pk,
    )


def _action_trail(step):
    return trail() + [("Action log", reverse("meetings:actions")), (step, None)]


@require_http_methods(["GET", "POST"])
@permission_required(VIEW, raise_exception=True)
def action_edit(request, pk):
    action = _action_for_edit(pk)
    officer = request.user.has_perm("meetings.change_action")
    if not officer and not actions_owned_by(request.user).filter(pk=action.pk).exists():
        raise PermissionDenied("Only the action's owner or the committee officer updates it.")
    locked = action.resolution_part.minute.meeting.status == MeetingStatus.MINUTES_CONFIRMED
    can_correct = officer and not locked
    form = ActionUpdateForm(request.POST or None, action=action, can_correct=can_correct)
    if request.method == "POST" and form.is_valid():
        previous_owner_pk = action.owner_person_id
        done, _ = save_or_refuse(
            form,
            lambda: services.action_update(action=action, user=request.user, **form.cleaned_data),
        )
        if done:
            tasks.alert_if_newly_assigned(
                action, previous_owner_pk=previous_owner_pk, user=request.user
            )
            messages.success(request, "Action saved.")
            return redirect("meetings:actions")
    return render(
        request,
        "meetings/action_edit.html",
        {
            "form": form,
            "action": action,
            "locked": locked,
            "can_correct": can_correct,
            "can_remove": can_correct,
            "trail": _action_trail("Update"),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("meetings.change_action", raise_exception=True)
def action_remove(request, pk):
    action = _action_for_edit(pk)
    minute = action.resolution_part.minute
    edit = reverse("meetings:action_edit", args=[action.pk])
    confirmation = Confirmation(
        heading=f"Remove the action “{action.description}”?",
        caption=f"Minute {minute.number}, {wording.long_date(minute.meeting.date)}",
        consequences=[
            f"The action goes from minute {minute.number} and from the action log.",
            "The history of the meeting keeps what it was: who, what and by when.",
        ],
        button="Remove action",
        cancel_url=edit,
        warning=True,
        trail=_action_trail("Remove"),
    )

    def act(_):
        services.action_remove(action=action, user=request.user)
        return reverse("meetings:actions")

    return confirm(request, confirmation, act, done=f"“{action.description}” removed.")
