"""The meetings pages over HTTP: who may do what, and what each refusal looks like."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings import services
from meetings.models import (
    AgendaItem,
    Meeting,
    MeetingStatus,
    Minute,
    StandardKind,
    UploadedDocument,
)
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    tiny_pdf,
)

pytestmark = pytest.mark.django_db


# --- access ---------------------------------------------------------------------------------------

OFFICER_ONLY_GET = ["meetings:create", "meetings:agenda", "meetings:attendance", "meetings:minutes",
                    "meetings:history", "meetings:change"]  # fmt: skip


@pytest.mark.parametrize("name", OFFICER_ONLY_GET)
def test_a_board_member_is_refused_the_officers_pages(client, board_member, meeting, name):
    client.force_login(board_member)
    args = [] if name == "meetings:create" else [meeting.pk]
    assert client.get(reverse(name, args=args)).status_code == 403


@pytest.mark.parametrize("name", OFFICER_ONLY_GET)
def test_the_officer_reaches_the_officers_pages(client, officer, meeting, name):
    client.force_login(officer)
    args = [] if name == "meetings:create" else [meeting.pk]
    assert client.get(reverse(name, args=args)).status_code == 200


@pytest.mark.parametrize(
    "name", ["meetings:publish", "meetings:minutes_publish", "meetings:minutes_confirm"]
)
def test_a_board_member_cannot_post_to_the_officers_actions(client, board_member, meeting, name):
    client.force_login(board_member)
    assert client.post(reverse(name, args=[meeting.pk])).status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.DRAFT


def test_a_board_member_cannot_change_items(client, board_member, meeting):
    item = meeting.items.first()
    client.force_login(board_member)
    for name in ("meetings:item_move", "meetings:item_remove", "meetings:item_edit"):
        assert client.post(reverse(name, args=[item.pk]), {"direction": "up"}).status_code == 403
    assert client.post(reverse("meetings:item_add", args=[meeting.pk])).status_code == 403
    assert client.get(reverse("meetings:upload", args=[item.pk])).status_code == 403
    assert client.get(reverse("meetings:report_new", args=[item.pk])).status_code == 403
    assert meeting.items.count() == 4


def test_anonymous_users_are_sent_to_sign_in(client, meeting):
    response = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_draft_agenda_is_hidden_from_board_members(client, board_member, meeting):
    client.force_login(board_member)
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("meetings:agenda_print", args=[meeting.pk])).status_code == 404


def test_confidential_papers_are_hidden_from_analysts(client, analyst, board_member, officer):
    item = AgendaItemFactory(is_confidential=True, title="Exempt case review")
    report = services.report_save(
        item=item, user=officer, sections=[("Background", "<p>Secret</p>")],
        report_to="SSCP", meeting_date=item.meeting.date, subject="Exempt", report_of="Officer",
    )  # fmt: skip
    client.force_login(analyst)
    page = client.get(reverse("meetings:detail", args=[item.meeting.pk]))
    assert "Exempt case review" in page.content.decode()
    assert reverse("meetings:report", args=[report.pk]) not in page.content.decode()
    assert client.get(reverse("meetings:report", args=[report.pk])).status_code == 403
    client.force_login(board_member)
    assert client.get(reverse("meetings:report", args=[report.pk])).status_code == 200


def test_draft_minutes_are_hidden_from_board_members_until_published(client, board_member, officer):
    meeting = MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED)
    AgendaItemFactory(meeting=meeting, title="Arson")
    services.minutes_generate_standard(meeting=meeting, user=officer)
    client.force_login(board_member)
    assert "ARSON" not in client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert client.get(reverse("meetings:minutes_print", args=[meeting.pk])).status_code == 403
    services.minutes_publish(meeting=meeting, user=officer)
    assert "ARSON" in client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()


# --- bad input ------------------------------------------------------------------------------------


def _date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def test_a_next_meeting_before_the_meeting_is_refused_next_to_the_field(client, officer):
    body = BodyFactory()
    client.force_login(officer)
    data = {"body": body.pk, "venue": body.default_venue.pk, "start_time": "10:00"}
    data |= _date("date", datetime.date(2018, 9, 13))
    data |= _date("next_meeting_date", datetime.date(2018, 6, 1))
    response = client.post(reverse("meetings:create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["next_meeting_date"] == [
        "The date of the next meeting must be after this meeting (13 September 2018)."
    ]
    assert 'value="10:00"' in response.content.decode()
    assert not Meeting.objects.filter(body=body).exists()


def test_the_officer_schedules_a_meeting(client, officer):
    body = BodyFactory()
    client.force_login(officer)
    data = {"body": body.pk, "venue": body.default_venue.pk, "start_time": "10:00",
            "is_private": "on"} | _date("date", datetime.date(2018, 9, 13))  # fmt: skip
    response = client.post(reverse("meetings:create"), data)
    meeting = Meeting.objects.get(body=body)
    assert response["Location"] == reverse("meetings:agenda", args=[meeting.pk])
    assert meeting.items.count() == 4


def test_a_wrong_file_type_is_refused_next_to_the_field(client, officer, meeting):
    item = meeting.items.first()
    client.force_login(officer)
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(reverse("meetings:upload", args=[item.pk]), {"title": "R", "file": fake})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["The file is not a PDF."]
    assert not UploadedDocument.objects.exists()


def test_uploads_are_limited_to_20_mb_by_default(client, officer, meeting, settings):
    assert settings.SSCP_MAX_UPLOAD_MB == 20
    client.force_login(officer)
    page = client.get(reverse("meetings:upload", args=[meeting.items.first().pk]))
    assert "smaller than 20 MB." in page.content.decode()


def test_an_oversized_upload_is_refused(client, officer, meeting, settings):
    settings.SSCP_MAX_UPLOAD_MB = 1
    item = meeting.items.first()
    client.force_login(officer)
    big = SimpleUploadedFile("big.pdf", tiny_pdf() + b"%" * (1024 * 1024), "application/pdf")
    response = client.post(reverse("meetings:upload", args=[item.pk]), {"title": "B", "file": big})
    assert response.context["form"].errors["file"] == ["The file must be smaller than 1 MB."]
    assert not UploadedDocument.objects.exists()


def test_a_pdf_is_uploaded_and_downloaded_by_a_member(client, officer, board_member, meeting):
    item = meeting.items.first()
    client.force_login(officer)
    pdf = SimpleUploadedFile("x.pdf", tiny_pdf(), "application/octet-stream")
    response = client.post(
        reverse("meetings:upload", args=[item.pk]), {"title": "Plan", "file": pdf}
    )
    assert response.status_code == 302
    document = UploadedDocument.objects.get()
    services.agenda_publish(meeting=meeting, user=officer)
    client.force_login(board_member)
    download = client.get(reverse("meetings:document", args=[document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def _report(meeting, officer):
    return services.report_save(
        item=meeting.items.first(), user=officer, sections=[("Background", "<p>b</p>")],
        report_to="SSCP", meeting_date=meeting.date, subject="Strategy", report_of="Officer",
    )  # fmt: skip


def test_the_officer_adds_appendices_to_a_report(client, officer, board_member, meeting):
    report = _report(meeting, officer)
    url = reverse("meetings:appendix_upload", args=[report.pk])
    client.force_login(board_member)
    assert client.get(url).status_code == 403
    pdf = SimpleUploadedFile("a.pdf", tiny_pdf(), "application/pdf")
    assert client.post(url, {"title": "Complex cases", "file": pdf}).status_code == 403
    client.force_login(officer)
    fake = SimpleUploadedFile("a.pdf", b"GIF89a not a pdf", "application/pdf")
    refused = client.post(url, {"title": "Complex cases", "file": fake})
    assert refused.context["form"].errors["file"] == ["The file is not a PDF."]
    for title in ("Complex cases", "Like Glue resources"):
        pdf = SimpleUploadedFile("a.pdf", tiny_pdf(), "application/pdf")
        response = client.post(url, {"title": title, "file": pdf})
        assert response["Location"] == reverse("meetings:report", args=[report.pk])
    first, second = report.appendices.all()
    page = client.get(reverse("meetings:report", args=[report.pk])).content.decode()
    document_url = reverse("meetings:document", args=[first.pk])
    assert f'<a class="govuk-link" href="{document_url}">Appendix A Complex cases</a>' in page
    assert "Appendix B Like Glue resources" in page
    # On the agenda, appendices sit under their report, not among the item's own papers.
    services.agenda_publish(meeting=meeting, user=officer)
    client.force_login(board_member)
    agenda = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert agenda.count("Complex cases") == 1 and "Appendix A Complex cases" in agenda
    assert client.get(document_url).status_code == 200


def _appendices(meeting, officer, *titles):
    report = _report(meeting, officer)
    for title in titles:
        services.document_upload(
            item=report.agenda_item, report=report, user=officer, title=title,
            file=SimpleUploadedFile("a.pdf", tiny_pdf(), "application/pdf"),
        )  # fmt: skip
    return report, list(report.appendices.all())


def _letters(report):
    return [(letter, d.title) for letter, d in report.lettered_appendices()]


def test_the_officer_reorders_and_removes_appendices(client, officer, board_member, meeting):
    report, (first, second, third) = _appendices(meeting, officer, "Cases", "Glue", "Data")
    move, remove = (reverse(f"meetings:appendix_{n}", args=[second.pk]) for n in ("move", "remove"))
    client.force_login(board_member)
    services.agenda_publish(meeting=meeting, user=officer)
    page = client.get(reverse("meetings:report", args=[report.pk])).content.decode()
    assert "Move Appendix" not in page and "Remove Appendix" not in page
    assert client.post(move, {"direction": "up"}).status_code == 403
    assert client.post(remove).status_code == 403
    assert _letters(report) == [("A", "Cases"), ("B", "Glue"), ("C", "Data")]
    client.force_login(officer)
    page = client.get(reverse("meetings:report", args=[report.pk])).content.decode()
    assert 'aria-label="Move Appendix B Glue up"' in page
    assert 'aria-label="Move Appendix A Cases up"' not in page  # the first has no Up
    assert 'aria-label="Move Appendix C Data down"' not in page  # the last has no Down
    response = client.post(move, {"direction": "up"})
    assert (
        response["Location"]
        == f"{reverse('meetings:report', args=[report.pk])}#appendix-{second.pk}"
    )
    assert _letters(report) == [("A", "Glue"), ("B", "Cases"), ("C", "Data")]
    page = client.get(reverse("meetings:report", args=[report.pk])).content.decode()
    assert "Appendix A Glue</a>" in page and "Appendix B Cases</a>" in page
    response = client.post(remove, follow=True)
    assert "Appendix “Glue” removed from the report." in response.content.decode()
    assert _letters(report) == [("A", "Cases"), ("B", "Data")]
    history = client.get(reverse("meetings:history", args=[meeting.pk])).content.decode()
    assert "Appendix A “Glue” removed from the report “Strategy”" in history
    assert "“Glue” moved up to Appendix A in the report “Strategy”" in history


@pytest.mark.parametrize(
    "status", [MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFTED, MeetingStatus.MINUTES_CONFIRMED]
)
def test_appendices_of_a_held_meeting_are_refused_with_a_message(client, officer, meeting, status):
    report, (first, second) = _appendices(meeting, officer, "Cases", "Glue")
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    client.force_login(officer)
    page = client.get(reverse("meetings:report", args=[report.pk])).content.decode()
    assert "Remove Appendix" not in page
    response = client.post(
        reverse("meetings:appendix_move", args=[second.pk]), {"direction": "up"}, follow=True
    )
    assert "its agenda can no longer be changed" in response.content.decode()
    response = client.post(reverse("meetings:appendix_remove", args=[second.pk]), follow=True)
    assert "its agenda can no longer be changed" in response.content.decode()
    assert _letters(report) == [("A", "Cases"), ("B", "Glue")]


def test_a_paper_that_is_no_appendix_cannot_be_moved_as_one(client, officer, meeting):
    document = services.document_upload(
        item=meeting.items.first(), user=officer, title="Paper",
        file=SimpleUploadedFile("a.pdf", tiny_pdf(), "application/pdf"),
    )  # fmt: skip
    client.force_login(officer)
    assert client.post(reverse("meetings:appendix_remove", args=[document.pk])).status_code == 404
    assert UploadedDocument.objects.filter(pk=document.pk).exists()


def test_an_oversized_appendix_is_refused(client, officer, meeting, settings):
    settings.SSCP_MAX_UPLOAD_MB = 1
    report = _report(meeting, officer)
    client.force_login(officer)
    big = SimpleUploadedFile("big.pdf", tiny_pdf() + b"%" * (1024 * 1024), "application/pdf")
    response = client.post(
        reverse("meetings:appendix_upload", args=[report.pk]), {"title": "B", "file": big}
    )
    assert response.context["form"].errors["file"] == ["The file must be smaller than 1 MB."]
    assert not report.appendices.exists()


def _minute_setup(officer):
    meeting = MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED)
    AgendaItemFactory(meeting=meeting, title="Arson")
    AgendaItemFactory(meeting=meeting, title="Youth")
    services.minutes_generate_standard(meeting=meeting, user=officer)
    return meeting, list(Minute.objects.filter(meeting=meeting).order_by("number"))


def _minute_data(minute, **overrides):
    return {"number": minute.number, "title": minute.title, "text": "<p>Kept text</p>",
            "parts": "the report be noted", "version": minute.version} | overrides  # fmt: skip


def test_a_duplicate_minute_number_is_refused_next_to_the_field(client, officer):
    meeting, (first, second) = _minute_setup(officer)
    client.force_login(officer)
    response = client.post(
        reverse("meetings:minute_edit", args=[second.pk]), _minute_data(second, number=1)
    )
    assert response.status_code == 200
    assert "Minute No. 1 is already used" in response.context["form"].errors["number"][0]
    assert "Kept text" in response.content.decode()


def test_a_stale_minute_save_shows_the_others_changes(client, officer):
    meeting, (first, _) = _minute_setup(officer)
    client.force_login(officer)
    client.post(reverse("meetings:minute_edit", args=[first.pk]), _minute_data(first))
    response = client.post(
        reverse("meetings:minute_edit", args=[first.pk]),
        _minute_data(first, text="<p>My version</p>"),
    )
    assert response.status_code == 200
    assert "Someone else saved this" in response.content.decode()
    assert "Kept text" in response.content.decode()  # the other's change, shown
    assert "My version" in response.content.decode()  # mine, kept in the form
    assert Minute.objects.get(pk=first.pk).text == "<p>Kept text</p>"


def _next_meeting_held(meeting, officer, minutes_started=True):
    following = services.meeting_create(
        body=meeting.body, date=meeting.date + datetime.timedelta(days=91),
        start_time=meeting.start_time, venue=meeting.venue, user=officer,
    )  # fmt: skip
    services.attendance_record(meeting=following, user=officer, statuses={}, also_present=[])
    if minutes_started:
        services.minutes_generate_standard(meeting=following, user=officer)
    return following


def test_editing_locked_minutes_is_refused_with_a_message(client, officer):
    meeting, (first, _) = _minute_setup(officer)
    services.minutes_publish(meeting=meeting, user=officer)
    _next_meeting_held(meeting, officer)
    services.minutes_confirm(meeting=meeting, user=officer)
    client.force_login(officer)
    response = client.post(
        reverse("meetings:minute_edit", args=[first.pk]), _minute_data(first, text="<p>Late</p>")
    )
    assert response.status_code == 200
    assert "can no longer be changed" in response.content.decode()
    assert Minute.objects.get(pk=first.pk).text != "<p>Late</p>"


def test_an_item_is_added_moved_and_removed_over_http(client, officer, meeting):
    client.force_login(officer)
    client.post(reverse("meetings:item_add", args=[meeting.pk]), {"title": "Pelican", "kind": "presentation"})  # fmt: skip
    item = AgendaItem.objects.get(title="Pelican")
    assert item.order == 4
    client.post(reverse("meetings:item_move", args=[item.pk]), {"direction": "up"})
    assert AgendaItem.objects.get(pk=item.pk).order == 3
    client.post(reverse("meetings:item_remove", args=[item.pk]))
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


def test_attendance_and_a_declaration_are_recorded(client, officer, meeting):
    chair = MembershipFactory(body=meeting.body, person=PersonFactory(title="Councillor")).person
    member = MembershipFactory(body=meeting.body).person
    client.force_login(officer)
    response = client.post(
        reverse("meetings:attendance", args=[meeting.pk]),
        {f"member_{chair.pk}": "chair", f"member_{member.pk}": "apologies",
         "also_present": "Helen Armitage\nBen Ryder"},
    )  # fmt: skip
    assert response.status_code == 302
    assert meeting.attendances.count() == 4
    item = meeting.items.last()
    response = client.post(
        reverse("meetings:declaration_add", args=[meeting.pk]),
        {"person": chair.pk, "agenda_item": item.pk, "kind": "personal", "nature": "x"},
    )
    assert response.status_code == 302
    assert item.declarations.count() == 1


def test_the_calendar_feeds(client, board_member, meeting, officer):
    services.agenda_publish(meeting=meeting, user=officer)
    client.force_login(board_member)
    ics = client.get(reverse("meetings:calendar", args=[meeting.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    text = ics.content.decode()
    assert "DTSTART:20180913T090000Z" in text and "BEGIN:VEVENT" in text
    draft = MeetingFactory(body=meeting.body, date=datetime.date(2018, 12, 13), status="draft")
    feed = client.get(reverse("meetings:body_calendar", args=[meeting.body.slug]))
    assert feed.content.decode().count("BEGIN:VEVENT") == 1  # not the draft meeting
    assert f"UID:meeting-{draft.pk}@" not in feed.content.decode()
    assert client.get(reverse("meetings:calendar", args=[draft.pk])).status_code == 404


def test_search_finds_published_minutes(client, board_member, officer):
    meeting, (first, _) = _minute_setup(officer)
    services.minute_save(minute=first, user=officer, expected_version=1, number=first.number,
                         title=first.title, text="<p>Arson awareness week</p>", parts=[])  # fmt: skip
    client.force_login(board_member)
    draft = client.get(reverse("meetings:search"), {"q": "awareness"})
    assert draft.context["minutes"] == []  # draft minutes are the officer's
    services.minutes_publish(meeting=meeting, user=officer)
    response = client.get(reverse("meetings:search"), {"q": "awareness"})
    assert [m.pk for m in response.context["minutes"]] == [first.pk]


def test_the_history_shows_who_changed_what(client, officer, board_member, meeting):
    item = meeting.items.get(order=1)
    services.item_update(item=item, user=officer, expected_version=1, title="Apologies")
    client.force_login(officer)
    page = client.get(reverse("meetings:history", args=[meeting.pk])).content.decode()
    assert "Item 1 “Apologies” changed" in page
    assert ">Apologies for Absence</td>" in page and ">Apologies</td>" in page
    client.force_login(board_member)
    assert client.get(reverse("meetings:history", args=[meeting.pk])).status_code == 403


def test_a_stale_report_save_is_refused_keeping_the_text(client, officer, meeting):
    item = meeting.items.get(order=1)
    report = services.report_save(
        item=item, user=officer, sections=[("Background", "<p>One</p>")], report_to="SSCP",
        meeting_date=meeting.date, subject="Plan", report_of="Officer",
    )  # fmt: skip
    services.report_save(
        item=item, user=officer, report=report, expected_version=1,
        sections=[("Background", "<p>Theirs</p>")], report_to="SSCP",
        meeting_date=meeting.date, subject="Plan", report_of="Officer",
    )  # fmt: skip
    client.force_login(officer)
    data = {"report_to": "SSCP", "subject": "Plan", "report_of": "Officer", "version": 1,
            "section_1_heading": "Background", "section_1_body": "<p>Mine</p>",
            "meeting_date_0": 13, "meeting_date_1": 9, "meeting_date_2": 2018}  # fmt: skip
    response = client.post(reverse("meetings:report_edit", args=[item.pk, report.pk]), data)
    assert response.status_code == 200
    assert "Someone else saved this" in response.content.decode()
    assert "&lt;p&gt;Mine&lt;/p&gt;" in response.content.decode()


def test_a_frozen_paper_is_shown_to_those_who_may_read_the_item(
    client, analyst, board_member, officer
):
    item = AgendaItemFactory(meeting=MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED))
    paper = services.frozen_paper_attach(
        agenda_item=item, title="Crime chart", kind="chart",
        html='<svg viewBox="0 0 1 1" role="img"><title>Crime</title></svg>',
        data_as_at="Data as at 3 October 2018", source="Police", user=analyst,
    )  # fmt: skip
    client.force_login(board_member)
    page = client.get(reverse("meetings:frozen_paper", args=[paper.pk]))
    assert "<svg" in page.content.decode() and "Data as at 3 October 2018" in page.content.decode()
    item.is_confidential = True
    item.save()
    client.force_login(analyst)
    assert client.get(reverse("meetings:frozen_paper", args=[paper.pk])).status_code == 403


def test_the_officer_defers_an_item_from_a_minute(client, officer):
    body = BodyFactory()
    meeting = services.meeting_create(
        body=body, date=datetime.date(2018, 6, 14), start_time=datetime.time(10),
        venue=body.default_venue, user=officer, next_meeting_date=datetime.date(2018, 9, 13),
    )  # fmt: skip
    services.agenda_publish(meeting=meeting, user=officer)
    services.minutes_generate_standard(meeting=meeting, user=officer)
    minute = Minute.objects.filter(meeting=meeting).first()
    client.force_login(officer)
    response = client.post(
        reverse("meetings:minute_defer", args=[minute.pk]), {"defer-title": "Needs assessment"}
    )
    assert response.status_code == 302
    assert AgendaItem.objects.get(title="Needs assessment").requested_by == minute


def test_a_board_member_sees_the_action_log_item(client, officer, board_member, meeting):
    """The item lists the body's unfinished actions from earlier published minutes."""
    earlier, (first, _) = _minute_setup(officer)
    Meeting.objects.filter(pk=earlier.pk).update(body=meeting.body, date=datetime.date(2018, 6, 14))
    earlier.refresh_from_db()
    services.minute_save(minute=first, user=officer, expected_version=1, number=first.number,
                         title=first.title, text="", parts=["a"])  # fmt: skip
    part = first.resolution_parts.get()
    for description, status, due in [
        ("Late leaflet", "open", datetime.date(2018, 8, 1)),
        ("Done survey", "done", datetime.date(2018, 8, 1)),
        ("Plan refresh", "in_progress", datetime.date(2019, 1, 1)),
    ]:
        services.action_add(resolution_part=part, user=officer, description=description,
                            owner_organisation=OrganisationFactory(), status=status,
                            due_date=due)  # fmt: skip
    other_body, (elsewhere, _) = _minute_setup(officer)  # another body's action: not listed
    services.minute_save(minute=elsewhere, user=officer, expected_version=1, parts=["b"],
                         number=elsewhere.number, title=elsewhere.title, text="")  # fmt: skip
    services.action_add(resolution_part=elsewhere.resolution_parts.get(), user=officer,
                        description="Other body", owner_organisation=OrganisationFactory())  # fmt: skip
    services.minutes_publish(meeting=other_body, user=officer)
    client.force_login(board_member)
    assert (
        client.post(reverse("meetings:item_add_action_log", args=[meeting.pk])).status_code == 403
    )
    client.force_login(officer)
    client.post(reverse("meetings:item_add_action_log", args=[meeting.pk]))
    assert meeting.items.filter(standard_kind=StandardKind.ACTION_LOG).count() == 1
    services.agenda_publish(meeting=meeting, user=officer)
    client.force_login(board_member)
    response = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.context["agenda_actions"] == []  # the earlier minutes are not published yet
    services.minutes_publish(meeting=earlier, user=officer)
    response = client.get(reverse("meetings:detail", args=[meeting.pk]))
    listed = [(a.description, a.is_overdue) for a in response.context["agenda_actions"]]
    assert listed == [("Late leaflet", True), ("Plan refresh", False)]
    page = response.content.decode()
    assert "Open actions as at 13 September 2018" in page and "Other body" not in page


def test_a_member_sees_their_organisations_actions_first(client, officer, board_member):
    meeting, (first, _) = _minute_setup(officer)
    services.minute_save(minute=first, user=officer, expected_version=1, number=first.number,
                         title=first.title, text="", parts=["a", "b"])  # fmt: skip
    mine, other = OrganisationFactory(), OrganisationFactory()
    PersonFactory(user=board_member, organisation=mine)
    part = first.resolution_parts.get(order=1)
    for organisation in (mine, other):
        services.action_add(resolution_part=part, user=officer, description=f"For {organisation}",
                            owner_organisation=organisation)  # fmt: skip
    services.minutes_publish(meeting=meeting, user=officer)
    client.force_login(board_member)
    default = client.get(reverse("meetings:actions"))
    assert [a.owner_organisation for a in default.context["actions"]] == [mine]
    everyone = client.get(reverse("meetings:actions"), {"owner": "", "status": ""})
    assert len(everyone.context["actions"]) == 2


def test_the_action_log_is_filtered_by_owner_person(client, officer):
    meeting, (first, _) = _minute_setup(officer)
    services.minute_save(minute=first, user=officer, expected_version=1, number=first.number,
                         title=first.title, text="", parts=["a"])  # fmt: skip
    part = first.resolution_parts.get()
    owner, other = PersonFactory(last_name="Boyle"), PersonFactory(last_name="Reid")
    for person in (owner, other):
        services.action_add(resolution_part=part, user=officer, description=f"For {person}",
                            owner_person=person)  # fmt: skip
    client.force_login(officer)
    page = client.get(reverse("meetings:actions"), {"person": owner.pk})
    assert [a.owner_person for a in page.context["actions"]] == [owner]
    assert 'name="person"' in page.content.decode()
    # Not a 500 for an unknown person: the form says so and the log is unfiltered.
    page = client.get(reverse("meetings:actions"), {"person": 999999})
    assert page.status_code == 200
    assert "person" in page.context["form"].errors


def test_the_previous_minutes_item_links_the_previous_minutes(client, officer, board_member):
    meeting, _ = _minute_setup(officer)
    services.minutes_publish(meeting=meeting, user=officer)
    following = services.meeting_create(
        body=meeting.body, date=datetime.date(2018, 12, 13), start_time=datetime.time(11),
        venue=meeting.venue, user=officer,
    )  # fmt: skip
    services.agenda_publish(meeting=following, user=officer)
    client.force_login(board_member)
    page = client.get(reverse("meetings:detail", args=[following.pk])).content.decode()
    assert reverse("meetings:minutes_print", args=[meeting.pk]) in page


def test_a_member_reads_their_attendance_record(client, officer, board_member, meeting):
    person = MembershipFactory(body=meeting.body, person=PersonFactory(user=board_member)).person
    services.agenda_publish(meeting=meeting, user=officer)
    services.attendance_record(
        meeting=meeting, user=officer, statuses={person.pk: "apologies"}, also_present=[]
    )
    client.force_login(board_member)
    index = client.get(reverse("meetings:index")).content.decode()
    url = reverse("meetings:person_attendance", args=[person.pk])
    assert url in index
    record = client.get(url)
    assert [a.get_status_display() for a in record.context["record"]] == ["Apologies"]


def test_a_members_attendance_record_sums_up_their_meetings(client, officer, board_member):
    """Expected at, present (chair counts), apologies, absent and the share attended."""
    body = BodyFactory()
    person, other = (MembershipFactory(body=body).person for _ in range(2))
    statuses = ["chair", "present", "apologies", "absent"]
    for month, status in zip((3, 6, 9, 12), statuses, strict=True):
        meeting = MeetingFactory(
            body=body, date=datetime.date(2018, month, 14), status=MeetingStatus.AGENDA_PUBLISHED
        )
        services.attendance_record(
            meeting=meeting, user=officer, statuses={person.pk: status, other.pk: "present"},
            also_present=["Helen Ashworth"],
        )  # fmt: skip
    client.force_login(board_member)
    response = client.get(reverse("meetings:person_attendance", args=[person.pk]))
    assert response.context["summary"] == {
        "expected": 4, "present": 2, "apologies": 1, "absent": 1, "percent": 50
    }  # fmt: skip
    assert "2 (50%)" in response.content.decode()
    # The absent member is listed (and linked to their record) on the meeting page.
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert reverse("meetings:person_attendance", args=[person.pk]) in page
    nobody = client.get(reverse("meetings:person_attendance", args=[PersonFactory().pk]))
    assert nobody.context["summary"]["percent"] is None
    assert "No attendance recorded." in nobody.content.decode()


def test_the_officer_updates_an_action_and_a_member_may_not(client, officer, board_member):
    meeting, (first, _) = _minute_setup(officer)
    services.minute_save(minute=first, user=officer, expected_version=1, number=first.number,
                         title=first.title, text="", parts=["a"])  # fmt: skip
    action = services.action_add(
        resolution_part=first.resolution_parts.get(), user=officer, description="Do it",
        owner_organisation=OrganisationFactory(),
    )  # fmt: skip
    url = reverse("meetings:action_edit", args=[action.pk])
    client.force_login(board_member)
    assert client.post(url, {"status": "done"}).status_code == 403
    client.force_login(officer)
    response = client.post(url, {"description": "Do it", "owner_organisation": action.owner_organisation_id,
                                 "status": "done", "rag": "green", "progress_note": "Sent."})  # fmt: skip
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.rag, action.progress_note) == ("done", "green", "Sent.")


def test_the_previous_minutes_are_confirmed_from_the_next_meeting(client, officer):
    meeting, (first, _) = _minute_setup(officer)
    services.minutes_publish(meeting=meeting, user=officer)
    following = _next_meeting_held(meeting, officer, minutes_started=False)
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
    meeting, _ = _minute_setup(officer)
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


def test_locked_minutes_take_no_new_action(client, officer):
    meeting, (first, _) = _minute_setup(officer)
    services.minute_save(minute=first, user=officer, expected_version=1, number=first.number,
                         title=first.title, text="", parts=["the report be noted"])  # fmt: skip
    services.minutes_publish(meeting=meeting, user=officer)
    _next_meeting_held(meeting, officer)
    services.minutes_confirm(meeting=meeting, user=officer)
    part = first.resolution_parts.get()
    client.force_login(officer)
    response = client.post(
        reverse("meetings:minute_action", args=[first.pk]),
        {"resolution_part": part.pk, "description": "Late action",
         "owner_organisation": OrganisationFactory().pk},
    )  # fmt: skip
    assert response.status_code == 200
    [refusal] = response.context["action_form"].non_field_errors()
    assert "have been confirmed as a correct record and can no longer be changed" in refusal
    assert refusal in response.content.decode()
    assert not part.actions.exists()


def test_confidential_papers_are_not_found_or_served_for_analysts(
    client, analyst, board_member, officer
):
    item = AgendaItemFactory(
        meeting=MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED), is_confidential=True
    )
    report = services.report_save(
        item=item, user=officer, sections=[("Background", "<p>Arson at the depot</p>")],
        report_to="SSCP", meeting_date=item.meeting.date, subject="Depot", report_of="Officer",
    )  # fmt: skip
    document = services.document_upload(
        item=item, user=officer, title="Depot plan",
        file=SimpleUploadedFile("a.pdf", tiny_pdf(), "application/pdf"),
    )  # fmt: skip
    client.force_login(analyst)
    assert client.get(reverse("meetings:search"), {"q": "arson"}).context["reports"] == []
    assert client.get(reverse("meetings:document", args=[document.pk])).status_code == 403
    client.force_login(board_member)
    assert client.get(reverse("meetings:search"), {"q": "arson"}).context["reports"] == [report]
    assert client.get(reverse("meetings:document", args=[document.pk])).status_code == 200


def test_a_deferred_item_and_a_cited_minute_link_back_to_the_minute(client, officer, board_member):
    earlier, (_, youth) = _minute_setup(officer)
    services.minutes_publish(meeting=earlier, user=officer)
    following = services.meeting_create(
        body=earlier.body, date=earlier.date + datetime.timedelta(days=91),
        start_time=earlier.start_time, venue=earlier.venue, user=officer,
    )  # fmt: skip
    item = services.item_defer(minute=youth, user=officer, title="Youth strategy")
    services.agenda_publish(meeting=following, user=officer)
    services.attendance_record(meeting=following, user=officer, statuses={}, also_present=[])
    services.minutes_generate_standard(meeting=following, user=officer)
    minute = Minute.objects.get(agenda_item=item)
    services.minute_save(minute=minute, user=officer, expected_version=1, number=minute.number,
                         title=minute.title, text="", parts=["noted"], cites=youth)  # fmt: skip
    services.minutes_publish(meeting=following, user=officer)
    client.force_login(board_member)
    page = client.get(reverse("meetings:detail", args=[following.pk])).content.decode()
    target = f"{reverse('meetings:detail', args=[earlier.pk])}#minute-{youth.pk}"
    held = f"{earlier.date:%-d %B %Y}"
    assert f'href="{target}">Minute No. {youth.number} of {held}</a>' in page  # deferred by
    assert (
        f'href="{target}">Further to Minute No. {youth.number} of the meeting held on {held}</a>'
        in page
    )


def _change_data(day, venue, time="10:00", private=True):
    data = {"start_time": time, "venue": venue.pk} | _date("date", day)
    return data | ({"is_private": "on"} if private else {})


def test_the_officer_moves_a_meeting_and_the_previous_agenda_follows(client, officer, meeting):
    """September's Date of Next Meeting names December, then January once it is moved."""
    december = services.meeting_create(
        body=meeting.body, date=datetime.date(2018, 12, 13), start_time=datetime.time(10),
        venue=meeting.venue, user=officer,
    )  # fmt: skip
    next_item = meeting.items.get(standard_kind=StandardKind.NEXT_MEETING)
    assert "13 December 2018" in AgendaItem.objects.get(pk=next_item.pk).description
    client.force_login(officer)
    url = reverse("meetings:change", args=[december.pk])
    response = client.post(url, _change_data(datetime.date(2019, 1, 17), december.venue, "14:00"))
    assert response["Location"] == reverse("meetings:detail", args=[december.pk])
    december.refresh_from_db()
    assert (december.date, december.start_time) == (datetime.date(2019, 1, 17), datetime.time(14))
    assert AgendaItem.objects.get(pk=next_item.pk).description.startswith(
        "The next meeting will be held on Thursday, 17 January 2019"
    )
    history = client.get(reverse("meetings:history", args=[december.pk])).content.decode()
    assert "Date, time or place changed" in history and ">17 January 2019</td>" in history
    # September's rewritten item is in its history too, and an edit begun before it is stale.
    history = client.get(reverse("meetings:history", args=[meeting.pk])).content.decode()
    assert "Item 4 “Date of Next Meeting” written again from the schedule" in history
    assert ">The next meeting will be held on Thursday, 17 January 2019" in history
    with pytest.raises(services.StaleEdit):
        services.item_update(item=next_item, user=officer, expected_version=next_item.version,
                             description="Typed before the move")  # fmt: skip


def test_the_history_names_related_records(client, officer, meeting):
    """A presenter, a venue or a cited minute shows as its name, not a number."""
    item = meeting.items.get(order=1)
    presenter = PersonFactory(title="Superintendent", first_name="Mark", last_name="Bolland")
    services.item_update(item=item, user=officer, expected_version=1, presenter=presenter)
    client.force_login(officer)
    history = client.get(reverse("meetings:history", args=[meeting.pk])).content.decode()
    assert ">Superintendent Mark Bolland</td>" in history
    assert f">{presenter.pk}</td>" not in history


def test_moving_a_meeting_is_refused_next_to_the_date(client, officer, meeting):
    client.force_login(officer)
    url = reverse("meetings:change", args=[meeting.pk])
    held = MeetingFactory(body=meeting.body, date=datetime.date(2018, 10, 1),
                          status=MeetingStatus.HELD)  # fmt: skip
    for day, message in [
        (held.date, "This body already meets at that date and time."),
        (datetime.date(2018, 9, 20), "The meeting must be after 1 October 2018"),
    ]:
        response = client.post(url, _change_data(day, meeting.venue))
        assert response.status_code == 200
        assert message in response.context["form"].errors["date"][0]
    response = client.post(
        reverse("meetings:change", args=[held.pk]),
        _change_data(datetime.date(2019, 1, 1), held.venue),
    )
    assert "has been held" in response.context["form"].errors["date"][0]
    meeting.refresh_from_db()
    held.refresh_from_db()
    assert (meeting.date, held.date) == (datetime.date(2018, 9, 13), datetime.date(2018, 10, 1))


def test_the_printable_agenda_is_laid_out_like_the_seed(client, officer, board_member, meeting):
    body = meeting.body
    body.committee_officer_name, body.committee_officer_email = "Claire Mather", "c@example.org"
    body.save()
    for title, last in [("Councillor", "Hartwell"), ("Councillor", "Thorne"), ("", "Wardley")]:
        MembershipFactory(body=body, person=PersonFactory(title=title, first_name="Ian",
                                                          last_name=last))  # fmt: skip
    AgendaItemFactory(meeting=meeting, order=5, title="Exempt review", is_confidential=True)
    services.agenda_publish(meeting=meeting, user=officer)
    client.force_login(board_member)
    page = client.get(reverse("meetings:agenda_print", args=[meeting.pk])).content.decode()
    for phrase in (
        "Thursday 13th September, 2018",
        "(PLEASE NOTE: THIS MEETING IS NOT OPEN TO THE PUBLIC)",
        '<p data-testid="membership">Councillors Hartwell, Thorne and Ian Wardley</p>',
        "2. Declarations of Interest",
        "Minutes of Previous Meeting",
        "COMMITTEE OFFICER:</dt><dd>Claire Mather",
        "c@example.org",
        "Exempt review",
    ):
        assert phrase in page, phrase


def test_the_officer_keeps_the_membership_that_the_agenda_names(
    client, officer, board_member, meeting
):
    body = meeting.body
    hartwell = MembershipFactory(
        body=body, person=PersonFactory(title="Councillor", last_name="Hartwell")
    )
    url = reverse("meetings:body_members", args=[body.slug])
    client.force_login(board_member)
    assert "Hartwell" in client.get(url).content.decode()
    assert client.post(url, {"first_name": "Ian", "last_name": "Wardley"}).status_code == 403
    end_url = reverse("meetings:membership_end", args=[hartwell.pk])
    assert client.post(end_url, _date("end_date", datetime.date(2018, 6, 1))).status_code == 403
    client.force_login(officer)
    data = {"title": "Councillor", "first_name": "Derek", "last_name": "Thorne", "role": "member"}
    response = client.post(url, data | _date("start_date", datetime.date(2018, 5, 1)))
    assert response["Location"] == url
    # Refusals next to the field, nothing saved.
    again = client.post(url, data | {"person": hartwell.person.pk, "first_name": ""}
                        | _date("start_date", datetime.date(2018, 7, 1)))  # fmt: skip
    assert "is already a member of" in again.context["form"].errors["start_date"][0]
    backwards = client.post(url, data | _date("start_date", datetime.date(2018, 7, 1))
                            | _date("end_date", datetime.date(2018, 6, 1)))  # fmt: skip
    assert "must end on or after its start" in backwards.context["form"].errors["end_date"][0]
    nobody = client.post(url, {"role": "member"} | _date("start_date", datetime.date(2018, 7, 1)))
    assert "Choose a person" in nobody.context["form"].errors["person"][0]
    assert body.memberships.count() == 2
    early = client.post(end_url, _date("end_date", datetime.date(2018, 4, 1)))
    assert "must end on or after its start" in early.context["form"].errors["end_date"][0]
    # Hartwell leaves before the meeting: the agenda names Thorne only.
    response = client.post(end_url, _date("end_date", datetime.date(2018, 6, 1)))
    assert response["Location"] == url
    services.agenda_publish(meeting=meeting, user=officer)
    page = client.get(reverse("meetings:agenda_print", args=[meeting.pk])).content.decode()
    assert '<p data-testid="membership">Councillor Thorne</p>' in page


def test_search_finds_every_word_anywhere_in_a_report_or_minute(client, board_member, officer):
    """Words may sit in different sections or resolution parts; a word found nowhere excludes."""
    item = AgendaItemFactory(meeting=MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED))
    report = services.report_save(
        item=item, user=officer, report_to="SSCP", meeting_date=item.meeting.date,
        sections=[("Background", "<p>Arson rose.</p>"), ("Places", "<p>At the depot.</p>")],
        subject="Fires", report_of="Officer",
    )  # fmt: skip
    meeting, (first, _) = _minute_setup(officer)
    services.minute_save(minute=first, user=officer, expected_version=1, number=first.number,
                         title=first.title, text="<p>Patrols</p>",
                         parts=["the depot be fenced", "arson be reported"])  # fmt: skip
    services.minutes_publish(meeting=meeting, user=officer)
    client.force_login(board_member)

    def found(q):
        context = client.get(reverse("meetings:search"), {"q": q}).context
        return context["reports"], context["minutes"]

    assert found("arson depot") == ([report], [first])
    assert found("arson jumble") == ([], [])


VERSION_MISSING = "sent without the version it was read at"


def test_a_report_save_without_its_version_is_refused(client, officer, meeting):
    """Issue 10 item 11: no version, no overwrite (as on minutes); the text typed is kept."""
    item = meeting.items.get(order=1)
    report = services.report_save(
        item=item, user=officer, sections=[("Background", "<p>One</p>")], report_to="SSCP",
        meeting_date=meeting.date, subject="Plan", report_of="Officer",
    )  # fmt: skip
    services.report_save(
        item=item, user=officer, report=report, expected_version=1,
        sections=[("Background", "<p>Theirs</p>")], report_to="SSCP",
        meeting_date=meeting.date, subject="Plan", report_of="Officer",
    )  # fmt: skip
    client.force_login(officer)
    data = {"report_to": "SSCP", "subject": "Plan", "report_of": "Officer",
            "section_1_heading": "Background", "section_1_body": "<p>Mine</p>",
            "meeting_date_0": 13, "meeting_date_1": 9, "meeting_date_2": 2018}  # fmt: skip
    response = client.post(reverse("meetings:report_edit", args=[item.pk, report.pk]), data)
    assert response.status_code == 200
    assert VERSION_MISSING in response.content.decode()
    assert "&lt;p&gt;Mine&lt;/p&gt;" in response.content.decode()
    assert report.sections.get().body == "<p>Theirs</p>"
    # A new report has no version yet: it is written without one.
    response = client.post(reverse("meetings:report_new", args=[item.pk]), data)
    assert response.status_code == 302


def test_an_item_save_without_its_version_is_refused(client, officer, board_member, meeting):
    item = meeting.items.get(order=1)
    services.item_update(item=item, user=officer, expected_version=1, title="Theirs")
    url = reverse("meetings:item_edit", args=[item.pk])
    client.force_login(board_member)
    assert client.post(url, {"title": "Mine", "kind": "standard"}).status_code == 403
    client.force_login(officer)
    response = client.post(url, {"title": "Mine", "kind": "standard"})
    assert response.status_code == 200
    assert VERSION_MISSING in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Theirs"
    # Adding an item needs no version.
    add = reverse("meetings:item_add", args=[meeting.pk])
    assert client.post(add, {"title": "New item", "kind": "report"}).status_code == 302
