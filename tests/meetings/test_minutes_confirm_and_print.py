"""Confirming the previous minutes from the next meeting, and the printed minutes."""

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import (
    MeetingStatus,
    Minute,
    StandardKind,
)
from tests.meetings.helpers import hold_next_meeting, minutes_of_two_items

pytestmark = pytest.mark.django_db


def test_the_previous_minutes_are_confirmed_from_the_next_meeting(client, officer):
    meeting, (first, _) = minutes_of_two_items(officer)
    services.minutes_publish(meeting=meeting, user=officer)
    following = hold_next_meeting(meeting, officer, minutes_started=False)
    client.force_login(officer)
    url = reverse("meetings:minutes_confirm", args=[meeting.pk])
    # Refused while the next meeting's minutes are not started: a message, never a 500.
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("meetings:minutes", args=[following.pk])
    assert "Start the minutes of" in response.content.decode()
    client.post(reverse("meetings:minutes", args=[following.pk]))  # start them
    page = client.get(reverse("meetings:minutes", args=[following.pk]))
    assert page.context["to_confirm"] == meeting
    response = client.post(url)
    recorded = Minute.objects.get(
        meeting=following, agenda_item__standard_kind=StandardKind.PREVIOUS_MINUTES
    )
    assert response["Location"] == (
        reverse("meetings:minutes", args=[following.pk]) + f"#minute-{recorded.pk}"
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_CONFIRMED
    page = client.get(reverse("meetings:minutes", args=[following.pk]))
    assert page.context["to_confirm"] is None
    assert "That the Minutes of the meeting held on 13 September 2018 be confirmed" in (
        page.content.decode()
    )


def test_the_printed_minutes_have_a_running_head_stylesheet(client, officer, board_member):
    meeting, _ = minutes_of_two_items(officer)
    meeting.body.name = 'Safer "Sefton"} body{color:red'
    meeting.body.save()
    css_url = reverse("meetings:minutes_print_css", args=[meeting.pk])
    client.force_login(board_member)
    assert client.get(css_url).status_code == 403  # draft minutes: not the member's yet
    services.minutes_publish(meeting=meeting, user=officer)
    page = client.get(reverse("meetings:minutes_print", args=[meeting.pk])).content.decode()
    assert f'<link rel="stylesheet" href="{css_url}" media="print">' in page
    response = client.get(css_url)
    assert response["Content-Type"] == "text/css; charset=utf-8"
    css = response.content.decode()
    # Every character that could end the string or the rule is escaped.
    assert (
        r'content: "SAFER \000022SEFTON\000022\00007d BODY\00007bCOLOR\00003aRED - '
        r'THURSDAY 13TH SEPTEMBER, 2018" "\A" counter(page);'
    ) in css
    assert "@page :first" in css
