"""What goes with a paper when it is deleted, whichever way (a service, a cascade, the admin).

Only once the deletion is committed: if it rolls back, the paper is still there and so are its
files.
"""

import functools

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete
from django.dispatch import receiver

from meetings import pack
from meetings.models import AgendaItem, FrozenPaper, Meeting, Report, UploadedDocument


@receiver(post_delete, sender=UploadedDocument)
def delete_stored_file(sender, instance, using, **kwargs):
    """An uploaded paper (perhaps a confidential one) must not outlive its record: neither its
    PDF nor the original it was converted from."""
    for stored in (instance.file, instance.original):
        if stored.name:
            transaction.on_commit(
                functools.partial(stored.storage.delete, stored.name), using=using
            )


@receiver(post_delete, sender=AgendaItem)
@receiver(post_delete, sender=Report)
@receiver(post_delete, sender=FrozenPaper)
@receiver(post_delete, sender=UploadedDocument)
def forget_built_packs(sender, instance, using, origin=None, **kwargs):
    """The meeting's built packs may hold the deleted paper: delete them all."""
    if sender is AgendaItem:
        meeting_pk = instance.meeting_id
    elif _model(origin) in (AgendaItem, Meeting):
        return  # deleted with its item, whose own deletion forgets the packs (no query per paper)
    else:
        meeting_pk = instance.agenda_item.meeting_id
    transaction.on_commit(lambda: pack.forget_meeting(meeting_pk), using=using)


def _model(origin):
    """The model of what the deletion started from (an instance or a queryset)."""
    return origin.model if isinstance(origin, QuerySet) else type(origin)
