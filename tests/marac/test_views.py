"""The dashboard and upload pages as the coordinator uses them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from marac.models import Discussion, SwacaStatus
from tests.marac.conftest import DISCUSSIONS

PERIOD = {"start": "2017-04-01", "end": "2018-03-31"}


def test_the_dashboard_shows_charts_tables_benchmarks_and_rag(
    client, small_marac, marac_coordinator
):
    from marac.models import Benchmark

    Benchmark.objects.create(
        figure="repeat_rate",
        label="Repeat rate",
        low=0.28,
        high=0.40,
        national_value=0.31,
        source="Local reports",
        denominator="cases discussed",
        valid_from="2010-01-01",
    )
    client.force_login(marac_coordinator)
    response = client.get(reverse("marac:dashboard"), PERIOD)
    html = response.content.decode()
    content = response.context["content"]
    assert [row["key"] for row in content["benchmarks"]] == ["repeat_rate"]
    assert content["benchmarks"][0]["rag"] == "red"  # no repeats: 0% against 28-40%
    assert "28.0% to 40.0%" in html
    assert 'src="/static/build/plotly.min.js"' in html
    assert 'id="plotly.js-style-global" class="no-inline-styles"' in html
    assert "<script>" not in html  # charts come from json_script data, drawn by a static file
    assert 'type="application/json"' in html
    assert "Table 6: cases referred per agency each month" in html
    chart_ids = {data_id for data_id, _ in content["charts"]}
    assert "chart-data-cases_per_month" in chart_ids


def test_the_dashboard_has_a_swaca_panel_with_its_data_table(client, small_marac, board_member):
    client.force_login(board_member)
    response = client.get(reverse("marac:dashboard"), PERIOD)
    html = response.content.decode()
    assert '<h2 class="govuk-heading-l" id="section-swaca">SWACA engagement</h2>' in html
    assert 'id="table-swaca"' in html and 'id="table-swaca_statuses"' in html
    chart_ids = {data_id for data_id, _ in response.context["content"]["charts"]}
    assert {"chart-data-swaca", "chart-data-swaca_statuses"} <= chart_ids
    # A board member: 3 open of 12 eligible is small, so neither count nor share is shown.
    swaca = next(
        t for s in response.context["content"]["sections"] for t in s["tables"] if t.key == "swaca"
    )
    assert swaca.rows[-1]["swaca_open"] == "<5"
    assert swaca.rows[-1]["swaca_share"] is None


def test_upload_page_names_bad_rows_and_imports_nothing(client, reference, marac_coordinator):
    client.force_login(marac_coordinator)
    bad = DISCUSSIONS.replace(b"Police,visible_high_risk", b"Polise,visible_high_risk", 1)
    response = client.post(
        reverse("marac:upload"),
        {"kind": "discussions", "file": SimpleUploadedFile("april.csv", bad)},
    )
    html = response.content.decode()
    assert "Nothing was imported" in html
    assert "did you mean Merseyside Police?" in html
    assert Discussion.objects.count() == 0
    response = client.post(
        reverse("marac:upload"),
        {"kind": "discussions", "file": SimpleUploadedFile("april.csv", DISCUSSIONS)},
        follow=True,
    )
    assert "Imported 13 discussions row(s)" in response.content.decode()
    assert Discussion.objects.count() == 13


@pytest.mark.parametrize("name", ["notes.txt", "cases.pdf"])
def test_upload_refuses_other_file_types(client, reference, marac_coordinator, name):
    client.force_login(marac_coordinator)
    response = client.post(
        reverse("marac:upload"), {"kind": "discussions", "file": SimpleUploadedFile(name, b"x")}
    )
    assert "must be a CSV or XLSX file" in response.content.decode()


def test_upload_refuses_files_over_the_limit(client, reference, marac_coordinator, settings):
    settings.SSCP_MAX_UPLOAD_MB = 0
    client.force_login(marac_coordinator)
    response = client.post(
        reverse("marac:upload"),
        {"kind": "discussions", "file": SimpleUploadedFile("a.csv", DISCUSSIONS)},
    )
    assert "must be smaller than 0 MB" in response.content.decode()


def test_links_from_performance_and_datasets(client, marac_coordinator, board_member):
    client.force_login(marac_coordinator)
    assert reverse("marac:dashboard") in client.get(reverse("performance")).content.decode()
    assert reverse("marac:upload") in client.get(reverse("datasets")).content.decode()
    client.force_login(board_member)
    assert reverse("marac:dashboard") in client.get(reverse("performance")).content.decode()


def test_every_chart_is_a_valid_plotly_figure_with_the_tables_numbers(
    client, small_marac, marac_coordinator
):
    from marac.charts import table_figure

    client.force_login(marac_coordinator)
    content = client.get(reverse("marac:dashboard"), PERIOD).context["content"]
    charts = 0
    for section in content["sections"]:
        for table in section["tables"]:
            figure = table_figure(table)  # raises on anything plotly would reject
            if figure is None:
                continue
            charts += 1
            assert figure.data, table.key
    assert charts >= 11
    cases = next(t for s in content["sections"] for t in s["tables"] if t.key == "cases_per_month")
    figure = table_figure(cases).to_plotly_json()
    assert list(figure["data"][0]["y"]) == [row["cases"] for row in cases.rows[:-1]]


def test_the_split_per_meeting_is_for_the_coordinator_only(
    client, small_marac, marac_coordinator, board_member
):
    client.force_login(marac_coordinator)
    html = client.get(reverse("marac:dashboard"), PERIOD).content.decode()
    assert 'id="table-categories_per_meeting"' in html
    assert "13/04/2017" in html
    client.force_login(board_member)
    html = client.get(reverse("marac:dashboard"), PERIOD).content.decode()
    assert 'id="table-categories_per_meeting"' not in html


def _case(**changes):
    from sscp.models import Organisation

    data = {
        "meeting_date": "2017-04-13",
        "victim_ref": "V-77",
        "referral_date": "2017-04-03",
        "referring_agency": Organisation.objects.get(name="Merseyside Police").pk,
        "referral_basis": "visible_high_risk",
        "pregnant": "yes",
    }
    return {**data, **changes}


def test_a_case_entered_on_the_form_goes_through_the_import_rules(
    client, reference, marac_coordinator
):
    client.force_login(marac_coordinator)
    url = reverse("marac:case_add")
    response = client.post(url, _case(meeting_date="2099-01-01"))
    assert "Meeting date: meeting date is in the future" in response.content.decode()
    assert not Discussion.objects.exists()
    response = client.post(url, _case(), follow=True)
    assert "Case V-77 saved." in response.content.decode()
    case = Discussion.objects.get()
    assert (case.victim_ref, case.pregnant, case.referring_agency.name) == (
        "V-77",
        True,
        "Merseyside Police",
    )
    client.post(url, _case(pregnant="no"))
    assert Discussion.objects.get().pregnant is False
    assert Discussion.objects.get().swaca_status is None  # optional, blank when not chosen
    status = SwacaStatus.objects.get(code="open_to_swaca")
    client.post(url, _case(swaca_status=status.pk))
    assert Discussion.objects.get().swaca_status == status


def test_rate_charts_take_their_band_from_the_benchmark_table(
    client, small_marac, marac_coordinator
):
    from marac.models import Benchmark

    Benchmark.objects.create(
        figure="police_share",
        label="Police",
        low=0.5,
        high=0.7,
        source="Test",
        valid_from="2010-01-01",
    )
    client.force_login(marac_coordinator)
    content = client.get(reverse("marac:dashboard"), PERIOD).context["content"]
    charts = dict(content["charts"])
    [band] = charts["chart-data-police_share"]["layout"]["shapes"]
    assert (band["y0"], band["y1"]) == (0.5, 0.7)
    assert "shapes" not in charts["chart-data-repeat_rate"]["layout"]  # no benchmark stored


def test_each_dashboard_section_shows_the_definition_that_applied(
    client, small_marac, board_member
):
    from django.utils.html import escape

    from marac.definitions import BY_KEY
    from marac.models import DefinitionVersion
    from marac.report import SECTIONS

    DefinitionVersion.objects.create(
        key="repeat",
        version="1",
        text="Old wording.",
        parameter=12,
        valid_from="2010-01-01",
        valid_to="2017-09-30",
    )
    DefinitionVersion.objects.create(
        key="repeat", version="2", text="New wording.", parameter=6, valid_from="2017-10-01"
    )
    client.force_login(board_member)
    html = client.get(reverse("marac:dashboard"), PERIOD).content.decode()
    for key, _ in SECTIONS:
        section = html.split(f'id="section-{key}"', 1)[1].split("</section>", 1)[0]
        assert f'<details class="govuk-details app-definitions" id="definitions-{key}">' in section
    repeat = html.split('id="definitions-repeat"', 1)[1].split("</details>", 1)[0]
    assert "Definition: Repeat and returning cases, version 1 then version 2</span>" in repeat
    assert "version 1, in force from 1 January 2010 to 30 September 2017" in repeat
    assert "Old wording. Monitoring period: 12 calendar months." in repeat
    assert "New wording. Monitoring period: 6 calendar months." in repeat
    assert "Each case is counted under the version in force on the date of its meeting" in repeat
    # Without a recorded version, the rules the figures follow.
    actions = html.split('id="definitions-actions"', 1)[1].split("</details>", 1)[0]
    assert "Definition: Action timeliness, built-in rules</span>" in actions
    assert escape(BY_KEY["action_timeliness"].text) in actions
    assert "Timescale: 10 working days." in actions


def test_the_dashboard_period_defaults_to_the_latest_year_and_refuses_a_bad_one(
    client, small_marac, board_member
):
    client.force_login(board_member)
    default = client.get(reverse("marac:dashboard"))
    assert (default.context["start"].isoformat(), default.context["end"].isoformat()) == (
        "2017-04-01",
        "2018-03-31",
    )
    bad = client.get(reverse("marac:dashboard"), {"start": "2018-03-31", "end": "2017-04-01"})
    # A period asked for and refused is named, and no other period is shown in its place.
    assert bad.status_code == 400
    assert "The end of the period must be after its start." in bad.content.decode()
    assert "start" not in bad.context
    chosen = client.get(reverse("marac:dashboard"), {"start": "2017-05-01", "end": "2017-05-31"})
    assert chosen.context["content"]["figures"]["meetings"] == 1


def test_figures_for_a_population_the_caller_found_unknown_have_no_expected_volume(small_marac):
    import datetime

    from marac import selectors
    from marac.models import Population

    Population.objects.create(year=2017, adult_female_16_plus=120_000)
    start, end = datetime.date(2017, 4, 1), datetime.date(2018, 3, 31)
    assert selectors.figures_for_period(start, end)["expected_cases"] == 480.0
    assert selectors.figures_for_period(start, end, population=None)["expected_cases"] is None
    assert selectors.figures_for_period(start, end, population=60_000)["expected_cases"] == 240.0


@pytest.mark.parametrize("field", ["surname", "address", "date_of_birth"])
def test_the_case_form_refuses_a_field_that_looks_like_personal_data(
    client, reference, marac_coordinator, field
):
    client.force_login(marac_coordinator)
    response = client.post(reverse("marac:case_add"), _case(**{field: "something"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Field &#x27;{field}&#x27; looks like personal data" in html
    assert not Discussion.objects.exists()
