"""The analyst's pages: upload with its error report, import detail and rollback, recording
progress on recommendations, and freezing a chart into an agenda item's papers."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.demo.load import load_demo
from assessments.models import DatasetImport, ImportStatus, Observation, Recommendation
from sscp.demo import load_reference_data
from tests.assessments.helpers import csv_bytes

pytestmark = pytest.mark.django_db

HEADER = "indicator,area_code,area_name,period,value"


@pytest.fixture
def reference(db):
    load_reference_data()


def _upload(client, content: bytes, name="table.csv", **fields):
    data = {"format": "auto", "dataset": "My table", **fields}
    data["file"] = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(reverse("assessments:imports"), data)


def test_an_upload_with_a_bad_row_shows_it_and_stores_nothing(client, analyst, reference):
    client.force_login(analyst)
    response = _upload(
        client,
        csv_bytes(
            HEADER, "Crime,E08000014,Sefton,2017/18,5", "Crime,E08000014,Sefton,2018/19,five"
        ),
    )

    assert response.status_code == 400
    errors = response.context["report"].errors
    assert [(e.line, e.column, e.value, e.reason) for e in errors] == [
        (3, "value", "five", "not a number")
    ]
    assert "five" in response.content.decode()
    assert not Observation.objects.exists()


def test_a_good_upload_goes_to_its_import_page(client, analyst, reference):
    client.force_login(analyst)
    response = _upload(client, csv_bytes(HEADER, "Crime,E08000014,Sefton,2017/18,5"))

    record = DatasetImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:import_detail", args=[record.pk])
    assert record.imported_by == analyst
    page = client.get(response["Location"])
    assert "Roll back this import" in page.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("table.txt", b"a,b\n", "must be a CSV, an Excel workbook"),
        ("table.xlsx", b"a,b\n", "is not an Excel workbook"),
        ("table.csv", b"PK\x03\x04binary", "is not text"),
    ],
)
def test_uploads_of_the_wrong_type_are_refused(client, analyst, reference, name, content, message):
    client.force_login(analyst)
    response = _upload(client, content, name=name)

    assert response.status_code == 400
    assert message in str(response.context["form"].errors["file"])


def test_an_upload_larger_than_the_limit_is_refused(client, analyst, reference, settings):
    settings.SSCP_MAX_UPLOAD_MB = 0
    client.force_login(analyst)
    response = _upload(client, csv_bytes(HEADER, "Crime,E08000014,Sefton,2017/18,5"))

    assert "larger than 0 MB" in str(response.context["form"].errors["file"])


def test_a_wide_upload_needs_its_area(client, analyst, reference):
    client.force_login(analyst)
    response = _upload(client, csv_bytes("Offence,2017/18", "Drugs,5"), format="wide")

    assert "Enter the code of the area" in str(response.context["form"].errors["area_code"])
    ok = _upload(
        client,
        csv_bytes("Offence,2017/18", "Drugs,5"),
        format="wide",
        first_column="indicator",
        area_code="E08000014",
        indicator_prefix="Offences: ",
    )
    assert ok.status_code == 302
    assert Observation.objects.get().indicator.name == "Offences: Drugs"


def test_the_import_page_rolls_back(client, analyst, reference):
    client.force_login(analyst)
    _upload(client, csv_bytes(HEADER, "Crime,E08000014,Sefton,2017/18,5"))
    record = DatasetImport.objects.get()

    client.post(reverse("assessments:import_rollback", args=[record.pk]))

    record.refresh_from_db()
    assert record.status == ImportStatus.ROLLED_BACK
    assert record.rolled_back_by == analyst
    assert not Observation.objects.exists()


def test_an_analyst_records_progress_and_members_read_it(client, analyst, board_member, reference):
    load_demo()
    r1 = Recommendation.objects.get(code="R1")
    client.force_login(analyst)
    response = client.post(
        reverse("assessments:recommendation_edit", args=[r1.pk]),
        {"owner": "Community Safety Manager", "status": "in_progress", "progress_notes": "Begun"},
    )
    assert response.status_code == 302

    client.force_login(board_member)
    page = client.get(reverse("assessments:recommendations")).content.decode()
    assert "Community Safety Manager" in page
    assert "Record progress" not in page
    assert "£100,200" in page


def test_the_register_and_the_priorities_download_as_csv(client, analyst, board_member, reference):
    load_demo()
    Recommendation.objects.filter(code="R1").update(progress_notes="=cmd|' /C calc'!A0")
    client.force_login(board_member)
    url = reverse("assessments:recommendations")
    page = client.get(url).content.decode()
    assert "download=csv&amp;table=recommendations" in page
    assert "download=csv&amp;table=priorities" in page

    response = client.get(url, {"download": "csv", "table": "recommendations"})

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["code"] for r in rows][:2] == ["R1", "R2"] and len(rows) == 24
    assert rows[0]["progress_notes"] == "'=cmd|' /C calc'!A0"  # not run as a formula
    assert rows[0]["status"] == "Not started"
    priorities = list(
        csv.DictReader(
            io.StringIO(
                client.get(url, {"download": "csv", "table": "priorities"}).content.decode()
            )
        )
    )
    assert [(p["priority"], p["budget"]) for p in priorities][:2] == [
        ("Anti-Social Behaviour", "100200"),
        ("Sexual Violence", "29800"),
    ]
    assert priorities[0]["expected_outcomes"].startswith("Reduced levels of ASB.")
    assert client.get(url, {"download": "csv", "table": "x"}).status_code == 404


def test_the_register_lists_the_partnership_plans_priorities_as_published(
    client, board_member, reference
):
    """Seed 001, "Priorities and actions for 2019/2020": each priority with its budget, what
    it is expected to achieve and how that is measured."""
    load_demo()
    client.force_login(board_member)
    page = client.get(reverse("assessments:recommendations")).content.decode()
    table = page[page.index('<table class="govuk-table" id="priorities">') :]
    rows = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', table, re.S)[1:]
    cells = [
        [re.sub(r"<[^>]+>|\s+", " ", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)]
        for r in rows
    ]  # fmt: skip

    assert [(c[0].removesuffix("(2019/20)").strip(), c[1]) for c in cells] == [
        ("Anti-Social Behaviour", "£100,200"),
        ("Sexual Violence", "£29,800"),
        ("Vulnerable People including Hate Crime", "£10,000"),
        ("Community Infrastructure", "£80,000"),
        ("Community Resilience", "£55,000"),
        ("Serious Organised Crime &amp; Serious Acquisitive Crime", "£52,000"),
        ("Child Exploitation &amp; Youth Violence", "£5,000"),
    ]
    assert all(c[3] and c[4] for c in cells)  # expected outcomes and performance measures
    assert "Reduced levels of ASB." in cells[0][3]
    assert "Number of FTE compared with previous year." in cells[0][4]
    assert "Reduced number of firearms discharges." in cells[5][3]
    assert "Number of children identified at risk through MACE." in cells[6][4]


def test_an_analyst_freezes_a_chart_into_an_agenda_item(client, analyst, reference):
    from meetings.models import FrozenPaper
    from tests.factories import AgendaItemFactory

    load_demo()
    item = AgendaItemFactory(meeting__status="agenda_published", title="Strategic assessment")
    client.force_login(analyst)
    url = reverse("assessments:attach", args=["overview", "ranking"])
    page = client.get(url)
    assert page.status_code == 200
    assert "<svg" in page.content.decode()

    response = client.post(url, {"agenda_item": item.pk})

    assert response.status_code == 302
    paper = FrozenPaper.objects.get()
    assert paper.agenda_item == item
    assert paper.kind == "chart"
    assert "<svg" in paper.html and "Wirral" in paper.html
    assert "crime-lcr.csv" in paper.data_as_at


def test_a_board_member_cannot_freeze_a_chart(client, board_member, reference):
    client.force_login(board_member)
    response = client.get(reverse("assessments:attach", args=["overview", "ranking"]))
    assert response.status_code == 403


def test_chart_attach_offers_and_accepts_only_items_the_analyst_may_see(client, analyst, reference):
    """Issue 10 items 9 and 10: an unpublished agenda's titles stay hidden, a POST to one of
    its items is refused, and a malformed id is a form error, never a 500."""
    from meetings.models import FrozenPaper
    from tests.factories import AgendaItemFactory

    load_demo()
    hidden = AgendaItemFactory(meeting__status="draft", title="Zephyr unpublished item")
    client.force_login(analyst)
    url = reverse("assessments:attach", args=["overview", "ranking"])
    assert "Zephyr unpublished item" not in client.get(url).content.decode()
    for value in (hidden.pk, "abc", "1.5", ""):
        response = client.post(url, {"agenda_item": value}, follow=True)
        assert response.status_code == 200, value
        assert "Choose an agenda item" in response.content.decode()
    assert not FrozenPaper.objects.exists()
