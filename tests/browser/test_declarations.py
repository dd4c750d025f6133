"""Declarations in Chromium: the officer records one as typed, corrects it and removes it
(through the confirmation page); a confirmed minute opens read-only (axe on every page)."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from meetings.models import AgendaItem, Change, Declaration, Meeting, Minute, Person
from tests.browser.conftest import assert_accessible


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_declaration_is_corrected_then_removed_and_a_confirmed_minute_reads_only(
    demo, live_server, page, login_as
):
    page.set_default_timeout(10_000)
    base = live_server.url
    login_as(get_user_model().objects.get(username="officer"))
    september = Meeting.objects.get(date=datetime.date(2018, 9, 13))
    member = Person.objects.get(last_name="Thorne")
    item = AgendaItem.objects.filter(meeting=september, standard_kind="").order_by("order")[0]

    # Recorded as the officer types it: a role, with a full stop.
    page.goto(f"{base}/meetings/{september.pk}/attendance/")
    page.get_by_label("Member", exact=True).select_option(str(member.pk))
    page.get_by_label("Item", exact=True).select_option(str(item.pk))
    page.get_by_label("Personal interest").check()
    page.get_by_label("Nature of the interest").fill("Trustee of Sefton CVS.")
    page.get_by_role("button", name="Add declaration").click()
    expect(page.get_by_text("Declaration recorded.")).to_be_visible()
    expect(page.get_by_test_id("declarations")).to_contain_text("Trustee of Sefton CVS.")
    assert_accessible(page)

    # Corrected: the kind and the interest.
    page.get_by_role("link", name=f"Change the declaration by {member}").click()
    expect(page.get_by_role("heading", name=f"Declaration by {member}")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Disclosable pecuniary interest").check()
    page.get_by_label("Nature of the interest").fill("because he is a trustee of Sefton CVS")
    page.get_by_role("button", name="Save declaration").click()
    expect(page.get_by_text(f"Declaration by {member} saved.")).to_be_visible()
    expect(page.get_by_test_id("declarations")).to_contain_text(
        "disclosable pecuniary interest – because he is a trustee of Sefton CVS"
    )
    assert Change.objects.filter(summary=f"Declaration by {member} corrected").exists()

    # Removed, after the confirmation page says what happens.
    page.get_by_role("link", name=f"Change the declaration by {member}").click()
    page.get_by_role("button", name="Remove declaration").click()
    expect(page.get_by_role("heading", name=f"Remove the declaration by {member}?")).to_be_visible()
    expect(page.get_by_test_id("consequences")).to_contain_text("history keeps")
    assert_accessible(page)
    page.get_by_role("button", name="Remove declaration").click()
    expect(page.get_by_text(f"Declaration by {member} removed.")).to_be_visible()
    assert not Declaration.objects.filter(person=member, agenda_item=item).exists()
    assert_accessible(page)

    # June's minutes are confirmed: a minute of theirs opens as a page, not a form.
    june = Meeting.objects.get(date=datetime.date(2018, 6, 14))
    minute = Minute.objects.filter(meeting=june, resolution_parts__isnull=False).first()
    page.goto(f"{base}/meetings/minutes/{minute.pk}/")
    expect(page.get_by_role("heading", name=re.compile(f"Minute {minute.number}:"))).to_be_visible()
    expect(page.get_by_test_id("locked")).to_contain_text("confirmed as a correct record")
    expect(page.get_by_text("RESOLVED:", exact=False).first).to_be_visible()
    expect(page.get_by_role("button", name="Save minute")).to_have_count(0)
    expect(page.locator("textarea")).to_have_count(0)
    assert_accessible(page)
