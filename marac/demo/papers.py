"""The demo's MARAC Performance Report 2017/18 under item 8 of the 13 September 2018 agenda.

The issued report's circulation version, attached by the MARAC coordinator through the report's
own "Attach to an agenda item" path (``marac.services.report_attach``) to the Domestic Abuse
Strategy report it is the appendix of. Runs after the meetings demo has published September's
agenda and before the meeting is held; a second run finds the paper there and adds nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string

from marac.models import Report
from marac.services import report_attach

MEETING_DATE = datetime.date(2018, 9, 13)
ITEM_TITLE = "Domestic Abuse Strategy Refresh"


def _item():
    from meetings.models import AgendaItem, MeetingStatus

    return AgendaItem.objects.filter(
        meeting__date=MEETING_DATE,
        title=ITEM_TITLE,
        meeting__status__in=(MeetingStatus.DRAFT, MeetingStatus.AGENDA_PUBLISHED),
    ).first()


def attach_marac_report(report: Report) -> bool:
    """Attach the issued report to item 8 once; True when it was attached now."""
    from marac.views import _report_context

    item = _item()
    coordinator = get_user_model().objects.filter(username="marac").first()
    if item is None or coordinator is None or report.issued_content is None:
        return False
    if item.frozen_papers.filter(title=report.title).exists():
        return False
    html = render_to_string("marac/report_body.html", _report_context(report, False))
    report_attach(report=report, agenda_item=item, html=html, user=coordinator)
    return True
