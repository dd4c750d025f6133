"""The committee officer's and a board member's journeys through meetings, in Chromium."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from pypdf import PdfReader

from meetings import services
from meetings.models import AgendaItem, Meeting, Person
from tests.browser.conftest import assert_accessible
from tests.factories import AgendaItemFactory, tiny_pdf


def _user(username):
    return get_user_model().objects.get(username=username)


def _console_errors(page) -> list[str]:
    """Collect the page's console errors (a Content-Security-Policy violation is one)."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def _editor(page, label):
    """The rich-text editor of the field labelled ``label`` (once it has replaced the textarea),
    and the field's group, which holds its toolbar."""
    box = page.get_by_role("textbox", name=label, exact=True).and_(
        page.locator("[contenteditable=true]")
    )
    return box, box.locator("xpath=ancestor::div[contains(@class, 'govuk-form-group')]")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_officer_plans_minutes_and_confirms_a_meeting(demo, live_server, page, login_as):
    page.set_default_timeout(10_000)
    errors = _console_errors(page)
    login_as(_user("officer"))
    base = live_server.url

    # Schedule a meeting (and the one after it).
    page.goto(f"{base}/meetings/")
    assert_accessible(page)
    page.get_by_role("button", name="Schedule a meeting").click()
    for name, value in {"date_0": "14", "date_1": "3", "date_2": "2019",
                        "next_meeting_date_0": "13", "next_meeting_date_1": "6",
                        "next_meeting_date_2": "2019"}.items():  # fmt: skip
        page.locator(f"[name={name}]").fill(value)
    page.get_by_label("Start time").fill("10:00")
    assert_accessible(page)
    page.get_by_role("button", name="Schedule meeting").click()
    expect(page.get_by_role("heading", name="Agenda", exact=True)).to_be_visible()
    meeting = Meeting.objects.get(date="2019-03-14")
    # Its date, time and place can still change; the body's members are kept in the app too.
    page.goto(f"{base}/meetings/{meeting.pk}/change/")
    expect(page.get_by_label("Start time")).to_have_value("10:00")
    assert_accessible(page)
    page.goto(f"{base}/meetings/bodies/{meeting.body.slug}/members/")
    expect(page.get_by_test_id("membership").filter(has_text="Hartwell")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{base}/meetings/{meeting.pk}/agenda/")

    # Add two items and move the second above the first.
    for title in ("Knife Crime Update", "Community Safety Fund"):
        page.get_by_label("Title").fill(title)
        page.get_by_label("Report", exact=True).check()
        page.get_by_role("button", name="Add item").click()
        expect(page.get_by_text(f"“{title}” added")).to_be_visible()
    page.get_by_role("button", name="Move Community Safety Fund up").click()
    rows = page.get_by_test_id("agenda-item")
    expect(rows.nth(3)).to_contain_text("Community Safety Fund")
    expect(rows.nth(4)).to_contain_text("Knife Crime Update")
    assert_accessible(page)

    # Upload a PDF to one item, write a report for the other.
    page.get_by_role("link", name="Upload a paper for Community Safety Fund").click()
    page.get_by_label("Title").fill("Fund allocations")
    page.get_by_label("File", exact=True).set_input_files(
        files=[{"name": "fund.pdf", "mimeType": "application/pdf", "buffer": tiny_pdf()}]
    )
    assert_accessible(page)
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("link", name=re.compile("Fund allocations"))).to_be_visible()
    page.get_by_role("link", name="Write a report for Knife Crime Update").click()
    page.get_by_label("Report of").fill("Service Manager - Localities")
    page.get_by_label("Section 1 heading").fill("Background")
    # The rich-text editor: text typed, then a bulleted list started from the toolbar.
    box, field = _editor(page, "Section 1 text")
    box.click()
    # The block-type drop-down: its arrow is drawn by our CSS (django-prose-editor's "⏷" is in
    # none of our fonts and showed as a missing-glyph box); it turns the line into a heading.
    picker = field.locator(".prose-menubar__selected")
    assert picker.evaluate("e => getComputedStyle(e, '::after').content") == '""'
    picker.click()
    field.get_by_role("button", name="Heading 3").click()
    page.keyboard.type("Summary")
    page.keyboard.press("Enter")
    expect(box.locator("h3")).to_have_text("Summary")
    page.keyboard.type("Knife crime fell by a tenth.")
    page.keyboard.press("Enter")
    field.get_by_role("button", name="unordered list").click()
    page.keyboard.type("Fewer weapons found in schools")
    expect(box.locator("ul > li")).to_have_text("Fewer weapons found in schools")
    # "Insert table" gives a header row (<th> cells) unless the officer says otherwise.
    page.get_by_label("Section 2 heading").fill("Figures")
    box, field = _editor(page, "Section 2 text")
    box.click()
    field.get_by_role("button", name="Insert table").click()
    dialog = page.locator("dialog[open]")
    expect(dialog.get_by_label("Include header row")).to_have_value("Yes")
    dialog.get_by_label("Rows").fill("2")
    dialog.get_by_label("Columns").fill("2")
    dialog.get_by_role("button", name="Insert Table").click()
    for n, text in enumerate(("Year", "Offences", "2018", "412")):
        if n:
            page.keyboard.press("Tab")  # the next cell
        page.keyboard.type(text)
    expect(box.locator("th")).to_have_text(["Year", "Offences"])
    assert_accessible(page)
    page.get_by_role("button", name="Save report").click()
    table = page.locator(".app-rich-text table")
    expect(table.locator("th")).to_have_text(["Year", "Offences"])
    expect(table.locator("td")).to_have_text(["2018", "412"])
    # The GOV.UK table look, with no paragraph margins inside the cells.
    expect(table.locator("td").first).to_have_css("border-bottom-width", "1px")
    expect(table.locator("td > p").first).to_have_css("margin-bottom", "0px")
    expect(page.get_by_text("Knife crime fell by a tenth.")).to_be_visible()
    expect(page.locator(".app-rich-text h3")).to_have_text("Summary")
    expect(page.get_by_role("listitem").filter(has_text="Fewer weapons found")).to_be_visible()
    # The editor's paragraph inside the list item takes no paragraph margin of its own.
    expect(page.locator(".app-rich-text li > p").first).to_have_css("margin-bottom", "0px")
    assert_accessible(page)
    page.get_by_role("link", name="Add an appendix").click()
    page.get_by_label("Title").fill("Knife arch results")
    page.get_by_label("File", exact=True).set_input_files(
        files=[{"name": "arches.pdf", "mimeType": "application/pdf", "buffer": tiny_pdf()}]
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("link", name="Appendix A Knife arch results")).to_be_visible()
    # A second appendix, moved above the first (the letters follow), then removed.
    page.get_by_role("link", name="Add an appendix").click()
    page.get_by_label("Title").fill("Draft plan")
    page.get_by_label("File", exact=True).set_input_files(
        files=[{"name": "plan.pdf", "mimeType": "application/pdf", "buffer": tiny_pdf()}]
    )
    page.get_by_role("button", name="Upload").click()
    page.get_by_role("button", name="Move Appendix B Draft plan up").click()
    expect(page.get_by_role("link", name="Appendix A Draft plan")).to_be_visible()
    expect(page.get_by_role("link", name="Appendix B Knife arch results")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Remove Appendix A Draft plan").click()
    expect(page.get_by_text("Appendix “Draft plan” removed from the report.")).to_be_visible()
    expect(page.get_by_role("link", name="Appendix A Knife arch results")).to_be_visible()
    assert_accessible(page)

    # Publish the agenda.
    page.goto(f"{base}/meetings/{meeting.pk}/agenda/")
    page.get_by_role("button", name="Publish agenda").click()
    expect(page.get_by_text("If you continue:")).to_be_visible()  # the confirmation page
    page.get_by_role("button", name="Publish agenda").click()
    expect(page.get_by_text("Agenda published: board members")).to_be_visible()
    assert_accessible(page)

    # Record attendance and a declaration.
    page.goto(f"{base}/meetings/{meeting.pk}/attendance/")
    chair = Person.objects.get(last_name="Hartwell")
    member = Person.objects.get(last_name="Thorne")
    page.locator(f"input[name=member_{chair.pk}][value=chair]").check()
    page.locator(f"input[name=member_{member.pk}][value=present]").check()
    page.get_by_label("Also present").fill("Helen Ashworth")
    assert_accessible(page)
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance saved.")).to_be_visible()
    knife = AgendaItem.objects.get(meeting=meeting, title="Knife Crime Update")
    page.get_by_label("Member", exact=True).select_option(str(member.pk))
    page.get_by_label("Item", exact=True).select_option(str(knife.pk))
    page.get_by_label("Personal interest").check()
    page.get_by_role("button", name="Add declaration").click()
    expect(page.get_by_text("Declaration recorded.")).to_be_visible()
    assert_accessible(page)

    # Draft the minutes: a two-part resolution with an action.
    page.get_by_role("link", name="Go to the minutes").click()
    # December 2018's agenda was published but never minuted: March's minutes wait for it (their
    # numbers run on from it) and the page offers the ways forward. It was postponed.
    expect(page.get_by_test_id("numbering-refusal")).to_contain_text(
        "Start the minutes of 13 December 2018 first"
    )
    assert_accessible(page)
    page.get_by_role(
        "link", name="Mark the meeting of 13 December 2018 cancelled or postponed"
    ).click()
    page.get_by_label("Postponed").check()
    page.get_by_label("Reason").fill("Not quorate")
    assert_accessible(page)
    page.get_by_role("button", name="Mark the meeting").click()
    expect(page.get_by_text("The meeting of 13 December 2018 is marked.")).to_be_visible()
    page.goto(f"{base}/meetings/{meeting.pk}/minutes/")
    page.get_by_role("button", name="Start the minutes").click()
    # With December postponed, the Partnership confirms September's minutes here, at March.
    page.get_by_role(
        "button", name="Record that the minutes of 13 September 2018 were confirmed"
    ).click()
    expect(
        page.get_by_text("were confirmed as a correct record: they are now locked")
    ).to_be_visible()
    expect(page.get_by_text("Councillor Derek Thorne declared a personal interest")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"Edit minute \d+\s*: KNIFE CRIME UPDATE")).click()
    box, field = _editor(page, "Text")
    box.click()
    page.keyboard.type("The Partnership considered the ")
    field.get_by_role("button", name="bold").click()
    page.keyboard.type("report")
    field.get_by_role("button", name="bold").click()
    page.keyboard.type(".")
    assert_accessible(page)
    page.get_by_label("Resolution").fill("the report be noted\nthe police report back in June")
    page.get_by_role("button", name="Save minute").click()
    expect(page.get_by_text("RESOLVED: That:-")).to_be_visible()
    expect(page.get_by_text("(1) the report be noted; and")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"Edit minute \d+\s*: KNIFE CRIME UPDATE")).click()
    page.get_by_label("Resolution part").select_option(label="(2) the police report back in June")
    page.get_by_label("Action", exact=True).fill("Report back on knife crime")
    page.get_by_label("Owner organisation").select_option(label="Merseyside Police")
    assert_accessible(page)
    page.get_by_role("button", name="Add action").click()
    expect(page.get_by_text("Action added.")).to_be_visible()

    # Publish the draft. At the next meeting the Partnership confirms them: the officer records
    # that meeting's attendance, starts its minutes and records the confirmation resolution.
    page.goto(f"{base}/meetings/{meeting.pk}/minutes/")
    page.get_by_role("button", name="Publish draft minutes").click()
    expect(page.get_by_text("If you continue:")).to_be_visible()  # the confirmation page
    page.get_by_role("button", name="Publish draft minutes").click()
    expect(page.get_by_text("Draft minutes published")).to_be_visible()
    following = Meeting.objects.get(date="2019-06-13")
    page.goto(f"{base}/meetings/{following.pk}/attendance/")
    page.locator(f"input[name=member_{chair.pk}][value=chair]").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance saved.")).to_be_visible()
    page.get_by_role("link", name="Go to the minutes").click()
    page.get_by_role("button", name="Start the minutes").click()
    page.get_by_role(
        "button", name="Record that the minutes of 14 March 2019 were confirmed"
    ).click()
    expect(
        page.get_by_text("were confirmed as a correct record: they are now locked")
    ).to_be_visible()
    expect(
        page.get_by_text(
            "That the Minutes of the meeting held on 14 March 2019 be confirmed as a correct record."
        )
    ).to_be_visible()
    assert_accessible(page)

    # A locked minute opens read-only: what it records, no form to be refused on save.
    minute = knife.minute
    page.goto(f"{base}/meetings/minutes/{minute.pk}/")
    expect(page.get_by_test_id("locked")).to_contain_text("can no longer be changed")
    expect(page.get_by_test_id("minute-text")).to_contain_text("The Partnership considered")
    expect(page.get_by_role("button", name="Save minute")).to_have_count(0)
    assert_accessible(page)
    minute.refresh_from_db()
    assert minute.text == "<p>The Partnership considered the <strong>report</strong>.</p>"
    assert errors == []


@pytest.mark.browser
@pytest.mark.browser_context_args(java_script_enabled=False)
@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_rich_text_is_a_textarea(live_server, page, login_as, officer):
    item = AgendaItemFactory(meeting__status="draft", title="Knife Crime Update")
    login_as(officer)
    page.goto(f"{live_server.url}/meetings/items/{item.pk}/report/")
    page.get_by_label("Report of").fill("Service Manager - Localities")
    page.get_by_label("Section 1 heading").fill("Background")
    page.get_by_label("Section 1 text").fill(
        "<p>Knife crime <strong>fell</strong>.</p><script>alert(1)</script>"
    )
    page.get_by_role("button", name="Save report").click()
    expect(page.get_by_text("Knife crime fell.")).to_be_visible()
    section = item.reports.get().sections.get()
    assert section.body == "<p>Knife crime <strong>fell</strong>.</p>"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_board_member_reads_papers_minutes_and_actions(demo, live_server, page, login_as):
    page.set_default_timeout(10_000)
    errors = _console_errors(page)
    login_as(_user("member"))
    base = live_server.url
    page.goto(f"{base}/meetings/")
    page.get_by_role("link", name="Thursday 13 September 2018").click()
    expect(page.get_by_role("heading", name="8. Domestic Abuse Strategy Refresh")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Report: Sefton Domestic and Sexual Abuse")).click()
    expect(page.get_by_text("Report to:")).to_be_visible()
    assert_accessible(page)
    page.go_back()
    expect(page.get_by_role("heading", name="20. DOMESTIC ABUSE STRATEGY REFRESH")).to_be_visible()
    page.get_by_role("link", name="Printable minutes").click()
    expect(page.get_by_text("ON THURSDAY 13TH SEPTEMBER, 2018")).to_be_visible()
    assert_accessible(page)
    # Printed, every page but the first has the running head and its page number.
    pages = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True))).pages
    head = "SEFTON SAFER COMMUNITIES PARTNERSHIP - THURSDAY 13TH SEPTEMBER, 2018"
    assert len(pages) >= 2
    assert head not in pages[0].extract_text()
    for number, printed in enumerate(pages[1:], start=2):
        lines = [line.strip() for line in printed.extract_text().splitlines()]
        assert lines[:2] == [head, str(number)], lines[:3]
    assert errors == []
    page.goto(f"{base}/meetings/actions/")
    expect(page.get_by_test_id("action").get_by_text("Overdue").first).to_be_visible()
    assert_accessible(page)
    # December's agenda carries the action log as an item: the open actions, listed under it.
    december = Meeting.objects.get(date="2018-12-13")
    services.item_add_action_log(meeting=december, user=_user("officer"))
    page.goto(f"{base}/meetings/{december.pk}/")
    log = page.get_by_role("table", name="Open actions as at 13 December 2018")
    expect(log.get_by_test_id("action")).to_have_count(4)
    assert_accessible(page)
    september = Meeting.objects.get(date="2018-09-13")
    response = page.goto(f"{base}/meetings/{september.pk}/minutes/")
    assert response.status == 403
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_analyst_reads_a_confidential_items_minute_as_exempt(demo, live_server, page, login_as):
    """Its number and title, and why the rest is left out; the minutes around it in full."""
    page.set_default_timeout(10_000)
    september = Meeting.objects.get(date="2018-09-13")
    AgendaItem.objects.filter(meeting=september, title="Domestic Abuse Strategy Refresh").update(
        is_confidential=True
    )
    login_as(_user("analyst"))
    exempt = "This minute is exempt: it is recorded in the confidential part of the minutes."
    secret = "Domestic and Sexual Abuse Strategy 2015-18"
    page.goto(f"{live_server.url}/meetings/{september.pk}/")
    minute = page.locator("section.app-minute").filter(
        has=page.get_by_role("heading", name="20. DOMESTIC ABUSE STRATEGY REFRESH")
    )
    expect(minute.get_by_text(exempt)).to_be_visible()
    expect(page.get_by_role("heading", name="21.", exact=False)).to_be_visible()
    assert secret not in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="Printable minutes").click()
    expect(page.get_by_text(exempt)).to_be_visible()
    assert secret not in page.content()
    assert_accessible(page)
