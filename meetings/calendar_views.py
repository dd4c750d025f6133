"""Members' secret calendar address: made, replaced and revoked from their own page, and the
calendar it serves to calendar programs, which cannot sign in.

The address answers 404 for a forged, revoked or expired token (never the sign-in page, which
would tell a guesser the address exists); the token never reaches a log (sscp/logs.py).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_safe

from meetings import services
from meetings.calendar import calendar_for
from meetings.calendar_tokens import user_for_token
from meetings.models import CalendarToken
from meetings.selectors import meetings_visible_to
from meetings.view_helpers import VIEW, ics_response


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required(VIEW, raise_exception=True)
def subscription(request):
    """GET: whether the member has an address. POST ``make``: a new one, shown on this response
    only (it is stored hashed); POST ``revoke``: it stops working at once."""
    address = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.calendar_token_revoke(user=request.user)
            messages.success(request, "Your calendar address no longer works.")
            return redirect("meetings:calendar_subscription")
        token = services.calendar_token_issue(user=request.user)
        address = request.build_absolute_uri(reverse("personal_calendar", args=[token]))
    existing = CalendarToken.objects.filter(user=request.user).first()
    response = render(
        request,
        "meetings/calendar_subscription.html",
        {
            "address": address,
            "existing": existing,
            "trail": [("Meetings", reverse("meetings:index")), ("Calendar subscription", None)],
        },
    )
    return response


@login_not_required
@require_safe
def personal_calendar(request, token):
    user = user_for_token(token)
    if user is None or not user.has_perm(VIEW):
        raise Http404("No such calendar.")
    text = calendar_for(meetings_visible_to(user), request)
    response = ics_response(text, "sscp-board-meetings.ics")
    # One member's meetings (drafts too, for an officer): no shared cache may keep them.
    patch_cache_control(response, private=True, no_store=True)
    return response
