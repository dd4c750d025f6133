"""The public pages, feeds and calendars: every URL here is open without signing in."""

from django.urls import path

from meetings import feeds, public_views

app_name = "public"
urlpatterns = [
    path("", public_views.index, name="index"),
    path("bodies/<slug:slug>/", public_views.body, name="body"),
    path("bodies/<slug:slug>/calendar.ics", public_views.body_calendar, name="body_calendar"),
    path("bodies/<slug:slug>/feed.rss", feeds.rss, name="feed_rss"),
    path("bodies/<slug:slug>/feed.atom", feeds.atom, name="feed_atom"),
    path("meetings/<int:pk>/", public_views.meeting, name="meeting"),
    path("meetings/<int:pk>/pack.pdf", public_views.pack_download, name="pack"),
    path("meetings/<int:pk>/minutes/", public_views.minutes, name="minutes"),
    path("meetings/<int:pk>/minutes.pdf", public_views.minutes_download, name="minutes_pdf"),
    path("documents/<int:pk>/", public_views.document_download, name="document"),
]
