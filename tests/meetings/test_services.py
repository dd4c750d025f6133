"""The committee officer's writes, through the services' public functions."""

import datetime
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from meetings import services
from meetings.models import (
    ActionStatus,
    Change,
    DeclarationKind,
    Meeting,
    MeetingStatus,
    Minute,
    Report,
    StandardKind,
)
from meetings.numbering import municipal_year_label, next_minute_number
from meetings.selectors import action_log
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    MinuteFactory,
    OrganisationFactory,
    PersonFactory,
    tiny_pdf,
)

pytestmark = pytest.mark.django_db
JUNE = datetime.date(2018, 6, 14)
SEPT = datetime.date(2018, 9, 13)
DEC = datetime.date(2018, 12, 13)
TEN = datetime.time(10)


def _create(officer, body, day, **kwargs):
    return services.meeting_create(
        body=body, date=day, start_time=TEN, venue=body.default_venue, user=officer, **kwargs
    )


def test_a_new_meeting_starts_from_the_standard_items(officer):
    body = BodyFactory(default_venue__short_name="Town Hall, Bootle")
    _create(officer, body, JUNE)
    september = _create(officer, body, SEPT, next_meeting_date=DEC)
    items = list(september.items.order_by("order"))
    assert [(i.order, i.title) for i in items] == [
        (1, "Apologies for Absence"),
        (2, "Declarations of Interest"),
        (3, "Minutes of Previous Meeting"),
        (4, "Date of Next Meeting"),
    ]
    assert items[1].description.startswith("Members are requested at a meeting")
    assert items[2].description == "Minutes of the meeting held on 14 June 2018."
    assert items[3].description == (
        "The next meeting will be held on Thursday, 13 December 2018, at Town Hall, Bootle, "
        "commencing at 10.00 a.m."
    )
    assert Meeting.objects.filter(body=body, date=DEC).exists()


def test_the_next_meeting_must_be_after_the_meeting(officer):
    body = BodyFactory()
    with pytest.raises(ValidationError) as refused:
        _create(officer, body, SEPT, next_meeting_date=JUNE)
    assert refused.value.message_dict["next_meeting_date"] == [
        "The date of the next meeting must be after this meeting (13 September 2018)."
    ]
    assert not Meeting.objects.filter(body=body).exists()


def test_items_are_added_before_the_date_of_next_meeting_and_reordered(officer):
    meeting = _create(officer, BodyFactory(), SEPT)
    pelican = services.item_add(meeting=meeting, user=officer, title="Operation Pelican")
    crime = services.item_add(meeting=meeting, user=officer, title="Serious Crime")
    titles = lambda: list(meeting.items.order_by("order").values_list("title", flat=True))  # noqa: E731
    assert titles()[3:] == ["Operation Pelican", "Serious Crime", "Date of Next Meeting"]
    services.item_move_up(item=crime, user=officer)
    assert titles()[3:5] == ["Serious Crime", "Operation Pelican"]
    services.item_move_down(item=crime, user=officer)
    services.item_remove(item=pelican, user=officer)
    assert titles()[3:] == ["Serious Crime", "Date of Next Meeting"]
    assert list(meeting.items.order_by("order").values_list("order", flat=True)) == [1, 2, 3, 4, 5]
    assert Change.objects.filter(meeting=meeting, summary__contains="moved up").exists()


def test_a_published_agenda_cannot_be_published_twice_and_a_held_one_is_closed(officer):
    meeting = _create(officer, BodyFactory(), SEPT)
    services.agenda_publish(meeting=meeting, user=officer)
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
    with pytest.raises(ValidationError, match="already been published"):
        services.agenda_publish(meeting=meeting, user=officer)
    services.attendance_record(meeting=meeting, user=officer, statuses={}, also_present=[])
    with pytest.raises(ValidationError, match="has been held"):
        services.item_add(meeting=meeting, user=officer, title="Late item")


def test_item_edits_refuse_a_stale_version(officer):
    item = AgendaItemFactory(meeting=MeetingFactory(status=MeetingStatus.DRAFT), title="Old")
    services.item_update(item=item, user=officer, expected_version=1, title="First")
    stale = AgendaItemFactory._meta.model.objects.get(pk=item.pk)
    stale.version = 1
    with pytest.raises(services.StaleEdit) as refused:
        services.item_update(item=stale, user=officer, expected_version=1, title="Second")
    assert refused.value.current["title"] == "First"
    assert AgendaItemFactory._meta.model.objects.get(pk=item.pk).title == "First"


def test_minute_numbers_run_on_through_the_municipal_year(officer):
    body = BodyFactory()
    june = MeetingFactory(body=body, date=JUNE)
    assert next_minute_number(june) == 1
    for n in range(1, 13):
        MinuteFactory(meeting=june, number=n)
    september = MeetingFactory(body=body, date=SEPT)
    assert next_minute_number(september) == 13
    next_june = MeetingFactory(body=body, date=datetime.date(2019, 6, 13))
    assert next_minute_number(next_june) == 1


@pytest.mark.parametrize(
    ("start_month", "numbers", "labels"),
    [
        (4, [1, 2, 1], ["2018/19", "2018/19", "2019/20"]),  # April to March
        (1, [1, 1, 2], ["2018", "2019", "2019"]),  # the calendar year
    ],
)
def test_the_municipal_year_start_month_is_set_per_body(start_month, numbers, labels):
    """Numbering restarts at the body's own year start, and the year is named after it."""
    body = BodyFactory(municipal_year_start_month=start_month)
    days = [datetime.date(2018, 12, 13), datetime.date(2019, 3, 14), datetime.date(2019, 6, 13)]
    got_numbers, got_labels = [], []
    for day in days:
        meeting = MeetingFactory(body=body, date=day)
        got_numbers.append(next_minute_number(meeting))
        got_labels.append(municipal_year_label(meeting))
        MinuteFactory(meeting=meeting, number=got_numbers[-1])
    assert (got_numbers, got_labels) == (numbers, labels)


def test_minutes_are_numbered_in_meeting_order(officer):
    """Starting September's minutes before June's would give both the numbers from 1."""
    body = BodyFactory()
    june, september = (MeetingFactory(body=body, date=day, status=MeetingStatus.HELD)
                       for day in (JUNE, SEPT))  # fmt: skip
    for meeting in (june, september):
        AgendaItemFactory(meeting=meeting)
    with pytest.raises(ValidationError, match="Start the minutes of 14 June 2018 first"):
        services.minutes_generate_standard(meeting=september, user=officer)
    assert not Minute.objects.exists()
    services.minutes_generate_standard(meeting=june, user=officer)
    [minute] = services.minutes_generate_standard(meeting=september, user=officer)
    assert minute.number == 2
    # A meeting left unminuted while a later one took the numbers cannot be numbered any more.
    march = MeetingFactory(body=body, date=datetime.date(2019, 3, 14), status=MeetingStatus.HELD)
    AgendaItemFactory(meeting=march)
    december = MeetingFactory(body=body, date=DEC, status=MeetingStatus.HELD)
    AgendaItemFactory(meeting=december)
    MinuteFactory(meeting=march, number=3)
    with pytest.raises(ValidationError, match="minutes of 14 March 2019 already carry on"):
        services.minutes_generate_standard(meeting=december, user=officer)


def _held_meeting(officer):
    body = BodyFactory(default_venue__short_name="Town Hall, Bootle")
    june = _create(officer, body, JUNE, next_meeting_date=SEPT)
    chair, member, away = (
        PersonFactory(title="Councillor", first_name="Ann", last_name=n) for n in "ABC"
    )
    for person in (chair, member, away):
        MembershipFactory(body=body, person=person)
    report = services.item_add(meeting=june, user=officer, title="Youth Service")
    services.agenda_publish(meeting=june, user=officer)
    services.attendance_record(
        meeting=june,
        user=officer,
        statuses={chair.pk: "chair", member.pk: "present", away.pk: "apologies"},
        also_present=["Helen Armitage"],
    )
    return june, report, member


def test_the_standard_minutes_write_themselves(officer):
    june, report, _ = _held_meeting(officer)
    minutes = services.minutes_generate_standard(meeting=june, user=officer)
    assert [(m.number, m.title) for m in minutes] == [
        (1, "APOLOGIES FOR ABSENCE"),
        (2, "DECLARATIONS OF INTEREST"),
        (3, "MINUTES OF PREVIOUS MEETING"),
        (4, "YOUTH SERVICE"),
        (5, "DATE OF NEXT MEETING"),
    ]
    assert minutes[0].text == "<p>Apologies for absence were received from Councillor Ann C.</p>"
    assert "No declarations of any disclosable pecuniary" in minutes[1].text
    assert list(minutes[4].resolution_parts.values_list("text", flat=True)) == [
        "the next meeting be held on Thursday, 13 September 2018 at the Town Hall, Bootle, "
        "commencing at 10.00 a.m."
    ]
    assert services.minutes_generate_standard(meeting=june, user=officer) == []


def test_a_declaration_is_minuted(officer):
    june, report, member = _held_meeting(officer)
    services.declaration_add(
        agenda_item=report,
        person=member,
        kind=DeclarationKind.PERSONAL,
        nature="her son uses the service",
        withdrew=True,
        user=officer,
    )
    services.minutes_generate_standard(meeting=june, user=officer)
    declarations = Minute.objects.get(agenda_item__standard_kind=StandardKind.DECLARATIONS)
    assert declarations.text == (
        "<p>Councillor Ann B declared a personal interest in Minute No. 4 (Youth Service) because "
        "her son uses the service and left the room during its consideration, taking no part "
        "in the decision.</p>"
    )


def test_the_standard_minutes_follow_late_records_until_the_officer_rewords_them(officer):
    june, report, member = _held_meeting(officer)
    services.minutes_generate_standard(meeting=june, user=officer)
    services.declaration_add(
        agenda_item=report, person=member, kind=DeclarationKind.PERSONAL, user=officer
    )
    declarations = Minute.objects.get(agenda_item__standard_kind=StandardKind.DECLARATIONS)
    assert declarations.text.startswith("<p>Councillor Ann B declared a personal interest")
    apologies = Minute.objects.get(agenda_item__standard_kind=StandardKind.APOLOGIES)
    chair, _, away = (a.person for a in june.attendances.filter(person__isnull=False))
    statuses = {chair.pk: "chair", member.pk: "apologies", away.pk: "apologies"}
    services.attendance_record(meeting=june, user=officer, statuses=statuses, also_present=[])
    apologies.refresh_from_db()
    assert apologies.text == (
        "<p>Apologies for absence were received from Councillor Ann B and Councillor Ann C.</p>"
    )
    assert Change.objects.filter(
        summary=f"Minute {apologies.number} “APOLOGIES FOR ABSENCE” written again from the records"
    ).exists()
    services.minute_save(
        minute=apologies, user=officer, expected_version=apologies.version,
        number=apologies.number, title=apologies.title, text="<p>Our own words.</p>", parts=[],
    )  # fmt: skip
    services.attendance_record(meeting=june, user=officer, statuses={}, also_present=[])
    apologies.refresh_from_db()
    assert apologies.text == "<p>Our own words.</p>"


def test_saving_a_minute_keeps_history_and_refuses_stale_and_duplicate_numbers(officer):
    june, report, _ = _held_meeting(officer)
    services.minutes_generate_standard(meeting=june, user=officer)
    minute = Minute.objects.get(agenda_item=report)
    services.minute_save(
        minute=minute,
        user=officer,
        expected_version=1,
        number=4,
        title="YOUTH SERVICE",
        text="<p>The Partnership considered the report.</p><script>x</script>",
        parts=["the report be noted", "the officer be thanked"],
    )
    minute.refresh_from_db()
    assert minute.text == "<p>The Partnership considered the report.</p>"
    assert minute.version == 2
    assert minute.resolution_parts.count() == 2
    change = Change.objects.filter(object_type="minute", object_id=minute.pk).first()
    assert change.after["resolution"] == "the report be noted\nthe officer be thanked"

    with pytest.raises(ValidationError) as duplicate:
        services.minute_save(
            minute=minute, user=officer, expected_version=2, number=3, title="X", text="",
            parts=[],
        )  # fmt: skip
    assert "Minute No. 3 is already used in 2018/19" in duplicate.value.message_dict["number"][0]

    with pytest.raises(services.StaleEdit) as stale:
        services.minute_save(
            minute=minute, user=officer, expected_version=1, number=4, title="YOUTH SERVICE",
            text="<p>Mine</p>", parts=["mine"],
        )  # fmt: skip
    assert stale.value.current["text"] == "<p>The Partnership considered the report.</p>"
    assert any(row["field"] == "text" for row in stale.value.differences)
    minute.refresh_from_db()
    assert minute.text == "<p>The Partnership considered the report.</p>"


def _september_minutes_started(officer, june):
    september = Meeting.objects.get(body=june.body, date=SEPT)
    services.attendance_record(meeting=september, user=officer, statuses={}, also_present=[])
    services.minutes_generate_standard(meeting=september, user=officer)
    return september, Minute.objects.get(
        meeting=september, agenda_item__standard_kind=StandardKind.PREVIOUS_MINUTES
    )


def test_minutes_are_confirmed_by_recording_the_resolution_at_the_next_meeting(officer):
    june, report, _ = _held_meeting(officer)
    services.minutes_generate_standard(meeting=june, user=officer)
    with pytest.raises(ValidationError, match="have not been published as a draft"):
        services.minutes_confirm(meeting=june, user=officer)
    services.minutes_publish(meeting=june, user=officer)
    with pytest.raises(ValidationError, match="meeting of 13 September 2018 has not been held"):
        services.minutes_confirm(meeting=june, user=officer)
    september = Meeting.objects.get(body=june.body, date=SEPT)
    services.attendance_record(meeting=september, user=officer, statuses={}, also_present=[])
    with pytest.raises(ValidationError, match="Start the minutes of 13 September 2018 first"):
        services.minutes_confirm(meeting=june, user=officer)
    june.refresh_from_db()
    assert june.status == MeetingStatus.MINUTES_DRAFTED  # each refusal left it as it was

    september, previous_minute = _september_minutes_started(officer, june)
    # Until the body confirms them, the minute does not say it did.
    assert not previous_minute.resolution_parts.exists()
    recorded = services.minutes_confirm(meeting=june, user=officer)
    assert recorded == previous_minute
    assert list(recorded.resolution_parts.values_list("order", "text")) == [
        (1, "the Minutes of the meeting held on 14 June 2018 be confirmed as a correct record")
    ]
    june.refresh_from_db()
    assert june.status == MeetingStatus.MINUTES_CONFIRMED
    assert june.changes.first().summary == (
        f"Minutes confirmed at the meeting of 13 September 2018 (Minute No. {recorded.number})"
    )
    # Locked: an edit is refused, and confirming twice too.
    minute = Minute.objects.get(agenda_item=report)
    with pytest.raises(ValidationError, match="confirmed as a correct record and can no longer"):
        services.minute_save(
            minute=minute, user=officer, expected_version=1, number=4, title="X", text="",
            parts=[],
        )  # fmt: skip
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.minutes_confirm(meeting=june, user=officer)


def test_minutes_are_confirmed_only_at_a_next_meeting(officer):
    body = BodyFactory()
    only = _create(officer, body, JUNE)
    services.attendance_record(meeting=only, user=officer, statuses={}, also_present=[])
    services.minutes_generate_standard(meeting=only, user=officer)
    services.minutes_publish(meeting=only, user=officer)
    with pytest.raises(ValidationError, match="confirmed at the next meeting: schedule it first"):
        services.minutes_confirm(meeting=only, user=officer)


def test_the_confirmation_is_recorded_only_by_confirming(officer):
    june, _, _ = _held_meeting(officer)
    services.minutes_generate_standard(meeting=june, user=officer)
    services.minutes_publish(meeting=june, user=officer)
    september, previous_minute = _september_minutes_started(officer, june)
    resolution = "the Minutes of the meeting held on 14 June 2018 be confirmed as a correct record"

    def save(parts):
        previous_minute.refresh_from_db()
        services.minute_save(
            minute=previous_minute, user=officer, expected_version=previous_minute.version,
            number=previous_minute.number, title=previous_minute.title, text="", parts=parts,
        )  # fmt: skip

    with pytest.raises(ValidationError) as typed:
        save([resolution])
    assert "Record that the minutes of 14 June 2018 were confirmed" in str(typed.value)
    june.refresh_from_db()
    assert june.status == MeetingStatus.MINUTES_DRAFTED

    services.minutes_confirm(meeting=june, user=officer)
    with pytest.raises(ValidationError, match="that part cannot be removed"):
        save(["the minutes be signed by the Chair"])
    save([resolution, "the minutes be signed by the Chair"])  # more may be added
    assert previous_minute.resolution_parts.count() == 2


def test_confirming_is_refused_when_the_next_meetings_minutes_are_locked(officer):
    june, _, _ = _held_meeting(officer)
    services.minutes_generate_standard(meeting=june, user=officer)
    services.minutes_publish(meeting=june, user=officer)
    september, previous_minute = _september_minutes_started(officer, june)
    Meeting.objects.filter(pk=september.pk).update(status=MeetingStatus.MINUTES_CONFIRMED)
    with pytest.raises(ValidationError, match="13 September 2018 have been confirmed"):
        services.minutes_confirm(meeting=june, user=officer)
    june.refresh_from_db()
    assert june.status == MeetingStatus.MINUTES_DRAFTED
    assert not previous_minute.resolution_parts.exists()


def test_the_action_log_flags_overdue_actions_and_filters(officer, board_member):
    june, report, _ = _held_meeting(officer)
    services.minutes_generate_standard(meeting=june, user=officer)
    minute = Minute.objects.get(agenda_item=report)
    services.minute_save(
        minute=minute, user=officer, expected_version=1, number=4, title="YOUTH",
        text="", parts=["the report be noted", "the dates be circulated"],
    )  # fmt: skip
    part = minute.resolution_parts.get(order=2)
    fire, police = OrganisationFactory(), OrganisationFactory()
    late = services.action_add(
        resolution_part=part, user=officer, description="Circulate dates",
        owner_organisation=fire, due_date=datetime.date(2018, 7, 1),
    )  # fmt: skip
    services.action_add(
        resolution_part=part, user=officer, description="Report back",
        owner_organisation=police, due_date=datetime.date(2018, 12, 1),
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.action_add(resolution_part=part, user=officer, description="Nobody's")
    log = action_log(user=officer, today=datetime.date(2018, 9, 1))
    assert [(a.description, a.is_overdue) for a in log] == [
        ("Circulate dates", True),
        ("Report back", False),
    ]
    assert [a.pk for a in action_log(user=officer, owner_organisation=fire)] == [late.pk]
    services.action_update(action=late, user=officer, status=ActionStatus.DONE)
    assert len(action_log(user=officer)) == 1
    assert len(action_log(user=officer, status="all")) == 2
    # Board members see actions once the minutes are published.
    assert action_log(user=board_member) == []
    services.minutes_publish(meeting=june, user=officer)
    assert len(action_log(user=board_member)) == 1


def test_the_action_log_filters_by_owner_person_organisation_and_overdue(officer):
    june, report, _ = _held_meeting(officer)
    services.minutes_generate_standard(meeting=june, user=officer)
    minute = Minute.objects.get(agenda_item=report)
    services.minute_save(
        minute=minute, user=officer, expected_version=1, number=4, title="YOUTH",
        text="", parts=["the report be noted"],
    )  # fmt: skip
    part = minute.resolution_parts.get()
    police = OrganisationFactory(name="Merseyside Police")
    inspector = PersonFactory(last_name="Boyle", organisation=police)
    analyst = PersonFactory(last_name="Reid", organisation=OrganisationFactory())

    def add(description, due, **owner):
        return services.action_add(
            resolution_part=part, user=officer, description=description,
            due_date=datetime.date(*due), **owner,
        )  # fmt: skip

    by_police = add("Patrol plan", (2018, 7, 1), owner_organisation=police)
    by_inspector = add("Knife arches", (2018, 12, 1), owner_person=inspector)
    by_analyst = add("Hotspot map", (2018, 8, 1), owner_person=analyst)
    on = datetime.date(2018, 9, 1)

    def log(**filters):
        return [a.description for a in action_log(user=officer, today=on, **filters)]

    assert log(owner_person=inspector) == [by_inspector.description]
    # The police's actions include those given to its people.
    assert log(owner_organisation=police) == [by_police.description, by_inspector.description]
    assert log(status="overdue") == [by_police.description, by_analyst.description]
    assert log(owner_organisation=police, status="overdue") == [by_police.description]
    services.action_update(action=by_analyst, user=officer, status=ActionStatus.DONE)
    assert log(status="overdue") == [by_police.description]  # done is never overdue


def test_deferring_to_the_next_meeting_links_the_new_item_to_the_minute(officer):
    june, report, _ = _held_meeting(officer)
    services.minutes_generate_standard(meeting=june, user=officer)
    minute = Minute.objects.get(agenda_item=report)
    item = services.item_defer(minute=minute, user=officer, title="Needs Assessment")
    assert item.meeting.date == SEPT
    assert item.requested_by == minute
    titles = list(item.meeting.items.order_by("order").values_list("title", flat=True))
    assert titles[-2:] == ["Needs Assessment", "Date of Next Meeting"]


def test_what_an_exempt_minute_defers_is_confidential_too(officer):
    june, report, _ = _held_meeting(officer)
    services.minutes_generate_standard(meeting=june, user=officer)
    minute = Minute.objects.get(agenda_item=report)
    assert not services.item_defer(minute=minute, user=officer, title="Open").is_confidential
    report.is_confidential = True
    report.save(update_fields=["is_confidential"])
    minute.refresh_from_db()
    assert services.item_defer(minute=minute, user=officer, title="Exempt").is_confidential


def test_deferring_needs_a_next_meeting(officer):
    meeting = MeetingFactory(status=MeetingStatus.HELD)
    minute = MinuteFactory(meeting=meeting)
    with pytest.raises(ValidationError) as refused:
        services.item_defer(minute=minute, user=officer, title="Later")
    assert refused.value.message_dict["title"] == ["Schedule the next meeting first."]


def test_the_action_log_goes_on_an_agenda_once(officer):
    meeting = _create(officer, BodyFactory(), SEPT)
    item = services.item_add_action_log(meeting=meeting, user=officer)
    assert item.standard_kind == StandardKind.ACTION_LOG
    with pytest.raises(ValidationError, match="already on this agenda"):
        services.item_add_action_log(meeting=meeting, user=officer)


def test_publishing_rewrites_the_dated_standard_items_from_the_schedule(officer):
    body = BodyFactory(default_venue__short_name="Town Hall, Bootle")
    september = _create(officer, body, SEPT)
    _create(officer, body, JUNE)  # scheduled later, but held earlier
    _create(officer, body, DEC)
    services.agenda_publish(meeting=september, user=officer)
    texts = dict(september.items.values_list("standard_kind", "description"))
    assert texts[StandardKind.PREVIOUS_MINUTES] == "Minutes of the meeting held on 14 June 2018."
    assert texts[StandardKind.NEXT_MEETING].startswith(
        "The next meeting will be held on Thursday, 13 December 2018"
    )


def _report_on_open_agenda(officer):
    """June's meeting with its agenda open again, and a report written for its item."""
    june, item, _ = _held_meeting(officer)
    Meeting.objects.filter(pk=june.pk).update(status=MeetingStatus.AGENDA_PUBLISHED)
    june.refresh_from_db()
    item.refresh_from_db()
    report = services.report_save(
        item=item, user=officer, sections=[], report_to="SSCP", meeting_date=JUNE,
        subject="Strategy", report_of="Officer",
    )  # fmt: skip
    return june, item, report


def _upload_appendices(officer, item, report, titles):
    return [
        services.document_upload(
            item=item,
            report=report,
            user=officer,
            title=title,
            file=SimpleUploadedFile("a.pdf", tiny_pdf(), "application/pdf"),
        )  # fmt: skip
        for title in titles
    ]


def test_a_report_lists_its_appendices_a_b_and_refuses_bad_ones(officer, monkeypatch):
    june, item, report = _report_on_open_agenda(officer)

    def upload(title, data=None, on=item):
        return services.document_upload(
            item=on, report=report, user=officer, title=title,
            file=SimpleUploadedFile("a.pdf", data or tiny_pdf(), "application/pdf"),
        )  # fmt: skip

    first, second = upload("Complex cases"), upload("Like Glue")
    assert report.lettered_appendices() == [("A", first), ("B", second)]
    assert Change.objects.filter(summary="Appendix B “Like Glue” added to the report “Strategy”")
    with pytest.raises(ValidationError, match="not a PDF"):
        upload("Fake", b"<html>not a pdf</html>")
    with pytest.raises(ValidationError, match="belongs to another item"):
        upload("Elsewhere", on=AgendaItemFactory(meeting=june))
    monkeypatch.setattr(services, "MAX_APPENDICES", 2)
    with pytest.raises(ValidationError, match="at most 2 appendices"):
        upload("Third")
    assert report.appendices.count() == 2
    Meeting.objects.filter(pk=june.pk).update(status=MeetingStatus.HELD)
    item.meeting.refresh_from_db()
    monkeypatch.setattr(services, "MAX_APPENDICES", 26)
    with pytest.raises(ValidationError, match="has been held"):
        upload("Late")


def test_appendices_are_reordered_and_removed_with_letters_following(
    officer, tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    june, item, report = _report_on_open_agenda(officer)
    first, second, third = _upload_appendices(
        officer, item, report, ("Complex cases", "Like Glue", "Data")
    )

    def letters():
        return [
            (letter, d.title)
            for letter, d in Report.objects.get(pk=report.pk).lettered_appendices()
        ]

    services.appendix_move_up(document=third, user=officer)
    assert letters() == [("A", "Complex cases"), ("B", "Data"), ("C", "Like Glue")]
    services.appendix_move_up(document=first, user=officer)  # already first: nothing moves
    services.appendix_move_down(document=first, user=officer)
    assert letters() == [("A", "Data"), ("B", "Complex cases"), ("C", "Like Glue")]
    moved = Change.objects.get(
        summary="“Complex cases” moved down to Appendix B in the report “Strategy”"
    )
    assert moved.before["appendices"].splitlines()[0] == "Appendix A Complex cases"
    assert moved.after["appendices"].splitlines()[0] == "Appendix A Data"
    path = first.file.path
    with django_capture_on_commit_callbacks(execute=True):
        services.appendix_remove(document=first, user=officer)
    assert letters() == [("A", "Data"), ("B", "Like Glue")]
    assert Change.objects.filter(
        summary="Appendix B “Complex cases” removed from the report “Strategy”"
    ).exists()
    assert not os.path.exists(path)  # the file goes once the removal is committed
    # A new appendix takes the next letter after the reordered ones.
    services.document_upload(
        item=item, report=report, user=officer, title="Late",
        file=SimpleUploadedFile("a.pdf", tiny_pdf(), "application/pdf"),
    )  # fmt: skip
    assert letters()[-1] == ("C", "Late")


@pytest.mark.parametrize(
    "status", [MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFTED, MeetingStatus.MINUTES_CONFIRMED]
)
def test_appendices_stay_as_they_are_once_the_meeting_is_held(officer, status):
    june, item, report = _report_on_open_agenda(officer)
    first, second = _upload_appendices(officer, item, report, ("Complex cases", "Like Glue"))
    Meeting.objects.filter(pk=june.pk).update(status=status)
    second.refresh_from_db()
    for change in (services.appendix_move_up, services.appendix_remove):
        with pytest.raises(ValidationError, match="has been held"):
            change(document=second, user=officer)
    assert [d.title for d in report.appendices.all()] == ["Complex cases", "Like Glue"]


def test_an_upload_that_does_not_commit_leaves_no_file(officer, settings, tmp_path, monkeypatch):
    """The file is written inside the transaction; when the row does not commit, it goes too."""
    settings.MEDIA_ROOT = tmp_path
    june, item, report = _report_on_open_agenda(officer)

    def fail(**kwargs):
        raise RuntimeError("the database failed after the file was written")

    monkeypatch.setattr(services, "change_record", fail)
    for appendix_of in (None, report):
        with pytest.raises(RuntimeError):
            services.document_upload(
                item=item, report=appendix_of, user=officer, title="Plan",
                file=SimpleUploadedFile("a.pdf", tiny_pdf(), "application/pdf"),
            )  # fmt: skip
    assert not item.documents.exists()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_an_upload_is_its_own_transaction(officer, settings, tmp_path):
    """Inside a caller's transaction the row could still roll back after the file was kept."""
    settings.MEDIA_ROOT = tmp_path
    june, item, report = _report_on_open_agenda(officer)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.document_upload(
            item=item, user=officer, title="Plan",
            file=SimpleUploadedFile("a.pdf", tiny_pdf(), "application/pdf"),
        )  # fmt: skip
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
