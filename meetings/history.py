"""The change history: every write to an agenda, item, report or minute before locking is kept.

``change_record`` is called by the services after a write; ``change_differences`` turns a record
into rows for the history page and the "someone else saved first" panel: each field named as the
forms name it, its value before and after as readable text (HTML as its words, choices by their
labels, dates written out), never diff syntax.
"""

import datetime
import html
import re

import nh3
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst

from meetings.models import AttendanceStatus, Change, Person
from sscp.dates import long_date

# Fields whose model name is not the name the pages give them, and the keys that are no field.
LABELS = {
    "text": "Minute text",
    "resolution": "Resolution",
    "cites": "Further to minute",
    "sections": "Report sections",
    "appendices": "Appendices",
    "attendance": "Attendance",
    "also": "Also present",
    "reason": "Reason",
    "order": "Item number",
    "presenter_text": "Presenter",
    "presenter": "Presenting member",
    "duration_minutes": "Minutes allowed",
    "is_confidential": "Confidential",
    "is_private": "Private meeting",
    "owner_organisation": "Owner (organisation)",
    "owner_person": "Owner (person)",
    "rag": "RAG rating",
    "progress_note": "Progress",
    "data_as_at": "Data as at",
    "size": "Size (bytes)",
}
NOT_SET = "Not set"
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|tr|table|ul|ol|caption)>|<br\s*/?>", re.IGNORECASE)


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


def _model_field(object_type: str, name: str):
    try:
        field = apps.get_model("meetings", object_type)._meta.get_field(name)
    except (LookupError, FieldDoesNotExist, ValueError):
        return None
    return field if isinstance(field, models.Field) else None  # not a reverse relation


def field_label(object_type: str, name: str) -> str:
    """The field as the pages name it: "Minute text", not ``text``."""
    label = LABELS.get(name)
    if label:
        return label
    field = _model_field(object_type, name)
    return capfirst(str(field.verbose_name)) if field is not None else capfirst(name)


def html_as_text(value: str) -> str:
    """Sanitised HTML as the words a reader sees, a line for each paragraph, item or row."""
    if "<" not in value:
        return value
    text = nh3.clean(_BLOCK_END.sub(lambda m: m.group(0) + "\n", value), tags=set())
    lines = (html.unescape(line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _attendance_text(statuses: dict) -> str:
    names = {str(p.pk): str(p) for p in Person.objects.filter(pk__in=list(statuses))}
    labels = dict(AttendanceStatus.choices)
    return "\n".join(
        f"{names.get(pk, 'Member no longer recorded')}: {labels.get(status, status)}"
        for pk, status in statuses.items()
    )


def readable(object_type: str, name: str, value) -> str:
    """One recorded value as text: choices by label, yes/no, dates written out, HTML as words."""
    if value is None or value == "" or value == [] or value == {}:
        return NOT_SET
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dict):
        return _attendance_text(value)
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    field = _model_field(object_type, name)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.TimeField) and isinstance(value, str):
        return value[:5]  # "14:00", not "14:00:00"
    if isinstance(field, models.DateField) and isinstance(value, str):
        try:
            return long_date(datetime.date.fromisoformat(value))
        except ValueError:
            return value
    return html_as_text(str(value))


def change_differences(change: Change) -> list[dict]:
    object_type = getattr(change, "object_type", "")
    rows = []
    for field in sorted(set(change.before) | set(change.after)):
        old, new = change.before.get(field), change.after.get(field)
        if old == new:
            continue
        if field not in change.before and readable(object_type, field, new) == NOT_SET:
            continue  # a record created with the field empty: nothing to read
        rows.append(
            {
                "field": field,
                "label": field_label(object_type, field),
                "before": old,
                "after": new,
                "before_text": readable(object_type, field, old) if field in change.before else "",
                "after_text": readable(object_type, field, new) if field in change.after else "",
            }
        )
    return rows
