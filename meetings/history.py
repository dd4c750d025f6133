"""The change history: every write to an agenda, item, report or minute before locking is kept.

``change_record`` is called by the services after a write; ``change_differences`` turns a record
into (field, before, after) rows, with a line diff for long text, for the history page.
"""

import difflib

from django.db import models

from meetings.models import Change


def snapshot(instance: models.Model, fields) -> dict:
    """The named fields of an instance as JSON-safe values; a related record by its name as
    the history shows it ("Councillor Ann Hartwell", not 12)."""
    values = {}
    for name in fields:
        value = getattr(instance, name)
        plain = value is None or isinstance(value, (str, int, float, bool))
        values[name] = value if plain else str(value)  # records, dates and times as text
    return values


def change_record(*, meeting, instance, user, summary, before=None, after=None) -> Change:
    return Change.objects.create(
        meeting=meeting,
        object_type=instance._meta.model_name,
        object_id=instance.pk,
        object_label=str(instance)[:300],
        user=user if user is not None and user.is_authenticated else None,
        summary=summary[:300],
        before=before or {},
        after=after or {},
    )


def change_differences(change: Change) -> list[dict]:
    rows = []
    for field in sorted(set(change.before) | set(change.after)):
        old, new = change.before.get(field), change.after.get(field)
        if old == new:
            continue
        diff = list(
            difflib.unified_diff(
                str(old or "").splitlines(), str(new or "").splitlines(), lineterm="", n=1
            )
        )[2:]
        rows.append({"field": field, "before": old, "after": new, "diff": diff})
    return rows
