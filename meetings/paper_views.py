"""An uploaded paper's own page, its original file, and replacing its file. Thin: the writes
are ``services.document_replace``; conversion runs off the request (``services.run_conversion``).

Whoever may read the paper may see its page and download both its PDF and the original it was
converted from; only officers replace it, while the agenda is open.
"""

import mimetypes

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from meetings import conversion, services
from meetings.forms import ReplaceFileForm
from meetings.models import Conversion, UploadedDocument
from meetings.views import VIEW, _apply_errors, _readable_item, _trail

CHANGE = "meetings.change_uploadeddocument"


def _paper(request, pk):
    document = get_object_or_404(UploadedDocument.objects.select_related("report"), pk=pk)
    item = _readable_item(request, document.agenda_item_id)
    return document, item


def original_kind(document) -> str:
    """ "Word document", "Excel workbook", ... as the original's name says (its content was
    checked to match on upload)."""
    ext = conversion.extension(document.original_name or document.original.name)
    return conversion.FORMATS.get(ext, ("", "file"))[1]


@require_safe
@permission_required(VIEW, raise_exception=True)
def paper_detail(request, pk):
    document, item = _paper(request, pk)
    can_replace = request.user.has_perm(CHANGE) and item.meeting.status in services.OPEN_FOR_PAPERS
    return render(
        request,
        "meetings/paper_detail.html",
        {
            "document": document,
            "item": item,
            "original_kind": original_kind(document) if document.original.name else "",
            "states": Conversion,
            "can_replace": can_replace,
            "trail": _trail(item.meeting, (document.title, None)),
        },
    )


@require_safe
@permission_required(VIEW, raise_exception=True)
def paper_original(request, pk):
    """The file as its author sent it (a Word report, a spreadsheet), to those who may read
    the paper."""
    document, _ = _paper(request, pk)
    if not document.original.name:
        raise Http404("This paper was uploaded as a PDF.")
    try:
        handle = document.original.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing.") from exc
    name = document.original_name or document.original.name.rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(handle, content_type=content_type, as_attachment=True, filename=name)


@require_http_methods(["GET", "POST"])
@permission_required(CHANGE, raise_exception=True)
def paper_replace(request, pk):
    document, item = _paper(request, pk)
    form = ReplaceFileForm(
        request.POST or None, request.FILES or None, max_mb=settings.SSCP_MAX_UPLOAD_MB
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.document_replace(
                document=document, user=request.user, file=form.cleaned_data["file"]
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"The file of “{document.title}” replaced.")
            return redirect("meetings:paper_detail", document.pk)
    heading = "Replace the file"
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "multipart": True,
            "heading": heading,
            "caption": document.title,
            "trail": _trail(
                item.meeting,
                (document.title, reverse("meetings:paper_detail", args=[document.pk])),
                (heading, None),
            ),
        },
    )
