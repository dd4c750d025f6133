"""The read-only public JSON API (docs/api.md): plain views, public data only, paginated."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from meetings import api
from meetings.public_selectors import public_bodies, public_body, public_meeting, public_meetings

PAGE_SIZE = 20


def _public(view):
    return login_not_required(require_safe(view))


def _not_found(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=404)


def _paginated(request, objects, record) -> JsonResponse:
    paginator = Paginator(objects, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger):
        return _not_found("No such page.")
    query = request.GET.copy()

    def page_url(number):
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return JsonResponse(
        {
            "count": paginator.count,
            "page": page.number,
            "num_pages": paginator.num_pages,
            "next": page_url(page.next_page_number()) if page.has_next() else None,
            "previous": page_url(page.previous_page_number()) if page.has_previous() else None,
            "results": [record(request, o) for o in page.object_list],
        }
    )


@_public
def root(request):
    return JsonResponse(
        {
            "bodies": request.build_absolute_uri(reverse("api:bodies")),
            "events": request.build_absolute_uri(reverse("api:events")),
            "documentation": "docs/api.md in the SSCP Board source",
        }
    )


@_public
def bodies(request):
    return _paginated(request, public_bodies(), api.body_record)


@_public
def body(request, slug):
    return JsonResponse(api.body_record(request, public_body(slug)))


@_public
def events(request):
    """Meetings, newest first; ``?body=<slug>`` for one body's."""
    meetings = public_meetings().order_by("-date", "-start_time")
    if request.GET.get("body"):
        meetings = meetings.filter(body__slug=request.GET["body"])
    return _paginated(request, meetings, api.event)


@_public
def event(request, pk):
    return JsonResponse(api.event(request, public_meeting(pk)))
