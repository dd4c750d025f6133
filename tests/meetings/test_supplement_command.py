"""manage.py agenda_pack --supplement N and --with-supplements."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from meetings import pack
from meetings.pack_pdf import read_back
from tests.meetings.test_supplements import published, supplemented  # noqa: F401


def _stamps(path) -> list[int]:
    texts = read_back(path.read_bytes())
    return [int(re.findall(r"^Page (\d+)$", text, re.M)[-1]) for text in texts]


def test_the_command_writes_a_supplement(supplemented, tmp_path):  # noqa: F811
    meeting, supplement, _ = supplemented
    out = io.StringIO()
    target = tmp_path / "s.pdf"
    call_command("agenda_pack", meeting.pk, "--supplement", "1", "--output", target, stdout=out)
    numbers = _stamps(target)
    main_pages = pack.pack_build_info(meeting).pages
    assert numbers[0] in (main_pages + 1, main_pages + 2) and numbers[0] % 2 == 1
    assert "Supplementary Agenda 1 from page" in out.getvalue()


def test_the_command_writes_the_pack_with_supplements(supplemented, tmp_path):  # noqa: F811
    meeting, supplement, _ = supplemented
    target = tmp_path / "w.pdf"
    call_command("agenda_pack", meeting.pk, "--with-supplements", "--output", target)
    numbers = _stamps(target)
    assert numbers == list(range(1, len(numbers) + 1))
    assert supplement.first_page in numbers
    outline = PdfReader(target).outline
    assert outline[0].title == "Agenda" and outline[-2].title == "Supplementary Agenda 1"


def test_the_command_refuses_an_unpublished_supplement(published, tmp_path):  # noqa: F811
    meeting, _, _ = published
    with pytest.raises(CommandError, match="no published Supplementary Agenda 2"):
        call_command("agenda_pack", meeting.pk, "--supplement", "2", "--output", tmp_path / "x.pdf")
