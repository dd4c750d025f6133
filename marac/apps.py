from django.apps import AppConfig

from sscp import roles

_PARTNER = {"marac.view_dashboard", "marac.view_circulation_report"}
_COORDINATOR = _PARTNER | {
    "marac.view_cases",
    "marac.import_marac",
    "marac.view_restricted_report",
    "marac.add_report",
    "marac.change_report",
    "marac.view_report",
    "marac.add_reviewaction",
    "marac.change_reviewaction",
    "marac.delete_reviewaction",
    "marac.view_reviewaction",
}


class MaracConfig(AppConfig):
    name = "marac"
    verbose_name = "MARAC performance"
    demo_loader = "marac.demo.load_demo"
    home_panels = "marac.home.panels"
    # Only the coordinator (and administrators, who hold everything) see case-level data and
    # exact counts; partners see suppressed dashboards and the circulation report.
    role_permissions = {
        roles.MARAC_COORDINATOR: _COORDINATOR,
        roles.BOARD_MEMBER: _PARTNER,
        roles.COMMITTEE_OFFICER: _PARTNER,
        roles.ANALYST: _PARTNER,
    }

    def ready(self):
        from marac import signals

        signals.connect()
