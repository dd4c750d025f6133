from django.db import migrations, models

# PostgreSQL only: each paper's search document (title and text, English configuration) kept
# in a generated column with a GIN index, so that a search neither parses every paper's text nor
# ranks by parsing it again (selectors.papers_search reads it by name). PostgreSQL refuses to
# change the type of a column a generated column uses: a later migration altering ``title`` or
# ``text`` drops this column first and adds it back after.
COLUMN = "search_vector"
INDEX = "meetings_paper_text_search"
ADD = (
    f"ALTER TABLE meetings_uploadeddocument ADD COLUMN {COLUMN} tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english'::regconfig, COALESCE(title, '') || ' ' || COALESCE(text, ''))) STORED"
)


def add_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD)
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON meetings_uploadeddocument USING gin ({COLUMN})"
        )


def drop_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE meetings_uploadeddocument DROP COLUMN {COLUMN}")


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0007_meeting_state"),
    ]

    operations = [
        migrations.AddField(
            model_name="uploadeddocument",
            name="text",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text="The PDF's selectable text, extracted at upload (meetings.paper_text) "
                "so search finds the paper by its contents.",
            ),
        ),
        migrations.RunPython(add_search_vector, drop_search_vector, elidable=False),
    ]
