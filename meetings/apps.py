from django.apps import AppConfig

from sscp import roles

_EDIT = ("add", "change", "delete", "view")
_EDITED_BY_OFFICER = ("body", "venue", "person", "membership", "meeting")


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings"
    demo_loader = "meetings.demo.load_demo"
    role_permissions = {
        roles.COMMITTEE_OFFICER: {
            f"meetings.{action}_{model}" for model in _EDITED_BY_OFFICER for action in _EDIT
        },
    }
