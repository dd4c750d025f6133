from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from sscp import roles
from sscp.demo import load_reference_data

# One login per role. Printed by the run command; refused outside DEBUG (see --allow-production).
DEMO_USERS = [
    ("officer", "Committee", "Officer", roles.COMMITTEE_OFFICER),
    ("member", "Board", "Member", roles.BOARD_MEMBER),
    ("marac", "MARAC", "Coordinator", roles.MARAC_COORDINATOR),
    ("analyst", "Data", "Analyst", roles.ANALYST),
    ("admin", "System", "Administrator", roles.ADMINISTRATOR),
]
DEMO_PASSWORD_SUFFIX = "-demo-2018"


def demo_password(username: str) -> str:
    return f"{username}{DEMO_PASSWORD_SUFFIX}"


class Command(BaseCommand):
    help = "Load the demo partnership (Sefton, 2018) and one login per role. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load the demo even though DEBUG is off (never on a live system).",
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "seed_demo creates logins with published passwords: it only runs with DEBUG=1 "
                "(or --allow-production on a throwaway system)."
            )
        with transaction.atomic():
            roles.roles_sync()
            self._create_users()
            load_reference_data()
            # Two rounds: each app's demo_loader (INSTALLED_APPS order: meetings publishes the
            # agendas, then the data apps attach their papers), then each demo_finisher (meetings
            # holds the meetings those papers went to).
            for step in ("demo_loader", "demo_finisher"):
                for app_config in apps.get_app_configs():
                    loader = getattr(app_config, step, None)
                    if loader:
                        import_string(loader)()
        self.stdout.write(self.style.SUCCESS("Demo partnership loaded. Demo logins:"))
        for username, _, _, role in DEMO_USERS:
            self.stdout.write(
                f"  {role:<18} username {username:<8} password {demo_password(username)}"
            )

    def _create_users(self):
        User = get_user_model()
        for username, first, last, role in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"first_name": first, "last_name": last}
            )
            if created:
                user.set_password(demo_password(username))
                user.save(update_fields=["password"])
            user.groups.set([Group.objects.get(name=role)])
