"""Project middleware."""

from django.utils.cache import patch_cache_control


class PrivateNoStoreMiddleware:
    """``Cache-Control: private, no-store`` on every response to a signed-in user.

    Pages, confidential papers and exports depend on who asks: neither a shared proxy nor the
    browser's disk may keep them (a shared computer, the back button after signing out). Static
    files never reach this (WhiteNoise answers first) and anonymous responses are left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
