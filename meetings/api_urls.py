"""The public read-only JSON API (docs/api.md)."""

from django.urls import path

from meetings import api_views

app_name = "api"
urlpatterns = [
    path("", api_views.root, name="root"),
    path("bodies/", api_views.bodies, name="bodies"),
    path("bodies/<slug:slug>/", api_views.body, name="body"),
    path("events/", api_views.events, name="events"),
    path("events/<int:pk>/", api_views.event, name="event"),
]
