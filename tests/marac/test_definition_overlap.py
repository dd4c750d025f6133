"""Overlapping versions of a definition (stored around `DefinitionVersion.clean`, e.g. by a bulk
load) leave the figures undefined: the pages say which definition and which dates, with a 409,
never a 500; issued reports are untouched. On PostgreSQL the database refuses them outright."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from marac import services
from marac.models import DefinitionVersion, Report

D = datetime.date
PERIOD = {"start": "2017-04-01", "end": "2018-03-31"}


def _overlapping() -> list[DefinitionVersion]:
    """Version 1 never ended when version 2 started."""
    return [
        DefinitionVersion(
            key="repeat", version="1", text="Old wording.", parameter=12, valid_from=D(2010, 1, 1)
        ),
        DefinitionVersion(
            key="repeat", version="2", text="New wording.", parameter=6, valid_from=D(2018, 1, 1)
        ),
    ]


NAMED = (
    "Repeat and returning cases",
    "version 1, from 1 January 2010 with no end date",
    "version 2, from 1 January 2018 with no end date",
)
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the database guard is PostgreSQL's"
)


def _store_overlapping_versions():
    """Write the versions around their validation; on PostgreSQL, first lift the database's
    guard inside the test's transaction, as for rows stored before the guard existed."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ALTER TABLE marac_definitionversion DROP CONSTRAINT definition_version_no_overlap"
            )
    DefinitionVersion.objects.bulk_create(_overlapping())


def _assert_named(response):
    assert response.status_code == 409
    html = response.content.decode()
    for text in NAMED:
        assert text in html
    assert "An administrator must end one version the day before the other starts" in html


def test_the_dashboard_names_the_overlapping_versions_instead_of_failing(
    client, small_marac, board_member
):
    _store_overlapping_versions()
    client.force_login(board_member)
    _assert_named(client.get(reverse("marac:dashboard"), PERIOD))
    _assert_named(client.get(reverse("marac:dashboard_csv"), PERIOD))


def test_drafts_cannot_be_shown_or_issued_but_issued_reports_are_untouched(
    client, small_marac, marac_coordinator
):
    issued = Report.objects.create(start=D(2017, 4, 1), end=D(2018, 3, 31), title="Issued")
    services.report_issue(report=issued, user=marac_coordinator)
    draft = Report.objects.create(start=D(2017, 4, 1), end=D(2018, 3, 31), title="Draft")
    _store_overlapping_versions()
    client.force_login(marac_coordinator)
    for variant in ("restricted", "circulation"):
        kwargs = {"pk": draft.pk, "variant": variant}
        _assert_named(client.get(reverse("marac:report_detail", kwargs=kwargs)))
        _assert_named(client.get(reverse("marac:report_pdf", kwargs=kwargs)))
        kwargs["pk"] = issued.pk
        assert client.get(reverse("marac:report_detail", kwargs=kwargs)).status_code == 200
    _assert_named(client.post(reverse("marac:report_issue", kwargs={"pk": draft.pk})))
    draft.refresh_from_db()
    assert draft.issued_at is None and draft.issued_content is None
    url = reverse("marac:safelives_return", kwargs={"fmt": "csv"})
    _assert_named(client.get(url, PERIOD))


def test_the_figures_command_reports_the_overlap(small_marac):
    _store_overlapping_versions()
    with pytest.raises(CommandError, match="version 1, from 1 January 2010 with no end date"):
        call_command(
            "marac_figures", "--start", "2017-04-01", "--end", "2018-03-31", stdout=io.StringIO()
        )


@postgresql_only
@pytest.mark.django_db
def test_postgresql_refuses_overlapping_versions_written_around_validation():
    with pytest.raises(IntegrityError, match="definition_version_no_overlap"), transaction.atomic():
        DefinitionVersion.objects.bulk_create(_overlapping())
    # Versions that meet without overlapping, and versions of other definitions, are stored.
    DefinitionVersion.objects.bulk_create(
        [
            DefinitionVersion(
                key="repeat",
                text="a",
                parameter=12,
                valid_from=D(2010, 1, 1),
                valid_to=D(2017, 12, 31),
            ),
            DefinitionVersion(
                key="repeat", version="2", text="b", parameter=6, valid_from=D(2018, 1, 1)
            ),
            DefinitionVersion(key="children", text="c", valid_from=D(2010, 1, 1)),
        ]
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        DefinitionVersion.objects.create(
            key="repeat",
            version="3",
            text="d",
            parameter=9,
            valid_from=D(2017, 12, 31),
            valid_to=D(2017, 12, 31),
        )
