"""Email alert pages: a person's own choices, and the one-click unsubscribe of every email.

The unsubscribe page is public (the link is opened from a mail program, often signed out): it
opts out of the sign-in requirement explicitly and is authorised by its signed token alone,
which names one person and one alert, so it can change nothing else. A token that does not
verify is a 404. The mail program's own one-click POST (RFC 8058) carries no CSRF token, so the
view is CSRF-exempt; the token is what a forger would need, and it only ever turns an alert off.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from meetings import alerts, services
from meetings.forms import AlertPreferenceForm
from meetings.models import Alert, AlertPreference


@login_not_required
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    found = alerts.read_unsubscribe_token(token)
    if found is None:
        raise Http404("This unsubscribe link is not valid.")
    user, alert = found
    done = request.method == "POST"
    if done:
        services.alert_preference_set(user=user, alert=alert, on=False)
    return render(
        request,
        "meetings/unsubscribe.html",
        {"alert_label": Alert(alert).label, "done": done, "email": user.email},
    )


@require_http_methods(["GET", "POST"])
def alert_preferences(request):
    """Every signed-in person chooses their own alerts (no role needed: it is their inbox)."""
    preference = AlertPreference.objects.filter(user=request.user).first()
    officer = request.user.has_perm("meetings.change_meeting")
    form = AlertPreferenceForm(request.POST or None, instance=preference, officer=officer)
    if request.method == "POST" and form.is_valid():
        services.alert_preferences_save(user=request.user, **form.cleaned_data)
        messages.success(request, "Your email alerts are saved.")
        return redirect("meetings:alert_preferences")
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "heading": "Email alerts",
            "caption": request.user.email or "No email address on your account",
            "trail": [("Meetings", reverse("meetings:index")), ("Email alerts", None)],
        },
    )
