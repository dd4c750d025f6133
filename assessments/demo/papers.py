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
from django.utils.http import urlencode

from assessments import selectors
from assessments.models import Recommendation

MEETING_DATE = datetime.date(2018, 9, 13)
ITEM_TITLE = "Sefton Strategic Needs Assessment 2018/19"
REGISTER_TITLE = "Strategic assessment 2018/19: recommendations, considerations and gaps"
# What the analyst froze, as the seed assessment's sections run: trends and comparisons of the
# headline rates, the tables of offences by type, the places most affected, the spine chart.
# (dashboard, filter field, the indicator's or table's name); the field's choice by name.
DASHBOARD_VIEWS = [
    ("overview", "indicator", "Total recorded crime per 1,000 population"),
    ("overview", "indicator", "Anti-social behaviour incidents per 1,000 population"),
    ("overview", "indicator", "Deliberate fires per 1,000 population"),
    ("categories", "dataset", "Total counts and rate of crime per 1,000 population, 2017/18"),
    ("categories", "dataset", "Sefton crime types 2017/18"),
    ("categories", "dataset", "Additional Sefton crime categorisations 2017/18"),
    ("categories", "dataset", "Anti-social behaviour, fly-tipping and fires, 2017/18"),
    ("categories", "dataset", "Breakdown of offences committed by young people, 2017/18"),
    ("categories", "dataset", "Adult proven re-offending, July 2015 to June 2016"),
    ("places", "indicator", "Anti-social behaviour"),
    ("places", "indicator", "Violence and sexual offences"),
    ("places", "indicator", "Burglary"),
    ("spine", "", ""),
]


def _item():
    from meetings.models import AgendaItem, MeetingStatus

    return AgendaItem.objects.filter(
        meeting__date=MEETING_DATE,
        title=ITEM_TITLE,
        meeting__status__in=(MeetingStatus.DRAFT, MeetingStatus.AGENDA_PUBLISHED),
    ).first()


# The places dashboards run on street-level records generated for the demo, drawn on schematic
# ward squares: labelled so on the paper. (The other tables are the seed assessment's figures.)
ILLUSTRATIVE = {
    "places": " (illustrative: demo street-level records generated for three months, drawn on "
    "schematic ward squares, not real boundaries)"
}


def _query(field: str, name: str) -> dict | None:
    """The dashboard's query string for an indicator or table chosen by name."""
    if not field:
        return {}
    choices = {
        "indicator": [*selectors.rate_indicators(), *selectors.place_indicators()],
        "dataset": selectors.category_datasets(),
    }[field]
    found = next((choice for choice in choices if choice.name == name), None)
    return None if found is None else {field: str(found.pk)}


def attach_assessment_papers() -> int:
    """Attach the dashboards and the register to item 6; returns the number attached."""
    from assessments.views import BOARDS
    from meetings.services import frozen_paper_attach

    item = _item()
    analyst = get_user_model().objects.filter(username="analyst").first()
    if item is None or analyst is None or item.frozen_papers.exists():
        return 0
    attached = 0
    for dashboard, field, name in DASHBOARD_VIEWS:
        query = _query(field, name)
        if query is None:  # the demo table is not loaded (a partial demo): nothing to freeze
            continue
        board, _ = BOARDS[dashboard][0](query)
        for chart in board.charts:
            frozen_paper_attach(
                agenda_item=item,
                title=chart.title,
                kind="chart",
                html=render_to_string("assessments/_frozen_chart.html", {"chart": chart}),
                data_as_at=str(chart.data_as_at or ""),
                source=reverse(f"assessments:{dashboard}")
                + "?"
                + urlencode(query)
                + ILLUSTRATIVE.get(dashboard, ""),
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
