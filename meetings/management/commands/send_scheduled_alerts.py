"""`manage.py send_scheduled_alerts`: queue the day's scheduled emails. Run it daily from cron.

Every day: officers are reminded of each draft agenda whose publication deadline (five clear
working days before its meeting) is two working days away. On SSCP_DIGEST_WEEKDAY (Monday by
default), or with --digest: everyone with open actions gets their weekly digest. The emails go
out through the task queue, one job each; running the command twice on one day sends twice,
so give cron one line.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from meetings.tasks import queue_scheduled_alerts


class Command(BaseCommand):
    help = "Queue today's agenda deadline reminders and, on the digest day, the weekly digests."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD).")
        parser.add_argument(
            "--digest", action="store_true", help="Send the weekly digests whatever the day."
        )

    def handle(self, *args, date=None, digest=False, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date {date!r} is not a date: use YYYY-MM-DD.") from None
        digest = digest or today.weekday() == settings.SSCP_DIGEST_WEEKDAY
        counts = queue_scheduled_alerts(today, digest=digest)
        self.stdout.write(
            f"{today:%Y-%m-%d}: {counts['reminders']} deadline reminder(s), "
            f"{counts['digests']} digest(s) queued."
        )
