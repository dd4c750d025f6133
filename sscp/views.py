from django.contrib.auth.decorators import login_not_required, permission_required
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from sscp.home import home_panels
from sscp.models import Job


@require_safe
def home(request):
    """What the user has to do and read next: each app's panels for their roles."""
    panels = home_panels(request.user, today=timezone.localdate())
    return render(request, "home.html", {"panels": panels})


@require_safe
@permission_required("sscp.view_performance", raise_exception=True)
def performance(request):
    return render(request, "performance.html")


@require_safe
@permission_required("sscp.use_datasets", raise_exception=True)
def datasets(request):
    return render(request, "datasets.html")


@login_not_required
@never_cache
@require_safe
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


ROBOTS = """User-agent: *
Allow: /public/
Allow: /api/
Disallow: /
"""


@login_not_required
@require_safe
def robots_txt(request):
    """Crawlers may index the public pages and API; everything else needs signing in anyway,
    and secret calendar addresses must never be followed."""
    return HttpResponse(ROBOTS, content_type="text/plain")


@require_safe
@never_cache
def job_status(request, pk):
    """A queued job's progress, and its result or error, for the person who started it only
    (anyone else gets the same 404 as a job that does not exist)."""
    job = get_object_or_404(Job, pk=pk, started_by=request.user)
    return render(request, "job_status.html", {"job": job})
