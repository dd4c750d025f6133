"""The upload page describes every column of every kind from the importer's own constants, and
offers a CSV template per kind that the importer accepts; only the coordinator gets them."""

import csv
import io

import pytest
from django.urls import reverse

from marac.import_guide import COLUMN_GUIDE, guide, template_csv
from marac.imports import COLUMNS, import_marac
from marac.models import AttendanceStatus, ReferralBasis


def test_every_column_of_every_kind_is_described():
    assert {kind: set(columns) for kind, columns in COLUMN_GUIDE.items()} == {
        kind: set(columns) for kind, columns in COLUMNS.items()
    }


def test_the_upload_page_lists_every_column_and_allowed_value(client, reference, marac_coordinator):
    client.force_login(marac_coordinator)
    page = client.get(reverse("marac:upload")).content.decode()
    for kind, columns in COLUMNS.items():
        assert reverse("marac:upload_template", args=[kind]) in page
        for name in columns:
            assert f"<code>{name}</code>" in page, (kind, name)
    for value in [*ReferralBasis.values, *AttendanceStatus.values]:
        assert f"<code>{value}</code>" in page
    assert "<code>open_to_idva</code>" in page  # a configured IDVA status
    assert "<code>open_to_swaca</code>" in page
    assert "<code>Linacre (E05000942)</code>" in page
    assert "<code>Merseyside Police</code>" in page


@pytest.mark.parametrize("kind", list(COLUMNS))
def test_the_template_is_the_header_row_and_the_importer_accepts_it(
    client, reference, marac_coordinator, kind
):
    client.force_login(marac_coordinator)
    response = client.get(reverse("marac:upload_template", args=[kind]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f"marac-{kind}-template.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [list(COLUMNS[kind])]
    result = import_marac(kind, response.content, filename="template.csv")
    assert result.ok, result.report()
    assert result.rows == 0


@pytest.mark.parametrize("who", ["board_member", "analyst", "officer"])
def test_partners_cannot_download_a_template(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("marac:upload_template", args=["discussions"])).status_code == 403


def test_without_signing_in_there_is_no_template(client, db):
    response = client.get(reverse("marac:upload_template", args=["discussions"]))
    assert response.status_code in (302, 403)
    assert "meeting_date" not in response.content.decode()


def test_an_unknown_kind_has_no_template(client, marac_coordinator):
    client.force_login(marac_coordinator)
    assert client.get(reverse("marac:upload_template", args=["names"])).status_code == 404


def test_the_guide_gives_the_importers_values_and_the_reference_data():
    columns = {column.name: column for column in guide("discussions", {"ward": [("Ford", "")]})}
    assert columns["meeting_date"].required and not columns["ward"].required
    assert [value for value, _ in columns["referral_basis"].values] == ReferralBasis.values
    assert columns["ward"].values == (("Ford", ""),)
    assert template_csv("attendance").strip() == "meeting_date,agency,status"
