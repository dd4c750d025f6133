"""The demo's Community Safety Strategic Assessment under item 6 of the 13 September 2018 agenda.

Attached as an analyst would from each dashboard's "Attach to an agenda item" (the one frozen
paper mechanism, ``meetings.services.frozen_paper_attach``): every chart of the overview, the
categories, places (map) and spine chart dashboards as they open by default, then the
recommendations register. Runs after the meetings demo has published September's agenda and
before the meeting is held; a second run finds the papers there and adds nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse

from assessments.models import Recommendation

MEETING_DATE = datetime.date(2018, 9, 13)
ITEM_TITLE = "Sefton Strategic Needs Assessment 2018/19"
REGISTER_TITLE = "Strategic assessment 2018/19: recommendations, considerations and gaps"
DASHBOARDS = ("overview", "categories", "places", "spine")


def _item():
    from meetings.models import AgendaItem, MeetingStatus

    return AgendaItem.objects.filter(
        meeting__date=MEETING_DATE,
        title=ITEM_TITLE,
        meeting__status__in=(MeetingStatus.DRAFT, MeetingStatus.AGENDA_PUBLISHED),
    ).first()


def attach_assessment_papers() -> int:
    """Attach the dashboards and the register to item 6; returns the number attached."""
    from assessments.views import BOARDS
    from meetings.services import frozen_paper_attach

    item = _item()
    analyst = get_user_model().objects.filter(username="analyst").first()
    if item is None or analyst is None or item.frozen_papers.exists():
        return 0
    attached = 0
    for dashboard in DASHBOARDS:
        board, _ = BOARDS[dashboard][0]({})
        for chart in board.charts:
            frozen_paper_attach(
                agenda_item=item,
                title=chart.title,
                kind="chart",
                html=render_to_string("assessments/_frozen_chart.html", {"chart": chart}),
                data_as_at=str(chart.data_as_at or ""),
                source=reverse(f"assessments:{dashboard}"),
                user=analyst,
            )
            attached += 1
    frozen_paper_attach(
        agenda_item=item,
        title=REGISTER_TITLE,
        kind="table",
        html=render_to_string(
            "assessments/_recommendation_table.html",
            {"recommendations": Recommendation.objects.all(), "can_edit": False},
        ),
        data_as_at="",
        source=reverse("assessments:recommendations"),
        user=analyst,
    )
    return attached + 1
