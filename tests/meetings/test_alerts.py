"""Email alerts: who is told about what, what the message holds (and never holds), the one-click
unsubscribe, the scheduled reminders and digests, and failures shown to the officer without
failing the publication. Jobs run immediately and mail goes to Django's locmem outbox."""

import datetime

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from meetings import alerts
from meetings.deadlines import agenda_deadline
from meetings.models import (
    Action,
    ActionStatus,
    Alert,
    AlertPreference,
    Meeting,
    MeetingStatus,
    ResolutionPart,
)
from sscp import roles
from sscp.models import Job, JobStatus
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    MinuteFactory,
    PersonFactory,
)

SECRET_ITEM = "Covert surveillance of the Linacre ward"


@pytest.fixture
def body(db):
    return BodyFactory(name="Safer Sefton Board")


@pytest.fixture
def member(user_with_role, body):
    user = user_with_role(roles.BOARD_MEMBER, username="ada", email="ada@example.org")
    MembershipFactory(body=body, person=PersonFactory(user=user, first_name="Ada"))
    return user


@pytest.fixture
def draft(body):
    meeting = MeetingFactory(body=body, date=datetime.date(2019, 3, 14), status=MeetingStatus.DRAFT)
    AgendaItemFactory(meeting=meeting, title="Anti-social behaviour in Bootle")
    AgendaItemFactory(meeting=meeting, title=SECRET_ITEM, is_confidential=True)
    return meeting


def _publish(client, officer, meeting, django_capture_on_commit_callbacks):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:publish", args=[meeting.pk]))
    assert response.status_code == 302
    return response


def test_publishing_an_agenda_emails_the_bodys_members(
    client, officer, member, draft, user_with_role, django_capture_on_commit_callbacks
):
    user_with_role(roles.BOARD_MEMBER, username="not-a-member", email="nm@example.org")
    _publish(client, officer, draft, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["ada@example.org"]]
    message = mail.outbox[0]
    assert message.subject == "Agenda published: Safer Sefton Board, 14 March 2019"
    pack_url = f"http://testserver{reverse('meetings:pack', args=[draft.pk])}"
    assert pack_url in message.body and "Anti-social behaviour in Bootle" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and pack_url in html
    assert message.attachments == []  # a link to the pack, never the PDF
    assert SECRET_ITEM not in message.body and SECRET_ITEM not in html
    token = alerts.unsubscribe_token(member, Alert.AGENDA_PUBLISHED)
    unsubscribe = f"http://testserver{reverse('meetings:unsubscribe', args=[token])}"
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in message.body
    assert Job.objects.get(kind="email-alert").status == JobStatus.DONE


def test_a_member_who_turned_the_alert_off_is_not_emailed(
    client, officer, member, draft, django_capture_on_commit_callbacks
):
    AlertPreference.objects.create(user=member, agenda_published=False)
    _publish(client, officer, draft, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_a_failed_email_is_retried_shown_to_the_officer_and_never_fails_publishing(
    client, officer, member, draft, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.meetings.test_alerts.BrokenBackend"
    settings.SSCP_TASK_MAX_ATTEMPTS = 2
    _publish(client, officer, draft, django_capture_on_commit_callbacks)
    assert Meeting.objects.get(pk=draft.pk).status == MeetingStatus.AGENDA_PUBLISHED
    job = Job.objects.get(kind="email-alert")
    assert (job.status, job.attempts) == (JobStatus.FAILED, 2)
    page = client.get(reverse("meetings:detail", args=[draft.pk])).content.decode()
    assert "Email alerts not sent" in page and "email to Test " in page
    assert "Connection refused by mail.example.org" in page
    client.force_login(member)
    page = client.get(reverse("meetings:detail", args=[draft.pk])).content.decode()
    assert "Email alerts not sent" not in page


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("Connection refused by mail.example.org")


# --- Unsubscribe ---------------------------------------------------------------------------


def test_the_unsubscribe_link_asks_then_turns_off_that_alert_only(client, member, user_with_role):
    other = user_with_role(roles.BOARD_MEMBER, username="bea", email="bea@example.org")
    AlertPreference.objects.create(user=other)
    url = reverse(
        "meetings:unsubscribe", args=[alerts.unsubscribe_token(member, "minutes_published")]
    )
    page = client.get(url)  # signed out: the link comes from a mail program
    assert page.status_code == 200 and "Stop these emails?" in page.content.decode()
    assert not AlertPreference.objects.filter(user=member).exists()
    done = client.post(url)
    assert done.status_code == 200 and "Unsubscribed" in done.content.decode()
    preference = AlertPreference.objects.get(user=member)
    assert not preference.minutes_published
    assert preference.agenda_published and preference.action_assigned and preference.weekly_digest
    assert AlertPreference.objects.get(user=other).minutes_published  # nobody else's changes


def test_one_click_unsubscribe_needs_no_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    url = reverse("meetings:unsubscribe", args=[alerts.unsubscribe_token(member, "weekly_digest")])
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not AlertPreference.objects.get(user=member).weekly_digest


def test_a_forged_or_altered_token_is_a_404_and_changes_nobody(client, member, user_with_role):
    other = user_with_role(roles.BOARD_MEMBER, username="bea", email="bea@example.org")
    mine = alerts.unsubscribe_token(member, "agenda_published")
    forged = signing.dumps([other.pk, "agenda_published"], salt="another-salt", compress=True)
    unsigned = mine.replace(
        mine.split(":")[0], signing.b64_encode(b'[%d,"agenda_published"]' % other.pk).decode()
    )
    wrong_kind = signing.dumps([member.pk, "everything"], salt=alerts.UNSUBSCRIBE_SALT)
    for token in ("x", forged, unsigned, wrong_kind, mine[:-2] + "zz"):
        url = reverse("meetings:unsubscribe", args=[token])
        assert client.get(url).status_code == 404, token
        assert client.post(url).status_code == 404, token
    assert not AlertPreference.objects.exists()


def test_a_member_chooses_their_alerts(client, member, officer):
    client.force_login(member)
    page = client.get(reverse("meetings:alert_preferences")).content.decode()
    assert "An agenda is published" in page and "due to be published soon" not in page
    client.post(reverse("meetings:alert_preferences"), {"agenda_published": "on"})
    preference = AlertPreference.objects.get(user=member)
    assert preference.agenda_published and not preference.minutes_published
    client.force_login(officer)
    assert (
        "due to be published soon"
        in client.get(reverse("meetings:alert_preferences")).content.decode()
    )


# --- Minutes and actions -------------------------------------------------------------------


def _minute_with_actions(meeting, owner_person, *, confidential=False):
    item = AgendaItemFactory(meeting=meeting, title="Item", is_confidential=confidential)
    minute = MinuteFactory(meeting=meeting, agenda_item=item)
    part = ResolutionPart.objects.create(minute=minute, order=1, text="RESOLVED that")
    return Action.objects.create(
        resolution_part=part,
        description="Report back on CCTV in Southport" if not confidential else "Move the victim",
        owner_person=owner_person,
        due_date=datetime.date(2019, 4, 1),
    )


def test_publishing_minutes_emails_members_and_tells_owners_of_their_actions(
    client, officer, member, body, django_capture_on_commit_callbacks
):
    held = MeetingFactory(body=body, date=datetime.date(2019, 3, 14), status=MeetingStatus.HELD)
    person = member.person
    _minute_with_actions(held, person)
    _minute_with_actions(held, person, confidential=True)
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:minutes_publish", args=[held.pk]))
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == [
        "Action for you: Safer Sefton Board, 14 March 2019",
        "Action for you: Safer Sefton Board, 14 March 2019",
        "Minutes published: Safer Sefton Board, 14 March 2019",
    ]
    bodies = " ".join(m.body + m.alternatives[0][0] for m in mail.outbox)
    assert "Report back on CCTV in Southport" in bodies
    assert "Move the victim" not in bodies and "(confidential)" in bodies


def test_publication_deadline_counts_five_clear_working_days():
    # Thursday 13 September 2018: Thursday 6 to Wednesday 12 are the five clear days.
    assert agenda_deadline(datetime.date(2018, 9, 13)) == datetime.date(2018, 9, 5)
    assert alerts.reminder_day(datetime.date(2018, 9, 13)) == datetime.date(2018, 9, 3)
    # Thursday 30 August 2018: Monday 27 August is the summer bank holiday.
    assert agenda_deadline(datetime.date(2018, 8, 30)) == datetime.date(2018, 8, 21)


def test_the_daily_command_reminds_officers_two_working_days_before_the_deadline(
    body, user_with_role
):
    officer = user_with_role(roles.COMMITTEE_OFFICER, username="cleo", email="cleo@example.org")
    MeetingFactory(body=body, date=datetime.date(2018, 9, 13), status=MeetingStatus.DRAFT)
    MeetingFactory(
        body=body, date=datetime.date(2018, 9, 20), status=MeetingStatus.AGENDA_PUBLISHED
    )
    call_command("send_scheduled_alerts", "--date", "2018-08-31")  # a Friday: not yet
    assert mail.outbox == []
    call_command("send_scheduled_alerts", "--date", "2018-09-03")
    assert [m.to for m in mail.outbox] == [[officer.email]]
    assert mail.outbox[0].subject == "Agenda due by 5 September 2018: Safer Sefton Board"


def test_the_weekly_digest_lists_open_and_overdue_actions(body, member):
    held = MeetingFactory(
        body=body, date=datetime.date(2019, 3, 14), status=MeetingStatus.MINUTES_DRAFTED
    )
    action = _minute_with_actions(held, member.person)
    done = _minute_with_actions(held, member.person)
    Action.objects.filter(pk=done.pk).update(status=ActionStatus.DONE, description="Finished work")
    call_command("send_scheduled_alerts", "--date", "2019-04-09")  # a Tuesday: no digest
    assert mail.outbox == []
    call_command("send_scheduled_alerts", "--date", "2019-04-08")  # Monday
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.subject == "Your actions: 1 open, 1 overdue"
    assert f"Overdue: {action.description}" in digest.body and "Finished work" not in digest.body


def test_the_command_refuses_a_bad_date(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("send_scheduled_alerts", "--date", "13/09/2018")


def test_an_action_given_in_published_minutes_tells_its_new_owner_once(
    body, member, django_capture_on_commit_callbacks
):
    from meetings import tasks

    drafted = MeetingFactory(body=body, date=datetime.date(2019, 3, 14), status=MeetingStatus.HELD)
    action = _minute_with_actions(drafted, member.person)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.alert_if_newly_assigned(action, previous_owner_pk=None)  # minutes not published
    assert mail.outbox == []
    Meeting.objects.filter(pk=drafted.pk).update(status=MeetingStatus.MINUTES_DRAFTED)
    action.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.alert_if_newly_assigned(action, previous_owner_pk=member.person.pk)  # same owner
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        tasks.alert_if_newly_assigned(action, previous_owner_pk=None)
    assert [m.to for m in mail.outbox] == [["ada@example.org"]]
    assert "Report back on CCTV in Southport" in mail.outbox[0].body


def test_a_failure_to_queue_the_alerts_never_fails_the_publication(
    client, officer, member, draft, monkeypatch, django_capture_on_commit_callbacks
):
    from meetings import tasks

    def broken(meeting):
        raise ConnectionError("database went away")

    monkeypatch.setattr(tasks, "alert_recipients", broken)
    response = _publish(client, officer, draft, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Meeting.objects.get(pk=draft.pk).status == MeetingStatus.AGENDA_PUBLISHED
    assert mail.outbox == []


def test_a_digest_that_cannot_be_sent_is_listed_on_the_officers_home_page(
    client, body, member, officer, settings
):
    held = MeetingFactory(
        body=body, date=datetime.date(2019, 3, 14), status=MeetingStatus.MINUTES_DRAFTED
    )
    _minute_with_actions(held, member.person)
    settings.EMAIL_BACKEND = "tests.meetings.test_alerts.BrokenBackend"
    settings.SSCP_TASK_MAX_ATTEMPTS = 2
    call_command("send_scheduled_alerts", "--date", "2019-04-08", "--digest")
    job = Job.objects.get(kind="email-alert", subject=f"user:{member.pk}")
    assert (job.status, job.attempts) == (JobStatus.FAILED, 2)
    client.force_login(officer)
    page = client.get(reverse("home")).content.decode()
    assert "Weekly digests not sent" in page and "Connection refused by mail.example.org" in page
    client.force_login(member)
    assert "Weekly digests not sent" not in client.get(reverse("home")).content.decode()
    Job.objects.filter(pk=job.pk).update(
        created_at=job.created_at - datetime.timedelta(days=15)
    )  # a fortnight on, it is no longer news
    client.force_login(officer)
    assert "Weekly digests not sent" not in client.get(reverse("home")).content.decode()
