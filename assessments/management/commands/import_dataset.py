from django.core.management.base import BaseCommand, CommandError

from assessments.imports import dataset_import
from assessments.readers import FORMATS


class Command(BaseCommand):
    help = "Load a strategic-assessment file (all or nothing). Exit status 1 when refused."

    def add_arguments(self, parser):
        parser.add_argument("format", choices=[*FORMATS, "auto"])
        parser.add_argument("file")
        parser.add_argument("--dataset", help="dataset name (default: the file name)")
        parser.add_argument(
            "--replace", action="store_true", help="load again a file already loaded"
        )

    def handle(self, *args, format, file, dataset=None, replace=False, **options):
        try:
            report = dataset_import(
                None if format == "auto" else format,
                file,
                dataset_name=dataset or file.rsplit("/", 1)[-1],
                replace=replace,
            )
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc}") from exc
        if not report.ok:
            self.stderr.write(report.as_text())
            raise CommandError(f"{file} was not loaded: {len(report.errors)} problem(s)")
        self.stdout.write(report.as_text())
