"""MARAC case records (pseudonymous only), their reference lists and the report's own data.

Victims and persons causing harm are opaque references chosen by the coordinator: no model here
has a field for a name, an address or a date of birth, and the importer refuses such columns.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from marac.definitions import BY_KEY, KEY_CHOICES, PARAMETERS, overlapping, parameter_error
from sscp.models import Area, Organisation
from sscp.rag import Rag


class ReferralBasis(models.TextChoices):
    VISIBLE_HIGH_RISK = "visible_high_risk", "Visible high risk"
    PROFESSIONAL_JUDGEMENT = "professional_judgement", "Professional judgement"
    POTENTIAL_ESCALATION = "potential_escalation", "Potential escalation"
    TRANSFER_IN = "transfer_in", "Transfer from another MARAC"


class AttendanceStatus(models.TextChoices):
    ATTENDED = "attended", "Attended"
    WRITTEN_FEEDBACK = "written_feedback", "Written feedback"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


class IdvaEngagement(models.TextChoices):
    """What an IDVA status counts as in the report's "referred to the IDVA team" figures."""

    REFERRED = "referred", "Referred to the IDVA team"
    ASSESSED = "assessed", "Referred, assessment and safety planning completed"
    NOT_REFERRED = "not_referred", "Not referred to the IDVA team"


class StatusList(models.Model):
    """A support service's statuses: the list differs between areas, so it is data; each
    status's `engagement` says what it counts as in the report."""

    code = models.SlugField(max_length=60, unique=True)
    label = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order", "label"]

    def __str__(self):
        return self.label


class IdvaStatus(StatusList):
    """IDVA engagement at the time of the meeting."""

    engagement = models.CharField(
        max_length=20,
        choices=IdvaEngagement.choices,
        default=IdvaEngagement.REFERRED,
        help_text="What this status counts as: the report gives the cases referred to the IDVA "
        "team and the share of them with assessment and safety planning completed.",
    )

    class Meta(StatusList.Meta):
        verbose_name = "IDVA status"
        verbose_name_plural = "IDVA statuses"


class SwacaEngagement(models.TextChoices):
    """What a SWACA status means for the figures: eligible cases are the open and the not open."""

    OPEN = "open", "Open to SWACA"
    NOT_OPEN = "not_open", "Eligible, not open to SWACA"
    NOT_ELIGIBLE = "not_eligible", "Not eligible for SWACA support"


class SwacaStatus(StatusList):
    """SWACA (Sefton Women's and Children's Aid) engagement at the time of the meeting.

    An extension to the spec's discussions format (the seed report has a SWACA section), kept
    as data like the IDVA statuses; `engagement` says whether the status counts as eligible
    and as open.
    """

    engagement = models.CharField(max_length=20, choices=SwacaEngagement.choices)

    class Meta(StatusList.Meta):
        verbose_name = "SWACA status"
        verbose_name_plural = "SWACA statuses"


class MaracMeeting(models.Model):
    date = models.DateField(unique=True)

    class Meta:
        ordering = ["date"]

    def __str__(self):
        return f"MARAC {self.date:%-d %B %Y}"


class Discussion(models.Model):
    """One case discussed at one meeting; the victim is known by a reference only."""

    meeting = models.ForeignKey(MaracMeeting, on_delete=models.CASCADE, related_name="discussions")
    victim_ref = models.CharField(max_length=60)
    perpetrator_ref = models.CharField(max_length=60, blank=True)
    incident_date = models.DateField(null=True, blank=True)
    referral_date = models.DateField(null=True, blank=True)
    referring_agency = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="marac_referrals"
    )
    referral_basis = models.CharField(max_length=30, choices=ReferralBasis.choices)
    victim_sex = models.CharField(max_length=30, blank=True)
    victim_age = models.PositiveSmallIntegerField(null=True, blank=True)
    victim_ethnicity = models.CharField(max_length=100, blank=True)
    victim_lgbt = models.BooleanField(null=True, blank=True)
    victim_disability = models.BooleanField(null=True, blank=True)
    perpetrator_age = models.PositiveSmallIntegerField(null=True, blank=True)
    children = models.PositiveSmallIntegerField(null=True, blank=True)
    pregnant = models.BooleanField(null=True, blank=True)
    ward = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="marac_discussions"
    )
    idva_status = models.ForeignKey(
        IdvaStatus, null=True, blank=True, on_delete=models.PROTECT, related_name="discussions"
    )
    swaca_status = models.ForeignKey(
        SwacaStatus, null=True, blank=True, on_delete=models.PROTECT, related_name="discussions"
    )
    closed_marac = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["meeting__date", "victim_ref"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "victim_ref"], name="discussion_unique")
        ]
        indexes = [models.Index(fields=["victim_ref"])]

    def __str__(self):
        return f"{self.victim_ref} at {self.meeting}"


class Action(models.Model):
    discussion = models.ForeignKey(Discussion, on_delete=models.CASCADE, related_name="actions")
    agency = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="marac_actions")
    completed_date = models.DateField(null=True, blank=True)

    def __str__(self):
        return f"Action for {self.agency} on {self.discussion}"


class CoreAgency(models.Model):
    """An agency signed up as a core member of the MARAC. The report gives the core agencies'
    attendance rates and, apart, the meetings other agencies attended when involved in a case
    (the seed's core and non-core tables). With none recorded, every agency counts as core."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="marac_core_agency"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "organisation__name"]
        verbose_name = "core MARAC agency"
        verbose_name_plural = "core MARAC agencies"

    def __str__(self):
        return self.organisation.name


class Attendance(models.Model):
    meeting = models.ForeignKey(MaracMeeting, on_delete=models.CASCADE, related_name="attendance")
    agency = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="marac_attendance"
    )
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "agency"], name="attendance_unique")
        ]

    def __str__(self):
        return f"{self.agency} {self.status} {self.meeting}"


class Benchmark(models.Model):
    """A recommended band for one figure, with where it comes from and when it applies.

    `low` / `high` are in the figure's own unit (shares as fractions 0-1, working days as
    days); either may be blank for a one-sided band ("30 working days at most").
    """

    figure = models.CharField(max_length=60)
    label = models.CharField(max_length=200)
    low = models.FloatField(null=True, blank=True)
    high = models.FloatField(null=True, blank=True)
    national_value = models.FloatField(null=True, blank=True)
    national_note = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=300)
    denominator = models.CharField(max_length=300, blank=True)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["figure", "-valid_from"]
        indexes = [models.Index(fields=["figure", "valid_from"])]

    def __str__(self):
        return f"{self.label} from {self.valid_from}"


def _parameter_help() -> str:
    described = "; ".join(
        f"{p.label.lower()} in {p.unit} ({p.low} to {p.high}; the spec's {p.default}) for "
        f"{BY_KEY[key].title}"
        for key, p in PARAMETERS.items()
    )
    return f"The number the figures follow: {described}. Blank for the other definitions."


class DefinitionVersion(models.Model):
    """A definition (SafeLives has reworded "repeat") as it applied between two dates.

    The keys are the definitions that govern the figures (`marac.definitions`). The report
    prints every version in force during its period, and where a definition has a parameter
    (the repeat monitoring period, the action timescale) the figures follow the version in force
    on each meeting date, so old reports stay reproducible. Versions of one definition never
    overlap.
    """

    key = models.CharField(max_length=60, choices=KEY_CHOICES)
    version = models.CharField(max_length=30, default="1", help_text='For example "2" or "2019"')
    text = models.TextField()
    parameter = models.PositiveSmallIntegerField(null=True, blank=True, help_text=_parameter_help())
    source = models.CharField(max_length=300, blank=True)
    valid_from = models.DateField(help_text="The first meeting date it applies to.")
    valid_to = models.DateField(
        null=True,
        blank=True,
        help_text="The last meeting date it applies to; blank: still in force.",
    )

    class Meta:
        ordering = ["key", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="definition_version_unique"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="definition_version_dates",
            ),
        ]

    def __str__(self):
        return f"{self.get_key_display()} version {self.version} from {self.valid_from}"

    def clean(self):
        """Dates in order, the parameter within its bounds, no overlap with another version."""
        errors = {}
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = "The version cannot end before it starts."
        if self.key in BY_KEY:  # an unknown key is the key field's own error
            problem = parameter_error(self.key, self.parameter)
            if problem:
                errors["parameter"] = problem
        if self.key and self.valid_from and "valid_to" not in errors:
            others = DefinitionVersion.objects.filter(key=self.key).exclude(pk=self.pk)
            other = overlapping(self, others.order_by("valid_from"))
            if other is not None:
                errors["valid_from"] = (
                    f"These dates overlap {other.get_key_display()} version {other.version}, "
                    f"in force from {other.valid_from:%-d %B %Y} "
                    + (f"to {other.valid_to:%-d %B %Y}" if other.valid_to else "with no end date")
                    + ": versions of a definition cannot overlap. End that version the day "
                    "before this one starts, or change these dates."
                )
        if errors:
            raise ValidationError(errors)


class Population(models.Model):
    """Adult women (16+) in the area, for SafeLives' expected volume of cases."""

    year = models.PositiveSmallIntegerField(unique=True)
    adult_female_16_plus = models.PositiveIntegerField()
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}: {self.adult_female_16_plus}"


class ImportKind(models.TextChoices):
    DISCUSSIONS = "discussions", "Discussions"
    ACTIONS = "actions", "Actions"
    ATTENDANCE = "attendance", "Attendance"


class MaracImport(models.Model):
    """Every import attempt, kept whether it succeeded or not, with its error report."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(default=0)
    succeeded = models.BooleanField(default=False)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.kind} {self.filename} {self.created_at:%Y-%m-%d %H:%M}"


class CaseAccessLog(models.Model):
    """Who looked at case-level records, when, and what: case data is sensitive."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField(auto_now_add=True)
    what = models.CharField(max_length=300)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["at"])]

    def __str__(self):
        return f"{self.user} {self.what} {self.at}"


class ReviewAction(models.Model):
    """A line of the MARAC review action plan the annual report appends."""

    section = models.CharField(max_length=100)
    priority = models.TextField()
    action = models.TextField()
    owner = models.CharField(max_length=200)
    progress = models.TextField(blank=True)
    deadline = models.CharField(max_length=100, blank=True)
    rag = models.CharField(max_length=10, choices=Rag.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.action[:60]


class Report(models.Model):
    """An annual or quarterly performance report: its period and the coordinator's commentary.

    Until issued it is worked out from the records on every view. Issuing stores its content
    (`marac.issued`): an issued report is a document of record, shown from that content only,
    whatever later happens to the records, the definitions or the benchmarks.
    """

    start = models.DateField()
    end = models.DateField()
    title = models.CharField(max_length=200)
    commentary = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_content = models.JSONField(null=True, blank=True, editable=False)
    # An issued report is never deleted: withdrawing keeps it, marked, with the reason and the
    # report that replaces it (`services.report_withdraw`).
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_reason = models.CharField(max_length=300, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )

    class Meta:
        ordering = ["-end", "-pk"]
        permissions = [
            ("view_restricted_report", "Can read and issue the restricted (exact) MARAC report"),
            ("view_circulation_report", "Can read the circulation (suppressed) MARAC report"),
            ("view_cases", "Can see case-level MARAC records"),
            ("import_marac", "Can import MARAC records"),
            ("view_dashboard", "Can read the MARAC dashboard"),
        ]

    def __str__(self):
        return self.title


class DataVersion(models.Model):
    """One row whose token changes with every change to the records the figures read.

    The dashboard's cached figures are keyed on it (`marac.figures_cache`). A random token
    rather than a counter: a database restored from a backup, or emptied and reloaded, never
    meets a cache entry made for another state of the records under the same key.
    """

    token = models.CharField(max_length=32)

    def __str__(self):
        return self.token
