from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sscp import views
from sscp.forms import LoginForm

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
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
    path("meetings/", include("meetings.urls")),
    path("performance/assessment/", include("assessments.urls")),
    path("marac/", include("marac.urls")),
    path("admin/", admin.site.urls),
]
