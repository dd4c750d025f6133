"""On PostgreSQL, the database itself refuses overlapping versions of a definition (an
exclusion constraint over the inclusive date range, with btree_gist for the key's equality),
so a bulk load or a shell session cannot store what `DefinitionVersion.clean` refuses. A no-op
on SQLite, where the figures' pages report such versions instead (`OverlappingVersions`).

Applying it fails, naming the conflicting rows, while overlapping versions are stored: end one
version before the other starts, then migrate again.
"""

from django.db import migrations

CONSTRAINT = "definition_version_no_overlap"
TABLE = "marac_definitionversion"


def add_guard(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE {TABLE} ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
        "(key WITH =, daterange(valid_from, valid_to, '[]') WITH &&)"
    )


def remove_guard(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {TABLE} DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("marac", "0005_report_issued_content")]

    operations = [migrations.RunPython(add_guard, remove_guard)]
