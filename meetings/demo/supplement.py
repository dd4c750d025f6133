"""Demo: Supplementary Agenda 1 of the 13 December 2018 meeting, carrying one late paper.

Illustrative, and labelled as such: the seed papers have no supplement for this meeting. The
Integrated Youth Service item's paper is marked "to follow" on the agenda, and arrives as a late
paper generated in code (fictional, no binary in the repository). Idempotent.
"""

import datetime
import functools

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from meetings import supplements
from meetings.models import AgendaItem, MeetingStatus, UploadedDocument
from meetings.paper_text import extract_text

MEETING_DATE = datetime.date(2018, 12, 13)
ITEM_TITLE = "Integrated Youth Service"
LATE_TITLE = "Integrated Youth Service - December 2018 update (illustrative late paper)"


@functools.cache
def late_paper_pdf() -> bytes:
    """A two-page fictional report saying it is an illustration."""
    import weasyprint

    html = (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{LATE_TITLE}</title><style>@page {{ size: A4; margin: 25mm 20mm; }} "
        'html { font-family: "Liberation Sans", Arial, sans-serif; font-size: 11pt; } '
        "h2 { break-before: page; }</style></head><body>"
        "<h1>Integrated Youth Service: December 2018 update</h1>"
        "<p><strong>Illustrative late paper.</strong> This fictional paper shows how a paper "
        "that arrives after the agenda is published reaches members in a supplementary "
        "agenda. Its figures are invented.</p>"
        "<p>The service reports on the first half of 2018/19: first-time entrants fell, and "
        "detached youth work reached more young people in the north of the borough.</p>"
        "<h2>Recommendation</h2><p>The Partnership is asked to note this report.</p>"
        "</body></html>"
    )
    return weasyprint.HTML(string=html).write_pdf()


def load_supplement_demo() -> None:
    """Mark the December item's paper to follow, add the late paper and publish the supplement."""
    from meetings import services

    item = (
        AgendaItem.objects.select_related("meeting__body")
        .filter(meeting__date=MEETING_DATE, title=ITEM_TITLE)
        .first()
    )
    if item is None or item.meeting.status == MeetingStatus.DRAFT:
        return
    meeting = item.meeting
    if meeting.supplements.exists():
        return
    AgendaItem.objects.filter(pk=item.pk).update(paper_to_follow=True)
    data = late_paper_pdf()
    UploadedDocument.objects.create(
        agenda_item=item,
        supplement=supplements.open_supplement(meeting),
        title=LATE_TITLE,
        file=ContentFile(data, name="integrated-youth-service-2018-12-late.pdf"),
        size=len(data),
        text=extract_text(data),
    )
    user = get_user_model().objects.filter(username="officer").first()
    services.supplement_publish(meeting=meeting, user=user)
