"""The partnership's shared reference data: partner organisations and geographic areas."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower


class AgencyGroup(models.TextChoices):
    POLICE = "police", "Police"
    COUNCIL = "council", "Local authority"
    HEALTH = "health", "Health"
    FIRE = "fire", "Fire and rescue"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    EDUCATION = "education", "Education"
    VOLUNTARY = "voluntary", "Voluntary sector"
    MARAC = "marac", "Another MARAC"
    OTHER = "other", "Other"


class Organisation(models.Model):
    """A partner agency. Imports name agencies many ways; aliases map them all to one row."""

    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=60, blank=True)
    group = models.CharField(max_length=20, choices=AgencyGroup.choices)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="organisation_name_unique_ignoring_case"),
        ]

    def __str__(self):
        return self.name


class OrganisationAlias(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "organisation aliases"
        constraints = [
            models.UniqueConstraint(Lower("alias"), name="organisation_alias_unique_ignoring_case"),
        ]

    def __str__(self):
        return f"{self.alias} → {self.organisation}"


class AreaType(models.TextChoices):
    LSOA = "lsoa", "LSOA"
    WARD = "ward", "Ward"
    LOCALITY = "locality", "Locality"
    BOROUGH = "borough", "Local authority"
    COUNTY = "county", "County"
    CITY_REGION = "city_region", "City region"
    FORCE = "force", "Police force area"
    REGION = "region", "Region"
    COUNTRY = "country", "Country"


class Area(models.Model):
    """A place figures are reported for: ONS GSS code where one exists, a local code otherwise."""

    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=200)
    area_type = models.CharField(max_length=20, choices=AreaType.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["area_type", "name"]
        indexes = [models.Index(fields=["area_type", "name"])]

    def __str__(self):
        return f"{self.name} ({self.code})"


class Capability(models.Model):
    """Holds the role-level permissions the navigation and views check; it stores no rows."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_meetings", "Can read published agendas, papers and minutes"),
            ("view_performance", "Can read performance dashboards"),
            ("use_datasets", "Can open the Datasets area"),
            ("administer", "Can use the administration pages"),
        ]

    def __str__(self):
        return "capability"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Waiting for a worker"
    RUNNING = "running", "Running"
    RETRYING = "retrying", "Failed, trying again shortly"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Job(models.Model):
    """Work on the task queue that a person started and may wait for (a pack build, an email).

    The queue's own table (django_tasks_db) records each attempt for operators; this row is what
    the person sees: how far it got and, once every attempt failed, why. ``subject`` names what
    the work is about ("meeting:12"), so a page finds its jobs without knowing the apps' models.
    """

    kind = models.CharField(max_length=60)
    subject = models.CharField(max_length=100)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent done.")
    error = models.TextField(blank=True)
    title = models.CharField(max_length=200, blank=True, help_text="What the person waits for.")
    result_url = models.CharField(max_length=200, blank=True, help_text="Where the result is.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["kind", "subject", "-created_at"])]

    def __str__(self):
        return f"{self.kind} {self.subject}: {self.get_status_display()}"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def progress_step(self) -> int:
        """The progress rounded down to a step of 10, for the bar's CSS class."""
        return self.progress // 10 * 10
