"""Loading analysts' files into the database, all or nothing, and rolling a load back.

The readers (assessments.readers) turn a file into a normalised frame and name every bad row;
this module maps that frame onto indicators, areas and periods and writes it in bulk inside one
transaction (COPY on PostgreSQL, batched bulk_create elsewhere). A file is known by its SHA-256:
loading the same file twice is refused unless the caller asks to replace the earlier load.
"""

import hashlib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.text import slugify

from assessments import readers
from assessments.boundaries import read_boundaries
from assessments.models import (
    AreaBoundary,
    Dataset,
    DatasetImport,
    ImportedArea,
    ImportStatus,
    Indicator,
    Observation,
    Period,
    PoliceMonth,
    Population,
    Unit,
)
from assessments.periods import PeriodError, parse_period
from assessments.readers import RowError
from assessments.tables import Input, OverLimit
from sscp.models import Area, AreaType

BATCH_SIZE = 5000
MAX_ERRORS_STORED = 1000
AREA_TYPE_ORDER = [
    "country",
    "region",
    "city_region",
    "force",
    "borough",
    "locality",
    "ward",
    "lsoa",
]
# Police counts roll up the area tree only as far as the borough: above it a force's file
# would be a partial count of a region.
POLICE_LEVELS = [AreaType.LSOA, AreaType.WARD, AreaType.LOCALITY, AreaType.BOROUGH]
FINGERTIPS_AREA_TYPES = {
    "england": AreaType.COUNTRY,
    "region": AreaType.REGION,
    "regions": AreaType.REGION,
    "region (statistical)": AreaType.REGION,
    "county & ua": AreaType.BOROUGH,
    "counties & uas": AreaType.BOROUGH,
    "district & ua": AreaType.BOROUGH,
    "districts & uas": AreaType.BOROUGH,
    "upper tier local authorities (4/23)": AreaType.BOROUGH,
    "lower tier local authorities (4/23)": AreaType.BOROUGH,
    "combined authorities": AreaType.CITY_REGION,
    "ward": AreaType.WARD,
    "lsoa": AreaType.LSOA,
}


@dataclass
class ImportReport:
    """What happened to one file: stored (``dataset_import`` set) or refused with its errors."""

    format: str
    filename: str
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows_read: int = 0
    rows_accepted: int = 0
    rows_rejected: int = 0
    rows_outside: int = 0
    rows_no_location: int = 0
    observations_stored: int = 0
    dataset_import: DatasetImport | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_text(self) -> str:
        lines = [
            f"{self.filename} ({self.format}): "
            + ("loaded" if self.ok else f"refused, {len(self.errors)} problem(s); nothing stored"),
            f"rows read {self.rows_read}, accepted {self.rows_accepted}, "
            f"rejected {self.rows_rejected}, outside the areas {self.rows_outside}, "
            f"no location {self.rows_no_location}",
        ]
        lines += [f"note: {note}" for note in self.notes]
        lines += [str(error) for error in self.errors]
        return "\n".join(lines)

    def as_json(self) -> dict:
        return {
            "errors": [_error_dict(e) for e in self.errors[:MAX_ERRORS_STORED]],
            "error_count": len(self.errors),
            "notes": self.notes,
        }


class _Refused(Exception):
    """Raised inside the transaction so that nothing a refused import did is kept."""


def _error_dict(error: RowError) -> dict:
    return {
        "line": error.line,
        "column": error.column,
        "value": error.value,
        "reason": error.reason,
    }


def file_sha256(file) -> str:
    digest = hashlib.sha256()
    if isinstance(file, bytes | bytearray):
        digest.update(file)
    elif isinstance(file, str | os.PathLike):
        with open(file, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    else:
        file.seek(0)
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
        file.seek(0)
    return digest.hexdigest()


def _filename(file, filename: str | None) -> str:
    if filename:
        return filename
    if isinstance(file, str | os.PathLike):
        return Path(file).name
    return Path(getattr(file, "name", "") or "upload").name


def dataset_import(
    format: str | None,
    file,
    *,
    dataset_name: str,
    user=None,
    replace: bool = False,
    filename: str | None = None,
    options: dict | None = None,
    progress=None,
) -> ImportReport:
    """Load ``file`` (bytes, a path or an uploaded file) in ``format`` (None: detect it) into
    the dataset ``dataset_name``. Returns the report; nothing is stored unless it is ok.
    ``progress`` (a function of the per cent done) is told as each stage ends, for a queued
    import's progress bar."""
    name = _filename(file, filename)
    if format in (None, "", "auto"):
        try:
            format = readers.detect_format(file)
        except OverLimit as problem:
            return ImportReport("unknown", name, [problem.error])
        if format is None:
            return ImportReport(
                "unknown",
                name,
                [RowError(None, None, None, "the file's format could not be recognised")],
            )
    if format not in readers.FORMATS:
        raise ValueError(f"unknown format {format!r}: expected one of {', '.join(readers.FORMATS)}")
    sha = file_sha256(file)
    report = ImportReport(format, name)
    progress = progress or (lambda percent: None)
    progress(10)
    try:
        with transaction.atomic():
            _import(format, file, sha, dataset_name, user, replace, options or {}, report, progress)
            if report.errors:
                raise _Refused
    except _Refused:
        report.dataset_import = None
        report.observations_stored = 0
    return report


def _loaded_before(sha, replace, user, report) -> bool:
    """Refuse a file already loaded (same SHA-256), or roll that load back to replace it."""
    earlier = DatasetImport.objects.filter(sha256=sha, status=ImportStatus.LOADED)
    for previous in earlier:
        if not replace:
            report.errors.append(
                RowError(
                    None,
                    None,
                    None,
                    f"this file (SHA-256 {sha[:12]}…) was already loaded as import "
                    f"#{previous.pk} into {previous.dataset.name!r} on "
                    f"{timezone.localtime(previous.imported_at):%d %B %Y %H:%M}; "
                    "choose replace to load it again",
                )
            )
            return True
        dataset_import_rollback(previous, user=user)
    return False


def _import(format, file, sha, dataset_name, user, replace, options, report, progress) -> None:
    if _loaded_before(sha, replace, user, report):
        return
    result = _read(format, file, options)
    progress(50)
    _copy_counters(result, report)
    if not result.ok:
        report.errors.extend(result.errors)
        return

    dataset, _ = Dataset.objects.get_or_create(name=dataset_name)
    record = DatasetImport.objects.create(
        dataset=dataset,
        format=format,
        filename=report.filename[:255],
        sha256=sha,
        imported_by=user if user is not None and user.is_authenticated else None,
        rows_read=report.rows_read,
        rows_accepted=report.rows_accepted,
        rows_rejected=0,
        rows_outside=report.rows_outside,
        rows_no_location=report.rows_no_location,
    )
    if format == readers.AREA_LOOKUP:
        _store_areas(record, result.frame, report)
    elif format == readers.POPULATION:
        _store_population(record, result.frame, report)
    else:
        if format == readers.FINGERTIPS:
            _create_fingertips_areas(record, result.frame, report)
        _store_observations(record, _observation_frame(format, result), report)
    progress(90)
    if report.errors:
        return
    if result.force_totals is not None and len(result.force_totals):
        report.notes.append(
            f"{int(result.force_totals['count'].sum())} rows counted for the force as a whole"
        )
    record.observations_stored = report.observations_stored
    record.report = report.as_json()
    if result.force_totals is not None:
        record.report["force_totals"] = readers.frame_records(result.force_totals)
    record.save(update_fields=["observations_stored", "report"])
    report.dataset_import = record


def _copy_counters(result, report: ImportReport) -> None:
    report.rows_read = result.rows_read
    report.rows_accepted = result.rows_accepted
    report.rows_rejected = result.rows_rejected
    report.rows_outside = result.rows_outside_lookup
    report.rows_no_location = result.rows_no_location
    report.notes.extend(result.notes)
    if result.rows_outside_lookup:
        report.notes.append(
            f"{result.rows_outside_lookup} rows fall in LSOAs outside the partnership's areas: "
            "counted, not stored"
        )
    if result.rows_no_location:
        report.notes.append(
            f"{result.rows_no_location} rows have no location: counted for the force only"
        )


def _read(format: str, file, options: dict):
    source = file
    if hasattr(file, "temporary_file_path"):
        source = file
    elif hasattr(file, "read") and not isinstance(file, str | os.PathLike):
        file.seek(0)
        source = file.read()
    options = dict(options)
    if format == readers.POLICE_UK:
        lookup = police_lookup()
        if lookup is None:
            return readers.ReadResult(
                format,
                pd.DataFrame(),
                [
                    RowError(
                        None,
                        None,
                        None,
                        "no LSOAs are known yet: import an area lookup (LSOA → ward → borough) "
                        "before police.uk files",
                    )
                ],
            )
        options["lookup"] = lookup
    elif format in (readers.TIDY, readers.WIDE, readers.POPULATION):
        options.setdefault("known_codes", set(Area.objects.values_list("code", flat=True)))
    return readers.read_file(source, format, **options)


def police_lookup():
    """The stored area tree from LSOA up to borough, as the police.uk reader's lookup."""
    rows = list(
        Area.objects.filter(area_type__in=POLICE_LEVELS).values_list(
            "code", "name", "area_type", "parent__code"
        )
    )
    if not any(area_type == AreaType.LSOA for _, _, area_type, _ in rows):
        return None
    frame = pd.DataFrame(
        [
            (code, name, area_type, "" if area_type == AreaType.BOROUGH else (parent or ""))
            for code, name, area_type, parent in rows
        ],
        columns=list(readers.AREA_COLUMNS),
    )
    return readers.AreaLookup(frame)


# ---------------------------------------------------------------------------------------------
# Observations


def _observation_frame(format: str, result) -> pd.DataFrame:
    frame = result.frame
    if format == readers.FINGERTIPS and len(frame):
        # Sex and age variants of one indicator are separate indicators here.
        variants = frame.groupby("indicator_id")[["sex", "age"]].nunique().max(axis=1)
        split = frame["indicator_id"].map(variants) > 1
        suffix = " (" + frame["sex"] + ", " + frame["age"] + ")"
        frame = frame.assign(
            indicator=frame["indicator"].where(~split, frame["indicator"] + suffix)
        )
    return frame


def indicator_unit(name: str) -> str:
    """A first guess from the name; analysts correct it in the admin."""
    lowered = name.lower()
    for marker, unit in (
        ("per 100,000", Unit.PER_100000),
        ("per 10,000", Unit.PER_10000),
        ("per 1,000", Unit.PER_1000),
        ("(%)", Unit.PERCENTAGE),
        ("percentage", Unit.PERCENTAGE),
        ("rate", Unit.OTHER),
        ("score", Unit.OTHER),
        ("rank", Unit.OTHER),
    ):
        if marker in lowered:
            return unit
    return Unit.COUNT


def indicators_ensure(names, *, source: str, codes: dict | None = None) -> dict[str, int]:
    """name -> id, creating the indicators not seen before. Another import creating the same
    indicator (or code) at the same moment is no error: its row is used, or a code is found
    again (ignore_conflicts waits for the other to commit on PostgreSQL)."""
    names = sorted(set(names))
    known = dict(Indicator.objects.filter(name__in=names).values_list("name", "id"))
    for _ in range(3):
        missing = [name for name in names if name not in known]
        if not missing:
            break
        taken = set(Indicator.objects.values_list("code", flat=True))
        new = []
        for name in missing:
            base = ((codes or {}).get(name) or slugify(name)[:50] or "indicator")[:50]
            code, n = base, 1
            while code in taken:
                n += 1
                code = f"{base}-{n}"
            taken.add(code)
            new.append(Indicator(code=code, name=name, unit=indicator_unit(name), source=source))
        Indicator.objects.bulk_create(new, ignore_conflicts=True)
        known.update(Indicator.objects.filter(name__in=missing).values_list("name", "id"))
    return known


def periods_ensure(labels) -> dict[str, int]:
    """label -> id, creating the periods not seen before; one another import creates at the
    same moment is used, not an IntegrityError."""
    labels = sorted(set(labels))
    known = dict(Period.objects.filter(label__in=labels).values_list("label", "id"))
    new = []
    for label in labels:
        if label not in known:
            period = parse_period(label)
            new.append(
                Period(label=period.label, start=period.start, end=period.end, kind=period.kind)
            )
    Period.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        known.update(Period.objects.filter(label__in=labels).values_list("label", "id"))
    return known


def _store_observations(record: DatasetImport, frame: pd.DataFrame, report: ImportReport):
    if not len(frame):
        return
    source = {
        readers.POLICE_UK: "police.uk street-level crime",
        readers.FINGERTIPS: "Fingertips (OHID)",
    }.get(record.format, record.filename)
    codes = None
    if "indicator_id" in frame:
        codes = {
            name: f"fingertips-{iid}"
            for name, iid in zip(frame["indicator"], frame["indicator_id"], strict=True)
        }
    indicator_ids = indicators_ensure(frame["indicator"].unique(), source=source, codes=codes)
    try:
        period_ids = periods_ensure(frame["period"].unique())
    except PeriodError as exc:  # readers give canonical labels; this guards a new reader
        report.errors.append(RowError(None, "period", None, str(exc)))
        return
    area_codes = frame["area_code"].unique().tolist()
    area_ids = dict(Area.objects.filter(code__in=area_codes).values_list("code", "id"))
    missing = [code for code in area_codes if code not in area_ids]
    if missing:
        for code in missing[:50]:
            report.errors.append(RowError(None, "area_code", code, "unknown area code"))
        return
    rows = pd.DataFrame(
        {
            "dataset_id": record.dataset_id,
            "dataset_import_id": record.pk,
            "indicator_id": frame["indicator"].map(indicator_ids).to_numpy(np.int64),
            "area_id": frame["area_code"].map(area_ids).to_numpy(np.int64),
            "period_id": frame["period"].map(period_ids).to_numpy(np.int64),
            "value": frame["value"].astype(float),
            "count": frame["count"].astype(float).round().astype("Int64"),
            "denominator": frame["denominator"].astype(float),
            "lower_ci": frame["lower_ci"].astype(float),
            "upper_ci": frame["upper_ci"].astype(float),
            "note": frame["note"].fillna("").astype(str).str.slice(0, 255),
        }
    )
    clash = (
        Observation.objects.filter(
            dataset_id=record.dataset_id,
            indicator_id__in=rows["indicator_id"].unique().tolist(),
            period_id__in=rows["period_id"].unique().tolist(),
            area_id__in=rows["area_id"].unique().tolist(),
        )
        .exclude(dataset_import=record)
        .select_related("indicator", "area", "period", "dataset_import")
        .first()
    )
    if clash is not None:
        key = set(zip(rows["indicator_id"], rows["area_id"], rows["period_id"], strict=True))
        if (clash.indicator_id, clash.area_id, clash.period_id) in key:
            report.errors.append(
                RowError(
                    None,
                    None,
                    f"{clash.indicator.name} | {clash.area.code} | {clash.period.label}",
                    f"the dataset {record.dataset.name!r} already holds this figure from import "
                    f"#{clash.dataset_import_id} ({clash.dataset_import.filename}): roll that "
                    "import back or load into another dataset",
                )
            )
            return
        _check_overlap_exactly(record, rows, report)
        if report.errors:
            return
    if record.format == readers.POLICE_UK:
        _check_police_months_once(record, rows, report)
        if not report.errors:
            _claim_police_months(record, rows, report)
        if report.errors:
            return
    observations_write(rows)
    report.observations_stored = len(rows)


def _check_police_months_once(record, rows: pd.DataFrame, report: ImportReport) -> None:
    """A police.uk month is loaded once across datasets: the places view adds up every
    police.uk import's counts, so the same month in two datasets would count each crime twice.
    Other months, or other areas (another force's file), are fine."""
    existing = pd.DataFrame(
        Observation.objects.filter(
            dataset_import__format=readers.POLICE_UK,
            dataset_import__status=ImportStatus.LOADED,
            indicator_id__in=rows["indicator_id"].unique().tolist(),
            period_id__in=rows["period_id"].unique().tolist(),
            area_id__in=rows["area_id"].unique().tolist(),
        )
        .exclude(dataset_import=record)
        .values_list(
            "indicator_id",
            "area_id",
            "period_id",
            "period__label",
            "dataset_import_id",
            "dataset_import__filename",
            "dataset__name",
        ),
        columns=["indicator_id", "area_id", "period_id", "month", "import", "filename", "dataset"],
    )
    both = rows[["indicator_id", "area_id", "period_id"]].merge(
        existing, on=["indicator_id", "area_id", "period_id"]
    )
    for (month, pk, filename, dataset), _ in both.groupby(
        ["month", "import", "filename", "dataset"], sort=True
    ):
        report.errors.append(
            RowError(
                None,
                None,
                None,
                f"{month} is already loaded from police.uk by import #{pk} ({filename}) in the "
                f"dataset {dataset!r}: the places view adds up every police.uk import, so a "
                "month is loaded once; roll that import back first",
            )
        )


def _claim_police_months(record, rows: pd.DataFrame, report: ImportReport) -> None:
    """Claim each month for the top areas of the rows (the borough) in `PoliceMonth`, whose
    unique constraint refuses a second import of a month that passed the check above at the
    same moment as another (on PostgreSQL the insert waits for the other to commit)."""
    pairs = set(zip(rows["period_id"].tolist(), rows["area_id"].tolist(), strict=True))
    areas = {area for _, area in pairs}
    parents = dict(Area.objects.filter(pk__in=areas).values_list("pk", "parent_id"))
    claims = [
        PoliceMonth(period_id=period, area_id=area, dataset_import=record)
        for period, area in sorted(pairs)
        if parents.get(area) not in areas
    ]
    try:
        with transaction.atomic():
            PoliceMonth.objects.bulk_create(claims)
    except IntegrityError:
        _refuse_claimed_months(record, claims, report)


def _refuse_claimed_months(record, claims, report: ImportReport) -> None:
    wanted = {(c.period_id, c.area_id) for c in claims}
    held = (
        PoliceMonth.objects.filter(
            period_id__in={p for p, _ in wanted}, area_id__in={a for _, a in wanted}
        )
        .exclude(dataset_import=record)
        .values_list(
            "period_id",
            "area_id",
            "period__label",
            "dataset_import_id",
            "dataset_import__filename",
            "dataset_import__dataset__name",
        )
    )
    holders = sorted({row[2:] for row in held if row[:2] in wanted})
    for month, pk, filename, dataset in holders:
        report.errors.append(
            RowError(
                None,
                None,
                None,
                f"{month} is already loaded from police.uk by import #{pk} ({filename}) in the "
                f"dataset {dataset!r}: the places view adds up every police.uk import, so a "
                "month is loaded once; roll that import back first",
            )
        )
    if not report.errors:
        report.errors.append(
            RowError(
                None,
                None,
                None,
                "another import of these police.uk months was loading at the same moment: "
                "look at the list of imports, then try again if it is not there",
            )
        )


def _check_overlap_exactly(record, rows: pd.DataFrame, report: ImportReport) -> None:
    existing = pd.DataFrame(
        Observation.objects.filter(
            dataset_id=record.dataset_id,
            indicator_id__in=rows["indicator_id"].unique().tolist(),
            period_id__in=rows["period_id"].unique().tolist(),
        ).values_list("indicator_id", "area_id", "period_id", "dataset_import_id"),
        columns=["indicator_id", "area_id", "period_id", "dataset_import_id"],
    )
    both = rows.merge(existing, on=["indicator_id", "area_id", "period_id"])
    if len(both):
        first = both.iloc[0]
        report.errors.append(
            RowError(
                None,
                None,
                None,
                f"{len(both)} figures are already in the dataset {record.dataset.name!r} "
                f"(import #{int(first['dataset_import_id'])}): roll that import back or load "
                "into another dataset",
            )
        )


OBSERVATION_COLUMNS = [
    "dataset_id",
    "dataset_import_id",
    "indicator_id",
    "area_id",
    "period_id",
    "value",
    "count",
    "denominator",
    "lower_ci",
    "upper_ci",
    "note",
]


def observations_write(rows: pd.DataFrame) -> None:
    """Insert prepared rows (`OBSERVATION_COLUMNS`): COPY on PostgreSQL, bulk_create else."""
    rows = rows[OBSERVATION_COLUMNS].astype(
        {
            "dataset_id": "int64",
            "dataset_import_id": "int64",
            "indicator_id": "int64",
            "area_id": "int64",
            "period_id": "int64",
            "count": "Int64",
        }
    )
    if connection.vendor == "postgresql":
        buffer = io.StringIO()
        rows.to_csv(buffer, index=False, header=False, na_rep="")
        buffer.seek(0)
        table = Observation._meta.db_table
        columns = ", ".join(f'"{c}"' for c in OBSERVATION_COLUMNS)
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(
                f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL (note))",
                buffer,
            )
        return
    records = rows.astype(object).where(rows.notna(), None)
    Observation.objects.bulk_create(
        (Observation(**record) for record in records.to_dict("records")), batch_size=BATCH_SIZE
    )


# ---------------------------------------------------------------------------------------------
# Areas and populations


def _store_areas(record: DatasetImport, frame: pd.DataFrame, report: ImportReport) -> None:
    existing = {
        code: (pk, area_type, parent)
        for pk, code, area_type, parent in Area.objects.filter(
            code__in=list(frame["code"]) + list(frame["parent_code"])
        ).values_list("pk", "code", "area_type", "parent__code")
    }
    ids = {code: pk for code, (pk, _, _) in existing.items()}
    tree, tree_types = _stored_tree(
        existing, dict(zip(frame["code"], frame["parent_code"], strict=True))
    )
    rank = {t: i for i, t in enumerate(AREA_TYPE_ORDER)}
    created, kept = [], 0
    levels = sorted(frame["area_type"].unique(), key=lambda t: rank.get(t, 99))
    for level in levels:
        new = []
        for code, name, area_type, parent in frame.loc[
            frame["area_type"] == level, list(readers.AREA_COLUMNS)
        ].itertuples(index=False):
            if code in existing:
                _, known_type, known_parent = existing[code]
                if known_type != area_type:
                    report.errors.append(
                        RowError(None, "code", code, f"already stored as a {known_type}")
                    )
                elif parent and known_parent and known_parent != parent:
                    above = _ancestors(tree, known_parent)
                    if parent in above:  # e.g. the ward's locality is in that borough
                        kept += 1
                        continue
                    boroughs = [a for a in above if tree_types.get(a) == AreaType.BOROUGH]
                    top = above.index(boroughs[0]) + 1 if boroughs else len(above)
                    where = "".join(f" in {code}" for code in above[:top])
                    report.errors.append(
                        RowError(
                            None,
                            "code",
                            code,
                            f"stored under {known_parent}{where}, here under {parent}",
                        )
                    )
                continue
            new.append(
                Area(code=code, name=name or code, area_type=area_type, parent_id=ids.get(parent))
            )
        Area.objects.bulk_create(new, batch_size=BATCH_SIZE)
        ids.update(Area.objects.filter(code__in=[a.code for a in new]).values_list("code", "pk"))
        created.extend(ids[a.code] for a in new)
    ImportedArea.objects.bulk_create(
        [ImportedArea(dataset_import=record, area_id=pk) for pk in created], batch_size=BATCH_SIZE
    )
    report.notes.append(f"{len(created)} new areas; {len(frame) - len(created)} already known")
    if kept:
        report.notes.append(
            f"{kept} areas stay under the locality they are stored in: the file puts them "
            "straight under that locality's borough, which agrees"
        )


def _stored_tree(existing: dict, file_parents: dict) -> tuple[dict, dict]:
    """The stored parent (and type) of each area above the stored parents that differ from
    the file's, up to the top, so a ward kept under a locality is found in the file's borough."""
    tree: dict[str, str | None] = {}
    types: dict[str, str] = {}
    frontier = {
        known
        for code, (_, _, known) in existing.items()
        if known and file_parents.get(code) and file_parents[code] != known
    }
    while frontier:
        rows = Area.objects.filter(code__in=frontier).values_list(
            "code", "parent__code", "area_type"
        )
        for code, parent, area_type in rows:
            tree[code], types[code] = parent, area_type
        frontier = {parent for _, parent, _ in rows if parent and parent not in tree}
    return tree, types


def _ancestors(tree: dict, code: str) -> list[str]:
    """The stored areas above ``code``, nearest first."""
    above: list[str] = []
    while (code := tree.get(code)) and code not in above:
        above.append(code)
    return above


def _create_fingertips_areas(record, frame: pd.DataFrame, report: ImportReport) -> None:
    """Fingertips lists every area of a type (for the spine chart): add those not yet known."""
    if not len(frame):
        return
    areas = frame.drop_duplicates("area_code")[["area_code", "area_name", "area_type"]]
    known = set(
        Area.objects.filter(code__in=list(areas["area_code"])).values_list("code", flat=True)
    )
    new = []
    for code, name, area_type in areas.itertuples(index=False):
        if code in known:
            continue
        mapped = FINGERTIPS_AREA_TYPES.get(str(area_type).strip().lower())
        if mapped is None:
            report.errors.append(
                RowError(None, "Area Type", str(area_type), f"unknown area type for {code}")
            )
            continue
        new.append(Area(code=code, name=name or code, area_type=mapped))
    if report.errors:
        return
    Area.objects.bulk_create(new, batch_size=BATCH_SIZE)
    created = Area.objects.filter(code__in=[a.code for a in new]).values_list("pk", flat=True)
    ImportedArea.objects.bulk_create(
        [ImportedArea(dataset_import=record, area_id=pk) for pk in created]
    )
    if new:
        report.notes.append(f"{len(new)} areas added from the file")


def _store_population(record: DatasetImport, frame: pd.DataFrame, report: ImportReport) -> None:
    codes = frame["area_code"].unique().tolist()
    area_ids = dict(Area.objects.filter(code__in=codes).values_list("code", "id"))
    existing = set(
        Population.objects.filter(area_id__in=area_ids.values()).values_list(
            "area__code", "year", "sex", "age_band"
        )
    )
    rows = []
    for code, year, persons, sex, age_band in frame[
        ["area_code", "year", "population", "sex", "age_band"]
    ].itertuples(index=False):
        key = (code, int(year), sex or "", age_band or "")
        if key in existing:
            report.errors.append(
                RowError(None, "area_code", code, f"a population for {year} is already stored")
            )
            continue
        rows.append(
            Population(
                dataset_import=record,
                area_id=area_ids[code],
                year=int(year),
                persons=round(persons),
                sex=sex or "",
                age_band=age_band or "",
            )
        )
    if not report.errors:
        Population.objects.bulk_create(rows, batch_size=BATCH_SIZE)


# ---------------------------------------------------------------------------------------------
# Boundaries

BOUNDARIES = "boundaries"


def boundaries_import(
    file,
    *,
    dataset_name: str,
    user=None,
    replace: bool = False,
    filename: str | None = None,
    code_property: str | None = None,
) -> ImportReport:
    """Load area outlines from a GeoJSON file (bytes, a path or an uploaded file), all or
    nothing: at most SSCP_MAX_UPLOAD_MB, a FeatureCollection of Polygon or MultiPolygon
    features whose codes (``code_property``, or the property holding known codes) are all
    known areas. An area's newest outline replaces the one drawn until it is rolled back."""
    report = ImportReport(BOUNDARIES, _filename(file, filename))
    data = Input.of(file).content()
    limit = settings.SSCP_MAX_UPLOAD_MB
    if len(data) > limit * 1024 * 1024:
        report.errors.append(RowError(None, None, None, f"the file is larger than {limit} MB"))
        return report
    sha = hashlib.sha256(data).hexdigest()
    try:
        with transaction.atomic():
            if _loaded_before(sha, replace, user, report):
                raise _Refused
            areas = dict(Area.objects.values_list("code", "pk"))
            result = read_boundaries(data, areas.keys(), code_property or None)
            report.rows_read = result.features
            report.errors.extend(result.errors)
            if report.errors:
                raise _Refused
            report.rows_accepted = len(result.boundaries)
            record = DatasetImport.objects.create(
                dataset=Dataset.objects.get_or_create(name=dataset_name)[0],
                format=BOUNDARIES,
                filename=report.filename[:255],
                sha256=sha,
                imported_by=user if user is not None and user.is_authenticated else None,
                rows_read=report.rows_read,
                rows_accepted=report.rows_accepted,
            )
            AreaBoundary.objects.bulk_create(
                [
                    AreaBoundary(dataset_import=record, area_id=areas[code], geometry=geometry)
                    for code, geometry in result.boundaries.items()
                ],
                batch_size=BATCH_SIZE,
            )
            report.notes.append(
                f"{len(result.boundaries)} area boundaries stored (codes in property "
                f"{result.code_property!r})"
            )
            record.report = report.as_json()
            record.save(update_fields=["report"])
            report.dataset_import = record
    except _Refused:
        report.dataset_import = None
    return report


# ---------------------------------------------------------------------------------------------
# Rollback


class RollbackRefused(Exception):
    pass


@transaction.atomic
def dataset_import_rollback(record: DatasetImport, *, user=None) -> None:
    """Remove everything the import stored; the import stays listed as rolled back."""
    if record.status == ImportStatus.ROLLED_BACK:
        return
    Observation.objects.filter(dataset_import=record).delete()
    PoliceMonth.objects.filter(dataset_import=record).delete()
    Population.objects.filter(dataset_import=record).delete()
    AreaBoundary.objects.filter(dataset_import=record).delete()
    created = list(
        Area.objects.filter(
            pk__in=ImportedArea.objects.filter(dataset_import=record).values("area_id")
        ).values_list("pk", "area_type")
    )
    rank = {t: i for i, t in enumerate(AREA_TYPE_ORDER)}
    try:
        for level in sorted({t for _, t in created}, key=lambda t: -rank.get(t, 99)):
            Area.objects.filter(pk__in=[pk for pk, t in created if t == level]).delete()
    except ProtectedError as exc:
        raise RollbackRefused(
            "areas this import added are used by later imports: roll those back first"
        ) from exc
    record.status = ImportStatus.ROLLED_BACK
    record.rolled_back_at = timezone.now()
    record.rolled_back_by = user if user is not None and user.is_authenticated else None
    record.save(update_fields=["status", "rolled_back_at", "rolled_back_by"])
