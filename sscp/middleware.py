"""Project middleware."""

import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
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


PUBLIC_PREFIXES = ("/public/", "/api/", "/calendar/", "/robots.txt")


def client_address(request) -> str:
    """The client's address; behind ``AXES_PROXY_COUNT`` proxies, the one they were given."""
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


class PublicRateLimitMiddleware:
    """Anonymous requests to the public pages, feeds, API and calendars: at most
    ``SSCP_PUBLIC_RATE_LIMIT`` a minute from one address, then 429 until the minute is out.

    Counted in the ``ratelimit`` cache: each worker's memory unless a deployer shares it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.SSCP_PUBLIC_RATE_LIMIT
        user = getattr(request, "user", None)
        anonymous = not (user and user.is_authenticated)
        if limit and anonymous and request.path.startswith(PUBLIC_PREFIXES):
            minute = int(time.time() // 60)
            key = f"ratelimit:{client_address(request)}:{minute}"
            counter = caches["ratelimit"]
            counter.add(key, 0, timeout=90)
            try:
                count = counter.incr(key)
            except ValueError:  # expired between add and incr
                count = 1
            if count > limit:
                response = HttpResponse(
                    "Too many requests: try again in a minute.\n",
                    status=429,
                    content_type="text/plain",
                )
                response["Retry-After"] = str(60 - int(time.time()) % 60)
                return response
        return self.get_response(request)
