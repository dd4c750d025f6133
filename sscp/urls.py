from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sscp import views
from sscp.forms import LoginForm

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("public/", include("meetings.public_urls")),
    path("api/v1/", include("meetings.api_urls")),
    # A member's secret calendar address (meetings.calendar_views): open, the token is the key.
    path("calendar/", include("meetings.calendar_urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("performance/", views.performance, name="performance"),
    path("datasets/", views.datasets, name="datasets"),
    path("jobs/<int:pk>/", views.job_status, name="job_status"),
    path("meetings/", include("meetings.urls")),
    path("performance/assessment/", include("assessments.urls")),
    path("marac/", include("marac.urls")),
    path("admin/", admin.site.urls),
]
