"""Reads for the dashboards: aggregates computed in SQL, a fixed number of queries each.

Every function returns plain rows (dicts or tuples) small enough to chart: the database sums
counts per area and period, Python only arranges the result. The dashboards' reads are written
as SQL: they run on every page view, and building them through the ORM cost more than running
them (the benchmark in tests/bench compares a page with its own SQL run bare). The SQL is plain
enough for PostgreSQL and SQLite alike (`WITH RECURSIVE`, `EXISTS`, `IN`).
"""

from collections import namedtuple
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from assessments.figures import EXPORT_COLUMNS
from assessments.models import (
    AreaBoundary,
    ComparatorSet,
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
RATE_UNITS = [Unit.PER_1000, Unit.PER_10000, Unit.PER_100000]
CATEGORY_FORMATS = ["police-uk", "tidy", "wide", "fingertips"]

_TABLES = {
    "area": Area._meta.db_table,
    "boundary": AreaBoundary._meta.db_table,
    "dataset": Dataset._meta.db_table,
    "imp": DatasetImport._meta.db_table,
    "indicator": Indicator._meta.db_table,
    "member": ComparatorSet.areas.through._meta.db_table,
    "obs": Observation._meta.db_table,
    "period": Period._meta.db_table,
    "population": Population._meta.db_table,
    "set": ComparatorSet._meta.db_table,
}


class _Tables(dict):
    def __missing__(self, key):  # placeholders filled per query ({marks}, {members}...)
        return "{" + key + "}"


def _sql(text: str) -> str:
    return text.format_map(_Tables(_TABLES))


def _fetch(sql: str, params: Iterable = ()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return cursor.fetchall()


def _marks(values) -> str:
    """Placeholders for an IN list (never empty: NULL matches nothing)."""
    return ", ".join(["%s"] * len(values)) if values else "NULL"


def _aware(moment):
    """SQLite hands back naive UTC datetimes from raw SQL; PostgreSQL aware ones."""
    if moment is None or isinstance(moment, str):
        moment = None if moment is None else datetime.fromisoformat(moment)
    return moment if moment is None or timezone.is_aware(moment) else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class DataAsAt:
    """The most recent import behind a chart, named on the page."""

    imported_at: object
    filename: str
    dataset: str
    pk: int

    def __str__(self):
        return f"{self.imported_at:%-d %B %Y %H:%M} (import #{self.pk}, {self.filename})"


@dataclass(frozen=True)
class RateAsAt:
    """A rate depends on two imports: the newest of its counts and of the populations it was
    worked from. The line gives the later of the two moments, then names both."""

    counts: DataAsAt | None
    population: DataAsAt

    def __str__(self):
        parts = [self.population] if self.counts is None else [self.counts, self.population]
        latest = max(part.imported_at for part in parts)
        counts = "" if self.counts is None else f"counts imported {self._named(self.counts)}; "
        return (
            f"{latest:%-d %B %Y %H:%M}: {counts}population imported {self._named(self.population)}"
        )

    @staticmethod
    def _named(part: DataAsAt) -> str:
        return f"{part} into {part.dataset!r}"


@dataclass(frozen=True)
class RateSources:
    """The imports behind a chart of rates: its counts' and its populations'."""

    counts: Iterable[int | None]
    population: Iterable[int | None]


_IMPORTS = _sql(
    "SELECT i.id, i.imported_at, i.filename, d.name FROM {imp} i "
    "JOIN {dataset} d ON d.id = i.dataset_id WHERE i.id IN ({marks})"
)


def _newest(ids) -> int | None:
    return max((pk for pk in ids if pk is not None), default=None)


def data_as_at(*charts: Iterable[int | None] | RateSources) -> list[DataAsAt | RateAsAt | None]:
    """For each chart (the ids of the imports behind its figures, or for rates a RateSources),
    the newest of those imports: imports are numbered in the order they are made. A chart of
    rates worked from populations gets both its newest count and population import. One query
    for all the charts of a page."""
    latest = [
        (_newest(c.counts), _newest(c.population)) if isinstance(c, RateSources) else _newest(c)
        for c in charts
    ]
    wanted = sorted(
        {pk for item in latest for pk in (item if isinstance(item, tuple) else (item,)) if pk}
    )
    if not wanted:
        return [None] * len(latest)
    found = {
        pk: DataAsAt(_aware(at), filename, dataset, pk)
        for pk, at, filename, dataset in _fetch(_IMPORTS.replace("{marks}", _marks(wanted)), wanted)
    }
    result = []
    for item in latest:
        if not isinstance(item, tuple):
            result.append(found.get(item))
            continue
        counts, population = found.get(item[0]), found.get(item[1])
        result.append(counts if population is None else RateAsAt(counts, population))
    return result


def export_rows(observations: QuerySet) -> list[dict]:
    """Tidy export rows (figures.EXPORT_COLUMNS) of an observation queryset."""
    fields = [
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
    ]
    rows = observations.order_by("indicator__name", "area__code", "period__start").values_list(
        *fields
    )
    return [dict(zip(EXPORT_COLUMNS, row, strict=True)) for row in rows]


def dataset_export_rows(dataset) -> list[dict]:
    return export_rows(Observation.objects.filter(dataset=dataset))


# ---------------------------------------------------------------------------------------------
# Choices for the filters

# (pk, code, name, parent_id): plain tuples, 300 namedtuples cost a measurable part of a page.
Borough = tuple

_BOROUGHS = _sql(
    """
    SELECT b.id, b.code, b.name, b.parent_id
    FROM {area} b WHERE b.area_type = 'borough'
    ORDER BY CASE WHEN b.id IN (
            SELECT w.parent_id FROM {area} w WHERE w.area_type = 'ward' AND EXISTS (
                SELECT 1 FROM {area} l WHERE l.parent_id = w.id AND l.area_type = 'lsoa')
        ) OR b.id IN (
            SELECT loc.parent_id FROM {area} loc JOIN {area} w ON w.parent_id = loc.id
            WHERE w.area_type = 'ward' AND EXISTS (
                SELECT 1 FROM {area} l WHERE l.parent_id = w.id AND l.area_type = 'lsoa')
        ) THEN 0 ELSE 1 END, b.name, b.code
    """
)


def boroughs() -> list[Borough]:
    """Every borough, the partnership's own (with LSOAs under its wards) first: the default
    choice. One query."""
    return _fetch(_BOROUGHS)


def borough_area(borough: Borough | None) -> Area | None:
    if borough is None:
        return None
    pk, code, name, parent_id = borough
    return Area(pk=pk, code=code, name=name, area_type=AreaType.BOROUGH, parent_id=parent_id)


_RATE_INDICATORS = _sql(
    "SELECT id, name, unit FROM {indicator} WHERE unit IN (%s, %s, %s) ORDER BY name"
)


def rate_indicators() -> list[Indicator]:
    return [
        Indicator(pk=pk, name=name, unit=unit)
        for pk, name, unit in _fetch(_RATE_INDICATORS, RATE_UNITS)
    ]


_CATEGORY_DATASETS = _sql(
    """
    SELECT d.id, d.name FROM {dataset} d WHERE EXISTS (
        SELECT 1 FROM {imp} i WHERE i.dataset_id = d.id AND i.status = %s
        AND i.observations_stored > 0 AND i.format IN ({formats}))
    ORDER BY d.name
    """
).replace("{formats}", _marks(CATEGORY_FORMATS))


def category_datasets() -> list[Dataset]:
    """Datasets of observations (not lookups or populations) with something loaded: each is a
    table of categories for the category view (Table 2, police.uk crime types...)."""
    return [
        Dataset(pk=pk, name=name)
        for pk, name in _fetch(_CATEGORY_DATASETS, [ImportStatus.LOADED, *CATEGORY_FORMATS])
    ]


_PLACE_INDICATORS = _sql(
    """
    SELECT i.id, i.name, i.unit FROM {indicator} i WHERE EXISTS (
        SELECT 1 FROM {obs} o JOIN {area} a ON a.id = o.area_id
        WHERE o.indicator_id = i.id AND a.area_type IN ('ward', 'lsoa'))
    ORDER BY i.name
    """
)


def place_indicators() -> list[Indicator]:
    """Indicators with figures below the borough (wards or LSOAs)."""
    return [Indicator(pk=pk, name=name, unit=unit) for pk, name, unit in _fetch(_PLACE_INDICATORS)]


PeriodRow = namedtuple("PeriodRow", "label start end kind source source_name")
# A places source: every loaded police.uk import (a month is loaded once across them, see
# imports), or one dataset's other imports (tidy, wide, Fingertips).
POLICE_UK_SOURCE = 0
POLICE_UK_SOURCE_NAME = "police.uk street-level crime"

_PERIODS_OF = _sql(
    """
    SELECT p.label, p.start, p."end", p.kind, s.source, d.name FROM (
        SELECT o.period_id AS period_id,
            CASE WHEN i.format = 'police-uk' THEN 0 ELSE o.dataset_id END AS source
        FROM {obs} o JOIN {imp} i ON i.id = o.dataset_import_id JOIN {area} a ON a.id = o.area_id
        WHERE o.indicator_id = %s AND a.area_type IN ('ward', 'lsoa', 'locality')
        UNION
        SELECT o.period_id, 0 FROM {obs} o JOIN {imp} i ON i.id = o.dataset_import_id
        WHERE o.area_id = %s AND i.format = 'police-uk' AND i.status = 'loaded'
            AND EXISTS (
                SELECT 1 FROM {obs} x WHERE x.dataset_import_id = i.id AND x.indicator_id = %s)
    ) s JOIN {period} p ON p.id = s.period_id LEFT JOIN {dataset} d ON d.id = s.source
    ORDER BY p.start, p."end", s.source
    """
)


def periods_of(indicator, borough=None) -> list[PeriodRow]:
    """The periods with figures of the indicator below a borough, by source (police.uk, or a
    dataset of other files), and, from police.uk, every month a police.uk import of it covers
    in ``borough`` (a month with none of this crime anywhere is a month of zeros, see
    place_totals). One query."""
    params = [indicator.pk, borough.pk if borough is not None else None, indicator.pk]
    return [
        PeriodRow(label, start, end, kind, source, name if source else POLICE_UK_SOURCE_NAME)
        for label, start, end, kind, source, name in _fetch(_PERIODS_OF, params)
    ]


# ---------------------------------------------------------------------------------------------
# Aggregates

_COMPARATOR_SETS = _sql(
    """
    SELECT s.name, a.id, a.code, a.name FROM {set} s
    JOIN {member} m ON m.comparatorset_id = s.id JOIN {area} a ON a.id = m.area_id
    WHERE s.id IN (SELECT comparatorset_id FROM {member} WHERE area_id = %s)
    ORDER BY s.name, a.name
    """
)


def comparator_sets(area) -> dict[str, list[dict]]:
    """The comparator sets ``area`` belongs to, by name, with their areas (one query)."""
    sets: dict[str, list[dict]] = {}
    for name, pk, code, area_name in _fetch(_COMPARATOR_SETS, [area.pk]):
        sets.setdefault(name, []).append({"pk": pk, "code": code, "name": area_name})
    return sets


_SERIES = _sql(
    """
    WITH RECURSIVE lineage(id, parent_id) AS (
        SELECT id, parent_id FROM {area} WHERE id = %s
        UNION ALL
        SELECT a.id, a.parent_id FROM {area} a JOIN lineage ON a.id = lineage.parent_id
    )
    SELECT a.id, a.code, a.name, a.area_type, a.id IN (SELECT id FROM lineage),
        p.label, p.start, p."end", o.value, o.count, o.dataset_import_id
    FROM {obs} o JOIN {area} a ON a.id = o.area_id JOIN {period} p ON p.id = o.period_id
    WHERE o.indicator_id = %s AND (
        o.area_id IN (SELECT id FROM lineage) OR a.area_type IN (%s, %s, %s)
        OR o.area_id IN ({members}))
    ORDER BY p.start, a.code
    """
)
_SERIES_FIELDS = [
    "area_id",
    "area__code",
    "area__name",
    "area__area_type",
    "lineage",
    "period__label",
    "period__start",
    "period__end",
    "value",
    "count",
    "dataset_import_id",
]


def series(indicator, area, members: Iterable[int] = ()) -> list[dict]:
    """Value and count by period of one indicator for ``area``, the areas above it (``lineage``
    true), every city region, region and country, and the areas ``members`` (one query)."""
    members = list(members)
    sql = _SERIES.replace("{members}", _marks(members))
    rows = _fetch(sql, [area.pk, indicator.pk, *COMPARATOR_TYPES, *members])
    return [dict(zip(_SERIES_FIELDS, row, strict=True)) for row in rows]


_POPULATIONS = _sql(
    """
    SELECT a.code, p.year, SUM(p.persons), MAX(p.dataset_import_id)
    FROM {population} p JOIN {area} a ON a.id = p.area_id
    WHERE {where} AND p.year IN ({years}) AND p.sex = '' AND p.age_band = ''
    GROUP BY a.code, p.year
    """
)


class Populations(dict):
    """All-persons population by key, and in ``imports`` the population import behind each
    (the newest when several rows add up to one figure): a rate's data-as-at names it."""

    def __init__(self, rows=()):
        super().__init__()
        self.imports = {}
        for key, persons, import_id in rows:
            self[key] = int(persons)
            self.imports[key] = import_id

    def imports_of(self, keys) -> list[int]:
        """The imports behind the populations of ``keys`` (those loaded)."""
        return [self.imports[key] for key in keys if key in self.imports]


def populations(areas, years) -> Populations:
    """All-persons population by (area code, year) for areas given as pks (one query)."""
    ids, years = [getattr(a, "pk", a) for a in areas], list(years)
    sql = _POPULATIONS.replace("{where}", f"p.area_id IN ({_marks(ids)})")
    rows = _fetch(sql.replace("{years}", _marks(years)), [*ids, *years])
    return Populations(((code, year), persons, pk) for code, year, persons, pk in rows)


def populations_by_code(codes: list[str], year: int) -> Populations:
    """All-persons population by area code for one year (one query)."""
    sql = _POPULATIONS.replace("{where}", f"a.code IN ({_marks(codes)})")
    rows = _fetch(sql.replace("{years}", "%s"), [*codes, year])
    return Populations((code, persons, pk) for code, _, persons, pk in rows)


_CATEGORY_COUNTS = _sql(
    """
    SELECT i.name, p.label, p.kind, o.count, o.value, o.dataset_import_id
    FROM {obs} o JOIN {indicator} i ON i.id = o.indicator_id JOIN {period} p ON p.id = o.period_id
    WHERE o.area_id = %s AND o.dataset_id = %s
    ORDER BY i.name, p.start
    """
)


def category_counts(area, dataset) -> list[tuple]:
    """(indicator name, period label, period kind, count, value, import id) per indicator and
    period for one area in one dataset (one query; a dataset holds one figure per indicator,
    area and period, so nothing needs summing). Up to a thousand rows, left as tuples."""
    return _fetch(_CATEGORY_COUNTS, [area.pk, dataset.pk])


_PLACE_TOTALS = _sql(
    """
    WITH RECURSIVE below(id) AS (
        SELECT id FROM {area} WHERE parent_id = %s
        UNION ALL
        SELECT a.id FROM {area} a JOIN below ON a.parent_id = below.id
    ),
    sums(area_id, total, import_id) AS (
        SELECT o.area_id, SUM(o.count), MAX(o.dataset_import_id)
        FROM {obs} o JOIN {period} p ON p.id = o.period_id
        JOIN {imp} i ON i.id = o.dataset_import_id
        WHERE o.indicator_id = %s AND o.area_id IN (SELECT id FROM below)
            AND p.start >= %s AND p."end" <= %s
            AND CASE WHEN i.format = 'police-uk' THEN 0 ELSE o.dataset_id END = %s
            AND (%s = 0 OR NOT EXISTS (
                SELECT 1 FROM {obs} w JOIN {period} wp ON wp.id = w.period_id
                WHERE w.indicator_id = o.indicator_id AND w.area_id = o.area_id
                    AND w.dataset_id = o.dataset_id AND wp.id <> p.id
                    AND wp.start <= p.start AND wp."end" >= p."end"
                    AND wp.start >= %s AND wp."end" <= %s))
        GROUP BY o.area_id
    )
    SELECT a.code, a.name, a.area_type, parent.name,
        COALESCE(sums.total, CASE WHEN %s = 0 AND EXISTS (
            SELECT 1 FROM {imp} i WHERE i.format = 'police-uk' AND i.status = 'loaded'
            AND EXISTS (
                SELECT 1 FROM {obs} o WHERE o.dataset_import_id = i.id AND o.indicator_id = %s)
            AND EXISTS (
                SELECT 1 FROM {obs} o JOIN {period} p ON p.id = o.period_id
                WHERE o.dataset_import_id = i.id AND p.start >= %s AND p."end" <= %s)
        ) THEN 0 END),
        sums.import_id
    FROM below
    JOIN {area} a ON a.id = below.id
    LEFT JOIN {area} parent ON parent.id = a.parent_id
    LEFT JOIN sums ON sums.area_id = a.id
    WHERE a.area_type IN ('lsoa', 'ward', 'locality')
    """
)
_PLACE_FIELDS = [
    "area__code",
    "area__name",
    "area__area_type",
    "area__parent__name",
    "count",
    "dataset_import_id",
]


def place_totals(
    indicator, start: date, end: date, borough, source: int = POLICE_UK_SOURCE
) -> list[dict]:
    """Count per ward, locality and LSOA under the borough over a span (one query), with the
    newest import behind each; areas without a count are listed too, with None. The counts
    come from one ``source`` (see periods_of): police.uk, or one dataset's other files, never
    added together (a tidy file of ward burglaries would count police.uk's crimes twice).

    police.uk lists every crime, so where a police.uk import of the indicator covers months of
    the span (holds figures for them, of any crime type), an area with no row had none: its
    count is 0. For any other source a missing figure stays missing (None, "no data"), and a
    figure for a period within another of the area's periods in the span (a wide file's months
    beside its year's total) is left out: the wider one counts them already. Done
    here rather than as zero rows written at import: a borough's LSOAs x 14 types x months of
    zeros would multiply what a police.uk import writes."""
    source = source or POLICE_UK_SOURCE
    params = [borough.pk, indicator.pk, start, end, source, source, start, end, source]
    params += [indicator.pk, start, end]
    rows = _fetch(_PLACE_TOTALS, params)
    totals = [dict(zip(_PLACE_FIELDS, row, strict=True)) for row in rows]
    for row in totals:
        row["count"] = None if row["count"] is None else int(row["count"])
    # Most first, no data last (the databases disagree where NULL sorts).
    totals.sort(key=lambda r: (r["count"] is None, -(r["count"] or 0), r["area__name"]))
    return totals


_BOUNDARIES = _sql(
    """
    SELECT a.code, CAST(b.geometry AS TEXT), b.dataset_import_id, d.name FROM {boundary} b
    JOIN {area} a ON a.id = b.area_id
    JOIN {imp} i ON i.id = b.dataset_import_id JOIN {dataset} d ON d.id = i.dataset_id
    WHERE a.code IN ({marks}) ORDER BY b.dataset_import_id
    """
)
Boundary = namedtuple("Boundary", "geometry import_id dataset")


def boundaries(codes: list[str]) -> dict[str, Boundary]:
    """The newest imported outline of each of these areas, as its GeoJSON text (it goes into
    the page as it is), with the import and dataset it came from (one query)."""
    rows = _fetch(_BOUNDARIES.replace("{marks}", _marks(codes)), codes)
    return {code: Boundary(text, pk, dataset) for code, text, pk, dataset in rows}


_SPINE_OWN = _sql(
    """
    SELECT o.indicator_id, i.name, i.polarity, i.unit, o.period_id, p.label, p.start, o.value,
        o.dataset_import_id
    FROM {obs} o JOIN {indicator} i ON i.id = o.indicator_id JOIN {period} p ON p.id = o.period_id
    WHERE o.area_id = %s AND o.value IS NOT NULL AND i.unit <> 'count'
    ORDER BY i.name, p.start DESC, p."end" DESC
    """
)
_SPINE_OWN_FIELDS = [
    "indicator_id",
    "indicator__name",
    "indicator__polarity",
    "indicator__unit",
    "period_id",
    "period__label",
    "period__start",
    "value",
    "dataset_import_id",
]
_SPINE_OTHERS = _sql(
    """
    SELECT o.indicator_id, a.code, a.name, a.area_type, o.value, o.dataset_import_id
    FROM {obs} o JOIN {area} a ON a.id = o.area_id
    WHERE o.value IS NOT NULL AND a.area_type IN (%s, %s, %s, %s) AND ({pairs})
    """
)


def spine_own(borough) -> list[dict]:
    """Every rate or percentage of the borough, newest first per indicator (one query)."""
    rows = _fetch(_SPINE_OWN, [borough.pk])
    return [dict(zip(_SPINE_OWN_FIELDS, row, strict=True)) for row in rows]


def spine_others(borough, pairs: list[tuple[int, int]]) -> list[tuple]:
    """Every value of the (indicator, period) pairs for areas of the borough's type and the
    comparators, as (indicator_id, area code, area name, area type, value, import id): a few
    thousand rows, left as tuples (one query)."""
    if not pairs:
        return []
    where = " OR ".join(["(o.indicator_id = %s AND o.period_id = %s)"] * len(pairs))
    params = [borough.area_type, *COMPARATOR_TYPES, *(v for pair in pairs for v in pair)]
    return _fetch(_SPINE_OTHERS.replace("{pairs}", where), params)


def _labels(labels: list[str]) -> str:
    """A short list in full; a long one by its first and last."""
    if len(labels) <= 6:
        return ", ".join(labels)
    return f"{labels[0]} to {labels[-1]} ({len(labels)} periods)"


def rollback_summary(record: DatasetImport) -> list[str]:
    """What rolling the import back removes, in the analyst's words: the rows it stored and the
    periods, years and areas they cover (the confirmation page reads it before anything goes)."""
    from assessments.models import ImportedArea, PoliceMonth

    mine = {"dataset_import": record}
    figures = Observation.objects.filter(**mine)
    periods = list(
        Period.objects.filter(pk__in=figures.values("period_id")).values_list("label", flat=True)
    )
    months = list(
        Period.objects.filter(
            pk__in=PoliceMonth.objects.filter(**mine).values("period_id")
        ).values_list("label", flat=True)
    )
    years = sorted(set(Population.objects.filter(**mine).values_list("year", flat=True)))
    outlines = AreaBoundary.objects.filter(**mine).count()
    added = list(
        Area.objects.filter(
            pk__in=ImportedArea.objects.filter(**mine).values("area_id")
        ).values_list("name", flat=True)[:7]
    )
    lines = []
    if periods:
        lines.append(
            f"{figures.count()} figures of {record.dataset.name} are removed, for "
            f"{_labels(periods)}."
        )
    if months:
        lines.append(f"The police.uk months {_labels(months)} are released to be loaded again.")
    if years:
        span = str(years[0]) if len(years) == 1 else f"{years[0]} to {years[-1]}"
        people = Population.objects.filter(**mine).count()
        lines.append(f"{people} population rows for {span} are removed: rates using them go.")
    if outlines:
        lines.append(f"{outlines} area outlines are removed from the places map.")
    if added:
        more = ", and more" if len(added) > 6 else ""
        lines.append(f"The areas it added are removed: {', '.join(added[:6])}{more}.")
    if not lines:
        lines.append("It stored nothing that is still held: it is only marked rolled back.")
    lines.append(
        f"The import stays listed as rolled back, with who did it and when; "
        f"{record.filename} can be loaded again."
    )
    return lines


def recent_imports_by(user, limit: int = 5) -> list[DatasetImport]:
    """The user's last imports, newest first, for their home page."""
    return list(
        DatasetImport.objects.filter(imported_by_id=user.pk)
        .select_related("dataset")
        .order_by("-imported_at", "-pk")[:limit]
    )
