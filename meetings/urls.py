from django.urls import path

from meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="index"),
    path("new/", views.meeting_create, name="create"),
    path("actions/", views.actions, name="actions"),
    path("actions/<int:pk>/", views.action_edit, name="action_edit"),
    path("search/", views.search, name="search"),
    path("people/<int:pk>/attendance/", views.person_attendance, name="person_attendance"),
    path("bodies/<slug:slug>/calendar.ics", views.body_calendar, name="body_calendar"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/calendar.ics", views.meeting_calendar, name="calendar"),
    path("<int:pk>/agenda/", views.agenda_builder, name="agenda"),
    path("<int:pk>/agenda/print/", views.agenda_print, name="agenda_print"),
    path("<int:pk>/agenda/items/", views.item_add, name="item_add"),
    path("<int:pk>/agenda/publish/", views.agenda_publish, name="publish"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/minutes/", views.minutes_editor, name="minutes"),
    path("<int:pk>/minutes/print/", views.minutes_print, name="minutes_print"),
    path("<int:pk>/minutes/publish/", views.minutes_publish, name="minutes_publish"),
    path("<int:pk>/minutes/confirm/", views.minutes_confirm, name="minutes_confirm"),
    path("<int:pk>/history/", views.history, name="history"),
    path("items/<int:pk>/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/move/", views.item_move, name="item_move"),
    path("items/<int:pk>/remove/", views.item_remove, name="item_remove"),
    path("items/<int:item_pk>/report/", views.report_edit, name="report_new"),
    path("items/<int:item_pk>/report/<int:pk>/", views.report_edit, name="report_edit"),
    path("items/<int:item_pk>/upload/", views.document_upload, name="upload"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("documents/<int:pk>/", views.document_download, name="document"),
    path("papers/<int:pk>/", views.frozen_paper_detail, name="frozen_paper"),
    path("minutes/<int:pk>/", views.minute_edit, name="minute_edit"),
]
