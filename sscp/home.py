"""The home page's panels. Each app names, in its AppConfig (``home_panels``), a function
``panels(user, *, today)`` returning the panels that user sees (a list of dicts with the
``template`` to include and its values), so sscp shows every app's work without importing one.
"""

import datetime

from django.apps import apps
from django.utils.module_loading import import_string


def home_panels(user, *, today: datetime.date) -> list[dict]:
    """Every app's panels for ``user``, in the order the apps are installed."""
    panels = []
    for app_config in apps.get_app_configs():
        path = getattr(app_config, "home_panels", None)
        if path:
            panels.extend(import_string(path)(user, today=today))
    return panels
