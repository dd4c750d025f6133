"""An item deferred to a later meeting says so on that meeting's agenda front sheet."""

import datetime

import pytest
from django.urls import reverse

from meetings import pack, services
from meetings.models import Minute
from meetings.pack_pdf import read_back, render_html
from tests.factories import BodyFactory

pytestmark = pytest.mark.django_db
DEFERRED = "Deferred to this meeting by Minute No. 4 of the meeting held on 14 June 2018."


@pytest.fixture
def september(officer):
    """June defers "Arson reduction plan" (from its minute 4) to September."""
    body = BodyFactory()
    june = services.meeting_create(
        body=body,
        date=datetime.date(2018, 6, 14),
        start_time=datetime.time(10),
        venue=body.default_venue,
        next_meeting_date=datetime.date(2018, 9, 13),
        user=officer,
    )
    services.item_add(meeting=june, user=officer, title="Youth Service")
    services.minutes_generate_standard(meeting=june, user=officer)
    minute = Minute.objects.get(meeting=june, title="YOUTH SERVICE")
    item = services.item_defer(minute=minute, user=officer, title="Arson reduction plan")
    return item.meeting


def test_the_pack_front_sheet_names_the_minute_that_deferred_the_item(september):
    pdf = render_html(pack.front_sheet_html(september, pack.MEMBERS, {}))
    text = " ".join(" ".join(read_back(pdf)).split())
    assert f"Arson reduction plan {DEFERRED}" in text


def test_the_printable_agenda_names_it_too(client, officer, september):
    client.force_login(officer)
    page = client.get(reverse("meetings:agenda_print", args=[september.pk])).content.decode()
    assert DEFERRED in page
