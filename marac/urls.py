from django.urls import path

from marac import views

app_name = "marac"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("dashboard.csv", views.dashboard_csv, name="dashboard_csv"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/add/", views.case_add, name="case_add"),
    path("upload/", views.upload, name="upload"),
    path("upload/template-<str:kind>.csv", views.upload_template, name="upload_template"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/<int:pk>/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/issue/", views.report_issue, name="report_issue"),
    path("reports/<int:pk>/withdraw/", views.report_withdraw, name="report_withdraw"),
    path("reports/<int:pk>/attach/", views.report_attach, name="report_attach"),
    path("reports/<int:pk>/<str:variant>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/<str:variant>.pdf", views.report_pdf, name="report_pdf"),
    path("safelives-return.<str:fmt>", views.safelives_return, name="safelives_return"),
]
