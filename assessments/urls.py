from django.urls import path

from assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("categories/", views.categories, name="categories"),
    path("places/", views.places, name="places"),
    path("spine/", views.spine, name="spine"),
    path("recommendations/", views.recommendation_list, name="recommendations"),
    path(
        "recommendations/<int:pk>/progress/",
        views.recommendation_edit,
        name="recommendation_edit",
    ),
    path("imports/", views.import_list, name="imports"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/rollback/", views.import_rollback, name="import_rollback"),
    path("imports/<int:pk>/export.csv", views.dataset_export, name="import_export"),
    path("<slug:dashboard>/charts/<slug:chart_id>/attach/", views.chart_attach, name="attach"),
]
