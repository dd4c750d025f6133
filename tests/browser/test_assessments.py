"""The analyst loads a month of police.uk data (fixing a bad row first); a board member then
finds the new month in the places dashboard, mapped on the demo's schematic ward squares, and
downloads its figures."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from assessments.demo import tables as demo_tables
from tests.browser.conftest import assert_accessible

NEW_MONTH = "2018-07"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_analyst_fixes_an_upload_and_a_member_sees_the_new_month(
    demo, live_server, page, login_as, tmp_path
):
    users = get_user_model().objects
    good = demo_tables.police_uk_demo_csv(months=(NEW_MONTH,), rows_per_month=120, seed=11)
    lines = good.decode().split("\r\n")
    fields = lines[5].split(",")
    fields[1] = "July 2018"
    lines[5] = ",".join(fields)
    bad_file = tmp_path / "2018-07-merseyside-street.csv"
    bad_file.write_bytes("\r\n".join(lines).encode())

    login_as(users.get(username="analyst"))
    page.goto(f"{live_server.url}/datasets/")
    page.get_by_role("link", name="Strategic-assessment imports").click()
    assert_accessible(page)
    page.get_by_label("File", exact=True).set_input_files(str(bad_file))
    page.get_by_label("Format", exact=True).select_option("police-uk")
    page.get_by_label("Dataset", exact=True).fill("police.uk street-level crime (Merseyside)")
    page.get_by_role("button", name="Upload").click()

    report = page.locator("#error-report")
    expect(report).to_contain_text("July 2018")
    expect(report.locator("tbody tr")).to_have_count(1)
    expect(report.locator("tbody tr td").nth(0)).to_have_text("6")
    expect(report.locator("tbody tr td").nth(1)).to_have_text("Month")
    expect(report.locator("tbody tr td").nth(3)).to_have_text("not a month (YYYY-MM)")
    assert_accessible(page)

    bad_file.write_bytes(good)
    page.get_by_label("File", exact=True).set_input_files(str(bad_file))
    page.get_by_label("Format", exact=True).select_option("police-uk")
    page.get_by_label("Dataset", exact=True).fill("police.uk street-level crime (Merseyside)")
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_test_id("status")).to_have_text("Loaded")
    assert_accessible(page)

    login_as(users.get(username="member"))
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/performance/")
    page.get_by_role("link", name="Strategic assessment").click()
    assert_accessible(page)
    page.get_by_role("link", name="Places").click()
    page.get_by_label("Period").select_option(NEW_MONTH)
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#wards-title")).to_contain_text(NEW_MONTH)
    expect(page.locator("#wards .main-svg").first).to_be_attached()  # plotly drew it
    # The demo's schematic ward squares: a map of the wards with figures, drawn without
    # fetching a base map (the CSP would block it) and without any error.
    wards = page.locator("#wards-table tbody tr").count()
    assert wards > 5
    expect(page.locator("#wards path.choroplethlocation")).to_have_count(wards)
    assert not [url for url in requests if not url.startswith(live_server.url)], requests
    # Not even a Content-Security-Policy notice: plotly's styles come from its stylesheet.
    assert not errors, errors
    expect(page.get_by_test_id("data-as-at").first).to_contain_text("2018-07-merseyside")
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.locator('a[href*="download=csv"][href*="chart=wards"]').click()
    rows = list(csv.DictReader(io.StringIO(download_info.value.path().read_text())))
    assert rows and {row["period"] for row in rows} == {NEW_MONTH}
    assert len(rows) == page.locator("#wards-table tbody tr").count()

    for name in ("By category", "Spine chart", "Overview", "Recommendations"):
        page.get_by_role("link", name=name, exact=True).click()
        assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_analyst_rolls_back_an_import_after_reading_what_goes(
    demo, live_server, page, login_as, tmp_path
):
    month = tmp_path / "2018-07-merseyside-street.csv"
    month.write_bytes(demo_tables.police_uk_demo_csv(months=(NEW_MONTH,), rows_per_month=40))
    login_as(get_user_model().objects.get(username="analyst"))
    page.goto(f"{live_server.url}/datasets/")
    page.get_by_role("link", name="Strategic-assessment imports").click()
    page.get_by_label("File", exact=True).set_input_files(str(month))
    page.get_by_label("Format", exact=True).select_option("police-uk")
    page.get_by_label("Dataset", exact=True).fill("police.uk street-level crime (Merseyside)")
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_test_id("status")).to_have_text("Loaded")

    page.get_by_role("button", name="Roll back this import").click()
    consequences = page.get_by_test_id("consequences")
    expect(consequences).to_contain_text(f"for {NEW_MONTH}")
    expect(consequences).to_contain_text(f"police.uk months {NEW_MONTH} are released")
    assert_accessible(page)
    page.get_by_role("button", name="Roll back this import").click()
    expect(page.get_by_test_id("status")).to_contain_text("Rolled back")
    expect(page.get_by_role("alert")).to_contain_text("rolled back")
