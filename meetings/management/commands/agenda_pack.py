"""manage.py agenda_pack MEETING_ID --output FILE.pdf [--public]
[--supplement N | --with-supplements]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings import pack, supplement_pack
from meetings.models import Meeting


class Command(BaseCommand):
    help = (
        "Build a meeting's agenda pack (members' copy, or --public for wider circulation), "
        "one of its supplementary agendas (--supplement N), or the pack with every published "
        "supplementary agenda (--with-supplements)."
    )

    def add_arguments(self, parser):
        parser.add_argument("meeting_id", type=int)
        parser.add_argument("--output", required=True, help="Where to write the PDF.")
        parser.add_argument(
            "--public",
            action="store_true",
            help="Leave out confidential items' papers (a page says why).",
        )
        which = parser.add_mutually_exclusive_group()
        which.add_argument(
            "--supplement", type=int, metavar="N", help="Supplementary Agenda N on its own."
        )
        which.add_argument(
            "--with-supplements",
            action="store_true",
            help="The pack followed by every published supplementary agenda, in one PDF.",
        )

    def handle(self, *args, meeting_id, output, public, supplement, with_supplements, **options):
        try:
            meeting = Meeting.objects.select_related("body", "venue").get(pk=meeting_id)
        except Meeting.DoesNotExist as exc:
            raise CommandError(f"There is no meeting {meeting_id}.") from exc
        variant = pack.PUBLIC if public else pack.MEMBERS
        if supplement is not None:
            built, what = self._supplement(meeting, supplement, variant)
        elif with_supplements:
            built = supplement_pack.whole_build_info(meeting, variant=variant)
            what = "agenda pack with supplementary agendas"
        else:
            built, what = pack.pack_build_info(meeting, variant=variant), "agenda pack"
        Path(output).write_bytes(built.path.read_bytes())
        for warning in built.warnings:
            self.stderr.write(self.style.WARNING(f"Warning: {warning}"))
        self.stdout.write(f"Wrote {output}: {meeting}, {what}, {built.pages} pages ({variant}).")

    def _supplement(self, meeting, number, variant):
        found = meeting.supplements.filter(number=number, published_at__isnull=False).first()
        if found is None:
            raise CommandError(f"{meeting} has no published Supplementary Agenda {number}.")
        built = supplement_pack.supplement_build_info(found, variant=variant)
        return built, f"{found} from page {found.first_page}"
