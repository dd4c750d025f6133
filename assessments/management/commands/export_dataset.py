from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments import selectors
from assessments.figures import export_csv, export_xlsx
from assessments.models import Dataset


class Command(BaseCommand):
    help = "Write a dataset's loaded observations as tidy CSV (or XLSX for a .xlsx name)."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--output", required=True)

    def handle(self, *args, name, output, **options):
        dataset = Dataset.objects.filter(name=name).first()
        if dataset is None:
            raise CommandError(f"no dataset named {name!r}")
        rows = selectors.dataset_export_rows(dataset)
        path = Path(output)
        if path.suffix.lower() == ".xlsx":
            path.write_bytes(export_xlsx(rows))
        else:
            path.write_text(export_csv(rows), encoding="utf-8", newline="")
        self.stdout.write(f"{len(rows)} rows written to {path}")
