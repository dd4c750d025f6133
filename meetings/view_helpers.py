"""Pieces the meetings views share: the breadcrumb trail, a service's refusal shown on the form
or as a message, and calendar downloads. One place each, so the pages behave alike."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from sscp.breadcrumbs import breadcrumbs

# Who reads the meetings pages, and who changes a meeting.
VIEW = "sscp.view_meetings"
EDIT = "meetings.change_meeting"


def trail(meeting=None, *rest):
    """Breadcrumbs from the meetings list, through ``meeting`` when given, then ``rest``."""
    if meeting is not None:
        here = reverse("meetings:detail", args=[meeting.pk])
        rest = ((f"{meeting.date:%-d %B %Y}", here), *rest)
    return breadcrumbs([("Meetings", "meetings:index")], *rest)


def apply_errors(form, error: ValidationError) -> None:
    """Put a service's refusal next to the field it names (or above the form)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def save_or_refuse(form, save: Callable):
    """Run ``save()``: ``(True, its result)``, or ``(False, None)`` with the refusal on ``form``
    so the page is shown again with what was typed and the reasons next to the fields."""
    try:
        return True, save()
    except ValidationError as error:
        apply_errors(form, error)
        return False, None


def act(request, action: Callable, *, to: str, success: str | Callable | None = None):
    """Run a one-click ``action`` and go back to ``to``: its refusal as an error message, or
    ``success`` (text, or a function of the action's result) as a success message."""
    try:
        result = action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if success is not None:
            messages.success(request, success(result) if callable(success) else success)
    return redirect(to)


def ics_response(text: str, filename: str) -> HttpResponse:
    """A calendar file download."""
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
