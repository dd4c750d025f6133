from django.core.management.base import BaseCommand, CommandError

from marac.imports import COLUMNS, import_marac


class Command(BaseCommand):
    help = "Import a MARAC file (CSV or XLSX): all rows or none, every bad row reported."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(COLUMNS))
        parser.add_argument("file")

    def handle(self, *args, kind, file, **options):
        try:
            result = import_marac(kind, file)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        if not result.ok:
            self.stderr.write(f"{file}: nothing imported, {len(result.errors)} error(s):")
            self.stderr.write(result.report())
            raise CommandError("Import failed.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.rows} {kind} row(s): {result.created} new, "
                f"{result.updated} updated."
            )
        )
