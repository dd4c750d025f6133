"""A member's secret calendar address, at /calendar/<token>.ics: open, the token is the key."""

from django.urls import path

from meetings import calendar_views

urlpatterns = [
    path("<str:token>.ics", calendar_views.personal_calendar, name="personal_calendar"),
]
