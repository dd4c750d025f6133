"""Papers as authors send them: Word reports, spreadsheets and images go into the pack as PDF.

Documents are built here (tests/office_files.py). Tests that run LibreOffice skip with the
reason when it is missing (.ci/run installs it); conversion is queued on commit, as after an
upload, and the tests' task backend runs it at once.
"""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings import conversion, pack, services
from meetings.models import Change, Conversion, ItemKind, UploadedDocument
from meetings.pack_pdf import read_back
from tests.factories import tiny_pdf
from tests.office_files import (
    encrypted_odt,
    encrypted_ooxml,
    needs_soffice,
    png,
    section_marker,
    word_report,
    workbook,
    zip_bomb_docx,
    zip_with_encrypted_part,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def item(meeting, officer):
    return services.item_add(
        meeting=meeting, user=officer, title="Domestic abuse", kind=ItemKind.REPORT
    )


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def _post(client, item, name, data, title="", url=None):
    url = url or reverse("meetings:upload", args=[item.pk])
    return client.post(url, {"title": title, "file": SimpleUploadedFile(name, data)})


def upload(client, item, name, data, capture, title="", url=None):
    """Upload through the form; the conversion runs when the upload commits."""
    with capture(execute=True):
        response = _post(client, item, name, data, title, url)
    return response


def _stored_files(media) -> list[Path]:
    return [p for p in Path(media).rglob("*") if p.is_file() and "pack-cache" not in p.parts]


def _pages_of(texts, item_order):
    return [t for t in texts if f"Agenda Item {item_order}" in t]


# --- Conversion into the pack -------------------------------------------------------------------


@needs_soffice
def test_a_twelve_page_word_report_is_converted_and_printed_in_order_under_the_stamps(
    officer_client, item, meeting, django_capture_on_commit_callbacks
):
    response = upload(
        officer_client,
        item,
        "report.docx",
        word_report(pages=12),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    document = UploadedDocument.objects.get()
    assert document.conversion == Conversion.READY, document.conversion_error
    assert document.pages == 12
    assert document.title == "Domestic Abuse Strategy update"  # the template's Subject
    assert section_marker(12) in document.text  # searchable as a PDF's text is

    path, warnings = pack.pack_build(meeting, variant=pack.MEMBERS)
    texts = read_back(path.read_bytes())
    pages = _pages_of(texts, item.order)
    assert len(pages) == 12
    numbers = []
    for n, text in enumerate(pages, start=1):
        assert section_marker(n) in text  # page n of the report is page n of its item
        assert f"R2C2-{n}" in text  # its table came through
        numbers.append(int(re.search(r"Page (\d+)", text).group(1)))
    assert numbers == list(range(numbers[0], numbers[0] + 12))  # stamped, consecutive
    markers = [m for text in texts for m in re.findall(r"Section marker (\d\d)", text)]
    assert markers == [f"{n:02d}" for n in range(1, 13)]  # nothing twice, nothing out of order
    assert not warnings


@needs_soffice
def test_a_spreadsheet_appendix_becomes_pages_after_its_report(
    officer_client, officer, item, meeting, django_capture_on_commit_callbacks
):
    report = services.report_save(
        item=item, user=officer, sections=[], report_to="SSCP", meeting_date=meeting.date,
        subject="Referrals", report_of="Officer",
    )  # fmt: skip
    url = reverse("meetings:appendix_upload", args=[report.pk])
    upload(
        officer_client, item, "referrals.xlsx", workbook(), django_capture_on_commit_callbacks,
        title="Referrals by ward", url=url,
    )  # fmt: skip
    document = UploadedDocument.objects.get()
    assert (document.report, document.conversion) == (report, Conversion.READY)
    assert document.pages >= 1
    texts = read_back(pack.pack_build(meeting, variant=pack.MEMBERS)[0].read_bytes())
    pages = _pages_of(texts, item.order)
    assert "Referrals" in pages[0]  # the report first
    assert any("Ward 19" in text and "Repeat" in text for text in pages[1:])


def test_an_image_becomes_one_page_without_libreoffice(
    officer_client, item, meeting, settings, django_capture_on_commit_callbacks
):
    settings.SSCP_SOFFICE = "no-such-soffice"  # images need only Pillow
    upload(officer_client, item, "map.png", png(), django_capture_on_commit_callbacks, title="Map")
    document = UploadedDocument.objects.get()
    assert (document.conversion, document.pages) == (Conversion.READY, 1)
    path, warnings = pack.pack_build(meeting, variant=pack.MEMBERS)
    assert len(_pages_of(read_back(path.read_bytes()), item.order)) == 1
    assert not warnings


def test_a_paper_still_converting_has_a_placeholder_in_the_pack(officer, item, meeting):
    """Without the on-commit conversion the paper stays "converting": the pack says so."""
    services.document_upload(
        item=item, user=officer, title="Map", file=SimpleUploadedFile("map.png", png())
    )
    document = UploadedDocument.objects.get()
    assert document.conversion == Conversion.CONVERTING
    path, warnings = pack.pack_build(meeting, variant=pack.MEMBERS)
    assert "still being converted" in " ".join(read_back(path.read_bytes()))
    assert any("still being converted" in warning for warning in warnings)


# --- The paper's page and its original ----------------------------------------------------------


def test_the_paper_page_shows_converting_then_the_page_count_and_offers_the_original(
    officer_client, officer, item, board_member, client
):
    document = services.document_upload(
        item=item, user=officer, title="Map", file=SimpleUploadedFile("map.png", png())
    )
    page = officer_client.get(reverse("meetings:paper_detail", args=[document.pk]))
    assert "Converting to PDF" in page.content.decode()
    # the PDF link waits on the paper's page until there is a PDF
    response = officer_client.get(reverse("meetings:document", args=[document.pk]))
    assert response.url == reverse("meetings:paper_detail", args=[document.pk])

    services.run_conversion(document.pk)
    services.agenda_publish(meeting=item.meeting, user=officer)  # members read it now
    page = officer_client.get(reverse("meetings:paper_detail", args=[document.pk])).content
    assert "1 page" in page.decode() and "Converting" not in page.decode()
    client.force_login(board_member)
    original = client.get(reverse("meetings:paper_original", args=[document.pk]))
    assert original.status_code == 200
    assert b"".join(original.streaming_content) == png()
    assert 'filename="map.png"' in original["Content-Disposition"]
    pdf = client.get(reverse("meetings:document", args=[document.pk]))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")


def test_the_original_of_a_confidential_paper_is_refused_to_the_public(
    officer, item, client, user_with_role
):
    from sscp import roles

    item.is_confidential = True
    item.save()
    document = services.document_upload(
        item=item, user=officer, title="Map", file=SimpleUploadedFile("map.png", png())
    )
    services.agenda_publish(meeting=item.meeting, user=officer)
    client.force_login(user_with_role(roles.ANALYST, username="an-analyst"))
    assert client.get(reverse("meetings:paper_original", args=[document.pk])).status_code == 403
    assert client.get(reverse("meetings:paper_detail", args=[document.pk])).status_code == 403


def test_only_an_officer_replaces_a_file(officer, item, client, board_member):
    document = services.document_upload(
        item=item, user=officer, title="Map", file=SimpleUploadedFile("map.png", png())
    )
    client.force_login(board_member)
    url = reverse("meetings:paper_replace", args=[document.pk])
    response = client.post(url, {"file": SimpleUploadedFile("a.pdf", tiny_pdf())})
    assert response.status_code == 403
    assert UploadedDocument.objects.get().original.name


def test_removing_a_converted_paper_deletes_the_original_too(
    officer, item, meeting, media, django_capture_on_commit_callbacks
):
    report = services.report_save(
        item=item, user=officer, sections=[], report_to="SSCP", meeting_date=meeting.date,
        subject="Referrals", report_of="Officer",
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        document = services.document_upload(
            item=item, user=officer, title="Map", report=report,
            file=SimpleUploadedFile("map.png", png()),
        )  # fmt: skip
    assert len(_stored_files(media)) == 2  # the PNG and its PDF
    with django_capture_on_commit_callbacks(execute=True):
        services.appendix_remove(
            document=UploadedDocument.objects.get(pk=document.pk), user=officer
        )
    assert _stored_files(media) == []


# --- Refusals -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("report.docx", tiny_pdf(), "named .docx but its content is a PDF"),
        ("report.pdf", word_report(pages=1), "named .pdf but its content is a Word document"),
        ("map.png", b"\xff\xd8\xff\xe0 a JPEG", "named .png but its content is a JPEG image"),
        ("sheet.xlsx", word_report(pages=1), "named .xlsx but its content is a Word document"),
        ("notes.txt", b"hello", "A paper must be one of"),
        ("report.docx", encrypted_ooxml(), "password-protected"),
        ("report.docx", zip_with_encrypted_part(), "is encrypted"),
        ("report.odt", encrypted_odt(), "password-protected"),
        ("report.docx", zip_bomb_docx(), "zip bomb"),
    ],
)
def test_a_file_whose_content_is_not_what_it_says_or_is_locked_is_refused_keeping_nothing(
    officer_client, item, media, name, data, message, django_capture_on_commit_callbacks
):
    response = upload(
        officer_client, item, name, data, django_capture_on_commit_callbacks, title="Paper"
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not UploadedDocument.objects.exists()
    assert _stored_files(media) == []
    refusal = Change.objects.get(summary__contains="refused")  # the record of the attempt
    assert refusal.summary.startswith(f"“{name}” refused: ")


def test_office_files_are_refused_naming_the_packages_where_libreoffice_is_missing(
    officer_client, item, settings, django_capture_on_commit_callbacks
):
    settings.SSCP_SOFFICE = "no-such-soffice"
    response = upload(
        officer_client, item, "report.docx", word_report(pages=1),
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    assert "libreoffice-writer-nogui and libreoffice-calc-nogui" in response.content.decode()
    assert not UploadedDocument.objects.exists()
    # a PDF still goes in
    response = upload(
        officer_client, item, "a.pdf", tiny_pdf(), django_capture_on_commit_callbacks, title="P"
    )
    assert response.status_code == 302
    assert UploadedDocument.objects.get().conversion == Conversion.READY


@needs_soffice
def test_a_file_libreoffice_cannot_open_fails_keeps_the_original_and_can_be_replaced(
    officer_client, item, meeting, django_capture_on_commit_callbacks
):
    upload(
        officer_client, item, "notes.rtf", b"{\\rtf garbage", django_capture_on_commit_callbacks,
        title="Notes",
    )  # fmt: skip
    document = UploadedDocument.objects.get()
    assert document.conversion == Conversion.FAILED
    assert "LibreOffice could not open the file" in document.conversion_error
    assert not document.file.name and document.original.name
    assert Change.objects.filter(summary__contains="could not be converted").exists()
    page = officer_client.get(reverse("meetings:paper_detail", args=[document.pk])).content
    assert "could not be converted to PDF" in page.decode()
    assert "Replace the file" in page.decode()
    path, warnings = pack.pack_build(meeting, variant=pack.MEMBERS)
    assert any("conversion to PDF failed" in warning for warning in warnings)

    old_original = Path(document.original.path)
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(
            reverse("meetings:paper_replace", args=[document.pk]),
            {"file": SimpleUploadedFile("notes.docx", word_report(pages=2))},
        )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.conversion, document.pages, document.title) == (Conversion.READY, 2, "Notes")
    assert not old_original.exists()


@needs_soffice
def test_a_paper_converting_to_more_pages_than_the_limit_is_refused(
    officer_client, item, settings, django_capture_on_commit_callbacks
):
    settings.SSCP_CONVERSION_MAX_PAGES = 5  # the rule, proven small: the default is 300
    upload(
        officer_client, item, "report.docx", word_report(pages=6),
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    document = UploadedDocument.objects.get()
    assert document.conversion == Conversion.FAILED
    assert document.conversion_error == "the paper converts to 6 pages; a paper has at most 5"
    assert not document.file.name


def test_the_page_limit_is_300_by_default(settings):
    assert settings.SSCP_CONVERSION_MAX_PAGES == 300
    conversion.check_pages(300, 300)
    with pytest.raises(conversion.Refused, match="301 pages; a paper has at most 300"):
        conversion.check_pages(301, 300)


# --- How LibreOffice is run ---------------------------------------------------------------------

FAKE_SOFFICE = """#!/bin/sh
# Stands in for LibreOffice: records how it was run, then behaves as told.
for arg; do echo "$arg"; done > "{log}"
profile=$(printf '%s\\n' "$@" | sed -n 's|^-env:UserInstallation=file://||p')
cat "$profile/user/registrymodifications.xcu" > "{log}.profile"
{action}
"""


def _fake_soffice(tmp_path, action) -> tuple[str, Path]:
    log = tmp_path / "soffice.log"
    script = tmp_path / "fake-soffice"
    script.write_text(FAKE_SOFFICE.format(log=log, action=action))
    script.chmod(0o755)
    return str(script), log


def test_libreoffice_runs_headless_with_its_own_profile_and_macros_off(tmp_path):
    (tmp_path / "made.pdf").write_bytes(tiny_pdf("Converted"))
    command, log = _fake_soffice(
        tmp_path,
        'outdir=$(printf "%s\\n" "$@" | sed -n "/^--outdir$/{n;p}"); '
        f'cp "{tmp_path}/made.pdf" "$outdir/paper.pdf"',
    )
    result = conversion.convert_office(
        b"{\\rtf hello}", ".rtf", command=command, timeout=30, memory_mb=2048
    )
    assert read_back(result) == ["Converted"]
    argv = log.read_text().split("\n")
    for flag in ("--headless", "--norestore", "--nolockcheck", "--convert-to"):
        assert flag in argv
    profile = log.with_suffix(".log.profile").read_text()
    assert '"DisableMacrosExecution"' in profile and "<value>true</value>" in profile
    assert not Path(argv[argv.index("--outdir") + 1]).exists()  # the temporary profile is gone


def test_a_conversion_over_the_time_limit_is_stopped_and_refused(tmp_path):
    command, _ = _fake_soffice(tmp_path, "sleep 30")
    with pytest.raises(conversion.Refused, match="longer than 1 seconds"):
        conversion.convert_office(b"{\\rtf x}", ".rtf", command=command, timeout=1, memory_mb=2048)


def test_a_conversion_over_the_memory_limit_fails(tmp_path):
    # The shell cannot even start under a 1 MB address space: nothing is converted.
    command, _ = _fake_soffice(tmp_path, "")
    with pytest.raises(conversion.Refused, match="LibreOffice could not"):
        conversion.convert_office(b"{\\rtf x}", ".rtf", command=command, timeout=10, memory_mb=1)


# --- Reading the "Report to" template -----------------------------------------------------------


def test_the_officers_title_is_kept_and_a_different_date_of_meeting_is_warned_about(
    officer_client, item, settings, django_capture_on_commit_callbacks
):
    settings.SSCP_SOFFICE = "true"  # found on PATH; never reached: run_conversion is not run
    data = word_report(pages=1, date_of_meeting="14 June 2018")
    response = _post(officer_client, item, "report.docx", data, title="Strategy refresh")
    assert response.status_code == 302
    assert UploadedDocument.objects.get().title == "Strategy refresh"
    page = officer_client.get(response.url).content.decode()
    assert "Date of Meeting is 14 June 2018, but the meeting is on 13 September 2018" in page


def test_a_matching_date_of_meeting_gives_no_warning_and_the_subject_is_the_title(
    officer_client, item, settings
):
    settings.SSCP_SOFFICE = "true"
    response = _post(officer_client, item, "report.docx", word_report(pages=1))
    page = officer_client.get(response.url).content.decode()
    assert "Date of Meeting is" not in page
    assert UploadedDocument.objects.get().title == "Domestic Abuse Strategy update"


def test_without_a_title_or_a_subject_the_officer_is_asked_for_one(officer_client, item, settings):
    settings.SSCP_SOFFICE = "true"
    response = _post(officer_client, item, "report.docx", word_report(pages=1, subject=""))
    assert "Enter a title for the paper." in response.content.decode()
    assert not UploadedDocument.objects.exists()
