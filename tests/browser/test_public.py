"""Public pages in Chromium: an anonymous visitor reads the 13 September 2018 meeting, its
public pack and its minutes and finds no confidential text; a member makes their secret
calendar address and a calendar program (no session) reads it. Axe-clean."""

import io
import re
import urllib.request

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from playwright.sync_api import expect
from pypdf import PdfReader

from meetings.models import AgendaItem, Meeting, Minute, ResolutionPart
from tests.browser.conftest import assert_accessible

SECRET = "Operation Kestrel"  # words only the confidential item holds


def _make_one_item_confidential(meeting):
    item = meeting.items.get(title__icontains="Integrated Youth Service")
    AgendaItem.objects.filter(pk=item.pk).update(
        is_confidential=True, description=f"{SECRET}: the case review."
    )
    minute = Minute.objects.get(agenda_item=item)
    Minute.objects.filter(pk=minute.pk).update(text=f"<p>{SECRET} was discussed.</p>")
    ResolutionPart.objects.filter(minute=minute).update(text=f"the {SECRET} plan be agreed")
    return item


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_anonymous_visitor_reads_the_september_meeting(demo, live_server, page):
    page.set_default_timeout(60_000)
    cache.clear()
    september = Meeting.objects.get(date="2018-09-13")
    item = _make_one_item_confidential(september)

    page.goto(f"{live_server.url}/public/")
    assert_accessible(page)
    page.get_by_role("link", name="Sefton Safer Communities Partnership").click()
    expect(page.get_by_role("heading", name="Sefton Safer Communities Partnership")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Thursday 13 September 2018").click()
    expect(page.get_by_role("heading", name="Thursday 13 September 2018")).to_be_visible()
    assert_accessible(page)
    exempt = page.locator(f"#item-{item.pk}")
    expect(exempt).to_contain_text("Exempt: the papers for this item are confidential")
    assert SECRET not in page.content()

    with page.expect_download() as info:
        page.get_by_test_id("public-pack").click()
    with open(info.value.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    pack_text = "\n".join(p.extract_text() for p in reader.pages)
    assert "AGENDA" in pack_text and SECRET not in pack_text
    assert "Integrated Youth Service - update to the Partnership" not in pack_text

    page.get_by_role("link", name="Minutes", exact=True).click()
    expect(page.get_by_role("heading", name="Minutes of 13 September 2018")).to_be_visible()
    assert_accessible(page)
    text = page.content()
    assert "This minute is exempt" in text and SECRET not in text
    assert re.search(r"Community Safety|Partnership", text)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_member_subscribes_with_the_secret_address(demo, live_server, page, login_as):
    page.set_default_timeout(60_000)
    cache.clear()
    login_as(get_user_model().objects.get(username="member"))
    page.goto(f"{live_server.url}/meetings/")
    page.get_by_role("link", name="Subscribe to your meetings calendar").click()
    assert_accessible(page)
    page.get_by_role("button", name="Make my calendar address").click()
    address = page.get_by_test_id("calendar-address").input_value()
    assert_accessible(page)
    with urllib.request.urlopen(address) as response:  # a calendar program: no session
        assert response.status == 200
        calendar = response.read().decode()
    assert calendar.startswith("BEGIN:VCALENDAR")
    september = Meeting.objects.get(date="2018-09-13")
    assert f"UID:meeting-{september.pk}@" in calendar
