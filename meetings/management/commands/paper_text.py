"""manage.py paper_text [--all]"""

from django.core.management.base import BaseCommand

from meetings.models import UploadedDocument
from meetings.paper_text import store_text


class Command(BaseCommand):
    help = (
        "Extract the text of uploaded papers and appendices so that search finds them by their "
        "contents: those with no text yet (stored before text was extracted at upload), or "
        "--all of them. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Extract every paper's text again, not only empty."
        )

    def handle(self, *args, all=False, **options):
        documents = UploadedDocument.objects.order_by("pk")
        if not all:
            documents = documents.filter(text="")
        found = empty = 0
        for document in documents.only("pk", "file").iterator(chunk_size=100):
            found += 1
            if not store_text(document):
                empty += 1
        self.stdout.write(
            f"Extracted the text of {found - empty} of {found} papers"
            + (f"; {empty} have no selectable text (scans or damaged files)." if empty else ".")
        )
