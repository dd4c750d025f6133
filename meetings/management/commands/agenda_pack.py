"""manage.py agenda_pack MEETING_ID --output FILE.pdf [--public]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings import pack
from meetings.models import Meeting


class Command(BaseCommand):
    help = "Build a meeting's agenda pack (members' copy, or --public for wider circulation)."

    def add_arguments(self, parser):
        parser.add_argument("meeting_id", type=int)
        parser.add_argument("--output", required=True, help="Where to write the PDF.")
        parser.add_argument(
            "--public",
            action="store_true",
            help="Leave out confidential items' papers (a page says why).",
        )

    def handle(self, *args, meeting_id, output, public, **options):
        try:
            meeting = Meeting.objects.select_related("body", "venue").get(pk=meeting_id)
        except Meeting.DoesNotExist as exc:
            raise CommandError(f"There is no meeting {meeting_id}.") from exc
        variant = pack.PUBLIC if public else pack.MEMBERS
        built = pack.pack_build_info(meeting, variant=variant)
        Path(output).write_bytes(built.path.read_bytes())
        for warning in built.warnings:
            self.stderr.write(self.style.WARNING(f"Warning: {warning}"))
        self.stdout.write(f"Wrote {output}: {meeting}, {built.pages} pages ({variant}).")
