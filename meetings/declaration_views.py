"""The officer corrects or removes a declaration of interest until the minutes are confirmed.

Thin views beside the attendance page (meetings.views), which records declarations.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from meetings import services, wording
from meetings.documents import members_on
from meetings.forms import DeclarationForm
from meetings.models import Declaration, MeetingStatus, Person
from meetings.view_helpers import save_or_refuse, trail
from sscp.confirmation import Confirmation, confirm


def _declaration(pk):
    return get_object_or_404(
        Declaration.objects.select_related("person", "agenda_item__meeting__body"), pk=pk
    )


def _attendance_trail(meeting, step):
    return trail(meeting, ("Attendance", reverse("meetings:attendance", args=[meeting.pk])), step)


def _locked_page(request, declaration):
    """Confirmed minutes record the declaration as it was: say so, with no form."""
    meeting = declaration.agenda_item.meeting
    messages.info(
        request,
        f"The minutes of {wording.long_date(meeting.date)} have been confirmed: their "
        "declarations can no longer be changed.",
    )
    return redirect("meetings:attendance", meeting.pk)


@require_http_methods(["GET", "POST"])
@permission_required("meetings.change_declaration", raise_exception=True)
def declaration_edit(request, pk):
    declaration = _declaration(pk)
    meeting = declaration.agenda_item.meeting
    if meeting.status == MeetingStatus.MINUTES_CONFIRMED:
        return _locked_page(request, declaration)
    members = members_on(meeting)
    form = DeclarationForm(
        request.POST or None,
        initial={name: getattr(declaration, name) for name in services.DECLARATION_FIELDS},
        meeting=meeting,
        # A member who has since left the body stays choosable on their own declaration.
        members=Person.objects.filter(pk__in=[p.pk for p in members] + [declaration.person_id]),
        submit="Save declaration",
    )
    if request.method == "POST" and form.is_valid():
        done, _ = save_or_refuse(
            form,
            lambda: services.declaration_update(
                declaration=declaration, user=request.user, **form.cleaned_data
            ),
        )
        if done:
            messages.success(request, f"Declaration by {declaration.person} saved.")
            return redirect("meetings:attendance", meeting.pk)
    return render(
        request,
        "meetings/declaration_edit.html",
        {
            "form": form,
            "declaration": declaration,
            "meeting": meeting,
            "trail": _attendance_trail(meeting, ("Declaration", None)),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("meetings.delete_declaration", raise_exception=True)
def declaration_remove(request, pk):
    declaration = _declaration(pk)
    meeting = declaration.agenda_item.meeting
    if meeting.status == MeetingStatus.MINUTES_CONFIRMED:
        return _locked_page(request, declaration)
    item = declaration.agenda_item
    attendance = reverse("meetings:attendance", args=[meeting.pk])
    confirmation = Confirmation(
        heading=f"Remove the declaration by {declaration.person}?",
        caption=f"Item {item.order}: {item.title}, {wording.long_date(meeting.date)}",
        consequences=[
            f"The declaration of a {declaration.get_kind_display().lower()} on item "
            f"{item.order} is removed.",
            "The Declarations of Interest minute is written again from the declarations left, "
            "unless you have reworded it.",
            "The meeting's history keeps what the declaration said.",
        ],
        button="Remove declaration",
        cancel_url=reverse("meetings:declaration_edit", args=[declaration.pk]),
        warning=True,
        trail=_attendance_trail(meeting, ("Remove declaration", None)),
    )

    def act(_):
        services.declaration_remove(declaration=declaration, user=request.user)
        return attendance

    return confirm(request, confirmation, act, done=f"Declaration by {declaration.person} removed.")
