"""A confidential item's minute follows its papers: those not entitled to the papers (analysts,
MARAC coordinators, the wider-circulation pack) see its number and title and that it is exempt,
never its text, resolution or actions; everyone entitled (officers, board members,
administrators) sees it all."""

import datetime

import pytest
from django.urls import reverse

from meetings import pack, services, wording
from meetings.documents import minutes_document
from meetings.models import MeetingStatus, Minute
from meetings.pack_pdf import read_back
from meetings.selectors import action_log, agenda_action_log
from tests.factories import BodyFactory, MinuteFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

TEXT = "Kestrel household discussed"
RESOLUTION = "refer the Kestrel household to the complex cases panel"
ACTION = "Convene the Kestrel panel"
OPEN_TEXT = "Arson figures fell"
OPEN_ACTION = "Publish the arson campaign dates"
EXEMPT = wording.EXEMPT_MINUTE
SECRETS = (TEXT, RESOLUTION, ACTION)
NOT_ENTITLED = ["analyst", "marac_coordinator"]
ENTITLED = ["officer", "board_member", "administrator"]


def _write(minute, officer, text, parts, action):
    services.minute_save(
        minute=minute, user=officer, expected_version=None, number=minute.number,
        title=minute.title, text=f"<p>{text}</p>", parts=parts,
    )  # fmt: skip
    services.action_add(
        resolution_part=minute.resolution_parts.get(order=1), user=officer, description=action,
        owner_organisation=OrganisationFactory(), due_date=datetime.date(2018, 7, 1),
    )  # fmt: skip


@pytest.fixture
def june(officer):
    """June's published minutes: a confidential item between two open ones, and a September
    meeting whose agenda has the Minutes of Previous Meeting and the action log."""
    body = BodyFactory(name="Sefton Safer Communities Partnership")
    june = services.meeting_create(
        body=body, date=datetime.date(2018, 6, 14), start_time=datetime.time(10),
        venue=body.default_venue, user=officer,
    )  # fmt: skip
    services.item_add(meeting=june, user=officer, title="Arson update")
    services.item_add(meeting=june, user=officer, title="Case review", is_confidential=True)
    services.item_add(meeting=june, user=officer, title="Youth service")
    june.status = MeetingStatus.AGENDA_PUBLISHED
    june.save()
    services.minutes_generate_standard(meeting=june, user=officer)
    minutes = {m.title: m for m in Minute.objects.filter(meeting=june)}
    _write(minutes["ARSON UPDATE"], officer, OPEN_TEXT, ["note the figures"], OPEN_ACTION)
    _write(minutes["CASE REVIEW"], officer, TEXT, [RESOLUTION, "note the plan"], ACTION)
    services.minutes_publish(meeting=june, user=officer)
    september = services.meeting_create(
        body=body, date=datetime.date(2018, 9, 13), start_time=datetime.time(10),
        venue=body.default_venue, user=officer,
    )  # fmt: skip
    services.item_add_action_log(meeting=september, user=officer)
    services.agenda_publish(meeting=september, user=officer)
    return june


def _user(request, name):
    return request.getfixturevalue(name)


def _assert_exempt(text: str) -> None:
    text = " ".join(text.split())
    assert "CASE REVIEW" in text and EXEMPT in text
    for secret in SECRETS:
        assert secret not in text
    assert OPEN_TEXT in text  # the open minutes are all there


def _assert_whole(text: str, *, actions: bool = True) -> None:
    """(Printed minutes, on paper or in PDF, list no actions, whoever reads them.)"""
    text = " ".join(text.split())
    for secret in SECRETS if actions else (TEXT, RESOLUTION):
        assert secret in text
    assert EXEMPT not in text


def test_the_document_keeps_the_number_and_title_and_says_why(june):
    entitled = minutes_document(june, entitled=True)["minutes"]
    withheld = minutes_document(june, entitled=False)["minutes"]
    assert [m.number for m in withheld] == [m.number for m in entitled] == list(range(1, 8))
    assert [m.title for m in withheld] == [m.title for m in entitled]
    case = next(m for m in withheld if m.title == "CASE REVIEW")
    assert (case.html, case.resolution, case.parts, case.exempt) == ("", [], [], EXEMPT)
    assert next(m for m in entitled if m.title == "CASE REVIEW").exempt == ""
    assert sum(bool(m.exempt) for m in withheld) == 1


@pytest.mark.parametrize("name", NOT_ENTITLED)
@pytest.mark.parametrize("url_name", ["meetings:detail", "meetings:minutes_print"])
def test_those_not_entitled_see_the_minute_is_exempt(request, client, june, name, url_name):
    client.force_login(_user(request, name))
    response = client.get(reverse(url_name, args=[june.pk]))
    assert response.status_code == 200
    _assert_exempt(response.content.decode())


@pytest.mark.parametrize("name", ENTITLED)
@pytest.mark.parametrize("url_name", ["meetings:detail", "meetings:minutes_print"])
def test_those_entitled_read_the_whole_minute(request, client, june, name, url_name):
    client.force_login(_user(request, name))
    page = client.get(reverse(url_name, args=[june.pk])).content.decode()
    _assert_whole(page, actions=url_name == "meetings:detail")


def test_the_minutes_pdf_is_exempt_for_an_analyst_even_after_a_members_build(
    client, analyst, board_member, june
):
    url = reverse("meetings:minutes_pdf", args=[june.pk])
    client.force_login(board_member)
    whole = "\n".join(read_back(b"".join(client.get(url).streaming_content)))
    _assert_whole(whole, actions=False)
    client.force_login(analyst)
    assert client.get(url, {"variant": "members"}).status_code == 403
    response = client.get(url)
    assert response.status_code == 200
    _assert_exempt("\n".join(read_back(b"".join(response.streaming_content))))


def test_the_minutes_pdf_cache_is_keyed_by_variant(june):
    Minute.objects.filter(meeting=june, title="CASE REVIEW").update(agenda_item=None)
    members = pack.minutes_pdf(june, variant=pack.MEMBERS)
    public = pack.minutes_pdf(june, variant=pack.PUBLIC)
    assert members.path != public.path  # even with the same HTML (nothing exempt left)


@pytest.mark.parametrize("name", NOT_ENTITLED)
def test_search_does_not_find_an_exempt_minute(request, client, june, name):
    MinuteFactory(meeting=june, number=99, title="KESTREL ROOST SURVEY")  # no item: not exempt
    client.force_login(_user(request, name))
    for query in ("Kestrel household", "complex cases panel", "CASE REVIEW"):
        page = client.get(reverse("meetings:search"), {"q": query}).content.decode()
        assert "Minute 5: CASE REVIEW" not in page
    page = client.get(reverse("meetings:search"), {"q": "Kestrel"}).content.decode()
    assert "Minute 99: KESTREL ROOST SURVEY" in page
    assert "Minute 5" not in page


@pytest.mark.parametrize("name", ENTITLED)
def test_search_finds_a_confidential_minute_for_those_entitled(request, client, june, name):
    client.force_login(_user(request, name))
    page = client.get(reverse("meetings:search"), {"q": "complex cases panel"}).content.decode()
    assert "Minute 5: CASE REVIEW" in page


@pytest.mark.parametrize("name", NOT_ENTITLED + ENTITLED)
def test_the_action_log_lists_an_exempt_minutes_actions_only_for_those_entitled(
    request, client, june, name
):
    user = _user(request, name)
    descriptions = {a.description for a in action_log(user=user, status="all")}
    assert OPEN_ACTION in descriptions
    assert (ACTION in descriptions) is (name in ENTITLED)
    client.force_login(user)
    page = client.get(reverse("meetings:actions"), {"status": "all"}).content.decode()
    assert OPEN_ACTION in page
    assert (ACTION in page) is (name in ENTITLED)


@pytest.mark.parametrize("name", NOT_ENTITLED + ENTITLED)
def test_the_action_log_item_on_the_next_meeting_page(request, client, june, name):
    september = june.body.meetings.get(date=datetime.date(2018, 9, 13))
    assert {a.description for a in agenda_action_log(september, entitled=False)} == {OPEN_ACTION}
    client.force_login(_user(request, name))
    page = client.get(reverse("meetings:detail", args=[september.pk])).content.decode()
    assert OPEN_ACTION in page
    assert (ACTION in page) is (name in ENTITLED)


def test_the_public_pack_prints_the_previous_minutes_and_action_log_without_exempt_parts(
    client, analyst, board_member, june
):
    september = june.body.meetings.get(date=datetime.date(2018, 9, 13))
    specs = {v: pack.part_specs(september, v) for v in pack.VARIANTS}
    for variant, assert_as in ((pack.PUBLIC, _assert_exempt), (pack.MEMBERS, _assert_whole)):
        minutes = next(s for s in specs[variant] if s.kind == "minutes")
        assert_as(minutes.html)
        log = next(s for s in specs[variant] if s.title == "Action log")
        assert OPEN_ACTION in log.html and (ACTION in log.html) is (variant == pack.MEMBERS)
    url = reverse("meetings:pack", args=[september.pk])
    client.force_login(board_member)
    _assert_whole("\n".join(read_back(b"".join(client.get(url).streaming_content))), actions=False)
    client.force_login(analyst)
    public = " ".join(" ".join(read_back(b"".join(client.get(url).streaming_content))).split())
    _assert_exempt(public)
    assert OPEN_ACTION in public
