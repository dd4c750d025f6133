"""The dashboard's figures, cached per period on the version of the records.

Working the figures out from the records takes a few hundred milliseconds; a dashboard view
served from the cache takes a few. Every change to a record the figures read moves the version
(`bump`, called by `marac.signals` on each save and delete, and by the importers, whose bulk
writes send no signals), so an entry made before a change is never read after it: nothing
stale is shown. Old entries are simply never asked for again and expire.

The cache is Django's `default` cache: in the database (settings.CACHES), shared by every
worker, with no other service to run.
"""

import uuid

from django.core.cache import cache
from django.db.models import Max

from marac import selectors, signals
from marac.models import DataVersion
from sscp.models import Area

TIMEOUT = 24 * 60 * 60  # a day; a change of the records makes an entry unreachable sooner


def bump() -> str:
    """Move the version: call in the same transaction as the change to the records."""
    token = uuid.uuid4().hex
    if not DataVersion.objects.filter(pk=1).update(token=token):
        DataVersion.objects.update_or_create(pk=1, defaults={"token": token})
    return token


def version() -> str:
    """The version of the records as they stand.

    Areas added by the assessments importers (bulk writes, no signal) can give a ward a
    locality: the newest area's id is part of the version.
    """
    signals.version_read()
    token = DataVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    if token is None:
        token = bump()
    newest_area = Area.objects.aggregate(newest=Max("pk"))["newest"]
    return f"{token}.{newest_area}"


def report_content(start, end, *, exact: bool) -> dict:
    """`selectors.report_content` for [start, end], from the cache when the records have not
    changed since it was worked out. Each call returns its own copy (callers may add to it)."""
    # The version is read before the records: an entry can hold records newer than its
    # version (harmless), never older.
    key = f"marac:content:{version()}:{start}:{end}:{'exact' if exact else 'suppressed'}"
    content = cache.get(key)
    if content is None:
        content = selectors.report_content(start, end, exact=exact)
        cache.set(key, content, TIMEOUT)
    return content
