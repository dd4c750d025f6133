"""The dashboard's figures come from the cache until the records change, and never stale:
every import, case edit or delete, attendance, benchmark or definition change moves the
version they are keyed on."""

import datetime

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marac import figures_cache, selectors, signals
from marac.imports import import_marac
from marac.models import Attendance, Benchmark, DataVersion, Discussion, MaracMeeting
from sscp.models import Area, AreaType, Organisation

PERIOD = {"start": "2017-04-01", "end": "2018-03-31"}


def _csv(client) -> str:
    response = client.get(reverse("marac:dashboard_csv"), PERIOD)
    assert response.status_code == 200
    return response.content.decode()


def _total_cases(client) -> str:
    """Table 1's total: the number of cases discussed in the period."""
    table = _csv(client).split("Table 2")[0]
    return next(line for line in table.splitlines() if line.startswith("Total,"))


@pytest.fixture
def counting(monkeypatch):
    """How many times the figures are worked out from the records."""
    calls = []
    original = selectors.report_content

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(selectors, "report_content", counted)
    return calls


def test_a_second_view_of_the_dashboard_is_served_from_the_cache(
    client, small_marac, board_member, counting, django_assert_max_num_queries
):
    client.force_login(board_member)
    url = reverse("marac:dashboard")
    with CaptureQueriesContext(connection) as first:
        assert client.get(url, PERIOD).status_code == 200
    with django_assert_max_num_queries(len(first) // 2):
        second = client.get(url, PERIOD)
    assert second.status_code == 200
    assert len(counting) == 1
    assert second.context["content"]["charts"]  # charts are added to each view's own copy


def test_exact_and_suppressed_figures_are_cached_apart(
    client, small_marac, board_member, marac_coordinator, counting
):
    client.force_login(marac_coordinator)
    exact = _csv(client)
    client.force_login(board_member)
    suppressed = _csv(client)
    assert exact != suppressed  # small counts are withheld from partners
    assert len(counting) == 2
    assert _csv(client) == suppressed and len(counting) == 2


def test_an_import_shows_at_once(client, small_marac, marac_coordinator):
    client.force_login(marac_coordinator)
    assert _total_cases(client) == "Total,13"
    result = import_marac(
        "discussions",
        b"meeting_date,victim_ref,perpetrator_ref,referral_date,referring_agency,referral_basis,"
        b"children,pregnant,ward,idva_status\n"
        b"2017-06-13,V-90,P-90,2017-06-01,Police,visible_high_risk,0,N,Ford,open_to_idva\n",
    )
    assert result.ok, result.report()
    assert _total_cases(client) == "Total,14"


def test_a_case_added_on_the_form_shows_at_once(client, small_marac, marac_coordinator):
    client.force_login(marac_coordinator)
    assert _total_cases(client) == "Total,13"
    police = Organisation.objects.get(name="Merseyside Police")
    response = client.post(
        reverse("marac:case_add"),
        {
            "meeting_date": "2017-06-13",
            "victim_ref": "V-91",
            "referral_date": "2017-06-01",
            "referring_agency": police.pk,
            "referral_basis": "visible_high_risk",
            "pregnant": "no",
        },
    )
    assert response.status_code == 302
    assert _total_cases(client) == "Total,14"


def test_a_case_edited_or_deleted_shows_at_once(client, small_marac, marac_coordinator):
    client.force_login(marac_coordinator)
    assert _total_cases(client) == "Total,13"
    case = Discussion.objects.get(victim_ref="V-20")
    case.meeting = MaracMeeting.objects.create(date=datetime.date(2016, 6, 1))
    case.save()  # moved out of the period
    assert _total_cases(client) == "Total,12"
    Discussion.objects.filter(victim_ref="V-0").delete()
    assert _total_cases(client) == "Total,11"
    MaracMeeting.objects.filter(date=datetime.date(2017, 6, 13)).delete()  # with its cases
    assert _total_cases(client) == "Total,7"


def test_attendance_and_benchmark_changes_show_at_once(client, small_marac, marac_coordinator):
    client.force_login(marac_coordinator)
    url = reverse("marac:dashboard")
    charts = dict(client.get(url, PERIOD).context["content"]["charts"])
    assert "shapes" not in charts["chart-data-police_share"]["layout"]
    Benchmark.objects.create(
        figure="police_share", label="Police", low=0.5, high=0.7, source="Test",
        valid_from="2010-01-01",
    )  # fmt: skip
    charts = dict(client.get(url, PERIOD).context["content"]["charts"])
    [band] = charts["chart-data-police_share"]["layout"]["shapes"]
    assert (band["y0"], band["y1"]) == (0.5, 0.7)

    before = _csv(client)
    apologies = Attendance.objects.get(status="apologies")
    apologies.status = "attended"
    apologies.save()
    assert _csv(client) != before


@pytest.mark.parametrize(
    "change",
    [
        lambda: Organisation.objects.filter(name="Merseyside Police").first().save(),
        lambda: Area.objects.bulk_create([Area(code="E05999999", name="New", area_type="ward")]),
        lambda: Area.objects.filter(area_type=AreaType.WARD).first().delete(),
    ],
    ids=["agency renamed", "areas imported in bulk", "ward deleted"],
)
def test_partnership_records_the_figures_read_move_the_version(small_marac, change):
    before = figures_cache.version()
    change()
    assert figures_cache.version() != before


def test_every_marac_model_is_declared_a_figure_input_or_not():
    declared = set(signals.FIGURE_INPUTS) | set(signals.NOT_FIGURE_INPUTS)
    models = {f"marac.{model.__name__}" for model in apps.get_app_config("marac").get_models()}
    assert models <= declared, f"declare {models - declared} in marac/signals.py"


def test_the_version_moves_once_per_transaction_and_again_after_a_rolled_back_savepoint(
    small_marac,
):
    start = figures_cache.version()
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        MaracMeeting.objects.filter(date="2017-04-13").delete()  # four cases, their actions
    bumps = [q for q in queries if "marac_dataversion" in q["sql"].lower()]
    assert len(bumps) == 1
    after_delete = figures_cache.version()
    assert after_delete != start

    with transaction.atomic():
        try:
            with transaction.atomic():
                Discussion.objects.get(victim_ref="V-20").save()
                raise RuntimeError
        except RuntimeError:
            pass
        assert figures_cache.version() == after_delete  # the bump was rolled back
        Discussion.objects.get(victim_ref="V-20").save()
        assert figures_cache.version() != after_delete


def test_a_missing_version_row_is_made_again(small_marac):
    DataVersion.objects.all().delete()
    assert figures_cache.version()
    assert DataVersion.objects.count() == 1
