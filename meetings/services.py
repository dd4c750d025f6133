"""Writes. Each function is one thing the committee officer (or another app) does.

Every function takes keyword arguments, checks the business rules, writes inside a transaction
and records the change in the history. Views call these; they never save models themselves.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from meetings.history import change_record
from meetings.html import clean_paper
from meetings.models import AgendaItem, FrozenPaper, FrozenPaperKind, MeetingStatus

OPEN_FOR_PAPERS = (MeetingStatus.DRAFT, MeetingStatus.AGENDA_PUBLISHED)


# --- Frozen papers (the API other apps call) ---------------------------------------------------


@transaction.atomic
def frozen_paper_attach(
    *,
    agenda_item: AgendaItem,
    title: str,
    kind: str,
    html: str,
    data_as_at: str,
    source: str,
    user,
) -> FrozenPaper:
    """Attach a chart, table or report, frozen as sanitised HTML, to an item of a coming meeting.

    Raises PermissionDenied when the user may not attach papers, ValidationError when the
    meeting has already been held or the kind is unknown. The HTML may hold an inline <svg>;
    anything that could load or run (scripts, styles, <use>, event handlers) is removed.
    """
    if not user.has_perm("meetings.attach_frozenpaper"):
        raise PermissionDenied("You may not attach papers to agenda items.")
    if kind not in FrozenPaperKind.values:
        raise ValidationError({"kind": f"Kind must be one of {', '.join(FrozenPaperKind.values)}."})
    meeting = agenda_item.meeting
    if meeting.status not in OPEN_FOR_PAPERS:
        raise ValidationError(
            f"The meeting of {meeting.date:%-d %B %Y} has been held: its papers are closed."
        )
    if not title.strip():
        raise ValidationError({"title": "Enter a title for the paper."})
    paper = FrozenPaper.objects.create(
        agenda_item=agenda_item,
        title=title.strip()[:300],
        kind=kind,
        html=clean_paper(html),
        data_as_at=data_as_at[:300],
        source=source[:300],
        created_by=user,
    )
    change_record(
        meeting=meeting,
        instance=paper,
        user=user,
        summary=f"Paper “{paper.title}” attached to item {agenda_item.order}",
        after={"title": paper.title, "kind": kind, "data_as_at": paper.data_as_at},
    )
    return paper
