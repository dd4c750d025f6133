"""The public pages: what a body publishes, readable without signing in.

Each view opts out of ``LoginRequiredMiddleware`` explicitly (``login_not_required``) and reads
only through ``meetings.public_selectors``. Pages for anonymous visitors are cached under the
meeting's (or body's) published state, so a publication shows at once and nothing is stale.
"""

import hashlib

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache, caches
from django.http import FileResponse, Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from meetings import pack, wording
from meetings.calendar import calendar_for
from meetings.numbering import municipal_year_label
from meetings.pack_views import built_pdf, pdf_response
from meetings.public_selectors import (
    body_published_state,
    minutes_published,
    public_agenda,
    public_bodies,
    public_body,
    public_document,
    public_meeting,
    public_meetings,
    public_members,
    public_minutes,
    published_state,
)
from meetings.view_helpers import ics_response
from sscp.breadcrumbs import breadcrumbs

EXEMPT_PAPERS = (
    "Exempt: the papers for this item are confidential (they contain exempt information) "
    "and are circulated to the board's members only."
)


def public(view):
    """Open to anyone (no sign-in), GET and HEAD only."""
    return login_not_required(require_safe(view))


def _page(request, template, key, context_fn) -> HttpResponse:
    """Render ``template``; for anonymous visitors from the cache under ``key`` (the published
    state), so a signed-in reader's page, which names them, is never stored or shared."""
    anonymous = not request.user.is_authenticated
    cache_key = "public-page:" + hashlib.sha256(f"{template}|{key}".encode()).hexdigest()
    html = None
    if anonymous:  # the worker's memory first, then the database cache all workers share
        html = caches["public_pages"].get(cache_key) or cache.get(cache_key)
    if html is None:
        html = render_to_string(template, context_fn(), request=request)
        if anonymous:
            cache.set(cache_key, html, settings.SSCP_PUBLIC_CACHE_SECONDS)
    if anonymous:
        caches["public_pages"].set(cache_key, html, settings.SSCP_PUBLIC_CACHE_SECONDS)
    response = HttpResponse(html)
    if anonymous:
        patch_cache_control(response, public=True, max_age=60)
    return response


def _trail(*rest):
    return breadcrumbs([("Public meetings", "public:index")], *rest)


@public
def index(request):
    bodies = list(public_bodies())
    key = ",".join(f"{b.pk}:{b.slug}:{b.name}" for b in bodies)
    return _page(
        request,
        "public/index.html",
        key,
        lambda: {"bodies": bodies, "trail": [("Public meetings", None)]},
    )


@public
def body(request, slug):
    body = public_body(slug)

    def context():
        return {
            "body": body,
            "members": public_members(body),
            "meetings": public_meetings(body),
            "trail": _trail((body.name, None)),
        }

    return _page(request, "public/body.html", body_published_state(body), context)


@public
def meeting(request, pk):
    meeting = public_meeting(pk)

    def context():
        return {
            "meeting": meeting,
            "body": meeting.body,
            "items": public_agenda(meeting),
            "exempt_papers": EXEMPT_PAPERS,
            "minutes_published": minutes_published(meeting),
            "year": municipal_year_label(meeting),
            "long_date": wording.long_date(meeting.date),
            "trail": _trail(
                (meeting.body.name, reverse("public:body", args=[meeting.body.slug])),
                (f"{meeting.date:%-d %B %Y}", None),
            ),
        }

    return _page(request, "public/meeting.html", published_state(meeting), context)


@public
def minutes(request, pk):
    meeting = public_meeting(pk)
    document = public_minutes(meeting)
    if document is None:
        raise Http404("These minutes are not published.")

    def context():
        return {
            "meeting": meeting,
            "body": meeting.body,
            "doc": document,
            "trail": _trail(
                (meeting.body.name, reverse("public:body", args=[meeting.body.slug])),
                (f"{meeting.date:%-d %B %Y}", reverse("public:meeting", args=[meeting.pk])),
                ("Minutes", None),
            ),
        }

    return _page(request, "public/minutes.html", published_state(meeting), context)


@public
def pack_download(request, pk):
    """The wider-circulation pack: confidential items' papers replaced by a page saying why."""
    meeting = public_meeting(pk)
    _, handle = built_pdf(lambda: pack.pack_build_info(meeting, variant=pack.PUBLIC))
    return pdf_response(handle, pack.pack_filename(meeting, pack.PUBLIC))


@public
def minutes_download(request, pk):
    meeting = public_meeting(pk)
    if not minutes_published(meeting):
        raise Http404("These minutes are not published.")
    _, handle = built_pdf(lambda: pack.minutes_pdf(meeting, variant=pack.PUBLIC))
    return pdf_response(handle, f"{meeting.body.slug}-{meeting.date:%Y-%m-%d}-minutes.pdf")


@public
def document_download(request, pk):
    document = public_document(pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing.") from exc
    return FileResponse(handle, content_type="application/pdf", filename=f"{document.title}.pdf")


@public
def body_calendar(request, slug):
    """The body's public meetings, for calendar programs to subscribe to without signing in."""
    body = public_body(slug)
    text = calendar_for(public_meetings(body), request, url_name="public:meeting")
    return ics_response(text, f"{body.slug}-public.ics")
