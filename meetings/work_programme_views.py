"""A body's work programme: what is planned for its meetings to come (items deferred to them,
items the officer plans ahead, standing reports), read by members, kept by the officer,
printable for the board's own agenda; plans drop into their meeting's agenda builder.

Thin views: the programme is meetings.selectors.work_programme, the writes services.planned_*.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from meetings import services, wording
from meetings.forms import PlannedItemForm
from meetings.models import Body, Meeting, MeetingState, PlannedItem
from meetings.selectors import NOT_YET_HELD, work_programme
from meetings.views import VIEW, _apply_errors, _trail
from sscp.confirmation import Confirmation, confirm


def _programme_trail(body, *rest):
    url = reverse("meetings:work_programme", args=[body.slug])
    return _trail() + [(f"Work programme: {body}", url if rest else None), *rest]


def _open_meetings(body):
    return body.meetings.filter(state=MeetingState.SCHEDULED, status__in=NOT_YET_HELD)


@require_safe
@permission_required(VIEW, raise_exception=True)
def programme(request, slug):
    body = get_object_or_404(Body, slug=slug)
    return render(
        request,
        "meetings/work_programme.html",
        {
            "body": body,
            "programme": work_programme(body),
            "can_edit": request.user.has_perm("meetings.change_planneditem"),
            "trail": _programme_trail(body),
        },
    )


@require_safe
@permission_required(VIEW, raise_exception=True)
def programme_print(request, slug):
    body = get_object_or_404(Body, slug=slug)
    return render(
        request,
        "meetings/work_programme_print.html",
        {"body": body, "programme": work_programme(body)},
    )


def _form_page(request, body, form, heading):
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "heading": heading,
            "caption": f"Work programme: {body}",
            "unsaved_warning": True,
            "trail": _programme_trail(body, (heading, None)),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("meetings.add_planneditem", raise_exception=True)
def planned_add(request, slug):
    body = get_object_or_404(Body, slug=slug)
    form = PlannedItemForm(request.POST or None, meetings=_open_meetings(body))
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.planned_item_add(body=body, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"“{plan.title}” added to the work programme.")
            return redirect("meetings:work_programme", body.slug)
    return _form_page(request, body, form, "Plan an item")


@require_http_methods(["GET", "POST"])
@permission_required("meetings.change_planneditem", raise_exception=True)
def planned_edit(request, pk):
    plan = get_object_or_404(PlannedItem.objects.select_related("body", "meeting"), pk=pk)
    initial = {f: getattr(plan, f) for f in services.PLANNED_FIELDS}
    form = PlannedItemForm(
        request.POST or None, initial=initial, meetings=_open_meetings(plan.body),
        submit="Save changes",
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.planned_item_change(plan=plan, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"“{plan.title}” changed.")
            return redirect("meetings:work_programme", plan.body.slug)
    return _form_page(request, plan.body, form, f"Change “{plan.title}”")


@require_http_methods(["GET", "POST"])
@permission_required("meetings.delete_planneditem", raise_exception=True)
def planned_remove(request, pk):
    plan = get_object_or_404(PlannedItem.objects.select_related("body", "meeting"), pk=pk)
    back = reverse("meetings:work_programme", args=[plan.body.slug])
    confirmation = Confirmation(
        heading=f"Remove “{plan.title}” from the work programme?",
        caption=f"{plan.body}, {wording.long_date(plan.meeting.date)}",
        consequences=[
            "It will no longer be planned for any meeting. Agenda items already made from it "
            "stay on their agendas.",
            "The history of the meeting records the removal.",
        ],
        button="Remove from the work programme",
        cancel_url=back,
        warning=True,
        trail=_programme_trail(plan.body, ("Remove", None)),
    )

    def act(_):
        services.planned_item_remove(plan=plan, user=request.user)
        return back

    return confirm(request, confirmation, act, done=f"“{plan.title}” removed.")


@require_POST
@permission_required("meetings.add_agendaitem", raise_exception=True)
def planned_take(request, pk, meeting_pk):
    """ "Add to the agenda" in the agenda builder: the plan becomes an agenda item."""
    plan = get_object_or_404(PlannedItem, pk=pk)
    meeting = get_object_or_404(Meeting, pk=meeting_pk)
    try:
        services.planned_item_take(plan=plan, meeting=meeting, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"“{plan.title}” added to the agenda.")
    return redirect("meetings:agenda", meeting.pk)
