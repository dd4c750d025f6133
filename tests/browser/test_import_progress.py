"""An analyst uploads a dataset larger than SSCP_QUEUE_IMPORT_MB: the page shows the import's
progress while it waits for a worker, refreshing itself, then the finished import's result."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from sscp import roles
from sscp.demo import load_reference_data
from tests.browser.conftest import assert_accessible

TIDY = "indicator,area_code,area_name,period,value"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_analyst_waits_for_a_large_import_then_reads_its_result(
    live_server, page, login_as, user_with_role, settings, tmp_path
):
    roles.roles_sync()
    load_reference_data()
    settings.SSCP_QUEUE_IMPORT_MB = 0  # this small file counts as large
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    rows = [f"Deliberate fires,E08000014,Sefton,{2000 + n}/{n + 1:02d},{n}" for n in range(10, 19)]
    upload = tmp_path / "fires.csv"
    upload.write_text("\n".join([TIDY, *rows]) + "\n")

    login_as(user_with_role(roles.ANALYST, username="browser-analyst"))
    page.goto(f"{live_server.url}/performance/assessment/imports/")
    page.get_by_label("File", exact=True).set_input_files(str(upload))
    page.get_by_label("Dataset", exact=True).fill("Fire service incidents")
    page.get_by_role("button", name="Upload").click()

    expect(page.get_by_role("heading", name="Importing fires.csv")).to_be_visible()
    expect(page.get_by_test_id("job-status")).to_contain_text("Waiting for a worker")
    expect(page.locator("progress#job-progress")).to_have_attribute("value", "0")
    assert_accessible(page)

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    # The page refreshes itself (a meta refresh, no script) and shows the result.
    expect(page.get_by_test_id("job-done")).to_be_visible(timeout=10_000)
    expect(page.locator("progress#job-progress")).to_have_attribute("value", "100")
    assert_accessible(page)
    page.get_by_role("link", name="See the result").click()
    expect(page.get_by_test_id("status")).to_have_text("Loaded")
    expect(page.locator("body")).to_contain_text("fires.csv")
