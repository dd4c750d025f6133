from django.core.management.base import BaseCommand, CommandError

from assessments.imports import BOUNDARIES, boundaries_import, dataset_import
from assessments.readers import FORMATS


class Command(BaseCommand):
    help = (
        "Load a strategic-assessment file (all or nothing), or area boundaries (GeoJSON) with "
        "the format 'boundaries'. Exit status 1 when refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("format", choices=[*FORMATS, BOUNDARIES, "auto"])
        parser.add_argument("file")
        parser.add_argument("--dataset", help="dataset name (default: the file name)")
        parser.add_argument(
            "--replace", action="store_true", help="load again a file already loaded"
        )
        parser.add_argument(
            "--code-property",
            help="boundaries: the property holding the area code (default: found from the codes)",
        )

    def handle(self, *args, format, file, dataset=None, replace=False, **options):
        name = dataset or file.rsplit("/", 1)[-1]
        try:
            if format == BOUNDARIES:
                report = boundaries_import(
                    file,
                    dataset_name=name,
                    replace=replace,
                    code_property=options.get("code_property"),
                )
            else:
                report = dataset_import(
                    None if format == "auto" else format, file, dataset_name=name, replace=replace
                )
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc}") from exc
        if not report.ok:
            self.stderr.write(report.as_text())
            raise CommandError(f"{file} was not loaded: {len(report.errors)} problem(s)")
        self.stdout.write(report.as_text())
