from django.apps import AppConfig

from sscp import roles

_EDIT = ("add", "change", "delete", "view")
_EDITED_BY_OFFICER = (
    "body", "venue", "person", "membership", "meeting", "agendaitem", "report", "reportsection",
    "uploadeddocument", "frozenpaper", "attendance", "declaration", "minute", "resolutionpart",
    "action", "change", "planneditem",
)  # fmt: skip
# What board members read once it is published.
_READ_BY_MEMBERS = (
    "meeting", "agendaitem", "report", "uploadeddocument", "frozenpaper", "attendance",
    "declaration", "minute", "resolutionpart", "action", "planneditem",
)  # fmt: skip
_CONFIDENTIAL = "meetings.view_confidential_agendaitem"
_ATTACH = "meetings.attach_frozenpaper"


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings"
    # seed_demo runs every app's demo_loader, then every demo_finisher: September's agenda is
    # open for the data apps' papers in between, and held afterwards.
    demo_loader = "meetings.demo.load.load_agendas"
    demo_finisher = "meetings.demo.load.hold_meetings"
    home_panels = "meetings.home.panels"
    role_permissions = {
        roles.COMMITTEE_OFFICER: {
            f"meetings.{action}_{model}" for model in _EDITED_BY_OFFICER for action in _EDIT
        }
        | {_CONFIDENTIAL, _ATTACH},
        roles.BOARD_MEMBER: {f"meetings.view_{model}" for model in _READ_BY_MEMBERS}
        | {_CONFIDENTIAL},
        roles.ANALYST: {_ATTACH},
        roles.MARAC_COORDINATOR: {_ATTACH},
    }

    def ready(self):
        from meetings import signals  # noqa: F401  (connects the deletion receivers)
