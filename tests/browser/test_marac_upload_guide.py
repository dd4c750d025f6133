"""The coordinator reads every column of a MARAC file on the upload page, downloads its CSV
template, fills it in with the ward as its code (as the case form shows it) and uploads it."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from marac.models import Discussion
from tests.browser.conftest import assert_accessible


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_coordinator_fills_in_the_template_and_gives_the_ward_by_code(
    demo, live_server, page, login_as, tmp_path
):
    login_as(get_user_model().objects.get(username="marac"))
    page.goto(f"{live_server.url}/marac/upload/")
    columns = page.locator("#columns-table-discussions")
    expect(columns).to_contain_text("referral_basis")
    expect(columns).to_contain_text("transfer_in")
    expect(columns).to_contain_text("Linacre (E05000942)")
    expect(page.locator("#columns-table-attendance")).to_contain_text("written_feedback")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download a CSV template for discussions").click()
    template = tmp_path / "template.csv"
    download.value.save_as(template)
    header = template.read_text().strip().split(",")
    assert header[:2] == ["meeting_date", "victim_ref"]
    row = dict.fromkeys(header, "")
    row.update(
        meeting_date="2018-04-12",
        victim_ref="V-GUIDE-1",
        referring_agency="Merseyside Police",
        referral_basis="visible_high_risk",
        ward="E05000942",
    )
    filled = tmp_path / "filled.csv"
    filled.write_text(",".join(header) + "\n" + ",".join(row[name] for name in header) + "\n")
    page.get_by_label("Discussions").check()
    page.get_by_label("CSV or XLSX file").set_input_files(str(filled))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("alert")).to_contain_text("Imported 1 discussions row(s)")
    assert Discussion.objects.get(victim_ref="V-GUIDE-1").ward.name == "Linacre"
