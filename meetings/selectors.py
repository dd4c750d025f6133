"""Reads: what a user may see, and the lists the pages show."""

import datetime

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat, Lower
from django.utils.html import strip_tags

from meetings.deadlines import agenda_deadline
from meetings.models import (
    Action,
    ActionStatus,
    AgendaItem,
    AttendanceStatus,
    Change,
    Declaration,
    Meeting,
    MeetingState,
    MeetingStatus,
    Membership,
    Minute,
    Person,
    Rag,
    Report,
    ReportSection,
    ResolutionPart,
    StandardKind,
    UploadedDocument,
    appendix_letter,
)
from meetings.snippets import html_text, snippet
from meetings.work_programme import standing_due
from sscp.models import AgencyGroup, Job, JobStatus, Organisation

OPEN_FOR_PAPERS = (MeetingStatus.DRAFT, MeetingStatus.AGENDA_PUBLISHED)
CONFIDENTIAL_PERMISSION = "meetings.view_confidential_agendaitem"


def entitled_to_confidential(user) -> bool:
    """Whether ``user`` may read confidential (exempt) items: their papers, and their minutes
    with resolutions and actions. The one check for all of them (the agenda pack's variants
    pass a stand-in user that answers it)."""
    return user.has_perm(CONFIDENTIAL_PERMISSION)


def exempt_minute(minute) -> bool:
    """A minute of a confidential item: its text, resolution and actions are exempt too."""
    return minute.agenda_item is not None and minute.agenda_item.is_confidential


def _open_minutes(prefix: str = "") -> Q:
    """Minutes (reached through ``prefix``) that are not of a confidential item."""
    return ~Q(**{f"{prefix}agenda_item__is_confidential": True})


def meetings_visible_to(user):
    meetings = Meeting.objects.select_related("body", "venue")
    if user.has_perm("meetings.change_meeting"):
        return meetings
    # Board members and partners see a meeting once its agenda is published.
    return meetings.exclude(status=MeetingStatus.DRAFT)


def agenda_items_open_for_papers(user):
    """Items of meetings not yet held to which ``user`` may attach a frozen paper.

    Empty for users without ``meetings.attach_frozenpaper``; confidential items only for users
    entitled to see them. Ordered by meeting date, then item order.
    """
    if not user.has_perm("meetings.attach_frozenpaper"):
        return AgendaItem.objects.none()
    # Only meetings the user may see: an unpublished agenda's titles stay the officer's.
    items = AgendaItem.objects.filter(
        meeting__status__in=OPEN_FOR_PAPERS,
        meeting__in=meetings_visible_to(user).values("pk"),
    ).select_related("meeting", "meeting__body")
    if not entitled_to_confidential(user):
        items = items.filter(is_confidential=False)
    return items.order_by("meeting__date", "meeting__start_time", "order", "pk")


def meeting_agenda(meeting, user):
    """The meeting's items with their papers, in order, in a fixed number of queries.

    Confidential items keep their title but lose their papers for users not entitled to them.
    """
    items = list(
        meeting.items.select_related("presenter", "requested_by__meeting")
        .prefetch_related("reports__sections", "reports__appendices", "documents", "frozen_papers")
        .order_by("order", "pk")
    )
    entitled = entitled_to_confidential(user)
    for item in items:
        item.papers_hidden = item.is_confidential and not entitled
    return items


PUBLISHED_MINUTES = (MeetingStatus.MINUTES_DRAFTED, MeetingStatus.MINUTES_CONFIRMED)


def minutes_visible(meeting, user) -> bool:
    """Draft minutes are the officer's until published; published drafts and confirmed
    minutes are for everyone who sees the meeting. The one check for the minutes pages, their
    PDF and the Minutes of Previous Meeting item of the next meeting (page and agenda pack)."""
    if user.has_perm("meetings.change_minute"):
        return True
    return meeting.status in PUBLISHED_MINUTES


def previous_meeting(meeting):
    """The body's last meeting before ``meeting`` that took place (cancelled and postponed
    meetings are passed over: their business moves on): the one whose minutes its Minutes of
    Previous Meeting item puts before it."""
    return (
        Meeting.objects.filter(
            body_id=meeting.body_id, date__lt=meeting.date, state=MeetingState.SCHEDULED
        )
        .select_related("body", "venue")
        .order_by("-date", "-start_time")
        .first()
    )


def minutes_to_follow(meeting):
    """The previous meeting while its minutes are unpublished and ``meeting``'s agenda has a
    Minutes of Previous Meeting item: its pack then says they will follow (the officer is
    warned on publishing the agenda). None otherwise."""
    previous = previous_meeting(meeting)
    if previous is None or previous.status in PUBLISHED_MINUTES:
        return None
    if not meeting.items.filter(standard_kind=StandardKind.PREVIOUS_MINUTES).exists():
        return None
    return previous


def previous_minutes_to_confirm(meeting):
    """The previous meeting, when its published draft minutes await confirmation at ``meeting``."""
    previous = previous_meeting(meeting)
    if previous is not None and previous.status == MeetingStatus.MINUTES_DRAFTED:
        return previous
    return None


def next_meeting(meeting):
    """The body's next meeting after ``meeting``, if scheduled (not cancelled or postponed)."""
    return (
        Meeting.objects.filter(
            body_id=meeting.body_id, date__gt=meeting.date, state=MeetingState.SCHEDULED
        )
        .select_related("venue")
        .order_by("date", "start_time")
        .first()
    )


def previous_minutes(meeting, user):
    """``(previous meeting, readable)``: the meeting before ``meeting`` (or None) and whether
    ``user`` may read its minutes. Where they may not (not yet written or published), the
    Minutes of Previous Meeting item says they will follow instead of carrying them."""
    previous = previous_meeting(meeting)
    if previous is None:
        return None, False
    return previous, minutes_visible(previous, user) and previous.minutes.exists()


def meeting_minutes(meeting):
    """The meeting's minutes with resolution parts, actions and cited minutes, in order."""
    return list(
        Minute.objects.filter(meeting=meeting)
        .select_related("agenda_item", "cites__meeting")
        .prefetch_related(
            "resolution_parts__actions__owner_organisation",
            "resolution_parts__actions__owner_person",
        )
        .order_by("number")
    )


NEXT_STEP = {
    MeetingStatus.DRAFT: "Agenda not published: record attendance and start the minutes, or "
    "mark it cancelled or postponed",
    MeetingStatus.AGENDA_PUBLISHED: "Record attendance and start the minutes, or mark it "
    "cancelled or postponed",
    MeetingStatus.HELD: "Start, write and publish the draft minutes",
    MeetingStatus.MINUTES_DRAFTED: "Draft minutes published: confirm them at the next meeting",
}


def meetings_not_closed(today=None) -> list[Meeting]:
    """Past meetings that took place but whose minutes are not confirmed yet, oldest first,
    each with ``next_step`` saying what closes it."""
    today = today or datetime.date.today()
    meetings = list(
        Meeting.objects.select_related("body")
        .filter(date__lt=today, state=MeetingState.SCHEDULED)
        .exclude(status=MeetingStatus.MINUTES_CONFIRMED)
        .order_by("date", "start_time")
    )
    for meeting in meetings:
        meeting.next_step = NEXT_STEP[meeting.status]
    return meetings


def meeting_attendance(meeting) -> dict:
    """Attendance by status: {'chair': [Person], 'present': [...], 'apologies': [...],
    'absent': [...], 'also_present': [names]}."""
    grouped = {status: [] for status in AttendanceStatus.values}
    attendances = meeting.attendances.select_related("person", "deputy_for")
    for attendance in attendances.order_by("order", "pk"):
        grouped[attendance.status].append(attendance.person or _attendee_name(attendance))
    return grouped


def _attendee_name(attendance) -> str:
    """An officer's or guest's name; a deputy's with the member they attended for."""
    if attendance.deputy_for_id:
        return f"{attendance.name} (deputy for {attendance.deputy_for})"
    return attendance.name


def meeting_deputies(meeting):
    """The named deputies recorded at ``meeting``, with the member each attended for."""
    return meeting.attendances.filter(deputy_for__isnull=False).select_related("deputy_for")


def attendance_initial(meeting) -> dict:
    """The attendance form's values as recorded: each member's status, the others by name."""
    initial = {}
    names = []
    for attendance in meeting.attendances.filter(deputy_for__isnull=True).order_by("order", "pk"):
        if attendance.person_id:
            initial[f"member_{attendance.person_id}"] = attendance.status
        else:
            names.append(attendance.name)
    initial["also_present"] = "\n".join(names)
    return initial


def members_in_surname_order(meeting) -> list[Person]:
    """The body's members on the meeting's day by surname, then forenames: the attendance grid
    is read against a sign-in sheet."""
    memberships = Membership.objects.current_on(meeting.date).filter(body_id=meeting.body_id)
    return list(
        Person.objects.filter(memberships__in=memberships)
        .distinct()
        .order_by(Lower("last_name"), Lower("first_name"), "pk")
    )


def meeting_declarations(meeting):
    """The meeting's declarations with their member and item, in item order."""
    return (
        Declaration.objects.filter(agenda_item__meeting=meeting)
        .select_related("person", "agenda_item")
        .order_by("agenda_item__order", "pk")
    )


def empty_minutes(meeting) -> list[tuple[int, str]]:
    """(number, title) of the meeting's minutes with no text and no resolution: written nothing
    yet, or emptied. Publishing warns about them."""
    minutes = meeting.minutes.filter(resolution_parts__isnull=True).order_by("number")
    return [
        (minute.number, minute.title)
        for minute in minutes.only("number", "title", "text")
        if not strip_tags(minute.text).replace("&nbsp;", " ").strip()
    ]


def minute_parts(minute) -> list[ResolutionPart]:
    """A minute's resolution parts with their actions and owners, in a fixed number of
    queries."""
    return list(
        minute.resolution_parts.prefetch_related(
            Prefetch("actions", Action.objects.select_related("owner_organisation", "owner_person"))
        )
    )


OVERDUE = "overdue"
UNFINISHED = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


def overdue_q(as_at: datetime.date) -> Q:
    """Actions overdue as at a date: due before it and not complete. Complete is Done or
    Cancelled, or rated Green by its owner (Green is the action log's 'complete / on track');
    an action without a due date is never overdue."""
    return Q(status__in=UNFINISHED, due_date__lt=as_at) & ~Q(rag=Rag.GREEN)


def partner_organisations(meeting, *, keep=None):
    """The organisations an action of ``meeting`` may be given to: the partnership's, i.e. those
    represented on its body by a membership not ended before the meeting (the organisation
    the member represents, else the member's own). Not other areas' MARACs nor every agency a
    MARAC return names. ``keep`` (an action's current owner) stays on offer. A body without
    recorded members offers every organisation but other MARACs, so no action is stuck."""
    memberships = Membership.objects.filter(body_id=meeting.body_id).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=meeting.date)
    )
    represented = Q(pk__in=memberships.values("organisation")) | Q(
        pk__in=memberships.values("person__organisation")
    )
    if not memberships.exists():
        represented = ~Q(group=AgencyGroup.MARAC)
    if keep is not None:
        represented |= Q(pk=keep.pk)
    return Organisation.objects.filter(represented).order_by("name")


def organisations_owning_actions(*, keep=None):
    """Organisations with an action of their own or of one of their people: the action log's
    owner filter offers these, not every agency on file (``keep``: the reader's own)."""
    owning = Q(pk__in=Action.objects.values("owner_organisation")) | Q(
        pk__in=Action.objects.values("owner_person__organisation")
    )
    if keep is not None:
        owning |= Q(pk=keep.pk)
    return Organisation.objects.filter(owning).order_by("name")


def actions_owned_by(user):
    """The actions ``user`` owns, in published minutes: given to the person linked to their
    account, or to that person's organisation. Owners (partners) record these actions'
    progress themselves; correcting them stays with the officer."""
    person = Person.objects.filter(user_id=user.pk).first() if user.is_authenticated else None
    if person is None:
        return Action.objects.none()
    owned = Q(owner_person=person)
    if person.organisation_id is not None:
        owned |= Q(owner_organisation_id=person.organisation_id)
    return Action.objects.filter(owned).filter(
        resolution_part__minute__meeting__status__in=(
            MeetingStatus.MINUTES_DRAFTED,
            MeetingStatus.MINUTES_CONFIRMED,
        )
    )


def action_log(*, user, owner_organisation=None, owner_person=None, status=None, today=None):
    """Actions across meetings the user can see, with ``is_overdue`` set on each.

    Open and in-progress actions by default; ``status`` narrows to one status, to the overdue
    ones ('overdue') or widens to all ('all'). An organisation owns the actions given to it or
    to one of its people. A confidential item's actions only for those entitled to it.
    """
    today = today or datetime.date.today()
    actions = Action.objects.select_related(
        "owner_organisation",
        "owner_person",
        "resolution_part__minute__meeting__body",
    ).filter(resolution_part__minute__meeting__in=meetings_visible_to(user).values("pk"))
    if not user.has_perm("meetings.change_minute"):
        actions = actions.filter(
            resolution_part__minute__meeting__status__in=(
                MeetingStatus.MINUTES_DRAFTED,
                MeetingStatus.MINUTES_CONFIRMED,
            )
        )
    if not entitled_to_confidential(user):
        actions = actions.filter(_open_minutes("resolution_part__minute__"))
    if status in ActionStatus.values:
        actions = actions.filter(status=status)
    elif status == OVERDUE:
        actions = actions.filter(overdue_q(today))
    elif status != "all":
        actions = actions.filter(status__in=UNFINISHED)
    if owner_organisation:
        actions = actions.filter(
            Q(owner_organisation=owner_organisation)
            | Q(owner_person__organisation=owner_organisation)
        )
    if owner_person:
        actions = actions.filter(owner_person=owner_person)
    return _flag_overdue(actions.order_by("due_date", "pk"), today)


def _flag_overdue(actions, as_at) -> list[Action]:
    """``is_overdue`` on each action, by the same rule as the 'overdue' filter."""
    flag = Case(When(overdue_q(as_at), then=True), default=False, output_field=BooleanField())
    return list(actions.annotate(is_overdue=flag))


def agenda_action_log(meeting, *, entitled: bool) -> list[Action]:
    """What an Action Log item puts before ``meeting``: the body's unfinished actions from the
    published minutes of its earlier meetings, overdue ones flagged as at the meeting's date.
    The same on the meeting page and in the agenda pack; confidential items' actions only for
    readers ``entitled`` to them (``entitled_to_confidential``; the members' pack)."""
    actions = Action.objects.select_related(
        "owner_organisation", "owner_person", "resolution_part__minute__meeting"
    ).filter(
        status__in=UNFINISHED,
        resolution_part__minute__meeting__body_id=meeting.body_id,
        resolution_part__minute__meeting__date__lt=meeting.date,
        resolution_part__minute__meeting__status__in=(
            MeetingStatus.MINUTES_DRAFTED,
            MeetingStatus.MINUTES_CONFIRMED,
        ),
    )
    if not entitled:
        actions = actions.filter(_open_minutes("resolution_part__minute__"))
    return _flag_overdue(actions.order_by("due_date", "pk"), meeting.date)


def member_attendance_record(person):
    """Every meeting the person's attendance was recorded for, most recent first."""
    return list(
        person.attendances.select_related("meeting__body").order_by(
            "-meeting__date", "-meeting__start_time"
        )
    )


def attendance_summary(record) -> dict:
    """A member's figures over ``record`` (their attendances), as ModernGov shows them:
    meetings expected at, present (in the chair or not), apologies, absent, and the share of
    meetings attended in whole per cent (None before any meeting)."""
    counts = dict.fromkeys(AttendanceStatus.values, 0)
    for attendance in record:
        counts[attendance.status] += 1
    expected = counts["chair"] + counts["present"] + counts["apologies"] + counts["absent"]
    present = counts["chair"] + counts["present"]
    return {
        "expected": expected,
        "present": present,
        "apologies": counts["apologies"],
        "absent": counts["absent"],
        "percent": round(100 * present / expected) if expected else None,
    }


def minutes_search(*, user, query: str, limit: int = 50):
    """Minutes, resolutions and reports matching ``query`` in meetings the user may read.

    PostgreSQL: full-text search (English configuration), ranked. Elsewhere (SQLite in
    development): every word as a case-insensitive substring, most recent meetings first.
    Confidential items' minutes and reports only for those entitled to them.
    """
    query = query.strip()
    if not query:
        return [], []
    meetings = meetings_visible_to(user)
    readable = [MeetingStatus.MINUTES_DRAFTED, MeetingStatus.MINUTES_CONFIRMED]
    minutes = (
        Minute.objects.filter(meeting__in=meetings.values("pk"))
        .select_related("meeting__body", "agenda_item")
        .prefetch_related("resolution_parts")
    )
    if not user.has_perm("meetings.change_minute"):
        minutes = minutes.filter(meeting__status__in=readable)
    reports = (
        Report.objects.filter(agenda_item__meeting__in=meetings.values("pk"))
        .select_related("agenda_item__meeting__body")
        .prefetch_related("sections")
    )
    if not entitled_to_confidential(user):
        minutes = minutes.filter(_open_minutes())
        reports = reports.filter(agenda_item__is_confidential=False)
    if connection.vendor == "postgresql":
        minutes, reports = _full_text_search(minutes, reports, query)
    else:
        # Every word, each in any of the texts (a minute's parts, a report's sections).
        for word in query.split():
            minutes = minutes.filter(
                pk__in=Minute.objects.filter(
                    Q(title__icontains=word)
                    | Q(text__icontains=word)
                    | Q(resolution_parts__text__icontains=word)
                ).values("pk")
            )
            reports = reports.filter(
                pk__in=Report.objects.filter(
                    Q(subject__icontains=word)
                    | Q(recommendations__icontains=word)
                    | Q(sections__body__icontains=word)
                    | Q(sections__heading__icontains=word)
                ).values("pk")
            )
        minutes = minutes.order_by("-meeting__date", "number")
        reports = reports.order_by("-agenda_item__meeting__date")
    return list(minutes[:limit]), list(reports[:limit])


def _full_text_search(minutes, reports, query):
    """PostgreSQL: each minute (with its resolution parts) and each report (with its sections)
    is one document; those matching the query (websearch syntax: words, "phrases", -not),
    best first."""
    from django.contrib.postgres.aggregates import StringAgg
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    def joined(model, parent, text):
        rows = model.objects.filter(**{parent: OuterRef("pk")}).values(parent)
        texts = rows.annotate(t=StringAgg(text, " ", output_field=TextField())).values("t")
        return Coalesce(Subquery(texts), Value(""), output_field=TextField())

    search = SearchQuery(query, search_type="websearch", config="english")
    minutes = minutes.annotate(
        parts_text=joined(ResolutionPart, "minute", "text"),
        document=SearchVector("title", "text", "parts_text", config="english"),
    )
    reports = reports.annotate(
        sections_text=joined(
            ReportSection, "report", Concat("heading", Value(" "), "body", output_field=TextField())
        ),
        document=SearchVector("subject", "recommendations", "sections_text", config="english"),
    )
    minutes = (
        minutes.filter(document=search)
        .annotate(rank=SearchRank(F("document"), search))
        .order_by("-rank", "-meeting__date")
    )
    reports = (
        reports.filter(document=search)
        .annotate(rank=SearchRank(F("document"), search))
        .order_by("-rank")
    )
    return minutes, reports


# --- The home page -------------------------------------------------------------------------------


def next_meeting_for(user, today: datetime.date):
    """The next meeting ``user`` may see that is still to take place, or None."""
    return (
        meetings_visible_to(user)
        .filter(date__gte=today, state=MeetingState.SCHEDULED)
        .order_by("date", "start_time")
        .first()
    )


def is_linked_to_person(user) -> bool:
    """Whether the account is a member's or partner's (a Person), who can own actions."""
    return Person.objects.filter(user_id=user.pk).exists()


def my_actions(user, today: datetime.date) -> list[Action]:
    """The unfinished actions owned by the user or their organisation, overdue first, then by
    due date (undated last), each with ``is_overdue``."""
    actions = actions_owned_by(user).filter(status__in=UNFINISHED)
    actions = actions.select_related(
        "owner_organisation", "owner_person", "resolution_part__minute__meeting"
    )
    flagged = _flag_overdue(actions, today)
    return sorted(
        flagged,
        key=lambda a: (not a.is_overdue, a.due_date is None, a.due_date or today, a.pk),
    )


AGENDA_LOOKAHEAD_DAYS = 28


def agendas_to_publish(today: datetime.date) -> list[Meeting]:
    """Meetings to come whose agenda is not published and whose deadline (``deadline``, five
    clear working days before) falls within four weeks or has passed (``late``)."""
    due = []
    for meeting in Meeting.objects.select_related("body").filter(
        date__gte=today, status=MeetingStatus.DRAFT, state=MeetingState.SCHEDULED
    ):
        meeting.deadline = agenda_deadline(meeting.date)
        meeting.late = meeting.deadline < today
        if (meeting.deadline - today).days <= AGENDA_LOOKAHEAD_DAYS:
            due.append(meeting)
    return due


def minutes_due(today: datetime.date) -> dict:
    """Past meetings not closed (``meetings_not_closed``) by what the officer does next:
    minutes to draft (none started), to publish (started), to confirm (published as a draft),
    and meetings neither held nor called off."""
    meetings = meetings_not_closed(today)
    started = set(
        Minute.objects.filter(meeting__in=[m.pk for m in meetings]).values_list(
            "meeting_id", flat=True
        )
    )
    held = [m for m in meetings if m.status == MeetingStatus.HELD]
    return {
        "to_draft": [m for m in held if m.pk not in started],
        "to_publish": [m for m in held if m.pk in started],
        "to_confirm": [m for m in meetings if m.status == MeetingStatus.MINUTES_DRAFTED],
        "not_held": [m for m in meetings if m.status in OPEN_FOR_PAPERS],
    }


PAPER_SEARCH_VECTOR = '"meetings_uploadeddocument"."search_vector"'


def papers_search(*, user, query: str, limit: int = 50) -> list[UploadedDocument]:
    """Uploaded papers and appendices whose title or text (``UploadedDocument.text``, extracted
    at upload) match ``query``, in meetings the user may read; confidential items' papers only
    for those entitled to them. PostgreSQL: full-text, ranked; elsewhere every word as a
    substring, most recent meetings first (as ``minutes_search``)."""
    query = query.strip()
    if not query:
        return []
    papers = UploadedDocument.objects.filter(
        agenda_item__meeting__in=meetings_visible_to(user).values("pk")
    ).select_related("agenda_item__meeting__body", "report")
    if not entitled_to_confidential(user):
        papers = papers.filter(agenda_item__is_confidential=False)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField

        # The title and text as one English document, stored and indexed by PostgreSQL (a
        # generated column the model does not declare: migration 0008_dw8_paper_text).
        stored = RawSQL(PAPER_SEARCH_VECTOR, [], output_field=SearchVectorField())  # noqa: S611 a constant
        search = SearchQuery(query, search_type="websearch", config="english")
        papers = (
            papers.annotate(contents=stored)
            .filter(contents=search)
            .annotate(rank=SearchRank(F("contents"), search))
            .order_by("-rank", "-agenda_item__meeting__date")
        )
    else:
        for word in query.split():
            papers = papers.filter(Q(title__icontains=word) | Q(text__icontains=word))
        papers = papers.order_by("-agenda_item__meeting__date", "agenda_item__order", "order")
    return list(papers[:limit])


def search_results(*, user, query: str) -> dict:
    """What the search page lists: minutes, reports and papers the user may read, each with
    ``snippet``, its text around the words searched for, those words highlighted. The
    snippets are made from what the queries fetched (no query per result)."""
    minutes, reports = minutes_search(user=user, query=query)
    papers = papers_search(user=user, query=query)
    for minute in minutes:
        parts = [part.text for part in minute.resolution_parts.all()]
        minute.snippet = snippet([html_text(minute.text), *parts], query)
    for report in reports:
        sections = [f"{s.heading}. {html_text(s.body)}" for s in report.sections.all()]
        report.snippet = snippet([html_text(report.recommendations), *sections], query)
    for paper in papers:
        paper.snippet = snippet([paper.text], query)
        paper.appendix = appendix_letter(paper.order - 1) if paper.report_id else ""
    return {"minutes": minutes, "reports": reports, "papers": papers}


def body_changes(body):
    """The history of a body's own settings (changes that belong to no meeting)."""
    return Change.objects.filter(
        meeting=None, object_type="body", object_id=body.pk
    ).select_related("user")


def paper_refusal(document_pk: int, user):
    """The history's record of ``user``'s paper refused after upload (its conversion found it
    unopenable or too long, and removed it), or None: their polling page explains, not 404s."""
    if not user.is_authenticated:
        return None
    return (
        Change.objects.filter(
            object_type="uploadeddocument",
            object_id=document_pk,
            user=user,
            summary__contains="” refused: ",
        )
        .order_by("-pk")
        .first()
    )


#: The Job kind of an agenda pack build on the task queue (meetings/tasks.py).
PACK_JOB = "agenda-pack"
#: The Job kind of an email alert on the task queue.
ALERT_JOB = "email-alert"
#: The Job kind of reading an uploaded paper's text for search.
TEXT_JOB = "paper-text"


def meeting_subject(meeting_pk: int) -> str:
    return f"meeting:{meeting_pk}"


def meeting_job_notices(meeting, user) -> tuple[Job | None, list[Job]]:
    """What the meeting page says about its work on the task queue, read in one query:
    the last pack build while it is queued or running or after it failed (for the officers and
    whoever started it; a build that succeeded needs no notice), and, for the officers, the
    email alerts that failed every attempt."""
    officer = user.has_perm("meetings.change_meeting")
    recent = list(
        Job.objects.filter(subject=meeting_subject(meeting.pk), kind__in=(PACK_JOB, ALERT_JOB))
        .select_related("started_by")
        .order_by("-created_at", "-pk")[:200]
    )
    pack_job = next((job for job in recent if job.kind == PACK_JOB), None)
    if pack_job is not None and (
        pack_job.status == JobStatus.DONE or not (officer or pack_job.started_by_id == user.pk)
    ):
        pack_job = None
    failed = [j for j in recent if j.kind == ALERT_JOB and j.status == JobStatus.FAILED]
    return pack_job, failed[:20] if officer else []


def failed_digests(today: datetime.date, *, days: int = 14) -> list[Job]:
    """Weekly digests that failed every attempt in the last ``days`` days: started by cron,
    they belong to no meeting page, so the officer's home page lists them."""
    since = datetime.datetime.combine(
        today - datetime.timedelta(days=days), datetime.time(), tzinfo=datetime.UTC
    )
    return list(
        Job.objects.filter(
            kind=ALERT_JOB,
            status=JobStatus.FAILED,
            subject__startswith="user:",
            created_at__gte=since,
        ).order_by("-created_at", "-pk")[:20]
    )


# --- Email alerts ---------------------------------------------------------------------------


def alert_recipients(meeting) -> list:
    """The body's members on the meeting's date who have an account with an email address and
    may read meetings: those an agenda or minutes alert goes to."""
    from django.contrib.auth import get_user_model

    members = Membership.objects.current_on(meeting.date).filter(body_id=meeting.body_id)
    users = (
        get_user_model()
        .objects.filter(is_active=True, person__memberships__in=members)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    return [user for user in users if user.has_perm("sscp.view_meetings")]


def open_actions_of(user) -> list[Action]:
    """The user's open and in-progress actions (their weekly digest), soonest due first."""
    return list(
        actions_owned_by(user)
        .filter(status__in=(ActionStatus.OPEN, ActionStatus.IN_PROGRESS))
        .select_related("resolution_part__minute__agenda_item", "resolution_part__minute")
        .order_by(F("due_date").asc(nulls_last=True), "pk")
    )


def digest_recipients() -> list:
    from django.contrib.auth import get_user_model

    return list(
        get_user_model()
        .objects.filter(is_active=True, person__isnull=False)
        .exclude(email="")
        .order_by("pk")
    )


def officers_with_email() -> list:
    from django.contrib.auth import get_user_model

    from sscp.roles import COMMITTEE_OFFICER

    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=COMMITTEE_OFFICER)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def draft_meetings_between(first: datetime.date, last: datetime.date) -> list[Meeting]:
    """Scheduled meetings whose agenda is still a draft, from ``first`` to ``last``."""
    return list(
        Meeting.objects.filter(
            status=MeetingStatus.DRAFT,
            state=MeetingState.SCHEDULED,
            date__gte=first,
            date__lte=last,
        ).select_related("body", "venue")
    )


def meeting_actions(meeting) -> list[Action]:
    """The actions its minutes give, with their owners (to tell them when minutes publish)."""
    return list(
        Action.objects.filter(resolution_part__minute__meeting=meeting).select_related(
            "owner_person__user", "resolution_part__minute"
        )
    )


def meeting_supplements(meeting) -> tuple[list, object | None]:
    """The meeting's published supplementary agendas, and the one late papers go on now."""
    supplements = list(meeting.supplements.order_by("number"))
    published = [s for s in supplements if s.published_at is not None]
    waiting = next((s for s in supplements if s.published_at is None), None)
    return published, waiting


# --- Attendance by agency ---------------------------------------------------------------------

PRESENT_STATUSES = (AttendanceStatus.CHAIR, AttendanceStatus.PRESENT)
HELD_STATUSES = (
    MeetingStatus.HELD,
    MeetingStatus.MINUTES_DRAFTED,
    MeetingStatus.MINUTES_CONFIRMED,
)


def municipal_year_period(body, day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The body's municipal year holding ``day``: the default period of its reports."""
    start = body.municipal_year_start(day)
    return start, start.replace(year=start.year + 1) - datetime.timedelta(days=1)


def meetings_held(body, start: datetime.date, end: datetime.date):
    """The body's meetings from ``start`` to ``end`` that took place (attendance recorded):
    cancelled and postponed meetings, and those still to come, expected nobody."""
    return list(
        body.meetings.filter(
            date__range=(start, end),
            state=MeetingState.SCHEDULED,
            status__in=HELD_STATUSES,
        )
        .prefetch_related("attendances__person")
        .order_by("date", "start_time")
    )


def _represented(meeting, memberships) -> set:
    """The organisation ids present at ``meeting``: a member there, or a deputy for one."""
    attended = {
        a.person_id or a.deputy_for_id
        for a in meeting.attendances.all()
        if a.status in PRESENT_STATUSES and (a.person_id or a.deputy_for_id)
    }
    return {
        m.organisation_id
        for m in memberships
        if m.person_id in attended and _covers(m, meeting.date)
    }


def _covers(membership, day) -> bool:
    return membership.start_date <= day and (
        membership.end_date is None or membership.end_date >= day
    )


def agency_attendance(body, start: datetime.date, end: datetime.date) -> dict:
    """Each organisation's attendance over the meetings held in the period (expected at every
    meeting one of its members was a member on; represented by a member or a named deputy),
    and each member's own figures, as the annual report tables them."""
    held = meetings_held(body, start, end)
    memberships = list(
        body.memberships.filter(organisation__isnull=False).select_related("organisation")
    )
    rows = {}
    for meeting in held:
        present = _represented(meeting, memberships)
        expected = {m.organisation for m in memberships if _covers(m, meeting.date)}
        for organisation in expected:
            row = rows.setdefault(
                organisation.pk, {"organisation": organisation, "expected": 0, "present": 0}
            )
            row["expected"] += 1
            row["present"] += organisation.pk in present
    for row in rows.values():
        row["percent"] = round(100 * row["present"] / row["expected"])
    return {
        "meetings": held,
        "organisations": sorted(rows.values(), key=lambda r: r["organisation"].name),
        "people": _people_attendance(body, held),
    }


def _people_attendance(body, held) -> list[dict]:
    """Each member's figures over the held meetings, as on their attendance record."""
    records: dict = {}
    for meeting in held:
        for attendance in meeting.attendances.all():
            if attendance.person_id and attendance.deputy_for_id is None:
                records.setdefault(attendance.person, []).append(attendance)
    return [
        {"person": person, **attendance_summary(record)}
        for person, record in sorted(records.items(), key=lambda i: (i[0].last_name, i[0].pk))
    ]


def agency_attendance_rows(report: dict) -> list[list]:
    """The organisations' table as CSV rows, header first."""
    rows = [["Organisation", "Meetings expected at", "Meetings attended", "Per cent"]]
    rows += [
        [r["organisation"].name, r["expected"], r["present"], r["percent"]]
        for r in report["organisations"]
    ]
    return rows


# --- Work programme ---------------------------------------------------------------------------

NOT_YET_HELD = (MeetingStatus.DRAFT, MeetingStatus.AGENDA_PUBLISHED)


def meetings_to_come(body):
    """The body's meetings not yet held and not called off, in date order."""
    return list(
        body.meetings.filter(state=MeetingState.SCHEDULED, status__in=NOT_YET_HELD).order_by(
            "date", "start_time"
        )
    )


def work_programme(body) -> list[dict]:
    """Per meeting to come: the items deferred to it (with the minute that deferred them),
    the items planned for it, and the standing reports due at it (each with whether it is
    already on the agenda)."""
    meetings = meetings_to_come(body)
    plans = list(body.planned_items.select_related("meeting", "lead_organisation", "taken_into"))
    deferred = (
        AgendaItem.objects.filter(meeting__in=meetings, requested_by__isnull=False)
        .select_related("requested_by__meeting")
        .order_by("order")
    )
    programme = []
    for meeting in meetings:
        titles = set(meeting.items.values_list("title", flat=True))
        due = [
            {"plan": p, "taken": p.taken_into_id is not None or p.title in titles}
            for p in plans
            if (p.recurrence and standing_due(p, meeting, meetings))
            or (not p.recurrence and p.meeting_id == meeting.pk)
        ]
        programme.append(
            {
                "meeting": meeting,
                "deferred": [i for i in deferred if i.meeting_id == meeting.pk],
                "planned": [d for d in due if not d["plan"].recurrence],
                "standing": [d for d in due if d["plan"].recurrence],
            }
        )
    return programme


def planned_for_meeting(meeting) -> list[dict]:
    """The plans and standing reports due at ``meeting``, for its agenda builder."""
    for entry in work_programme(meeting.body):
        if entry["meeting"].pk == meeting.pk:
            return entry["planned"] + entry["standing"]
    return []
