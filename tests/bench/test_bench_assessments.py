"""Strategic-assessment benchmarks (PostgreSQL): `pytest tests/bench/test_bench_assessments.py -s`.

- Importing 1,000,000 generated police.uk rows, against pandas reading the same file plus COPY
  of the aggregated rows (at most 2.0), and against saving rows one by one through the ORM on a
  20,000-row sample, scaled (at least 10 times faster).
- Each dashboard's server time with 5 years x 200 LSOAs x 14 crime types (and ward outlines,
  so places draws its map), against its own SQL run bare (at most 3.0).
"""

import csv
import json
import math
import time

import numpy as np
import pandas as pd
import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import views
from assessments.demo import tables as demo_tables
from assessments.imports import (
    boundaries_import,
    dataset_import,
    indicators_ensure,
    observations_write,
    periods_ensure,
)
from assessments.models import (
    ComparatorSet,
    Dataset,
    DatasetImport,
    Observation,
)
from sscp.models import Area, AreaType
from tests.assessments.sefton import sefton_with_lsoas
from tests.bench.conftest import best_of

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the assessment benchmarks run on PostgreSQL (set DATABASE_URL)")


def _clear_imports():
    Observation.objects.all().delete()
    DatasetImport.objects.exclude(format="area-lookup").delete()


def test_import_of_a_million_police_uk_rows(tmp_path, report_ratio):
    sefton_with_lsoas(189)
    path = demo_tables.police_uk_bulk_csv(tmp_path / "million.csv", rows=1_000_000)

    timings = []
    for _ in range(3):
        _clear_imports()
        started = time.perf_counter()
        report = dataset_import("police-uk", path, dataset_name="bench")
        timings.append(time.perf_counter() - started)
        assert report.ok, report.as_text()
    subject = min(timings)
    rows = pd.DataFrame(
        Observation.objects.values(
            "dataset_id", "dataset_import_id", "indicator_id", "area_id", "period_id",
            "value", "count", "denominator", "lower_ci", "upper_ci", "note",
        )
    )  # fmt: skip
    print(f"\n{len(rows)} aggregated rows stored")

    def read():
        pd.read_csv(path)

    def copy():
        Observation.objects.all().delete()
        observations_write(rows)

    baseline = best_of(read, 3) + best_of(copy, 3)
    report_ratio("import 1M police.uk rows / (read_csv + COPY)", subject, baseline, at_most=2.0)

    # Row by row: each crime adds one to its LSOA's count through the ORM.
    _clear_imports()
    sample = 20_000
    dataset = Dataset.objects.create(name="row by row")
    record = DatasetImport.objects.create(dataset=dataset, format="police-uk", filename="x")
    lsoas = dict(Area.objects.filter(area_type=AreaType.LSOA).values_list("code", "id"))
    with open(path, newline="") as handle:
        reader = csv.DictReader(handle)
        head = [next(reader) for _ in range(sample)]
    indicators = indicators_ensure({r["Crime type"] for r in head}, source="bench")
    periods = periods_ensure({r["Month"] for r in head})
    started = time.perf_counter()
    for row in head:
        area = lsoas.get(row["LSOA code"])
        if area is None:
            continue
        observation, created = Observation.objects.get_or_create(
            dataset=dataset,
            indicator_id=indicators[row["Crime type"]],
            area_id=area,
            period_id=periods[row["Month"]],
            defaults={"dataset_import": record, "count": 1, "value": 1},
        )
        if not created:
            observation.count = F("count") + 1
            observation.value = F("value") + 1
            observation.save(update_fields=["count", "value"])
    row_by_row = (time.perf_counter() - started) * (1_000_000 / sample)
    report_ratio("row-by-row ORM (20k sample, scaled) / import", row_by_row, subject, at_least=10.0)


def _bench_data():
    """5 years of months x 200 LSOAs x 14 crime types, rolled up to ward, locality and
    borough, plus Table 1 and the LCR comparator set for the overview and spine chart."""
    sefton_with_lsoas(200)
    for table in demo_tables.demo_tables()[:2]:
        assert dataset_import(table.format, table.content, dataset_name=table.title).ok
    lcr, _ = ComparatorSet.objects.get_or_create(name="Liverpool City Region authorities")
    lcr.areas.set(Area.objects.filter(code__in=[c for c, _ in demo_tables.LCR_AUTHORITIES]))

    months = [f"{y}-{m:02d}" for y in range(2014, 2019) for m in range(1, 13)]
    types = list(demo_tables._CRIME_TYPE_SHARES)
    indicator_ids = indicators_ensure(types, source="police.uk street-level crime")
    period_ids = periods_ensure(months)
    areas = list(Area.objects.filter(area_type=AreaType.LSOA).values_list("id", "parent_id"))
    parents = dict(Area.objects.values_list("id", "parent_id"))
    rng = np.random.default_rng(5)
    dataset = Dataset.objects.create(name="bench police.uk")
    record = DatasetImport.objects.create(dataset=dataset, format="police-uk", filename="bench")
    lsoa = pd.DataFrame(
        [(a, i, p) for a, _ in areas for i in indicator_ids.values() for p in period_ids.values()],
        columns=["area_id", "indicator_id", "period_id"],
    )
    lsoa["count"] = rng.poisson(3, len(lsoa))
    frames = [lsoa]
    current = lsoa
    for _ in range(3):  # ward, locality, borough
        current = (
            current.assign(area_id=current["area_id"].map(parents))
            .groupby(["area_id", "indicator_id", "period_id"], as_index=False)["count"]
            .sum()
        )
        frames.append(current)
    # As a Fingertips export gives them: 12 rates for every one of 300 boroughs, for the spine.
    north_west = Area.objects.get(code="E12000002")
    Area.objects.bulk_create(
        Area(code=f"E0799{n:04d}", name=f"Borough {n}", area_type=AreaType.BOROUGH,
             parent=north_west)
        for n in range(300)
    )  # fmt: skip
    boroughs = list(Area.objects.filter(area_type=AreaType.BOROUGH).values_list("id", flat=True))
    rates = indicators_ensure([f"Rate {n} per 1,000" for n in range(12)], source="bench")
    year = periods_ensure(["2017/18"])["2017/18"]
    spine = pd.DataFrame(
        [(a, i, year) for a in boroughs for i in rates.values()],
        columns=["area_id", "indicator_id", "period_id"],
    )
    spine["count"] = rng.poisson(500, len(spine))
    # The rates in a dataset of their own (as a Fingertips export would be), so the category
    # view of the police.uk dataset is its 14 crime types by financial year.
    rates_dataset = Dataset.objects.create(name="bench rates")
    rates_record = DatasetImport.objects.create(
        dataset=rates_dataset, format="fingertips", filename="bench rates"
    )
    rows = pd.concat([*frames, spine], ignore_index=True)
    rows["value"] = rows["count"].astype(float)
    for name in ("denominator", "lower_ci", "upper_ci"):
        rows[name] = np.nan
    rows["note"] = ""
    police = np.arange(len(rows)) < sum(len(f) for f in frames)
    rows["dataset_id"] = np.where(police, dataset.pk, rates_dataset.pk)
    rows["dataset_import_id"] = np.where(police, record.pk, rates_record.pk)
    observations_write(rows)
    # As an import records it: the category view lists only datasets with figures stored.
    for stored, target in ((int(police.sum()), record), (int((~police).sum()), rates_record)):
        target.observations_stored = stored
        target.save(update_fields=["observations_stored"])
    # Ward outlines of about the detail of ONS's generalised boundaries (300 points each), so
    # the places page draws its map.
    wards = Area.objects.filter(area_type=AreaType.WARD).values_list("code", flat=True)
    features = []
    for n, code in enumerate(wards):
        lon, lat = -3.1 + (n % 5) * 0.02, 53.6 - (n // 5) * 0.012
        ring = [
            [
                lon + 0.01 * math.cos(2 * math.pi * k / 300),
                lat + 0.006 * math.sin(2 * math.pi * k / 300),
            ]
            for k in range(300)
        ]
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code},
                "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]},
            }
        )
    outlines = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    assert boundaries_import(outlines, dataset_name="bench ward outlines").ok
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return len(rows)


@pytest.mark.parametrize("dashboard", ["overview", "categories", "places", "spine"])
def test_dashboard_server_time_against_its_own_sql(rf, analyst, dashboard, report_ratio):
    """The view called as the server calls it (no test-client template capture), against the
    SQL it ran, re-run bare through the same connection."""
    stored = _bench_data()
    view = views.VIEWS[dashboard]
    # The categories of the five years of police.uk months (rolled up to financial years).
    query = {"dataset": Dataset.objects.get(name="bench police.uk").pk}
    request = rf.get(
        reverse(f"assessments:{dashboard}"), query if dashboard == "categories" else {}
    )
    request.user = analyst
    request._messages = CookieStorage(request)
    response = view(request)
    assert response.status_code == 200
    if dashboard == "places":
        assert b'"type": "choropleth"' in response.content
    if dashboard == "categories":
        assert b"Monthly counts summed into financial years" in response.content
    with CaptureQueriesContext(connection) as captured:
        view(request)
    statements = [q["sql"] for q in captured.captured_queries]

    def serve():
        assert view(request).status_code == 200

    def bare():
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                if cursor.description:
                    cursor.fetchall()

    subject = best_of(serve, 15)
    baseline = best_of(bare, 15)
    print(f"\n{stored} observations, {len(statements)} queries")
    report_ratio(f"{dashboard} server time / its SQL", subject, baseline, at_most=3.0)
