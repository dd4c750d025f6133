"""The pack prints for reading: "RESOLVED:" never ends a page, an action's dates never wrap.

Rendered by WeasyPrint and read back with pypdf. Each test also renders the same HTML without
the rule, to show the layout really puts a RESOLVED at a page foot (or a date across two lines).
"""

import datetime
import re

import pytest

from meetings import pack, services
from meetings.documents import minutes_running_head
from meetings.models import Action, ActionStatus, ItemKind, Minute, ResolutionPart
from meetings.pack_pdf import read_back, render_html
from tests.factories import OrganisationFactory

FILLER = (
    "The Partnership discussed the quarterly figures for the borough in detail, with the "
    "officers answering members' questions on each ward in turn."
)
RESOLVED = re.compile(r"^RESOLVED:( That:-)?$")


def _minutes_meeting(meeting, officer, count=24):
    """A meeting whose minutes have ``count`` items of varying length, each with a resolution,
    so that one RESOLVED or another falls where a page ends."""
    for n in range(count):
        services.item_add(meeting=meeting, user=officer, title=f"Item {n}", kind=ItemKind.REPORT)
    services.minutes_generate_standard(meeting=meeting, user=officer)
    for n, minute in enumerate(Minute.objects.filter(meeting=meeting, agenda_item__kind="report")):
        lines = 1 + (n * 5) % 9
        Minute.objects.filter(pk=minute.pk).update(
            text="".join(f"<p>{FILLER}</p>" for _ in range(lines))
        )
        ResolutionPart.objects.create(minute=minute, order=1, text="the report be noted")
        if n % 2:
            ResolutionPart.objects.create(minute=minute, order=2, text="officers be thanked")
    return meeting


def _page_feet(pdf: bytes, running_head: str) -> list[str]:
    """The last line of the text of every page but the last (the running head and the page
    number, drawn after the text, left out)."""
    feet = []
    for text in read_back(pdf)[:-1]:
        lines = [line.strip() for line in text.splitlines()]
        lines = [line for line in lines if line and line != running_head and not line.isdigit()]
        feet.append(lines[-1] if lines else "")
    return feet


def _resolved_at_a_foot(meeting):
    """The minutes' HTML, shifted down a line at a time (short paragraphs in the first minute)
    until, without the rule, a RESOLVED ends a page."""
    head = minutes_running_head(meeting)
    first = Minute.objects.filter(meeting=meeting).order_by("number").first()
    for shift in range(10):
        Minute.objects.filter(pk=first.pk).update(text="<p>Noted.</p>" * shift)
        html = pack.minutes_html(meeting, pack.MEMBERS)
        without_rule = html.replace(".pack-minutes .app-resolved {", ".pack-minutes .no-rule {")
        if any(RESOLVED.match(foot) for foot in _page_feet(render_html(without_rule), head)):
            return html
    raise AssertionError("No layout put a RESOLVED at the foot of a page.")


@pytest.mark.django_db
def test_resolved_never_sits_alone_at_the_foot_of_a_page(meeting, officer):
    html = _resolved_at_a_foot(_minutes_meeting(meeting, officer))
    feet = _page_feet(render_html(html), minutes_running_head(meeting))
    assert len(feet) >= 3
    assert not [foot for foot in feet if RESOLVED.match(foot)]


def _action_log_html(meeting, officer):
    """An Action Log item's paper with long actions and owners, so its Due column is narrow."""
    item = services.item_add_action_log(meeting=meeting, user=officer)
    services.minutes_generate_standard(meeting=meeting, user=officer)
    minute = Minute.objects.filter(meeting=meeting).first()
    part = ResolutionPart.objects.create(minute=minute, order=1, text="the plan be agreed")
    owner = OrganisationFactory(name="Merseyside Community Rehabilitation Company Limited")
    for n in range(3):
        Action.objects.create(
            resolution_part=part,
            description=" ".join(["Report back on the borough-wide arson campaign"] * 4),
            owner_organisation=owner,
            due_date=datetime.date(2018, 12, 13 + n),
            status=ActionStatus.OPEN,
        )
    return pack.action_log_html(item, meeting, pack.MEMBERS)


@pytest.mark.django_db
def test_the_action_logs_due_dates_do_not_wrap(meeting, officer, monkeypatch):
    # The paper lists the actions given (the agenda's selection is tested elsewhere).
    monkeypatch.setattr(pack, "agenda_action_log", lambda meeting, entitled: Action.objects.all())
    html = _action_log_html(meeting, officer)
    dates = ["13 Dec 2018", "14 Dec 2018", "15 Dec 2018"]

    def lines(html):
        return "\n".join(read_back(render_html(html))).splitlines()

    wrapped = lines(html.replace(".app-nowrap {", ".no-rule {"))
    assert not [line for line in wrapped if any(date in line for date in dates)]
    whole = lines(html)
    for date in dates:
        assert [line for line in whole if date in line], date
    assert "(13 Sep 2018)" in whole  # the minute's date too
