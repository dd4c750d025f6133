"""Bodies, their members over time, venues and the meetings they hold."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from sscp.rag import Rag


class Venue(models.Model):
    name = models.CharField(
        max_length=200, help_text="For example: Committee Room - Bootle Town Hall"
    )
    address = models.CharField(max_length=300, blank=True)
    short_name = models.CharField(
        max_length=100,
        blank=True,
        help_text="How the date of next meeting names it, for example: Town Hall, Bootle",
    )

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
    publishes_papers = models.BooleanField(
        default=True,
        help_text="Publish its agendas, public papers and minutes on the public pages, feeds, "
        "API and public calendar.",
    )

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


class MeetingState(models.TextChoices):
    """Whether the meeting takes place. A cancelled or postponed meeting needs no minutes: the
    numbering, the next meeting and the confirmation of minutes pass over it."""

    SCHEDULED = "scheduled", "Scheduled or held"
    CANCELLED = "cancelled", "Cancelled"
    POSTPONED = "postponed", "Postponed"


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
    state = models.CharField(
        max_length=20, choices=MeetingState.choices, default=MeetingState.SCHEDULED
    )
    state_reason = models.CharField(
        max_length=300, blank=True, help_text="Why the meeting was cancelled or postponed."
    )
    # iCalendar SEQUENCE: bumped when the meeting moves or is called off, so calendar programs
    # update the event they hold (same UID) instead of keeping the old one.
    sequence = models.PositiveIntegerField(default=0)

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

    def municipal_year_start(self) -> datetime.date:
        return self.body.municipal_year_start(self.date)

    @property
    def is_called_off(self) -> bool:
        return self.state != MeetingState.SCHEDULED


# --- Agenda -------------------------------------------------------------------------------------


class ItemKind(models.TextChoices):
    STANDARD = "standard", "Standard item"
    REPORT = "report", "Report"
    PRESENTATION = "presentation", "Presentation"
    VERBAL_UPDATE = "verbal_update", "Verbal update"


class StandardKind(models.TextChoices):
    APOLOGIES = "apologies", "Apologies for Absence"
    DECLARATIONS = "declarations", "Declarations of Interest"
    PREVIOUS_MINUTES = "previous_minutes", "Minutes of Previous Meeting"
    NEXT_MEETING = "next_meeting", "Date of Next Meeting"
    ACTION_LOG = "action_log", "Action Log"


class AgendaItem(models.Model):
    """One numbered item of a meeting's agenda; its number is its place in the order."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=ItemKind.choices, default=ItemKind.REPORT)
    standard_kind = models.CharField(max_length=20, choices=StandardKind.choices, blank=True)
    presenter_text = models.CharField(max_length=300, blank=True)
    presenter = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    duration_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    is_confidential = models.BooleanField(
        default=False, help_text="Exempt papers: visible to board members and officers only."
    )
    requested_by = models.ForeignKey(
        "Minute",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requested_items",
        help_text="The minute that deferred this item to this meeting (forward plan).",
    )
    paper_to_follow = models.BooleanField(
        "Paper to follow",
        default=False,
        help_text="The paper arrives after the agenda is published: the front sheet says it "
        "is to follow, and a supplementary agenda carries it.",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["meeting", "order", "pk"]
        permissions = [("view_confidential_agendaitem", "Can see confidential items' papers")]

    def __str__(self):
        return f"{self.order}. {self.title}"


class Recurrence(models.TextChoices):
    ONCE = "", "Once"
    EVERY_MEETING = "every_meeting", "Every meeting"
    QUARTERLY = "quarterly", "Each quarter"


class PlannedItem(models.Model):
    """An item the officer plans for a future meeting of the body (its work programme). A
    standing report recurs from that meeting on: at every meeting, or the first of each
    quarter."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="planned_items")
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="planned_items",
        help_text="The meeting it is planned for (a standing report's first).",
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    lead_organisation = models.ForeignKey(
        "sscp.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recurrence = models.CharField(
        max_length=20, choices=Recurrence.choices, blank=True, default=Recurrence.ONCE
    )
    taken_into = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The agenda item it became (a one-off plan).",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting__date", "pk"]

    def __str__(self):
        return self.title


def appendix_letter(index: int) -> str:
    """The letter of a report's ``index``-th appendix (0 -> "A")."""
    return chr(ord("A") + index)


class Report(models.Model):
    """A paper written in the app from the board's report template."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="reports")
    report_to = models.CharField(max_length=200)
    meeting_date = models.DateField("Date of meeting")
    subject = models.CharField(max_length=300)
    report_of = models.CharField(max_length=300)
    recommendations = models.TextField(blank=True, help_text="Sanitised HTML.")
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["agenda_item", "pk"]

    def __str__(self):
        return self.subject

    def lettered_appendices(self) -> list[tuple[str, "UploadedDocument"]]:
        """[("A", document), ("B", ...)]: the report calls them Appendix A, B, ... in the order
        the officer put them in; the pack prints them after it in that order."""
        return [(appendix_letter(n), document) for n, document in enumerate(self.appendices.all())]


class ReportSection(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=200)
    body = models.TextField(blank=True, help_text="Sanitised HTML.")

    class Meta:
        ordering = ["report", "order"]

    def __str__(self):
        return f"{self.order}. {self.heading}"


class Supplement(models.Model):
    """A supplementary agenda: papers that arrived after the agenda was published.

    Its pages continue the pack's numbering from ``first_page`` (fixed when it is published),
    so the main pack's pages, and any earlier supplement's, never move.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="supplements")
    number = models.PositiveSmallIntegerField()
    published_at = models.DateTimeField(null=True, blank=True)
    first_page = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="one_supplement_number")
        ]

    def __str__(self):
        return f"Supplementary Agenda {self.number}"


class Conversion(models.TextChoices):
    READY = "ready", "Ready"
    CONVERTING = "converting", "Converting"
    FAILED = "failed", "Conversion failed"


class UploadedDocument(models.Model):
    """A paper as uploaded; served only through a view that checks the reader's rights.

    With ``report`` it is one of that report's appendices, printed after it in the pack. A PDF
    is ``file`` itself; a Word, OpenDocument, RTF, spreadsheet or image upload is kept as
    ``original`` and ``file`` is the PDF converted from it (``meetings.conversion``), which the
    pack prints. ``conversion`` says whether that PDF is there yet.
    """

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="documents")
    report = models.ForeignKey(
        Report,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="appendices",
        help_text="The report this PDF is an appendix to.",
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Place among its report's appendices: 1 is Appendix A."
    )
    supplement = models.ForeignKey(
        Supplement,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="papers",
        help_text="The supplementary agenda carrying this late paper (none: the main pack).",
    )
    replaces = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
        help_text="The earlier paper this one replaces.",
    )
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="papers/%Y/%m/", blank=True, help_text="The PDF.")
    size = models.PositiveIntegerField(help_text="Bytes of the file as uploaded.")
    original = models.FileField(
        upload_to="papers/originals/%Y/%m/",
        blank=True,
        help_text="The office file or image as uploaded; empty for a PDF upload.",
    )
    original_name = models.CharField(max_length=255, blank=True)
    conversion = models.CharField(
        max_length=10, choices=Conversion.choices, default=Conversion.READY
    )
    conversion_error = models.TextField(blank=True, help_text="Why the conversion failed.")
    pages = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(
        blank=True,
        editable=False,
        help_text="The PDF's selectable text, extracted at upload (meetings.paper_text) so "
        "search finds the paper by its contents.",
    )

    class Meta:
        ordering = ["agenda_item", "order", "pk"]

    def __str__(self):
        return self.title


class FrozenPaperKind(models.TextChoices):
    CHART = "chart", "Chart"
    TABLE = "table", "Table"
    REPORT = "report", "Report"


class FrozenPaper(models.Model):
    """A chart, table or report from another app, frozen as HTML when attached to an item.

    Frozen so the paper members read stays what was sent, whatever the data does later.
    """

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="frozen_papers"
    )
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=FrozenPaperKind.choices)
    html = models.TextField(help_text="Sanitised HTML; may hold an inline <svg> and <table>.")
    # Provenance is kept whole: a rate's line names both the counts' and the population's import.
    data_as_at = models.TextField(blank=True)
    source = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agenda_item", "created_at", "pk"]
        permissions = [("attach_frozenpaper", "Can attach frozen papers to agenda items")]

    def __str__(self):
        return self.title


# --- Attendance and declarations ---------------------------------------------------------------


class AttendanceStatus(models.TextChoices):
    CHAIR = "chair", "Present (in the Chair)"
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"
    ALSO_PRESENT = "also_present", "Also present"


class Attendance(models.Model):
    """A member's attendance, or an officer or guest who was also present (by name)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="attendances"
    )
    name = models.CharField(
        max_length=200, blank=True, help_text="For officers and guests: as it is to be minuted."
    )
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices)
    order = models.PositiveSmallIntegerField(default=0)
    deputy_for = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deputised_by",
        help_text="The member this named deputy attended for: counts for the member's "
        "organisation.",
    )

    class Meta:
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="one_attendance_per_member",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(name=""),
                name="attendance_names_someone",
            ),
        ]

    def __str__(self):
        return f"{self.person or self.name}: {self.get_status_display()}"


class DeclarationKind(models.TextChoices):
    PECUNIARY = "pecuniary", "Disclosable pecuniary interest"
    PERSONAL = "personal", "Personal interest"


class Declaration(models.Model):
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="declarations"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="declarations")
    kind = models.CharField(max_length=20, choices=DeclarationKind.choices)
    nature = models.CharField(max_length=300, blank=True, help_text="The interest, briefly.")
    withdrew = models.BooleanField(default=False)

    class Meta:
        ordering = ["agenda_item", "pk"]

    def __str__(self):
        return f"{self.person}: {self.get_kind_display()}"


# --- Minutes, resolutions, actions -------------------------------------------------------------


class Minute(models.Model):
    """A numbered minute. Numbers run on through the body's municipal year.

    ``body`` and ``municipal_year`` are copies of the meeting's, kept so the database itself
    refuses a duplicate number in a year.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes")
    agenda_item = models.OneToOneField(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="minute"
    )
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    municipal_year = models.DateField()
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    text = models.TextField(blank=True, help_text="Sanitised HTML.")
    cites = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="cited_by"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["body", "municipal_year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "municipal_year", "number"], name="one_minute_number_per_year"
            )
        ]

    def __str__(self):
        return f"Minute {self.number}: {self.title}"


class ResolutionPart(models.Model):
    minute = models.ForeignKey(Minute, on_delete=models.CASCADE, related_name="resolution_parts")
    order = models.PositiveSmallIntegerField()
    text = models.TextField(help_text="Plain text, starting lower case after 'That'.")

    class Meta:
        ordering = ["minute", "order"]

    def __str__(self):
        return f"({self.order}) {self.text[:60]}"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class Action(models.Model):
    resolution_part = models.ForeignKey(
        ResolutionPart, on_delete=models.CASCADE, related_name="actions"
    )
    description = models.CharField(max_length=500)
    owner_organisation = models.ForeignKey(
        "sscp.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    rag = models.CharField(max_length=10, choices=Rag.choices, blank=True)
    progress_note = models.TextField(blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return self.description

    @property
    def owner(self):
        return self.owner_person or self.owner_organisation


# --- History -----------------------------------------------------------------------------------


class Change(models.Model):
    """Who changed what and when, with the fields before and after, for the history view."""

    # Empty for a change to a body's settings, which belongs to no one meeting.
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    object_type = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    object_label = models.CharField(max_length=300)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    summary = models.CharField(max_length=300)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.summary}"


# --- Email alerts ------------------------------------------------------------------------------


class Alert(models.TextChoices):
    """What a person can be emailed about (each with its own one-click unsubscribe)."""

    AGENDA_PUBLISHED = "agenda_published", "An agenda is published"
    SUPPLEMENTARY_PUBLISHED = (
        "supplementary_published",
        "Supplementary papers are published (a paper added to a published agenda)",
    )
    MINUTES_PUBLISHED = "minutes_published", "Minutes are published"
    ACTION_ASSIGNED = "action_assigned", "An action is given to me"
    WEEKLY_DIGEST = "weekly_digest", "A weekly summary of my open and overdue actions"
    DEADLINE_REMINDER = "deadline_reminder", "Officers: an agenda is due to be published soon"


class AlertPreference(models.Model):
    """What one person chooses to be emailed about. No row means every alert is on: body
    members hear about their bodies' papers without having to ask."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_preference"
    )
    agenda_published = models.BooleanField(default=True)
    supplementary_published = models.BooleanField(default=True)
    minutes_published = models.BooleanField(default=True)
    action_assigned = models.BooleanField(default=True)
    weekly_digest = models.BooleanField(default=True)
    deadline_reminder = models.BooleanField(default=True)

    def __str__(self):
        return f"Alerts of {self.user}"

    def wants(self, alert: str) -> bool:
        return bool(getattr(self, Alert(alert).value))


# --- Calendar subscriptions ---------------------------------------------------------------------


class CalendarToken(models.Model):
    """A member's secret calendar address: calendar programs cannot sign in.

    Only the token's SHA-256 is stored, so the database (or a log of it) never holds the
    address; the member sees it once, when it is made. One per user: making a new one revokes
    the old one. It expires after ``SSCP_CALENDAR_TOKEN_DAYS``.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Calendar address of {self.user}"
