import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from marac.definitions import OverlappingVersions
from marac.selectors import figures_for_period


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"{value!r} is not a date (YYYY-MM-DD)") from error


class Command(BaseCommand):
    help = "Print the MARAC figures of a period (the spec's keys) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--start", required=True)
        parser.add_argument("--end", required=True)
        parser.add_argument("--population", type=int, help="adult female population (16+)")
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, start, end, population=None, **options):
        start, end = _date(start), _date(end)
        if end < start:
            raise CommandError("--end is before --start")
        try:
            if population is None:
                figures = figures_for_period(start, end)
            else:
                figures = figures_for_period(start, end, population=population)
        except OverlappingVersions as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(figures, indent=2, sort_keys=False))
