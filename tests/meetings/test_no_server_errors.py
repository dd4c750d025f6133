"""Every meetings page, for every role, answers GET and an empty POST without a server error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse

from meetings import services
from meetings.models import MeetingStatus, Minute
from sscp import roles
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    tiny_pdf,
)

pytestmark = pytest.mark.django_db


def _meetings_url_names():
    resolver = get_resolver()
    for pattern in resolver.url_patterns:
        if getattr(pattern, "namespace", None) == "meetings":
            return [p.name for p in pattern.url_patterns]
    return []


@pytest.fixture
def objects(officer, analyst):
    meeting = MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED)
    membership = MembershipFactory(body=meeting.body)
    person = membership.person
    item = AgendaItemFactory(meeting=meeting)
    plan = services.planned_item_add(
        body=meeting.body, user=officer, meeting=meeting, title="Planned", recurrence=""
    )
    report = services.report_save(
        item=item, user=officer, sections=[("A", "<p>b</p>")], report_to="SSCP",
        meeting_date=meeting.date, subject="S", report_of="O",
    )  # fmt: skip
    document = services.document_upload(
        item=item, user=officer, title="Doc", file=SimpleUploadedFile("d.pdf", tiny_pdf())
    )
    appendix = services.document_upload(
        item=item, report=report, user=officer, title="App",
        file=SimpleUploadedFile("a.pdf", tiny_pdf()),
    )  # fmt: skip
    paper = services.frozen_paper_attach(
        agenda_item=item, title="T", kind="table", html="<table></table>", data_as_at="",
        source="", user=analyst,
    )  # fmt: skip
    services.minutes_generate_standard(meeting=meeting, user=officer)
    minute = Minute.objects.get(agenda_item=item)
    services.minute_save(minute=minute, user=officer, expected_version=1, number=minute.number,
                         title="T", text="", parts=["x"])  # fmt: skip
    declaration = services.declaration_add(
        agenda_item=item, person=person, kind="personal", nature="Trustee", user=officer
    )
    action = services.action_add(
        resolution_part=minute.resolution_parts.get(), user=officer, description="A",
        owner_organisation=OrganisationFactory(),
    )  # fmt: skip
    return {
        "plan": plan.pk,
        "meeting": meeting.pk, "item": item.pk, "report": report.pk, "document": document.pk,
        "paper": paper.pk, "appendix": appendix.pk, "minute": minute.pk, "action": action.pk, "person": person.pk,
        "slug": meeting.body.slug, "membership": membership.pk, "declaration": declaration.pk,
    }  # fmt: skip


def _kwargs(name, objects):
    by_prefix = {
        "item_edit": {"pk": objects["item"]}, "item_move": {"pk": objects["item"]},
        "item_remove": {"pk": objects["item"]}, "report_new": {"item_pk": objects["item"]},
        "report_edit": {"item_pk": objects["item"], "pk": objects["report"]},
        "upload": {"item_pk": objects["item"]}, "report": {"pk": objects["report"]},
        "appendix_upload": {"report_pk": objects["report"]},
        "appendix_move": {"pk": objects["appendix"]}, "appendix_remove": {"pk": objects["appendix"]},
        "document": {"pk": objects["document"]}, "frozen_paper": {"pk": objects["paper"]},
        "minute_edit": {"pk": objects["minute"]}, "minute_action": {"pk": objects["minute"]},
        "minute_defer": {"pk": objects["minute"]}, "action_edit": {"pk": objects["action"]},
        "action_remove": {"pk": objects["action"]},
        "person_attendance": {"pk": objects["person"]}, "body_calendar": {"slug": objects["slug"]},
        "body_members": {"slug": objects["slug"]}, "body_publishing": {"slug": objects["slug"]},
        "membership_end": {"pk": objects["membership"]},
        "index": {}, "create": {}, "actions": {}, "search": {},
        "actions_csv": {}, "actions_print": {},
        "declaration_edit": {"pk": objects["declaration"]},
        "declaration_remove": {"pk": objects["declaration"]},
        "alert_preferences": {}, "unsubscribe": {"token": "forged"},
        "calendar_subscription": {},
        "supplement_pdf": {"pk": objects["meeting"], "number": 1},
        "body_attendance": {"slug": objects["slug"]},
        "body_attendance_print": {"slug": objects["slug"]},
        "body_attendance_csv": {"slug": objects["slug"]},
        "work_programme": {"slug": objects["slug"]},
        "work_programme_print": {"slug": objects["slug"]},
        "planned_add": {"slug": objects["slug"]},
        "planned_edit": {"pk": objects["plan"]}, "planned_remove": {"pk": objects["plan"]},
        "planned_take": {"pk": objects["plan"], "meeting_pk": objects["meeting"]},
    }  # fmt: skip
    return by_prefix.get(name, {"pk": objects["meeting"]})


@pytest.mark.parametrize("role", roles.ROLES)
def test_no_meetings_page_fails_for_any_role(client, user_with_role, objects, role):
    client.force_login(user_with_role(role))
    names = _meetings_url_names()
    assert len(names) > 25
    for name in names:
        url = reverse(f"meetings:{name}", kwargs=_kwargs(name, objects))
        for response in (client.get(url), client.post(url, {})):
            assert response.status_code in {200, 302, 400, 403, 404, 405}, (
                name,
                response.status_code,
            )
