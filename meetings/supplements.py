"""The rules of supplementary agendas (late papers), apart from building their PDFs.

A paper uploaded after the agenda is published is a late paper: it goes on the meeting's open
(not yet published) supplement, never into the main pack, whose pages members may already have
annotated. Publishing the supplement fixes its first page number (``supplement_pack``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Max

from meetings import wording
from meetings.models import Conversion, MeetingStatus, Supplement


def open_supplement(meeting) -> Supplement:
    """The supplement late papers go on now: the meeting's unpublished one, or a new one."""
    supplement = meeting.supplements.filter(published_at__isnull=True).order_by("number").first()
    if supplement is not None:
        return supplement
    last = meeting.supplements.aggregate(last=Max("number"))["last"] or 0
    return Supplement.objects.create(meeting=meeting, number=last + 1)


def refuse_replacement(item, replaces) -> None:
    """A replacement paper replaces a paper of the same item, and not once the minutes that
    record what the meeting considered are confirmed."""
    if replaces is None:
        return
    meeting = item.meeting
    if meeting.status == MeetingStatus.MINUTES_CONFIRMED:
        raise ValidationError(
            f"The minutes of {wording.long_date(meeting.date)} are confirmed: the papers the "
            "meeting considered can no longer be replaced."
        )
    if replaces.agenda_item_id != item.pk:
        raise ValidationError({"replaces": "Choose a paper of this item to replace."})


def publishable(meeting) -> Supplement:
    """The supplement to publish now, or a refusal saying why there is none."""
    when = wording.long_date(meeting.date)
    if meeting.status == MeetingStatus.DRAFT:
        raise ValidationError(
            f"The agenda of {when} is not published: add the papers to the agenda itself. "
            "A supplementary agenda follows a published agenda."
        )
    supplement = meeting.supplements.filter(published_at__isnull=True).order_by("number").first()
    if supplement is None or not supplement.papers.exists():
        raise ValidationError(
            f"There are no late papers for the meeting of {when}: upload them to their items first."
        )
    unready = supplement.papers.exclude(conversion=Conversion.READY).first()
    if unready is not None:  # its page count, and so every later page, is not known yet
        raise ValidationError(
            f"“{unready.title}” is not a PDF yet ({unready.get_conversion_display().lower()}): "
            "wait for its conversion, or upload it again, before publishing the supplement."
        )
    return supplement


def first_page(meeting, supplement) -> int:
    """Where ``supplement``'s pages start. Refused when the main pack now runs past a
    supplement already published: its pages, or the main pack's, would move."""
    from meetings import pack, supplement_pack

    main_pages = pack.pack_build_info(meeting, variant=pack.MEMBERS).pages
    for earlier in supplement_pack.published_supplements(meeting):
        if earlier.first_page <= main_pages:
            raise ValidationError(
                f"The agenda pack now runs to {main_pages} pages, past page "
                f"{earlier.first_page} where {earlier} begins: publishing would move pages "
                "members already have. Take out the paper added to the main pack since, and "
                "upload it as a late paper."
            )
    last = supplement_pack.last_page_before(meeting, number=supplement.number)
    return supplement_pack.first_page_after(last)
