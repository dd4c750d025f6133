"""The strategic assessment's data: indicators, periods, observations and where they came from.

Areas are the shared `sscp.Area` tree (LSOA → ward → locality → borough → region → country).
Every observation and population row belongs to the import that brought it, so an import can
be rolled back as a unit.
"""

from django.conf import settings
from django.db import models

from sscp.models import Area


class ComparatorSet(models.Model):
    """Areas a place is compared with (the six LCR authorities, a "most similar" family)."""

    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    areas = models.ManyToManyField(Area, related_name="comparator_sets")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Unit(models.TextChoices):
    COUNT = "count", "Count"
    PER_1000 = "per_1000", "Rate per 1,000"
    PER_10000 = "per_10000", "Rate per 10,000"
    PER_100000 = "per_100000", "Rate per 100,000"
    PERCENTAGE = "percentage", "Percentage"
    OTHER = "other", "Other"


class Polarity(models.TextChoices):
    # Values match assessments.figures.Polarity so they pass straight to spine_scale.
    HIGHER_IS_WORSE = "higher-is-worse", "Higher is worse"
    HIGHER_IS_BETTER = "higher-is-better", "Higher is better"
    NEITHER = "neither", "Neither"


class Indicator(models.Model):
    """What is measured. Files name indicators; ``name`` is how an import finds one again."""

    code = models.CharField(max_length=60, unique=True)
    name = models.CharField(max_length=255, unique=True)
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.COUNT)
    polarity = models.CharField(max_length=20, choices=Polarity.choices, default=Polarity.NEITHER)
    source = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Period(models.Model):
    """A reporting period by its canonical label (see assessments.periods.parse_period)."""

    label = models.CharField(max_length=40, unique=True)
    start = models.DateField()
    end = models.DateField()
    kind = models.CharField(max_length=30)

    class Meta:
        ordering = ["start", "end", "label"]
        indexes = [models.Index(fields=["start", "end"])]

    def __str__(self):
        return self.label


class Dataset(models.Model):
    """A named collection of imports ("police.uk street crime", "Table 1")."""

    name = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ImportStatus(models.TextChoices):
    LOADED = "loaded", "Loaded"
    ROLLED_BACK = "rolled_back", "Rolled back"


class DatasetImport(models.Model):
    """One file loaded into a dataset: provenance for every row it brought."""

    dataset = models.ForeignKey(Dataset, on_delete=models.PROTECT, related_name="imports")
    format = models.CharField(max_length=20)
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    rows_read = models.PositiveIntegerField(default=0)
    rows_accepted = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    rows_outside = models.PositiveIntegerField(default=0)
    rows_no_location = models.PositiveIntegerField(default=0)
    observations_stored = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=ImportStatus.choices, default="loaded")
    rolled_back_at = models.DateTimeField(null=True, blank=True)
    rolled_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-imported_at", "-pk"]

    def __str__(self):
        return f"{self.filename} into {self.dataset} ({self.imported_at:%d %b %Y %H:%M})"

    @property
    def rolled_back(self) -> bool:
        return self.status == ImportStatus.ROLLED_BACK


class Observation(models.Model):
    """Indicator × area × period. Missing (suppressed) is a null value, never zero."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="+")
    dataset_import = models.ForeignKey(
        DatasetImport, on_delete=models.CASCADE, related_name="observations"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    value = models.FloatField(null=True, blank=True)
    count = models.BigIntegerField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    lower_ci = models.FloatField(null=True, blank=True)
    upper_ci = models.FloatField(null=True, blank=True)
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        indexes = [models.Index(fields=["indicator", "area", "period"], name="obs_ind_area_period")]
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "indicator", "area", "period"], name="obs_unique_per_dataset"
            )
        ]

    def __str__(self):
        return f"{self.indicator_id} × {self.area_id} × {self.period_id} = {self.value}"


class PoliceMonth(models.Model):
    """A police.uk month claimed by the import that loaded it, for each top area of its rows
    (the borough): the database keeps "a police.uk month is loaded once", even when two
    imports of one month pass the importer's check at the same moment. Rolling the import
    back releases the month."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    dataset_import = models.ForeignKey(
        DatasetImport, on_delete=models.CASCADE, related_name="police_months"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["period", "area"], name="police_month_loaded_once")
        ]

    def __str__(self):
        return f"police.uk {self.period_id} in {self.area_id} (import {self.dataset_import_id})"


class Population(models.Model):
    """Residents by area and year (and sex / age band when given), for rates."""

    dataset_import = models.ForeignKey(
        DatasetImport, on_delete=models.CASCADE, related_name="populations"
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    persons = models.BigIntegerField()
    sex = models.CharField(max_length=20, blank=True)
    age_band = models.CharField(max_length=40, blank=True)

    class Meta:
        indexes = [models.Index(fields=["area", "year"])]

    def __str__(self):
        return f"{self.area_id} {self.year}: {self.persons}"


class AreaBoundary(models.Model):
    """An area's outline (GeoJSON Polygon or MultiPolygon, longitude/latitude) for the places
    map. The newest loaded import's outline of an area is the one drawn."""

    dataset_import = models.ForeignKey(
        DatasetImport, on_delete=models.CASCADE, related_name="boundaries"
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    geometry = models.JSONField()

    def __str__(self):
        return f"boundary of {self.area_id} (import {self.dataset_import_id})"


class ImportedArea(models.Model):
    """An area an import created (area lookups, Fingertips), removed when it is rolled back."""

    dataset_import = models.ForeignKey(
        DatasetImport, on_delete=models.CASCADE, related_name="created_areas"
    )
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return f"import {self.dataset_import_id} added area {self.area_id}"


class RecommendationKind(models.TextChoices):
    RECOMMENDATION = "recommendation", "Recommendation"
    CONSIDERATION = "consideration", "Consideration"
    INFORMATION_GAP = "information_gap", "Information gap"


class RecommendationStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"
    CLOSED = "closed", "Closed"


class Recommendation(models.Model):
    """What the assessment asks of the partnership (R1…), considers (C1…) or lacks (I1…)."""

    code = models.CharField(max_length=10, unique=True)
    kind = models.CharField(max_length=20, choices=RecommendationKind.choices)
    text = models.TextField()
    priority_area = models.CharField(max_length=120, blank=True)
    owner = models.CharField(max_length=120, blank=True)
    status = models.CharField(
        max_length=20, choices=RecommendationStatus.choices, default="not_started"
    )
    progress_notes = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["order", "code"]
        permissions = [("edit_recommendation_progress", "Can record progress on recommendations")]

    def __str__(self):
        return f"{self.code}: {self.text[:60]}"


class PartnershipPriority(models.Model):
    """A priority of the partnership plan, with what it is funded to achieve and how measured."""

    priority = models.CharField(max_length=120, unique=True)
    plan = models.CharField(max_length=60, default="2019/20")
    budget = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    activity = models.TextField(blank=True)
    expected_outcomes = models.TextField(blank=True)
    performance_measures = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "priority"]
        verbose_name_plural = "partnership priorities"

    def __str__(self):
        return self.priority


class Capability(models.Model):
    """Holds the app's role-level permissions; it stores no rows."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_assessment", "Can read strategic-assessment dashboards"),
            ("import_dataset", "Can import and roll back strategic-assessment datasets"),
        ]

    def __str__(self):
        return "capability"
