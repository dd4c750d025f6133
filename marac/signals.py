"""Every save or delete of a record the MARAC figures read moves their version
(`figures_cache.bump`), so the cached dashboard never shows figures from before it."""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save

# The models the figures read: MARAC records, their lists and definitions, and the partnership's
# agencies and areas (names, groups, wards' localities).
FIGURE_INPUTS = (
    "marac.MaracMeeting",
    "marac.Discussion",
    "marac.Action",
    "marac.Attendance",
    "marac.CoreAgency",
    "marac.Benchmark",
    "marac.DefinitionVersion",
    "marac.Population",
    "marac.IdvaStatus",
    "marac.SwacaStatus",
    "sscp.Organisation",
    "sscp.Area",
)
# MARAC models the figures do not read. The import record is written after the import (which
# bumps the version itself); the access log is written on every case list view; reports store
# their own content once issued; the review action plan is not a figure.
NOT_FIGURE_INPUTS = (
    "marac.DataVersion",
    "marac.MaracImport",
    "marac.CaseAccessLog",
    "marac.ReviewAction",
    "marac.Report",
)
# The connection attribute holding this transaction's bump not yet read (see records_changed).
PENDING = "marac_pending_bump"


def records_changed(sender, **kwargs):
    """Move the version, once for a run of changes in one transaction that nobody reads in
    between: deleting a meeting deletes its discussions and actions, one signal each.

    The run ends when the version is read (`figures_cache.version` forgets the pending bump),
    so a figure worked out inside the transaction is keyed apart from the changes after it;
    a rolled-back savepoint drops its on-commit marker with its bump.
    """
    from marac.figures_cache import bump

    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        bump()
        return
    pending = getattr(connection, PENDING, None)
    if pending is not None and any(entry[1] is pending for entry in connection.run_on_commit):
        return
    bump()

    def marker():
        """Stands for this bump among the transaction's on-commit callbacks; does nothing."""

    transaction.on_commit(marker)
    setattr(connection, PENDING, marker)


def version_read():
    """The version has been read in this connection: the next change bumps it again."""
    setattr(transaction.get_connection(), PENDING, None)


def connect():
    for label in FIGURE_INPUTS:
        model = apps.get_model(label)
        uid = f"marac-figures-{label}"
        post_save.connect(records_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(records_changed, sender=model, dispatch_uid=uid)
