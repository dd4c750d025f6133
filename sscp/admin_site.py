from functools import wraps

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

REFUSAL = "Only administrators can use the administration pages."


class SSCPAdminSite(admin.AdminSite):
    """Django's admin, open to the Administrator role only, signing in through the app's login.

    Anyone else signed in gets a 403 rather than the admin's own login form.
    """

    site_header = "SSCP Board administration"
    site_title = "SSCP Board administration"
    index_title = "Administration"

    def has_permission(self, request):
        return request.user.is_active and request.user.has_perm("sscp.administer")

    def get_urls(self):
        urls = super().get_urls()
        for pattern in urls:
            # The admin sends anonymous users to its own login form; ours is the only one.
            if hasattr(getattr(pattern, "callback", None), "login_url"):
                pattern.callback.login_url = None
        return urls

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not self.has_permission(request):
                raise PermissionDenied(REFUSAL)
            return inner(request, *args, **kwargs)

        return guarded

    def login(self, request, extra_context=None):
        if request.user.is_authenticated:
            raise PermissionDenied(REFUSAL)
        return redirect_to_login(request.get_full_path())
