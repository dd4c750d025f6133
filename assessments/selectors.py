"""Reads for the dashboards: aggregates computed in SQL, a fixed number of queries each.

Every function returns plain rows (dicts) small enough to chart: the database sums counts per
area and period, Python only arranges the result.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Max, Q, QuerySet, Sum

from assessments.figures import EXPORT_COLUMNS
from assessments.models import (
    Dataset,
    DatasetImport,
    ImportStatus,
    Indicator,
    Observation,
    Period,
    Population,
    Unit,
)
from sscp.models import Area, AreaType

COMPARATOR_TYPES = [AreaType.CITY_REGION, AreaType.REGION, AreaType.COUNTRY]


@dataclass(frozen=True)
class DataAsAt:
    """The most recent import behind a chart, named on the page."""

    imported_at: object
    filename: str
    dataset: str
    pk: int

    def __str__(self):
        return f"{self.imported_at:%-d %B %Y %H:%M} (import #{self.pk}, {self.filename})"


def data_as_at(observations: QuerySet) -> DataAsAt | None:
    latest = (
        DatasetImport.objects.filter(pk__in=observations.values("dataset_import_id"))
        .select_related("dataset")
        .order_by("-imported_at", "-pk")
        .first()
    )
    if latest is None:
        return None
    return DataAsAt(latest.imported_at, latest.filename, latest.dataset.name, latest.pk)


def export_rows(observations: QuerySet) -> list[dict]:
    """Tidy export rows (figures.EXPORT_COLUMNS) of an observation queryset."""
    rows = observations.order_by("indicator__name", "area__code", "period__start").values(
        "indicator__name",
        "area__code",
        "area__name",
        "period__label",
        "value",
        "count",
        "denominator",
        "lower_ci",
        "upper_ci",
        "note",
    )
    names = dict(
        zip(
            [
                "indicator__name",
                "area__code",
                "area__name",
                "period__label",
                "value",
                "count",
                "denominator",
                "lower_ci",
                "upper_ci",
                "note",
            ],
            EXPORT_COLUMNS,
            strict=True,
        )
    )
    return [{names[k]: v for k, v in row.items()} for row in rows]


def dataset_export_rows(dataset) -> list[dict]:
    return export_rows(Observation.objects.filter(dataset=dataset))


# ---------------------------------------------------------------------------------------------
# Choices for the filters


def boroughs() -> list[tuple[str, str]]:
    """(code, name) of every borough, the partnership's own (with LSOAs under them) first."""
    own = set()
    for pair in (
        Area.objects.filter(area_type=AreaType.WARD, children__area_type=AreaType.LSOA)
        .values_list("parent__code", "parent__parent__code")
        .distinct()
    ):
        own.update(pair)
    areas = Area.objects.filter(area_type=AreaType.BOROUGH).order_by("name")
    return sorted(areas.values_list("code", "name"), key=lambda a: a[0] not in own)


def default_borough() -> Area | None:
    """The borough that has LSOAs under it (the partnership's own), else the first one."""
    own = (
        Area.objects.filter(area_type=AreaType.BOROUGH)
        .filter(
            Q(children__children__area_type=AreaType.LSOA)
            | Q(children__children__children__area_type=AreaType.LSOA)
        )
        .order_by("name")
        .first()
    )
    return own or Area.objects.filter(area_type=AreaType.BOROUGH).order_by("name").first()


def rate_indicators() -> list[Indicator]:
    return list(
        Indicator.objects.filter(
            unit__in=[Unit.PER_1000, Unit.PER_10000, Unit.PER_100000]
        ).order_by("name")
    )


def category_datasets() -> list[Dataset]:
    """Datasets of observations (not lookups or populations) with something loaded: each is a
    table of categories for the category view (Table 2, police.uk crime types...)."""
    return list(
        Dataset.objects.filter(
            imports__status=ImportStatus.LOADED,
            imports__format__in=["police-uk", "tidy", "wide", "fingertips"],
            imports__observations_stored__gt=0,
        )
        .distinct()
        .order_by("name")
    )


def place_indicators() -> list[Indicator]:
    """Indicators with figures below the borough (wards or LSOAs)."""
    ids = (
        Observation.objects.filter(area__area_type__in=[AreaType.WARD, AreaType.LSOA])
        .values("indicator_id")
        .distinct()
    )
    return list(Indicator.objects.filter(pk__in=ids).order_by("name"))


def periods_of(indicator) -> list[Period]:
    ids = Observation.objects.filter(indicator=indicator).values("period_id").distinct()
    return list(Period.objects.filter(pk__in=ids).order_by("start", "end"))


# ---------------------------------------------------------------------------------------------
# Aggregates


def series(indicator, areas: list[Area]) -> list[dict]:
    """Value and count by area and period for one indicator (one query)."""
    return list(
        Observation.objects.filter(indicator=indicator, area__in=areas)
        .order_by("period__start", "area__code")
        .values(
            "area__code",
            "area__name",
            "area__area_type",
            "period__label",
            "period__start",
            "period__end",
            "value",
            "count",
        )
    )


def comparator_areas(borough: Area) -> list[Area]:
    """The borough, then the city region, region and country above it or alongside it."""
    ancestors = []
    node = Area.objects.select_related("parent__parent__parent").get(pk=borough.pk)
    while node.parent_id is not None:
        node = node.parent  # fetched above, up to three levels, in one query
        ancestors.append(node)
    wider = list(
        Area.objects.filter(area_type__in=COMPARATOR_TYPES).exclude(
            pk__in=[a.pk for a in ancestors]
        )
    )
    ordered = [borough, *wider, *ancestors]
    rank = {AreaType.BOROUGH: 0, AreaType.CITY_REGION: 1, AreaType.REGION: 2, AreaType.COUNTRY: 3}
    return sorted(ordered, key=lambda a: rank.get(a.area_type, 9))


def populations(areas, years) -> dict[tuple[str, int], int]:
    """All-persons population by (area code, year)."""
    rows = (
        Population.objects.filter(area__in=areas, year__in=list(years), sex="", age_band="")
        .values("area__code", "year")
        .annotate(persons=Sum("persons"))
    )
    return {(r["area__code"], r["year"]): r["persons"] for r in rows}


def category_observations(area: Area, dataset) -> QuerySet:
    return Observation.objects.filter(area=area, dataset=dataset)


def category_counts(area: Area, dataset) -> list[dict]:
    """Count and value per indicator and period for one area in one dataset, summed in SQL."""
    return list(
        category_observations(area, dataset)
        .values("indicator__name", "period__label", "period__start", "period__kind")
        .annotate(count=Sum("count"), value=Sum("value"))
        .order_by("indicator__name", "period__start")
    )


def places_observations(indicator, start: date, end: date, borough: Area) -> QuerySet:
    under = (
        Q(area__parent=borough)
        | Q(area__parent__parent=borough)
        | Q(area__parent__parent__parent=borough)
    )
    return Observation.objects.filter(
        under,
        indicator=indicator,
        area__area_type__in=[AreaType.LSOA, AreaType.WARD, AreaType.LOCALITY],
        period__start__gte=start,
        period__end__lte=end,
    )


def place_totals(indicator, start: date, end: date, borough: Area) -> list[dict]:
    """Count per ward, locality and LSOA under the borough over a span (one grouped query)."""
    return list(
        places_observations(indicator, start, end, borough)
        .values("area__code", "area__name", "area__area_type", "area__parent__name")
        .annotate(count=Sum("count"), periods=Max("period__label"))
        .order_by("-count", "area__name")
    )


def spine_periods(borough: Area) -> list[str]:
    """Periods in which the borough has rates or percentages, newest first (one query)."""
    rows = (
        Observation.objects.filter(area=borough, value__isnull=False)
        .exclude(indicator__unit=Unit.COUNT)
        .values_list("period__label", "period__start")
        .distinct()
    )
    return [label for label, _ in sorted(set(rows), key=lambda r: r[1], reverse=True)]


def spine_values(borough: Area, period_label: str = "") -> tuple[list[dict], list[dict]]:
    """The borough's latest value per non-count indicator (or its value in ``period_label``),
    and every value of those indicators in those periods for areas of the borough's type and
    the comparators (two queries)."""
    own = Observation.objects.filter(area=borough, value__isnull=False).exclude(
        indicator__unit=Unit.COUNT
    )
    if period_label:
        own = own.filter(period__label=period_label)
    own = list(
        own.values(
            "indicator_id",
            "indicator__name",
            "indicator__polarity",
            "indicator__unit",
            "period_id",
            "period__label",
            "period__start",
            "value",
        ).order_by("indicator__name", "-period__start")
    )
    latest = {}
    for row in own:
        latest.setdefault(row["indicator_id"], row)
    if not latest:
        return [], []
    keys = Q()
    for row in latest.values():
        keys |= Q(indicator_id=row["indicator_id"], period_id=row["period_id"])
    others = list(
        Observation.objects.filter(keys, value__isnull=False)
        .filter(area__area_type__in=[borough.area_type, *COMPARATOR_TYPES])
        .values("indicator_id", "area__code", "area__name", "area__area_type", "value")
    )
    return list(latest.values()), others


def populations_by_code(codes: list[str], year: int) -> dict[str, int]:
    """All-persons population by area code for one year (one query)."""
    rows = (
        Population.objects.filter(area__code__in=codes, year=year, sex="", age_band="")
        .values("area__code")
        .annotate(persons=Sum("persons"))
    )
    return {r["area__code"]: r["persons"] for r in rows}
