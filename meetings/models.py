"""Bodies, their members over time, venues and the meetings they hold."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q


class Venue(models.Model):
    name = models.CharField(
        max_length=200, help_text="For example: Committee Room - Bootle Town Hall"
    )
    address = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.address}" if self.address else self.name


class Body(models.Model):
    """A partnership board or one of its sub-groups."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(unique=True)
    municipal_year_start_month = models.PositiveSmallIntegerField(
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="Month the municipal year starts: minute numbers restart at its first meeting.",
    )
    default_venue = models.ForeignKey(Venue, null=True, blank=True, on_delete=models.SET_NULL)
    committee_officer_name = models.CharField(max_length=200, blank=True)
    committee_officer_telephone = models.CharField(max_length=40, blank=True)
    committee_officer_fax = models.CharField(max_length=40, blank=True)
    committee_officer_email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"

    def __str__(self):
        return self.name

    def municipal_year_start(self, day: datetime.date) -> datetime.date:
        year = day.year if day.month >= self.municipal_year_start_month else day.year - 1
        return datetime.date(year, self.municipal_year_start_month, 1)


class Person(models.Model):
    """Someone who sits on, advises or attends a body. Demo people are fictional."""

    title = models.CharField(max_length=40, blank=True, help_text="Councillor, Superintendent, Dr…")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        "sscp.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "people"

    def __str__(self):
        return " ".join(part for part in (self.title, self.first_name, self.last_name) if part)


class MembershipRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"
    MEMBER = "member", "Member"
    ADVISER = "adviser", "Adviser"


class MembershipQuerySet(models.QuerySet):
    def current_on(self, day: datetime.date):
        return self.filter(Q(start_date__lte=day), Q(end_date__isnull=True) | Q(end_date__gte=day))


class Membership(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=MembershipRole.choices, default="member")
    organisation = models.ForeignKey(
        "sscp.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="The organisation the member represents on this body.",
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["body", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()}, {self.body})"


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AGENDA_PUBLISHED = "agenda_published", "Agenda published"
    HELD = "held", "Held"
    MINUTES_DRAFTED = "minutes_drafted", "Minutes drafted"
    MINUTES_CONFIRMED = "minutes_confirmed", "Minutes confirmed"


class Meeting(models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    start_time = models.TimeField()
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="meetings")
    is_private = models.BooleanField(
        default=True, help_text="Private meetings are not open to the public."
    )
    status = models.CharField(
        max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )

    class Meta:
        ordering = ["date", "start_time"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "date", "start_time"], name="one_meeting_per_slot"
            )
        ]
        indexes = [models.Index(fields=["body", "date"])]

    def __str__(self):
        return f"{self.body} – {self.date:%-d %B %Y}"
