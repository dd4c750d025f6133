"""Downloads of the agenda pack, the agenda and the minutes as PDF. Thin: meetings.pack builds.

Members download a meeting's pack once its agenda is published; confidential items' papers are
in the pack only for those entitled to them (others get the wider-circulation pack, which says
why they are left out). Officers may download any meeting's pack, and see the build's warnings.
"""

from typing import BinaryIO

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from meetings import pack, supplement_pack
from meetings.selectors import entitled_to_confidential, meetings_visible_to, minutes_visible
from meetings.view_helpers import EDIT, VIEW


def _meeting(request, pk):
    return get_object_or_404(meetings_visible_to(request.user), pk=pk)


def _variant(request) -> str:
    variant = request.GET.get("variant") or pack.variant_for(request.user)
    if variant not in pack.VARIANTS:
        raise Http404("No such pack.")
    if variant == pack.MEMBERS and not entitled_to_confidential(request.user):
        raise PermissionDenied
    return variant


def built_pdf(build) -> tuple[pack.BuiltPdf, BinaryIO]:
    """The built PDF and its file, opened. A paper removed just after the build deletes the
    meeting's packs (``pack.forget_meeting``): then it is built once more, never a 500."""
    built = build()
    try:
        return built, open(built.path, "rb")
    except FileNotFoundError:
        built = build()
        return built, open(built.path, "rb")


def pdf_response(handle, filename) -> FileResponse:
    return FileResponse(
        handle, content_type="application/pdf", as_attachment=True, filename=filename
    )


def _warn(request, warnings) -> None:
    if request.user.has_perm(EDIT):
        for warning in warnings:
            messages.warning(request, warning)


@require_safe
@permission_required(VIEW, raise_exception=True)
def pack_download(request, pk):
    meeting = _meeting(request, pk)
    variant = _variant(request)
    built, handle = built_pdf(lambda: pack.pack_build_info(meeting, variant=variant))
    _warn(request, built.warnings)
    return pdf_response(handle, pack.pack_filename(meeting, variant))


@require_safe
@permission_required(VIEW, raise_exception=True)
def agenda_download(request, pk):
    meeting = _meeting(request, pk)
    variant = pack.variant_for(request.user)
    _, handle = built_pdf(lambda: pack.agenda_pdf(meeting, variant=variant))
    return pdf_response(handle, f"{meeting.body.slug}-{meeting.date:%Y-%m-%d}-agenda.pdf")


@require_safe
@permission_required(VIEW, raise_exception=True)
def minutes_download(request, pk):
    meeting = _meeting(request, pk)
    if not minutes_visible(meeting, request.user):
        raise PermissionDenied
    variant = _variant(request)  # confidential items' minutes are exempt in the public one
    _, handle = built_pdf(lambda: pack.minutes_pdf(meeting, variant=variant))
    return pdf_response(handle, f"{meeting.body.slug}-{meeting.date:%Y-%m-%d}-minutes.pdf")


@require_safe
@permission_required(VIEW, raise_exception=True)
def supplement_download(request, pk, number):
    """A published supplementary agenda, as readable as the main pack."""
    meeting = _meeting(request, pk)
    supplement = get_object_or_404(
        meeting.supplements.filter(published_at__isnull=False), number=number
    )
    variant = _variant(request)
    built, handle = built_pdf(
        lambda: supplement_pack.supplement_build_info(supplement, variant=variant)
    )
    _warn(request, built.warnings)
    return pdf_response(handle, supplement_pack.supplement_filename(supplement, variant))


@require_safe
@permission_required(VIEW, raise_exception=True)
def whole_download(request, pk):
    """The main pack and every published supplement, in one PDF."""
    meeting = _meeting(request, pk)
    variant = _variant(request)
    built, handle = built_pdf(lambda: supplement_pack.whole_build_info(meeting, variant=variant))
    _warn(request, built.warnings)
    return pdf_response(handle, supplement_pack.whole_filename(meeting, variant))
