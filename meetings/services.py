"""Writes. Each function is one thing the committee officer (or another app) does.

Every function takes keyword arguments, checks the business rules, writes inside a transaction
and records the change in the history. Views call these; they never save models themselves.
Business-rule refusals raise ``ValidationError`` with a message for the field concerned.
"""

import contextlib
import functools
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from meetings import (
    calendar_tokens,
    conversion,
    paper_text,
    report_template,
    supplements,
    tasks,
    wording,
)
from meetings.deputies import deputy_refusal
from meetings.history import change_differences, change_record, snapshot
from meetings.html import clean_paper, clean_rich_text
from meetings.models import (
    Action,
    AgendaItem,
    Alert,
    AlertPreference,
    Attendance,
    AttendanceStatus,
    Body,
    CalendarToken,
    Conversion,
    Declaration,
    FrozenPaper,
    FrozenPaperKind,
    ItemKind,
    Meeting,
    MeetingState,
    MeetingStatus,
    Membership,
    Minute,
    Person,
    PlannedItem,
    Report,
    ReportSection,
    ResolutionPart,
    StandardKind,
    UploadedDocument,
    appendix_letter,
)
from meetings.numbering import (
    minute_number_taken_by,
    municipal_year_label,
    next_minute_number,
    numbering_refusal,
)
from meetings.selectors import OPEN_FOR_PAPERS, next_meeting, previous_meeting
from meetings.uploads import check_paper, check_size

logger = logging.getLogger(__name__)


class StaleEdit(ValidationError):
    """Someone else saved first. ``current`` is what is saved now, ``differences`` how it
    differs from what this editor started from."""

    def __init__(self, message, *, current, differences):
        super().__init__(message)
        self.current = current
        self.differences = differences


def locked_message(meeting) -> str:
    """Why confirmed minutes (and what they record) no longer change."""
    return (
        f"The minutes of the meeting held on {wording.long_date(meeting.date)} have been "
        "confirmed as a correct record and can no longer be changed."
    )


def _refuse_if_locked(meeting) -> None:
    if meeting.status == MeetingStatus.MINUTES_CONFIRMED:
        raise ValidationError(locked_message(meeting), code="locked")


def _bump_version(instance, expected_version, fields) -> None:
    """Optimistic lock: save only if nobody saved since ``expected_version`` was read."""
    model = type(instance)
    before = model.objects.get(pk=instance.pk)
    if expected_version is not None and before.version != expected_version:
        mine = snapshot(instance, fields)
        theirs = snapshot(before, fields)
        stale = {"object_type": model._meta.model_name, "before": mine, "after": theirs}
        diffs = change_differences(type("C", (), stale)())
        raise StaleEdit(
            "Someone else saved this while you were editing it. Their changes are shown "
            "below; your text is kept in the form: merge the two and save again.",
            current=theirs,
            differences=diffs,
        )
    updated = model.objects.filter(pk=instance.pk, version=before.version).update(
        version=F("version") + 1, **{f: getattr(instance, f) for f in fields}
    )
    if not updated:  # lost a race between the read and the write
        raise StaleEdit(
            "Someone else saved this at the same moment. Reload and save again.",
            current={},
            differences=[],
        )
    instance.version = before.version + 1
    return before


# --- Bodies and membership -----------------------------------------------------------------------


@transaction.atomic
def membership_add(
    *, body, user, role, start_date, person=None, end_date=None, organisation=None, **new_person
) -> Membership:
    """Seat ``person`` (or a new person: title, first_name, last_name) on ``body`` from
    ``start_date``. The membership sentence of the agendas from then on names them."""
    if person is None:
        if not (
            new_person.get("first_name", "").strip() and new_person.get("last_name", "").strip()
        ):
            raise ValidationError(
                {"person": "Choose a person, or enter the new member's first and last name."}
            )
        person = Person.objects.create(
            title=new_person.get("title", "").strip(),
            first_name=new_person["first_name"].strip(),
            last_name=new_person["last_name"].strip(),
            organisation=organisation,
        )
    _refuse_bad_end(start_date, end_date)
    overlapping = (
        Membership.objects.filter(body=body, person=person)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start_date))
        .order_by("start_date")
    )
    if end_date is not None:
        overlapping = overlapping.filter(start_date__lte=end_date)
    clash = overlapping.first()
    if clash is not None:
        raise ValidationError(
            {
                "start_date": f"{person} is already a member of {body} from "
                f"{wording.long_date(clash.start_date)}"
                + (f" to {wording.long_date(clash.end_date)}." if clash.end_date else ".")
            }
        )
    return Membership.objects.create(
        body=body,
        person=person,
        role=role,
        organisation=organisation,
        start_date=start_date,
        end_date=end_date,
    )


def _refuse_bad_end(start_date, end_date) -> None:
    if end_date is not None and end_date < start_date:
        raise ValidationError(
            {
                "end_date": "The membership must end on or after its start "
                f"({wording.long_date(start_date)})."
            }
        )


@transaction.atomic
def body_publishing_set(*, body, user, publishes_papers: bool) -> Body:
    """Turn the public pages of ``body``'s papers on or off, recorded in its history (a body's
    change belongs to no meeting). Saving the same value records nothing."""
    body = Body.objects.select_for_update().get(pk=body.pk)
    if body.publishes_papers == publishes_papers:
        return body
    body.publishes_papers = publishes_papers
    body.save(update_fields=["publishes_papers"])
    change_record(
        meeting=None,
        instance=body,
        user=user,
        summary="Papers published on the public pages" if publishes_papers
        else "Papers no longer published on the public pages",
        before={"publishes_papers": not publishes_papers},
        after={"publishes_papers": publishes_papers},
    )  # fmt: skip
    return body


@transaction.atomic
def membership_end(*, membership, user, end_date) -> Membership:
    """The member leaves the body after ``end_date``; their past attendance stays."""
    _refuse_bad_end(membership.start_date, end_date)
    membership.end_date = end_date
    membership.save(update_fields=["end_date"])
    return membership


# --- Meetings and agendas ------------------------------------------------------------------------


def _place(venue) -> str:
    return venue.short_name or venue.name


def next_meeting_text(meeting) -> str:
    following = next_meeting(meeting)
    if following is None:
        return ""
    return wording.next_meeting_description(
        following.date, following.start_time, _place(following.venue)
    )


@transaction.atomic
def meeting_create(
    *,
    body,
    date,
    start_time,
    venue,
    is_private=True,
    user,
    next_meeting_date=None,
    next_meeting_time=None,
) -> Meeting:
    """Schedule a meeting and start its agenda from the standard items.

    With ``next_meeting_date`` the following meeting is scheduled too (same venue), and the Date
    of Next Meeting item is written from it.
    """
    if next_meeting_date is not None and next_meeting_date <= date:
        raise ValidationError(
            {
                "next_meeting_date": "The date of the next meeting must be after this meeting "
                f"({wording.long_date(date)})."
            }
        )
    if Meeting.objects.filter(body=body, date=date, start_time=start_time).exists():
        raise ValidationError({"date": "This body already meets at that date and time."})
    meeting = Meeting.objects.create(
        body=body, date=date, start_time=start_time, venue=venue, is_private=is_private
    )
    agenda_start(meeting=meeting, user=user)
    if next_meeting_date is not None:
        following, created = Meeting.objects.get_or_create(
            body=body,
            date=next_meeting_date,
            start_time=next_meeting_time or start_time,
            defaults={"venue": venue, "is_private": is_private},
        )
        if created:
            agenda_start(meeting=following, user=user)
            change_record(
                meeting=following, instance=following, user=user, summary="Meeting scheduled"
            )
    change_record(meeting=meeting, instance=meeting, user=user, summary="Meeting scheduled")
    _refresh_next_meeting_items(body, user)
    return meeting


MEETING_FIELDS = ["date", "start_time", "venue", "is_private"]


@transaction.atomic
def meeting_reschedule(*, meeting, user, date, start_time, venue, is_private) -> Meeting:
    """Move a meeting not yet held, or change its venue or privacy. The dated standard items
    of unpublished agendas follow the schedule; a published agenda's are the officer's to edit.

    Refused once the meeting is held (its minutes are numbered by its date), for a slot the
    body already meets in, and before a meeting of the body already held.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status not in OPEN_FOR_PAPERS:
        raise ValidationError(
            {
                "date": f"The meeting of {wording.long_date(meeting.date)} has been held: its "
                "date, time and place can no longer be changed."
            }
        )
    others = Meeting.objects.filter(body_id=meeting.body_id).exclude(pk=meeting.pk)
    if others.filter(date=date, start_time=start_time).exists():
        raise ValidationError({"date": "This body already meets at that date and time."})
    held = others.filter(date__gte=date).exclude(status__in=OPEN_FOR_PAPERS).order_by("date").last()
    if held is not None:
        raise ValidationError(
            {
                "date": f"The meeting must be after {wording.long_date(held.date)}, the body's "
                "last meeting already held."
            }
        )
    before = snapshot(meeting, MEETING_FIELDS)
    meeting.date, meeting.start_time, meeting.venue = date, start_time, venue
    meeting.is_private = is_private
    meeting.save(update_fields=MEETING_FIELDS)
    after = snapshot(meeting, MEETING_FIELDS)
    if after != before:
        Meeting.objects.filter(pk=meeting.pk).update(sequence=F("sequence") + 1)
        change_record(
            meeting=meeting,
            instance=meeting,
            user=user,
            summary="Date, time or place changed",
            before=before,
            after=after,
        )
        _refresh_next_meeting_items(meeting.body, user)
    return meeting


@transaction.atomic
def agenda_start(*, meeting, user) -> list[AgendaItem]:
    """Give an empty agenda the body's standard items: Apologies for Absence, Declarations of
    Interest (standing text), Minutes of Previous Meeting (its date) and Date of Next Meeting
    (from the schedule)."""
    if meeting.items.exists():
        raise ValidationError("This agenda already has items.")
    previous = previous_meeting(meeting)
    standard = [
        (StandardKind.APOLOGIES, ""),
        (StandardKind.DECLARATIONS, "\n\n".join(wording.DECLARATIONS_STANDING_TEXT)),
        (
            StandardKind.PREVIOUS_MINUTES,
            wording.previous_minutes_description(previous.date if previous else None),
        ),
        (StandardKind.NEXT_MEETING, next_meeting_text(meeting)),
    ]
    return AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            order=order,
            title=kind.label,
            description=description,
            kind=ItemKind.STANDARD,
            standard_kind=kind,
        )
        for order, (kind, description) in enumerate(standard, start=1)
    )


def _refresh_next_meeting_items(body, user) -> None:
    """Rewrite the Date of Next Meeting text of unpublished agendas from the schedule."""
    items = AgendaItem.objects.filter(
        meeting__body=body,
        meeting__status=MeetingStatus.DRAFT,
        standard_kind=StandardKind.NEXT_MEETING,
    ).select_related("meeting")
    for item in items:
        _write_from_schedule(item, next_meeting_text(item.meeting), user)


def _write_from_schedule(item, text, user) -> None:
    """A dated standard item's text written again from the schedule: like an officer's edit, it
    is kept in the history and makes an edit begun before it stale."""
    if not text or text == item.description:
        return
    AgendaItem.objects.filter(pk=item.pk).update(description=text, version=F("version") + 1)
    change_record(
        meeting=item.meeting,
        instance=item,
        user=user,
        summary=f"Item {item.order} “{item.title}” written again from the schedule",
        before={"description": item.description},
        after={"description": text},
    )


ITEM_FIELDS = [
    "title",
    "description",
    "kind",
    "presenter_text",
    "presenter",
    "duration_minutes",
    "is_confidential",
    "paper_to_follow",
]


def _refuse_if_agenda_closed(meeting) -> None:
    if meeting.status not in OPEN_FOR_PAPERS:
        raise ValidationError(
            f"The meeting of {wording.long_date(meeting.date)} has been held: its agenda can no "
            "longer be changed."
        )


@transaction.atomic
def item_add(*, meeting, user, **fields) -> AgendaItem:
    """Add an item before Date of Next Meeting, which stays last."""
    _refuse_if_agenda_closed(meeting)
    items = list(meeting.items.select_for_update().order_by("order", "pk"))
    last = items[-1] if items else None
    if last is not None and last.standard_kind == StandardKind.NEXT_MEETING:
        order = last.order
        AgendaItem.objects.filter(pk=last.pk).update(order=last.order + 1)
    else:
        order = (last.order + 1) if last else 1
    item = AgendaItem.objects.create(meeting=meeting, order=order, **fields)
    change_record(
        meeting=meeting,
        instance=item,
        user=user,
        summary=f"Item {order} “{item.title}” added",
        after=snapshot(item, ITEM_FIELDS),
    )
    return item


@transaction.atomic
def item_add_action_log(*, meeting, user) -> AgendaItem:
    """Put the open actions on the agenda as an item of their own (once)."""
    if meeting.items.filter(standard_kind=StandardKind.ACTION_LOG).exists():
        raise ValidationError("The action log is already on this agenda.")
    return item_add(
        meeting=meeting,
        user=user,
        title=StandardKind.ACTION_LOG.label,
        kind=ItemKind.STANDARD,
        standard_kind=StandardKind.ACTION_LOG,
        description="To review progress on the Partnership's open actions.",
    )


@transaction.atomic
def item_defer(*, minute, user, title, description="") -> AgendaItem:
    """The forward plan: a resolution deferring something "to the next meeting" puts a draft
    item on that meeting's agenda, linked back to the minute that asked for it.

    What an exempt minute defers is exempt too until the officer decides otherwise, so its
    title cannot reach readers who were not entitled to the minute."""
    following = next_meeting(minute.meeting)
    if following is None:
        raise ValidationError({"title": "Schedule the next meeting first."})
    if not title.strip():
        raise ValidationError({"title": "Enter the title of the item to defer."})
    if not following.items.exists():
        agenda_start(meeting=following, user=user)
    exempt = minute.agenda_item_id is not None and minute.agenda_item.is_confidential
    item = item_add(
        meeting=following,
        user=user,
        title=title.strip(),
        description=description,
        is_confidential=exempt,
    )
    item.requested_by = minute
    item.save(update_fields=["requested_by"])
    return item


@transaction.atomic
def item_update(*, item, user, expected_version, **fields) -> AgendaItem:
    _refuse_if_agenda_closed(item.meeting)
    before = snapshot(AgendaItem.objects.get(pk=item.pk), ITEM_FIELDS)
    for name, value in fields.items():
        setattr(item, name, value)
    _bump_version(item, expected_version, list(fields))
    change_record(
        meeting=item.meeting,
        instance=item,
        user=user,
        summary=f"Item {item.order} “{item.title}” changed",
        before=before,
        after=snapshot(item, ITEM_FIELDS),
    )
    return item


def _renumber(meeting) -> None:
    for order, pk in enumerate(
        meeting.items.order_by("order", "pk").values_list("pk", flat=True), start=1
    ):
        AgendaItem.objects.filter(pk=pk).exclude(order=order).update(order=order)


@transaction.atomic
def _item_move(*, item, user, step: int) -> AgendaItem:
    meeting = item.meeting
    _refuse_if_agenda_closed(meeting)
    _renumber(meeting)
    items = list(meeting.items.select_for_update().order_by("order"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + step
    if 0 <= target < len(items):
        other = items[target]
        AgendaItem.objects.filter(pk=item.pk).update(order=other.order)
        AgendaItem.objects.filter(pk=other.pk).update(order=items[index].order)
        item.order = other.order
        change_record(
            meeting=meeting,
            instance=item,
            user=user,
            summary=f"“{item.title}” moved {'up' if step < 0 else 'down'} to item {item.order}",
            before={"order": items[index].order},
            after={"order": item.order},
        )
    return item


def item_move_up(*, item, user) -> AgendaItem:
    return _item_move(item=item, user=user, step=-1)


def item_move_down(*, item, user) -> AgendaItem:
    return _item_move(item=item, user=user, step=1)


def item_removal_refusal(item) -> str:
    """Why ``item`` cannot be taken off its agenda ('' when it can). The Minutes of Previous
    Meeting item is where the previous meeting's minutes are confirmed: while those await
    confirmation, removing it would leave them (and, as minutes are confirmed in meeting
    order, every later meeting's) never confirmable."""
    if item.standard_kind != StandardKind.PREVIOUS_MINUTES:
        return ""
    previous = previous_meeting(item.meeting)
    if previous is None or previous.status == MeetingStatus.MINUTES_CONFIRMED:
        return ""
    held = wording.long_date(previous.date)
    return (
        f"The minutes of {held} are confirmed at this meeting, under this item: without it "
        f"they could never be confirmed, nor (as minutes are confirmed in meeting order) the "
        f"minutes of any later meeting. Keep the item; if the meeting of {held} did not take "
        "place, mark it cancelled or postponed instead."
    )


@transaction.atomic
def item_add_previous_minutes(*, meeting, user) -> AgendaItem:
    """Put a removed Minutes of Previous Meeting item back, after Declarations of Interest."""
    _refuse_if_agenda_closed(meeting)
    if meeting.items.filter(standard_kind=StandardKind.PREVIOUS_MINUTES).exists():
        raise ValidationError("The Minutes of Previous Meeting item is already on this agenda.")
    previous = previous_meeting(meeting)
    after = meeting.items.filter(
        standard_kind__in=(StandardKind.APOLOGIES, StandardKind.DECLARATIONS)
    ).order_by("-order")
    order = after.first().order + 1 if after.exists() else 1
    meeting.items.filter(order__gte=order).update(order=F("order") + 1)
    item = AgendaItem.objects.create(
        meeting=meeting,
        order=order,
        title=StandardKind.PREVIOUS_MINUTES.label,
        description=wording.previous_minutes_description(previous.date if previous else None),
        kind=ItemKind.STANDARD,
        standard_kind=StandardKind.PREVIOUS_MINUTES,
    )
    change_record(
        meeting=meeting,
        instance=item,
        user=user,
        summary=f"Item {order} “{item.title}” added",
        after=snapshot(item, ITEM_FIELDS),
    )
    return item


@transaction.atomic
def item_remove(*, item, user) -> None:
    meeting = item.meeting
    _refuse_if_agenda_closed(meeting)
    refusal = item_removal_refusal(item)
    if refusal:
        raise ValidationError(refusal)
    change_record(
        meeting=meeting,
        instance=item,
        user=user,
        summary=f"Item {item.order} “{item.title}” removed",
        before=snapshot(item, ITEM_FIELDS),
    )
    item.delete()
    _renumber(meeting)


@transaction.atomic
def agenda_publish(*, meeting, user) -> Meeting:
    """Publish the agenda: board members can now read it and its papers."""
    if meeting.status != MeetingStatus.DRAFT:
        raise ValidationError("This agenda has already been published.")
    if not meeting.items.exists():
        raise ValidationError("An agenda needs at least one item before it is published.")
    # The schedule may have changed since the agenda was started: rewrite the dated items.
    previous = previous_meeting(meeting)
    texts = {
        StandardKind.NEXT_MEETING: next_meeting_text(meeting),
        StandardKind.PREVIOUS_MINUTES: previous
        and wording.previous_minutes_description(previous.date),
    }
    for item in meeting.items.filter(standard_kind__in=texts):
        _write_from_schedule(item, texts[item.standard_kind], user)
    meeting.status = MeetingStatus.AGENDA_PUBLISHED
    meeting.save(update_fields=["status"])
    change_record(meeting=meeting, instance=meeting, user=user, summary="Agenda published")
    return meeting


@transaction.atomic
def agenda_unpublish(*, meeting, user, reason) -> Meeting:
    """Take a published agenda back to a draft (a wrong paper, a late change) before the
    meeting is held; the reason is kept in the history."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.AGENDA_PUBLISHED:
        raise ValidationError(
            f"The agenda of {wording.long_date(meeting.date)} is not published, or the meeting "
            "has been held: only a published agenda of a meeting not yet held is unpublished."
        )
    if not reason.strip():
        raise ValidationError({"reason": "Say why the agenda is unpublished."})
    meeting.status = MeetingStatus.DRAFT
    meeting.save(update_fields=["status"])
    change_record(
        meeting=meeting,
        instance=meeting,
        user=user,
        summary=f"Agenda unpublished: {reason.strip()}",
        before={"status": MeetingStatus.AGENDA_PUBLISHED.label},
        after={"status": MeetingStatus.DRAFT.label, "reason": reason.strip()},
    )
    return meeting


# --- Meetings that do not take place ------------------------------------------------------------


@transaction.atomic
def meeting_call_off(*, meeting, user, state, reason) -> Meeting:
    """Mark a meeting cancelled or postponed. It then needs no minutes: numbering, the Date of
    Next Meeting and the confirmation of minutes pass over it, and its own items (with their
    papers) move on to the next meeting's agenda while that is still a draft.

    Refused once its minutes are started (they carry numbers of the year)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    held = wording.long_date(meeting.date)
    if state not in (MeetingState.CANCELLED, MeetingState.POSTPONED):
        raise ValidationError({"state": "Choose cancelled or postponed."})
    if meeting.is_called_off:
        raise ValidationError(
            f"The meeting of {held} is already marked {meeting.get_state_display().lower()}."
        )
    if meeting.minutes.exists():
        raise ValidationError(
            f"The minutes of {held} have been started: a meeting with minutes took place and "
            "cannot be marked cancelled or postponed."
        )
    if not reason.strip():
        raise ValidationError({"reason": "Say why the meeting did not take place."})
    meeting.state, meeting.state_reason = state, reason.strip()
    meeting.sequence += 1  # calendars replace the event with its cancellation
    meeting.save(update_fields=["state", "state_reason", "sequence"])
    change_record(
        meeting=meeting,
        instance=meeting,
        user=user,
        summary=f"Meeting {meeting.get_state_display().lower()}: {meeting.state_reason}",
        after={"state": meeting.get_state_display(), "reason": meeting.state_reason},
    )
    _business_moves_on(meeting, user)
    _refresh_next_meeting_items(meeting.body, user)
    return meeting


def reinstate_refusal(meeting) -> str:
    """Why ``meeting`` cannot be put back as taking place ('' when it can): a later meeting's
    minutes, once started, have taken the numbers and the confirmation it would need."""
    if not meeting.is_called_off:
        return f"The meeting of {wording.long_date(meeting.date)} is not cancelled or postponed."
    later = (
        Meeting.objects.filter(body_id=meeting.body_id, date__gt=meeting.date)
        .filter(minutes__isnull=False)
        .order_by("date")
        .first()
    )
    if later is not None:
        return (
            f"The minutes of {wording.long_date(later.date)} have been started: they carry on "
            f"the minute numbers and confirm the minutes of the meeting before them, so the "
            f"meeting of {wording.long_date(meeting.date)} can no longer take its place. "
            "Schedule a new meeting instead."
        )
    return ""


@transaction.atomic
def meeting_reinstate(*, meeting, user, reason) -> Meeting:
    """Undo a cancellation or postponement (marked in error, or the meeting went ahead): the
    meeting takes place again in the numbering, the Date of Next Meeting and the confirmation
    of minutes. Refused once a later meeting's minutes are started (``reinstate_refusal``).
    Items already moved on to the next agenda stay there."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    refusal = reinstate_refusal(meeting)
    if refusal:
        raise ValidationError(refusal)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the meeting is reinstated."})
    before = {"state": meeting.get_state_display(), "reason": meeting.state_reason}
    meeting.state, meeting.state_reason = MeetingState.SCHEDULED, ""
    meeting.save(update_fields=["state", "state_reason"])
    change_record(
        meeting=meeting,
        instance=meeting,
        user=user,
        summary=f"Meeting reinstated: {reason.strip()}",
        before=before,
        after={"state": meeting.get_state_display(), "reason": reason.strip()},
    )
    following = next_meeting(meeting)
    if following is not None and not following.minutes.exists():
        text = wording.previous_minutes_description(meeting.date)
        for item in following.items.filter(standard_kind=StandardKind.PREVIOUS_MINUTES):
            _write_from_schedule(item, text, user)
    _refresh_next_meeting_items(meeting.body, user)
    return meeting


def _business_moves_on(meeting, user) -> None:
    """The next meeting's Minutes of Previous Meeting item names the meeting before it again
    (until its minutes are started), and the called-off meeting's own items go to the end of
    that agenda while it is a draft."""
    following = next_meeting(meeting)
    if following is None or following.minutes.exists():
        return
    previous = previous_meeting(following)
    text = wording.previous_minutes_description(previous.date if previous else None)
    for item in following.items.filter(standard_kind=StandardKind.PREVIOUS_MINUTES):
        _write_from_schedule(item, text, user)
    if following.status != MeetingStatus.DRAFT:
        return
    last = following.items.count()
    for n, item in enumerate(meeting.items.filter(standard_kind="").order_by("order"), 1):
        AgendaItem.objects.filter(pk=item.pk).update(meeting=following, order=last + n)
        for at in (meeting, following):
            change_record(
                meeting=at,
                instance=item,
                user=user,
                summary=f"“{item.title}” moved on from the meeting of "
                f"{wording.long_date(meeting.date)} to {wording.long_date(following.date)}",
            )
    _renumber(meeting)


# --- Papers --------------------------------------------------------------------------------------

REPORT_FIELDS = ["report_to", "meeting_date", "subject", "report_of", "recommendations"]


@transaction.atomic
def report_save(*, item, user, report=None, expected_version=None, sections, **fields) -> Report:
    """Create or change a report; ``sections`` is a list of (heading, HTML body)."""
    _refuse_if_agenda_closed(item.meeting)
    fields["recommendations"] = clean_rich_text(fields.get("recommendations", ""))
    sections = [(h.strip(), clean_rich_text(b)) for h, b in sections if h.strip() or b.strip()]
    if report is None:
        report = Report.objects.create(agenda_item=item, created_by=user, **fields)
        before = {}
    else:
        before = snapshot(Report.objects.get(pk=report.pk), REPORT_FIELDS)
        before["sections"] = _sections_text(report)
        for name, value in fields.items():
            setattr(report, name, value)
        _bump_version(report, expected_version, list(fields))
        report.sections.all().delete()
    ReportSection.objects.bulk_create(
        ReportSection(report=report, order=n, heading=h, body=b)
        for n, (h, b) in enumerate(sections, start=1)
    )
    after = snapshot(report, REPORT_FIELDS)
    after["sections"] = _sections_text(report)
    change_record(
        meeting=item.meeting,
        instance=report,
        user=user,
        summary=f"Report “{report.subject}” {'changed' if before else 'written'}",
        before=before,
        after=after,
    )
    return report


def _sections_text(report) -> str:
    return "\n".join(f"{s.order}. {s.heading}\n{s.body}" for s in report.sections.all())


MAX_APPENDICES = 26  # Appendix A to Appendix Z


def document_upload(*, item, user, title, file, report=None, replaces=None) -> UploadedDocument:
    """Store an uploaded paper after checking its content and size: a paper of ``item``, or
    with ``report`` (a report of that item) the report's next appendix.

    A PDF is stored as it is. A Word, OpenDocument, RTF, spreadsheet or image file is kept as
    the original and converted to PDF once the upload commits, off the web request
    (``run_conversion``). A Word report on the "Report to" template gives its Subject as the
    title when ``title`` is blank; ``document.upload_warnings`` says when its Date of Meeting
    is not the meeting's.

    The stored file and its row go together: when the transaction does not commit (a refusal,
    an error, or on PostgreSQL the item removed meanwhile, which its foreign key finds at
    commit), the file just written is deleted. The transaction is durable (never inside
    another one) so that nothing can roll the row back after the file has been kept.
    """
    data, kind = _checked_paper(file, item.meeting, item, user)
    heading = report_template.read_heading(data) if kind == "docx" else None
    title = title or (heading.subject if heading else "")
    if not title:
        raise ValidationError({"title": "Enter a title for the paper."})
    file.seek(0)
    with _files_kept_on_commit(UploadedDocument) as written, transaction.atomic(durable=True):
        document = _document_store(
            item=item, user=user, title=title, file=file, size=len(data), report=report,
            kind=kind, written=written, text="", replaces=replaces,
        )  # fmt: skip
    # Committed (the block is durable): a worker reads a PDF's text for search, not this
    # request; an office paper's text is read from its PDF once converted.
    if kind == conversion.PDF:
        tasks.extract_text_later(document, user=user)
    tasks.alert_supplementary(item, user=user)
    document.upload_warnings = report_template.date_warnings(heading, item.meeting.date)
    return document


def _checked_paper(file, meeting, instance, user) -> tuple[bytes, str]:
    """The file's bytes and kind (``meetings.uploads.check_paper``). A refused file is kept
    nowhere; the meeting's history records the attempt and why."""
    try:
        check_size(file.size)  # before reading a huge file into memory
        data = file.read()
        return data, check_paper(file.name, data)
    except ValidationError as error:
        change_record(
            meeting=meeting,
            instance=instance,
            user=user,
            summary=f"“{file.name}” refused: {' '.join(error.messages)}",
        )
        raise


@contextlib.contextmanager
def _files_kept_on_commit(model):
    """Yields a list to append stored file names to; deletes them if the block raises."""
    written = []
    try:
        yield written
    except BaseException:
        storage = model._meta.get_field("file").storage
        for name in written:
            storage.delete(name)
        raise


def _store_paper_file(document, *, item, file, kind, written) -> None:
    """A PDF is the paper itself; anything else is its original, waiting to be converted."""
    if kind == conversion.PDF:
        document.file.save(f"item-{item.pk}.pdf", file, save=False)
        written.append(document.file.name)
        document.conversion = Conversion.READY
        return
    ext = conversion.extension(file.name)
    document.original.save(f"item-{item.pk}{ext}", file, save=False)
    written.append(document.original.name)
    document.original_name = file.name[:255]
    document.conversion = Conversion.CONVERTING
    transaction.on_commit(lambda: schedule_conversion(document.pk))


def _document_store(
    *, item, user, title, file, size, report, kind, written, text, replaces=None
) -> UploadedDocument:
    supplements.refuse_replacement(item, replaces)
    _refuse_if_agenda_closed(item.meeting)
    supplement = None
    if report is None and item.meeting.status != MeetingStatus.DRAFT:
        supplement = supplements.open_supplement(item.meeting)  # a late paper
    appendices = []
    if report is not None:
        if report.agenda_item_id != item.pk:
            raise ValidationError("That report belongs to another item.")
        appendices = _appendices(report)  # locked: two uploads cannot pass the limit together
        if len(appendices) >= MAX_APPENDICES:
            raise ValidationError(
                {"file": f"A report has at most {MAX_APPENDICES} appendices (A to Z)."}
            )
    document = UploadedDocument(
        agenda_item=item,
        report=report,
        order=len(appendices) + 1 if report is not None else 0,
        title=title,
        size=size,
        uploaded_by=user,
        text=text,
        supplement=supplement,
        replaces=replaces,
    )
    _store_paper_file(document, item=item, file=file, kind=kind, written=written)
    document.save()
    if supplement is not None:
        summary = f"Late paper “{title}” uploaded to item {item.order} for {supplement}"
    elif report is None:
        summary = f"Document “{title}” uploaded to item {item.order}"
    else:
        letter = appendix_letter(len(appendices))
        summary = f"Appendix {letter} “{title}” added to the report “{report.subject}”"
    change_record(
        meeting=item.meeting,
        instance=document,
        user=user,
        summary=summary,
        after={"title": title, "size": size},
    )
    return document


def document_replace(*, document, user, file) -> UploadedDocument:
    """Put a new file in place of a paper's (after a failed conversion, say); it is checked and
    converted as an upload is. The old files go once the replacement commits."""
    data, kind = _checked_paper(file, document.agenda_item.meeting, document, user)
    file.seek(0)
    with _files_kept_on_commit(UploadedDocument) as written, transaction.atomic(durable=True):
        document = UploadedDocument.objects.select_for_update().get(pk=document.pk)
        _refuse_if_agenda_closed(document.agenda_item.meeting)
        old = [f for f in (document.file, document.original) if f.name]
        document.file, document.original, document.original_name = "", "", ""
        document.conversion_error, document.pages = "", None
        _store_paper_file(
            document, item=document.agenda_item, file=file, kind=kind, written=written
        )
        document.size = len(data)
        document.text = paper_text.extract_text(data) if kind == conversion.PDF else ""
        document.save()
        change_record(
            meeting=document.agenda_item.meeting,
            instance=document,
            user=user,
            summary=f"The file of “{document.title}” replaced",
            after={"file": file.name, "size": len(data)},
        )
        for stored in old:
            transaction.on_commit(functools.partial(stored.storage.delete, stored.name))
    return document


# --- Converting office papers to PDF (never in the web request) ---------------------------------


def schedule_conversion(document_id: int) -> None:
    """Called once an office upload commits: convert it on the task queue (``meetings.tasks``),
    never in the web worker. A queue that cannot take it marks the paper failed (the officer
    can replace the file to try again)."""
    from meetings.tasks import convert_paper

    try:
        convert_paper.enqueue(document_pk=document_id)
    except Exception:
        logger.exception("Queuing the conversion of paper %s failed", document_id)
        UploadedDocument.objects.filter(pk=document_id, conversion=Conversion.CONVERTING).update(
            conversion=Conversion.FAILED,
            conversion_error="the conversion could not be queued; replace the file to try again",
        )


def run_conversion(document_id: int) -> None:
    """Convert an uploaded office paper or image to the PDF the pack prints. A document
    LibreOffice cannot open, or one over the page limit, is refused and removed (the history
    keeps the attempt); any other failure keeps the original and records why. Does nothing
    unless the paper is waiting to be converted."""
    document = UploadedDocument.objects.filter(
        pk=document_id, conversion=Conversion.CONVERTING
    ).first()
    if document is None:
        return
    try:
        with document.original.open("rb") as handle:
            data = handle.read()
        ext = conversion.extension(document.original.name)
        pdf, pages = conversion.to_pdf(
            data,
            conversion.FORMATS[ext][0],
            ext,
            command=settings.SSCP_SOFFICE,
            timeout=settings.SSCP_CONVERSION_TIMEOUT,
            memory_mb=settings.SSCP_CONVERSION_MEMORY_MB,
            max_pages=settings.SSCP_CONVERSION_MAX_PAGES,
        )
    except conversion.Unopenable as exc:
        _conversion_refused(document, error=str(exc))
    except conversion.Refused as exc:
        _conversion_finished(document, error=str(exc))
    except Exception:  # never leave a paper "converting" for ever
        logger.exception("Converting paper %s failed", document_id)
        _conversion_finished(document, error="the conversion stopped with an unexpected error")
    else:
        _conversion_finished(document, pdf=pdf, pages=pages)


def _conversion_finished(document, *, pdf=None, pages=None, error="") -> None:
    """Store the outcome unless the paper was removed or replaced while it was converting."""
    name = ""
    if pdf is not None:
        name = document.file.storage.save(
            f"papers/{document.uploaded_at:%Y/%m}/item-{document.agenda_item_id}.pdf",
            ContentFile(pdf),
        )
    with contextlib.suppress(_Superseded), _files_kept_on_commit(UploadedDocument) as written:
        if name:
            written.append(name)
        with transaction.atomic():
            current = UploadedDocument.objects.select_for_update().filter(pk=document.pk).first()
            if current is None or current.original.name != document.original.name:
                raise _Superseded
            current.file = name
            current.pages = pages
            current.text = paper_text.extract_text(pdf) if pdf is not None else ""  # for search
            current.conversion = Conversion.READY if pdf is not None else Conversion.FAILED
            current.conversion_error = error[:1000]
            current.save(update_fields=["file", "pages", "text", "conversion", "conversion_error"])
            summary = (
                f"“{current.title}” converted to PDF ({pages} pages)"
                if pdf is not None
                else f"“{current.title}” could not be converted: {error}"
            )
            change_record(
                meeting=current.agenda_item.meeting, instance=current, user=None, summary=summary
            )


def _conversion_refused(document, *, error: str) -> None:
    """Remove a refused paper, row and files (``meetings.signals`` deletes the files once this
    commits), unless it was removed or replaced meanwhile; the history records the attempt."""
    with transaction.atomic():
        current = UploadedDocument.objects.select_for_update().filter(pk=document.pk).first()
        if current is None or current.original.name != document.original.name:
            return
        name = current.original_name or current.original.name.rsplit("/", 1)[-1]
        change_record(
            meeting=current.agenda_item.meeting,
            instance=current,
            user=current.uploaded_by,  # the attempt was theirs: their page finds it (selectors)
            summary=f"“{name}” refused: {error}",
        )
        after = []
        if current.report_id is not None:
            after = [d for d in _appendices(current.report) if d.pk != current.pk]
        current.delete()
        _renumber_appendices(after)


class _Superseded(Exception):
    """The paper was removed or given another file while converting: the result is dropped."""


def _appendices(report) -> list[UploadedDocument]:
    """The report's appendices in their order, locked (with the report, so that two uploads
    cannot take the same place) until the transaction ends."""
    Report.objects.select_for_update().get(pk=report.pk)
    return list(
        UploadedDocument.objects.select_for_update().filter(report=report).order_by("order", "pk")
    )


def _appendix_list(documents) -> str:
    """The appendices as the report lists them, for the history's differences."""
    return "\n".join(
        f"Appendix {appendix_letter(n)} {document.title}" for n, document in enumerate(documents)
    )


def _record_appendices_change(document, user, summary, before, after) -> None:
    """Appendices are part of their report: the change is recorded against the report."""
    report = document.report
    change_record(
        meeting=document.agenda_item.meeting,
        instance=report,
        user=user,
        summary=summary,
        before={"appendices": _appendix_list(before)},
        after={"appendices": _appendix_list(after)},
    )


def _renumber_appendices(documents) -> None:
    """Store ``documents``' places as listed (1 is Appendix A), writing only those that moved."""
    for order, document in enumerate(documents, start=1):
        if document.order != order:
            UploadedDocument.objects.filter(pk=document.pk).update(order=order)


def _appendix_for_change(document) -> list[UploadedDocument]:
    if document.report_id is None:
        raise ValidationError("That document is not an appendix to a report.")
    _refuse_if_agenda_closed(document.agenda_item.meeting)
    return _appendices(document.report)


@transaction.atomic
def _appendix_move(*, document, user, step: int) -> UploadedDocument:
    before = _appendix_for_change(document)
    index = next(i for i, other in enumerate(before) if other.pk == document.pk)
    target = index + step
    if not 0 <= target < len(before):
        return document
    after = list(before)
    after[index], after[target] = after[target], after[index]
    _renumber_appendices(after)
    document.order = target + 1
    _record_appendices_change(
        document,
        user,
        f"“{document.title}” moved {'up' if step < 0 else 'down'} to Appendix "
        f"{appendix_letter(target)} in the report “{document.report.subject}”",
        before,
        after,
    )
    return document


def appendix_move_up(*, document, user) -> UploadedDocument:
    """Move an appendix one place up: the letters follow the new order."""
    return _appendix_move(document=document, user=user, step=-1)


def appendix_move_down(*, document, user) -> UploadedDocument:
    return _appendix_move(document=document, user=user, step=1)


@transaction.atomic
def appendix_remove(*, document, user) -> None:
    """Take an appendix off its report; those after it move up a letter. (Its stored file goes
    once the removal is committed: ``meetings.signals``.)"""
    before = _appendix_for_change(document)
    letter = appendix_letter(next(i for i, d in enumerate(before) if d.pk == document.pk))
    after = [other for other in before if other.pk != document.pk]
    _record_appendices_change(
        document,
        user,
        f"Appendix {letter} “{document.title}” removed from the report “{document.report.subject}”",
        before,
        after,
    )
    document.delete()
    _renumber_appendices(after)


@transaction.atomic
def frozen_paper_attach(
    *,
    agenda_item: AgendaItem,
    title: str,
    kind: str,
    html: str,
    data_as_at: str,
    source: str,
    user,
) -> FrozenPaper:
    """Attach a chart, table or report, frozen as sanitised HTML, to an item of a coming meeting.

    Raises PermissionDenied when the user may not attach papers, ValidationError when the
    meeting has already been held or the kind is unknown. The HTML may hold an inline <svg>;
    anything that could load or run (scripts, styles, <use>, event handlers) is removed.
    """
    if not user.has_perm("meetings.attach_frozenpaper"):
        raise PermissionDenied("You may not attach papers to agenda items.")
    if kind not in FrozenPaperKind.values:
        raise ValidationError({"kind": f"Kind must be one of {', '.join(FrozenPaperKind.values)}."})
    meeting = agenda_item.meeting
    if meeting.status not in OPEN_FOR_PAPERS:
        raise ValidationError(
            f"The meeting of {meeting.date:%-d %B %Y} has been held: its papers are closed."
        )
    if not title.strip():
        raise ValidationError({"title": "Enter a title for the paper."})
    paper = FrozenPaper.objects.create(
        agenda_item=agenda_item,
        title=title.strip()[:300],
        kind=kind,
        html=clean_paper(html),
        data_as_at=data_as_at,
        source=source,
        created_by=user,
    )
    change_record(
        meeting=meeting,
        instance=paper,
        user=user,
        summary=f"Paper “{paper.title}” attached to item {agenda_item.order}",
        after={"title": paper.title, "kind": kind, "data_as_at": paper.data_as_at},
    )
    tasks.alert_supplementary_on_commit(agenda_item, user=user)
    return paper


# --- Attendance and declarations -----------------------------------------------------------------


@transaction.atomic
def attendance_record(*, meeting, user, statuses: dict, also_present: list[str]) -> Meeting:
    """Record each member's attendance (person id -> status) and who else was present.

    Exactly one member may be in the chair. Recording attendance marks the meeting held.
    """
    _refuse_if_locked(meeting)
    chairs = [pk for pk, status in statuses.items() if status == AttendanceStatus.CHAIR]
    if len(chairs) > 1:
        raise ValidationError("Only one member can be in the chair.")
    with _standard_minute_follows(meeting, StandardKind.APOLOGIES, user):
        _attendance_write(meeting, statuses, also_present)
    if meeting.status in OPEN_FOR_PAPERS:
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["status"])
    change_record(
        meeting=meeting,
        instance=meeting,
        user=user,
        summary="Attendance recorded",
        after={"attendance": {str(k): v for k, v in statuses.items()}, "also": also_present},
    )
    return meeting


def _attendance_write(meeting, statuses, also_present) -> None:
    meeting.attendances.filter(deputy_for__isnull=True).delete()  # deputies are kept
    rows = [
        Attendance(meeting=meeting, person_id=pk, status=status, order=0)
        for pk, status in statuses.items()
        if status
    ]
    rows += [
        Attendance(
            meeting=meeting, name=name.strip(), status=AttendanceStatus.ALSO_PRESENT, order=n
        )
        for n, name in enumerate(also_present, start=1)
        if name.strip()
    ]
    Attendance.objects.bulk_create(rows)


@transaction.atomic
def deputy_record(*, meeting, user, member, name: str) -> Attendance:
    """Record ``name`` as attending for ``member``; refused (on the member field) when they
    are not a member of the body on the meeting's day."""
    _refuse_if_locked(meeting)
    refusal = deputy_refusal(meeting=meeting, member=member)
    if refusal is not None:
        raise refusal
    deputy, _ = Attendance.objects.update_or_create(
        meeting=meeting,
        deputy_for=member,
        defaults={"name": name.strip(), "status": AttendanceStatus.PRESENT, "order": 0},
    )
    change_record(
        meeting=meeting,
        instance=deputy,
        user=user,
        summary=f"Deputy recorded: {deputy.name} for {member}",
        after={"deputy": deputy.name, "for": member.pk},
    )
    return deputy


@contextlib.contextmanager
def _standard_minute_follows(meeting, kind, user):
    """Around a change to the records: the meeting's standard minute of ``kind`` (apologies,
    declarations), once started, is written again from the records if it still reads as they
    wrote it. An officer's own wording is kept."""
    minute = (
        Minute.objects.filter(meeting=meeting, agenda_item__standard_kind=kind)
        .select_related("agenda_item")
        .first()
    )
    if minute is None:
        yield
        return
    numbers = dict(Minute.objects.filter(meeting=meeting).values_list("agenda_item_id", "number"))
    written, _ = standard_minute_text(meeting, minute.agenda_item, numbers)
    yield
    text, _ = standard_minute_text(meeting, minute.agenda_item, numbers)
    if minute.text == written and text != written:
        Minute.objects.filter(pk=minute.pk).update(text=text, version=F("version") + 1)
        change_record(
            meeting=meeting,
            instance=minute,
            user=user,
            summary=f"Minute {minute.number} “{minute.title}” written again from the records",
            before={"text": written},
            after={"text": text},
        )


@transaction.atomic
def declaration_add(*, agenda_item, person, kind, user, nature="", withdrew=False) -> Declaration:
    _refuse_if_locked(agenda_item.meeting)
    with _standard_minute_follows(agenda_item.meeting, StandardKind.DECLARATIONS, user):
        declaration = Declaration.objects.create(
            agenda_item=agenda_item, person=person, kind=kind, nature=nature, withdrew=withdrew
        )
    change_record(
        meeting=agenda_item.meeting,
        instance=declaration,
        user=user,
        summary=f"Declaration by {person} on item {agenda_item.order}",
        after={"kind": kind, "nature": nature, "withdrew": withdrew},
    )
    return declaration


DECLARATION_FIELDS = ["person", "agenda_item", "kind", "nature", "withdrew"]


def _declaration_record(declaration) -> dict:
    """A declaration as the history shows it: who, on which item, what interest."""
    values = snapshot(declaration, DECLARATION_FIELDS)
    values["kind"] = declaration.get_kind_display()
    return values


@transaction.atomic
def declaration_update(*, declaration, user, **fields) -> Declaration:
    """Correct a declaration (who, the item, the kind, the interest, whether they left) until
    the minutes are confirmed; the Declarations of Interest minute follows, as for an addition.
    """
    meeting = declaration.agenda_item.meeting
    _refuse_if_locked(meeting)
    if "agenda_item" in fields and fields["agenda_item"].meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": "Choose an item of this meeting."})
    before = _declaration_record(declaration)
    with _standard_minute_follows(meeting, StandardKind.DECLARATIONS, user):
        for name, value in fields.items():
            setattr(declaration, name, value)
        declaration.save(update_fields=list(fields))
    after = _declaration_record(declaration)
    if after != before:
        change_record(
            meeting=meeting,
            instance=declaration,
            user=user,
            summary=f"Declaration by {declaration.person} corrected",
            before=before,
            after=after,
        )
    return declaration


@transaction.atomic
def declaration_remove(*, declaration, user) -> None:
    """Remove a declaration recorded in error, until the minutes are confirmed. The history
    keeps what it said."""
    meeting = declaration.agenda_item.meeting
    _refuse_if_locked(meeting)
    change_record(
        meeting=meeting,
        instance=declaration,
        user=user,
        summary=f"Declaration by {declaration.person} on item {declaration.agenda_item.order} "
        "removed",
        before=_declaration_record(declaration),
    )
    with _standard_minute_follows(meeting, StandardKind.DECLARATIONS, user):
        declaration.delete()


# --- Minutes -------------------------------------------------------------------------------------


def _members_by_status(meeting):
    attendances = meeting.attendances.select_related("person")
    by_status = {status: [] for status in AttendanceStatus.values}
    for attendance in attendances:
        by_status[attendance.status].append(attendance.person or attendance.name)
    return by_status


def standard_minute_text(meeting, item, minute_numbers=None) -> tuple[str, list[str]]:
    """(HTML text, resolution parts) a standard item's minute writes itself from the records."""
    kind = item.standard_kind
    if kind == StandardKind.APOLOGIES:
        sentence = wording.apologies_sentence(_members_by_status(meeting)["apologies"])
        return f"<p>{sentence}</p>", []
    if kind == StandardKind.DECLARATIONS:
        declarations = Declaration.objects.filter(agenda_item__meeting=meeting).select_related(
            "person", "agenda_item"
        )
        if not declarations:
            return f"<p>{wording.NO_DECLARATIONS}</p>", []
        numbers = minute_numbers or {}
        sentences = [
            wording.declaration_sentence(
                name=wording.full_name(d.person),
                kind_label=d.get_kind_display(),
                minute_number=numbers.get(d.agenda_item_id, d.agenda_item.order),
                item_title=d.agenda_item.title,
                nature=d.nature,
                withdrew=d.withdrew,
            )
            for d in declarations
        ]
        return "".join(f"<p>{s}</p>" for s in sentences), []
    if kind == StandardKind.PREVIOUS_MINUTES:
        # The confirmation is recorded by minutes_confirm, which also locks those minutes.
        previous = previous_meeting(meeting)
        if previous is None or previous.status != MeetingStatus.MINUTES_CONFIRMED:
            return "", []
        return "", [wording.previous_minutes_resolution(previous.date)]
    if kind == StandardKind.NEXT_MEETING:
        following = next_meeting(meeting)
        if following is None:
            return "", []
        return "", [
            wording.next_meeting_resolution(
                following.date, following.start_time, _place(following.venue)
            )
        ]
    return "", []


@transaction.atomic
def minutes_generate_standard(*, meeting, user) -> list[Minute]:
    """Give every item without a minute its minute, numbered on from the year's last.

    Standard items (apologies, declarations, previous minutes, next meeting) get their text and
    resolution written from the records; other items get an empty minute to write.
    """
    _refuse_if_locked(meeting)
    items = list(meeting.items.filter(minute__isnull=True).order_by("order", "pk"))
    refusal = numbering_refusal(meeting) if items else ""
    if refusal:
        raise ValidationError(refusal)
    number = next_minute_number(meeting)
    created = []
    for item in items:
        minute = Minute.objects.create(
            meeting=meeting,
            agenda_item=item,
            body_id=meeting.body_id,
            municipal_year=meeting.municipal_year_start(),
            number=number,
            title=item.title.upper(),
        )
        created.append(minute)
        number += 1
    numbers = dict(Minute.objects.filter(meeting=meeting).values_list("agenda_item_id", "number"))
    for minute in created:
        item = minute.agenda_item
        if not item.standard_kind:
            continue
        text, parts = standard_minute_text(meeting, item, numbers)
        minute.text = text
        minute.save(update_fields=["text"])
        ResolutionPart.objects.bulk_create(
            ResolutionPart(minute=minute, order=n, text=t) for n, t in enumerate(parts, start=1)
        )
    if created:
        change_record(
            meeting=meeting,
            instance=meeting,
            user=user,
            summary=f"Minutes {created[0].number}-{created[-1].number} started",
        )
    if meeting.status in (MeetingStatus.DRAFT, MeetingStatus.AGENDA_PUBLISHED):
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["status"])
    return created


MINUTE_FIELDS = ["number", "title", "text", "cites"]


@transaction.atomic
def minute_save(
    *, minute, user, expected_version, number, title, text, parts, cites=None
) -> Minute:
    """Save an officer's edit of a minute and its resolution parts.

    Refused when the minutes are confirmed (locked), when the number is used elsewhere in the
    municipal year, or when someone else saved since ``expected_version`` (StaleEdit).
    """
    meeting = minute.meeting
    _refuse_if_locked(meeting)
    other = minute_number_taken_by(meeting=meeting, number=number, exclude_pk=minute.pk)
    if other is not None:
        raise ValidationError(
            {
                "number": f"Minute No. {number} is already used in {municipal_year_label(meeting)}"
                f" (“{other.title}”, meeting of {wording.long_date(other.meeting.date)})."
            }
        )
    if cites is not None and cites.pk == minute.pk:
        raise ValidationError({"cites": "A minute cannot cite itself."})
    _refuse_unrecorded_confirmation(minute, [p.strip() for p in parts if p.strip()])
    stored = Minute.objects.get(pk=minute.pk)
    before = snapshot(stored, MINUTE_FIELDS)
    before["resolution"] = "\n".join(stored.resolution_parts.values_list("text", flat=True))
    minute.number, minute.title, minute.cites = number, title.strip(), cites
    minute.text = clean_rich_text(text)
    parts = [p.strip() for p in parts if p.strip()]
    minute.resolution_text = "\n".join(parts)
    try:
        _bump_version(minute, expected_version, MINUTE_FIELDS)
    except StaleEdit as stale:
        stale.current["resolution"] = before["resolution"]
        if before["resolution"] != minute.resolution_text:
            stale.differences += change_differences(
                type(
                    "C",
                    (),
                    {
                        "object_type": "minute",
                        "before": {"resolution": minute.resolution_text},
                        "after": {"resolution": before["resolution"]},
                    },
                )()
            )
        raise
    existing = list(minute.resolution_parts.order_by("order"))
    for index, text_ in enumerate(parts):
        if index < len(existing):
            if existing[index].text != text_:
                ResolutionPart.objects.filter(pk=existing[index].pk).update(text=text_)
        else:
            ResolutionPart.objects.create(minute=minute, order=index + 1, text=text_)
    for part in existing[len(parts) :]:
        if part.actions.exists():
            raise ValidationError(
                {"parts": f"Part ({part.order}) has actions: move or remove them first."}
            )
        part.delete()
    after = snapshot(minute, MINUTE_FIELDS)
    after["resolution"] = minute.resolution_text
    change_record(
        meeting=meeting,
        instance=minute,
        user=user,
        summary=f"Minute {minute.number} “{minute.title}” changed",
        before=before,
        after=after,
    )
    return minute


@transaction.atomic
def minutes_publish(*, meeting, user) -> Meeting:
    """Publish the draft minutes to board members."""
    _refuse_if_locked(meeting)
    if not meeting.minutes.exists():
        raise ValidationError("There are no minutes to publish yet.")
    meeting.status = MeetingStatus.MINUTES_DRAFTED
    meeting.save(update_fields=["status"])
    change_record(meeting=meeting, instance=meeting, user=user, summary="Draft minutes published")
    return meeting


def _confirmation_minute(meeting, following) -> Minute:
    """The following meeting's Minutes of Previous Meeting minute, where the confirmation of
    ``meeting``'s minutes is recorded; refuses when it cannot be recorded there (yet)."""
    held = wording.long_date(meeting.date)
    if following is None:
        raise ValidationError(
            f"The minutes of {held} are confirmed at the next meeting: schedule it first."
        )
    at = wording.long_date(following.date)
    if following.status in OPEN_FOR_PAPERS:
        raise ValidationError(
            f"The meeting of {at} has not been held yet: the minutes of {held} are confirmed at "
            "that meeting. Record its attendance and start its minutes first."
        )
    if following.status == MeetingStatus.MINUTES_CONFIRMED:
        raise ValidationError(locked_message(following))
    minute = (
        Minute.objects.select_for_update()
        .filter(meeting=following, agenda_item__standard_kind=StandardKind.PREVIOUS_MINUTES)
        .first()
    )
    if minute is None:
        if not following.items.filter(standard_kind=StandardKind.PREVIOUS_MINUTES).exists():
            raise ValidationError(
                f"The agenda of {at} has no Minutes of Previous Meeting item to record the "
                "confirmation under."
            )
        raise ValidationError(
            f"Start the minutes of {at} first: the confirmation is recorded in its Minutes of "
            "Previous Meeting minute."
        )
    return minute


@transaction.atomic
def minutes_confirm(*, meeting, user) -> Minute:
    """The body confirmed ``meeting``'s minutes at its next meeting: record that resolution in
    the next meeting's Minutes of Previous Meeting minute ("RESOLVED: That the Minutes of the
    meeting held on <date> be confirmed as a correct record.") and lock ``meeting``'s minutes,
    both or neither. Returns the minute that records it.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _refuse_if_locked(meeting)
    if meeting.status != MeetingStatus.MINUTES_DRAFTED:
        raise ValidationError(
            f"The minutes of {wording.long_date(meeting.date)} have not been published as a "
            "draft: publish them to board members before they are confirmed."
        )
    _refuse_confirming_out_of_order(meeting)
    following = next_meeting(meeting)
    minute = _confirmation_minute(meeting, following)
    resolution = wording.previous_minutes_resolution(meeting.date)
    before = list(minute.resolution_parts.values_list("text", flat=True))
    if resolution not in before:
        ResolutionPart.objects.filter(minute=minute).update(order=F("order") + 1)
        ResolutionPart.objects.create(minute=minute, order=1, text=resolution)
        Minute.objects.filter(pk=minute.pk).update(version=F("version") + 1)
        change_record(
            meeting=following,
            instance=minute,
            user=user,
            summary=f"Minute {minute.number} “{minute.title}”: confirmation recorded",
            before={"resolution": "\n".join(before)},
            after={"resolution": "\n".join([resolution, *before])},
        )
    meeting.status = MeetingStatus.MINUTES_CONFIRMED
    meeting.save(update_fields=["status"])
    change_record(
        meeting=meeting,
        instance=meeting,
        user=user,
        summary=f"Minutes confirmed at the meeting of {wording.long_date(following.date)} "
        f"(Minute No. {minute.number})",
    )
    return minute


def _refuse_confirming_out_of_order(meeting) -> None:
    """Minutes are confirmed in meeting order: confirming these locks them, and the previous
    meeting's minutes are confirmed in them, so they would never be confirmable after."""
    previous = previous_meeting(meeting)
    if previous is None or previous.status == MeetingStatus.MINUTES_CONFIRMED:
        return
    raise ValidationError(
        f"Confirm the minutes of {wording.long_date(previous.date)} first, at this meeting "
        f"({wording.long_date(meeting.date)}): confirming these minutes locks them. If that "
        "meeting did not take place, mark it cancelled or postponed.",
        code="out_of_order",
    )


def _refuse_unrecorded_confirmation(minute, parts) -> None:
    """A Minutes of Previous Meeting minute's confirmation resolution is written only by
    minutes_confirm (which also locks those minutes), and stays once it has."""
    item = minute.agenda_item
    if item is None or item.standard_kind != StandardKind.PREVIOUS_MINUTES:
        return
    previous = previous_meeting(minute.meeting)
    if previous is None:
        return
    resolution = wording.previous_minutes_resolution(previous.date)
    held = wording.long_date(previous.date)
    confirmed = previous.status == MeetingStatus.MINUTES_CONFIRMED
    if resolution in parts and not confirmed:
        raise ValidationError(
            {
                "parts": f"Record the confirmation with “Record that the minutes of {held} were "
                "confirmed” on this meeting's minutes page: it also locks them."
            }
        )
    if confirmed and resolution not in parts:
        raise ValidationError(
            {
                "parts": f"The minutes of {held} were confirmed by “That {resolution}”: that "
                "part cannot be removed."
            }
        )


# --- Actions -------------------------------------------------------------------------------------

ACTION_FIELDS = [
    "description",
    "owner_organisation",
    "owner_person",
    "due_date",
    "status",
    "rag",
    "progress_note",
]


@transaction.atomic
def action_add(*, resolution_part, user, description, **fields) -> Action:
    """Give a resolution part an action (who does what by when). The minutes show their
    actions, so confirmed (locked) minutes take no new one; existing ones still progress."""
    _refuse_if_locked(resolution_part.minute.meeting)
    if not (fields.get("owner_organisation") or fields.get("owner_person")):
        raise ValidationError({"owner_organisation": "Choose who owns the action."})
    action = Action.objects.create(
        resolution_part=resolution_part, description=description, **fields
    )
    change_record(
        meeting=resolution_part.minute.meeting,
        instance=action,
        user=user,
        summary=f"Action added to minute {resolution_part.minute.number}",
        after=snapshot(action, ACTION_FIELDS),
    )
    return action


PROGRESS_FIELDS = ("status", "rag", "progress_note")


def _action_meeting(action) -> Meeting:
    """The meeting whose minutes hold the action, read afresh: its status decides."""
    return Meeting.objects.get(minutes__resolution_parts__actions=action)


def _refuse_correction_if_locked(action, corrected) -> None:
    if not corrected:
        return
    meeting = _action_meeting(action)
    if meeting.status == MeetingStatus.MINUTES_CONFIRMED:
        raise ValidationError(
            {
                name: f"{locked_message(meeting)} Only the action's status, RAG and progress "
                "can change."
                for name in corrected
            },
            code="locked",
        )


@transaction.atomic
def action_update(*, action, user, **fields) -> Action:
    """Progress an action (status, RAG, note), at any time, or correct it (wording, owner, due
    date) while its minutes are not confirmed: confirmed minutes record it as it was agreed."""
    corrected = [
        name
        for name, value in fields.items()
        if name not in PROGRESS_FIELDS and value != getattr(action, name)
    ]
    _refuse_correction_if_locked(action, corrected)
    if {"owner_organisation", "owner_person"} & set(corrected) and not (
        fields.get("owner_organisation", action.owner_organisation)
        or fields.get("owner_person", action.owner_person)
    ):
        raise ValidationError({"owner_organisation": "Choose who owns the action."})
    before = snapshot(action, ACTION_FIELDS)
    for name, value in fields.items():
        setattr(action, name, value)
    action.save(update_fields=list(fields))
    change_record(
        meeting=action.resolution_part.minute.meeting,
        instance=action,
        user=user,
        summary="Action corrected" if corrected else "Action updated",
        before=before,
        after=snapshot(action, ACTION_FIELDS),
    )
    return action


@transaction.atomic
def action_remove(*, action, user) -> None:
    """Remove an action given in error, while its minutes are not confirmed. The history keeps
    what it was (who, what, by when) under its meeting."""
    minute = action.resolution_part.minute
    _refuse_if_locked(_action_meeting(action))
    change_record(
        meeting=minute.meeting,
        instance=action,
        user=user,
        summary=f"Action removed from minute {minute.number}",
        before=snapshot(action, ACTION_FIELDS),
    )
    action.delete()


# --- Email alerts --------------------------------------------------------------------------------


@transaction.atomic
def alert_preference_set(*, user, alert: str, on: bool) -> AlertPreference:
    """Turn one of ``user``'s alerts on or off (an unsubscribe link turns its own one off)."""
    preference, _ = AlertPreference.objects.get_or_create(user=user)
    setattr(preference, Alert(alert).value, on)
    preference.save(update_fields=[Alert(alert).value])
    return preference


@transaction.atomic
def alert_preferences_save(*, user, **choices) -> AlertPreference:
    preference, _ = AlertPreference.objects.get_or_create(user=user)
    for name, on in choices.items():
        setattr(preference, Alert(name).value, bool(on))
    preference.save()
    return preference


# --- Calendar subscriptions ---------------------------------------------------------------------


@transaction.atomic
def calendar_token_issue(*, user) -> str:
    """A new secret calendar address for ``user``, replacing (so revoking) any earlier one.
    Returns the token: the only time it exists outside the member's calendar program."""
    token = calendar_tokens.new_token()
    CalendarToken.objects.update_or_create(
        user=user, defaults={"token_hash": calendar_tokens.token_hash(token)}
    )
    # update_or_create keeps created_at: the new address's lifetime starts now.
    CalendarToken.objects.filter(user=user).update(created_at=timezone.now())
    return token


@transaction.atomic
def calendar_token_revoke(*, user) -> None:
    """The secret address stops working at once: its row is gone."""
    CalendarToken.objects.filter(user=user).delete()


@transaction.atomic
def supplement_publish(*, meeting, user):
    """Publish the meeting's next supplementary agenda: its late papers, numbered on from the
    last page of the main pack (and of any earlier supplement), so that no page already sent
    to members moves. Refused for an agenda not yet published, a supplement with no papers,
    and when the main pack has grown past a supplement already published."""
    meeting = Meeting.objects.select_for_update().select_related("body", "venue").get(pk=meeting.pk)
    supplement = supplements.publishable(meeting)
    supplement.first_page = supplements.first_page(meeting, supplement)
    supplement.published_at = timezone.now()
    supplement.save(update_fields=["first_page", "published_at"])
    change_record(
        meeting=meeting,
        instance=supplement,
        user=user,
        summary=f"{supplement} published (from page {supplement.first_page})",
        after={"papers": [paper.title for paper in supplement.papers.all()]},
    )
    return supplement


# --- Work programme ------------------------------------------------------------------------------

PLANNED_FIELDS = ["title", "description", "lead_organisation", "recurrence", "meeting"]


def _refuse_unless_to_come(meeting, body) -> None:
    """Plans are for the body's own meetings still to come."""
    if meeting.body_id != body.pk:
        raise ValidationError({"meeting": f"Choose a meeting of {body}."})
    if meeting.is_called_off or meeting.status not in OPEN_FOR_PAPERS:
        raise ValidationError(
            {"meeting": f"The meeting of {wording.long_date(meeting.date)} is not to come: "
             "choose a meeting not yet held."}
        )  # fmt: skip


@transaction.atomic
def planned_item_add(*, body, user, meeting, title, description="", lead_organisation=None,
                     recurrence="") -> PlannedItem:  # fmt: skip
    """Plan an item for a meeting to come (a standing report recurs from it)."""
    _refuse_unless_to_come(meeting, body)
    plan = PlannedItem.objects.create(
        body=body, meeting=meeting, title=title, description=description,
        lead_organisation=lead_organisation, recurrence=recurrence, created_by=user,
    )  # fmt: skip
    change_record(
        meeting=meeting,
        instance=plan,
        user=user,
        summary=f"Planned “{plan.title}” (work programme)",
        after=snapshot(plan, PLANNED_FIELDS),
    )
    return plan


@transaction.atomic
def planned_item_change(*, plan, user, **fields) -> PlannedItem:
    """Change a plan; the history keeps what it was."""
    _refuse_unless_to_come(fields.get("meeting", plan.meeting), plan.body)
    before = snapshot(plan, PLANNED_FIELDS)
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.save()
    change_record(
        meeting=plan.meeting,
        instance=plan,
        user=user,
        summary=f"Plan “{plan.title}” changed (work programme)",
        before=before,
        after=snapshot(plan, PLANNED_FIELDS),
    )
    return plan


@transaction.atomic
def planned_item_remove(*, plan, user) -> None:
    change_record(
        meeting=plan.meeting,
        instance=plan,
        user=user,
        summary=f"Plan “{plan.title}” removed (work programme)",
        before=snapshot(plan, PLANNED_FIELDS),
    )
    plan.delete()


@transaction.atomic
def planned_item_take(*, plan, meeting, user) -> AgendaItem:
    """Put a plan on ``meeting``'s agenda; a one-off plan is then marked taken."""
    if meeting.body_id != plan.body_id:
        raise ValidationError(f"“{plan.title}” is planned for {plan.body}.")
    if meeting.items.filter(title=plan.title).exists() or plan.taken_into_id:
        raise ValidationError(f"“{plan.title}” is already on an agenda.")
    item = item_add(
        meeting=meeting, user=user, title=plan.title, description=plan.description,
        kind=ItemKind.REPORT,
        presenter_text=plan.lead_organisation.name if plan.lead_organisation else "",
    )  # fmt: skip
    if not plan.recurrence:
        plan.taken_into = item
        plan.save(update_fields=["taken_into"])
    return item
