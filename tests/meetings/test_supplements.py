"""Supplementary agendas: late papers numbered on from the agenda pack, never moving its pages."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from meetings import pack, services, supplement_pack
from meetings.models import Conversion, MeetingStatus, UploadedDocument
from meetings.pack_pdf import read_back
from tests.factories import tiny_pdf


def _upload(item, officer, title, **extra):
    data = tiny_pdf(title.replace(" ", "-"))
    return services.document_upload(
        item=item,
        user=officer,
        title=title,
        file=SimpleUploadedFile("p.pdf", data, content_type="application/pdf"),
        **extra,
    )


@pytest.fixture
def published(meeting, officer):
    """A published agenda of two items: item 1 with a paper, item 2 with its paper to follow."""
    first = services.item_add(meeting=meeting, user=officer, title="Crime figures")
    second = services.item_add(
        meeting=meeting, user=officer, title="Youth service review", paper_to_follow=True
    )
    _upload(first, officer, "Crime figures report")
    services.agenda_publish(meeting=meeting, user=officer)
    return meeting, first, second


@pytest.fixture
def supplemented(published, officer):
    meeting, first, second = published
    late = _upload(second, officer, "Youth service review report")
    supplement = services.supplement_publish(meeting=meeting, user=officer)
    return meeting, supplement, late


def _page_numbers(texts):
    """The "Page N" stamp of each page (the front sheet's "(Page 7)" ranges are not stamps)."""
    return [int(re.findall(r"^Page (\d+)$", text, re.M)[-1]) for text in texts]


def test_the_front_sheet_says_a_paper_is_to_follow(published):
    meeting, _, _ = published
    texts = read_back(pack.pack_build_info(meeting).path.read_bytes())
    assert "To follow" in texts[0]


def test_a_late_paper_goes_on_a_supplement_never_into_the_main_pack(published, officer):
    meeting, _, second = published
    before = pack.pack_build_info(meeting).path.read_bytes()
    late = _upload(second, officer, "Youth service review report")
    assert late.supplement is not None and late.supplement.number == 1
    assert late.supplement.published_at is None
    after = pack.pack_build_info(meeting).path.read_bytes()
    assert after == before  # the main pack's pages never move


def test_the_supplement_continues_the_pack_numbering(supplemented):
    meeting, supplement, late = supplemented
    main = pack.pack_build_info(meeting)
    built = supplement_pack.supplement_build_info(supplement)
    texts = read_back(built.path.read_bytes())
    numbers = _page_numbers(texts)
    assert numbers[0] in (main.pages + 1, main.pages + 2)
    assert numbers[0] % 2 == 1 and numbers[0] == supplement.first_page
    assert numbers == list(range(numbers[0], numbers[0] + len(texts)))
    assert "SUPPLEMENTARY AGENDA 1" in texts[0]
    assert "Youth service review" in texts[0]
    start = numbers[0] + 2  # the front sheet and its blank verso
    assert f"(Page {start})" in texts[0]
    item_pages = [t for n, t in zip(numbers, texts, strict=True) if n >= start]
    assert item_pages and all(f"Agenda Item {late.agenda_item.order}" in t for t in item_pages)
    assert "Agenda Item" not in texts[0]


def test_the_whole_pack_has_both_sets_of_bookmarks(supplemented):
    meeting, supplement, _ = supplemented
    main = pack.pack_build_info(meeting)
    whole = supplement_pack.whole_build_info(meeting)
    reader = PdfReader(io.BytesIO(whole.path.read_bytes()))
    top = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    assert top[0] == "Agenda" and top[-1] == "Supplementary Agenda 1"
    assert any(t.endswith(". Crime figures") for t in top)  # the main pack's bookmarks
    under_supplement = reader.outline[-1]
    assert isinstance(under_supplement, list)  # the supplement's, under its own
    assert any(
        e.title.endswith(". Youth service review")
        for e in under_supplement
        if not isinstance(e, list)
    )
    texts = [page.extract_text() for page in reader.pages]
    assert _page_numbers(texts) == list(range(1, len(texts) + 1))
    assert len(texts) == supplement.first_page - 1 + (whole.pages - supplement.first_page + 1)
    assert main.pages < supplement.first_page


def test_publishing_is_recorded_in_the_history(supplemented):
    meeting, supplement, _ = supplemented
    assert meeting.changes.filter(summary__startswith="Supplementary Agenda 1 published").exists()


def test_a_supplement_for_an_unpublished_agenda_is_refused(meeting, officer):
    item = services.item_add(meeting=meeting, user=officer, title="Crime figures")
    _upload(item, officer, "Crime figures report")
    with pytest.raises(ValidationError, match="is not published"):
        services.supplement_publish(meeting=meeting, user=officer)
    assert not UploadedDocument.objects.filter(supplement__isnull=False).exists()


def test_a_supplement_without_papers_is_refused(published, officer):
    meeting, _, _ = published
    with pytest.raises(ValidationError, match="no late papers"):
        services.supplement_publish(meeting=meeting, user=officer)


def test_a_supplement_with_a_paper_still_being_converted_is_refused(published, officer):
    meeting, _, second = published
    late = _upload(second, officer, "Youth service review report")
    UploadedDocument.objects.filter(pk=late.pk).update(conversion=Conversion.CONVERTING)
    with pytest.raises(ValidationError, match="not a PDF yet"):
        services.supplement_publish(meeting=meeting, user=officer)
    assert not meeting.supplements.filter(published_at__isnull=False).exists()


def test_a_supplement_that_would_move_pages_is_refused(supplemented, officer):
    meeting, supplement, late = supplemented
    # A paper slipped into the main pack after Supplementary Agenda 1 was published
    UploadedDocument.objects.filter(pk=late.pk).update(supplement=None)
    pack.forget_meeting(meeting.pk)
    second = late.agenda_item
    _upload(second, officer, "Another late paper")
    with pytest.raises(ValidationError, match="publishing would move pages"):
        services.supplement_publish(meeting=meeting, user=officer)


def test_a_replacement_paper_is_marked_as_replacing_the_earlier_one(published, officer):
    meeting, first, _ = published
    earlier = first.documents.get()
    _upload(first, officer, "Crime figures report revised", replaces=earlier)
    supplement = services.supplement_publish(meeting=meeting, user=officer)
    texts = read_back(supplement_pack.supplement_build_info(supplement).path.read_bytes())
    assert "replaces" in texts[0] and "Crime figures report" in texts[0]


def test_a_replacement_paper_on_a_confirmed_meeting_is_refused(published, officer):
    meeting, first, _ = published
    earlier = first.documents.get()
    meeting.status = MeetingStatus.MINUTES_CONFIRMED
    meeting.save()
    with pytest.raises(ValidationError, match="can no longer be replaced"):
        _upload(first, officer, "Crime figures report revised", replaces=earlier)


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_board_member_downloads_the_supplement_and_the_whole(client, board_member, supplemented):
    meeting, supplement, _ = supplemented
    client.force_login(board_member)
    response = client.get(reverse("meetings:supplement_pdf", args=[meeting.pk, 1]))
    assert response.status_code == 200
    assert "supplement-1" in response["Content-Disposition"]
    assert "SUPPLEMENTARY AGENDA 1" in read_back(_body(response))[0]
    response = client.get(reverse("meetings:whole_pdf", args=[meeting.pk]))
    assert response.status_code == 200
    assert "with-supplements" in response["Content-Disposition"]


def test_an_unpublished_supplement_is_not_found(client, board_member, published, officer):
    meeting, _, second = published
    _upload(second, officer, "Youth service review report")
    client.force_login(board_member)
    response = client.get(reverse("meetings:supplement_pdf", args=[meeting.pk, 1]))
    assert response.status_code == 404


def test_an_analyst_without_meetings_rights_is_refused_as_for_the_main_pack(
    client, analyst, supplemented
):
    meeting, _, _ = supplemented
    analyst.groups.clear()  # an analyst account given no right to the meetings
    client.force_login(analyst)
    main = client.get(reverse("meetings:pack", args=[meeting.pk])).status_code
    assert main in (403, 404)
    assert client.get(reverse("meetings:supplement_pdf", args=[meeting.pk, 1])).status_code == main
    assert client.get(reverse("meetings:whole_pdf", args=[meeting.pk])).status_code == main


def test_the_officer_publishes_through_the_confirmation_page(client, officer, published):
    meeting, _, second = published
    _upload(second, officer, "Youth service review report")
    client.force_login(officer)
    url = reverse("meetings:supplement_publish", args=[meeting.pk])
    page = client.get(url)
    assert page.status_code == 200 and b"Publish Supplementary Agenda 1" in page.content
    response = client.post(url)
    assert response.status_code == 302
    assert meeting.supplements.get(number=1).published_at is not None


def test_a_board_member_cannot_publish_a_supplement(client, board_member, published, officer):
    meeting, _, second = published
    _upload(second, officer, "Youth service review report")
    client.force_login(board_member)
    url = reverse("meetings:supplement_publish", args=[meeting.pk])
    assert client.post(url).status_code == 403
    assert meeting.supplements.get(number=1).published_at is None


def test_the_demo_december_meeting_has_an_illustrative_supplement(db):
    import datetime
    import re as _re

    from meetings.demo.load import load_demo
    from meetings.models import Meeting
    from sscp import roles
    from sscp.demo import load_reference_data

    roles.roles_sync()
    load_reference_data()
    load_demo()
    load_demo()  # idempotent
    december = Meeting.objects.get(date=datetime.date(2018, 12, 13))
    supplement = december.supplements.get()
    assert supplement.number == 1 and supplement.published_at is not None
    assert "illustrative" in supplement.papers.get().title
    texts = read_back(supplement_pack.supplement_build_info(supplement).path.read_bytes())
    stamp = int(_re.findall(r"^Page (\d+)$", texts[0], _re.M)[-1])
    assert stamp == supplement.first_page > pack.pack_build_info(december).pages
    front_sheet = read_back(pack.pack_build_info(december).path.read_bytes())[:2]
    assert "To follow" in "".join(front_sheet)


def test_the_officer_uploads_a_replacement_through_the_upload_page(client, officer, published):
    meeting, first, _ = published
    earlier = first.documents.get()
    client.force_login(officer)
    url = reverse("meetings:upload", args=[first.pk])
    data = tiny_pdf("Revised")
    response = client.post(
        url,
        {
            "title": "Crime figures report revised",
            "file": SimpleUploadedFile("r.pdf", data, content_type="application/pdf"),
            "replaces": earlier.pk,
        },
    )
    assert response.status_code == 302
    late = UploadedDocument.objects.get(title="Crime figures report revised")
    assert late.replaces == earlier and late.supplement.number == 1


def test_the_upload_page_offers_no_replacement_before_publication(client, officer, meeting):
    item = services.item_add(meeting=meeting, user=officer, title="Crime figures")
    client.force_login(officer)
    page = client.get(reverse("meetings:upload", args=[item.pk]))
    assert page.status_code == 200 and b"Replaces" not in page.content
