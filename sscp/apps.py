from django.apps import AppConfig, apps
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate

from sscp import roles


class SSCPConfig(AppConfig):
    default = True
    name = "sscp"
    verbose_name = "Partnership reference data"
    default_auto_field = "django.db.models.BigAutoField"
    role_permissions = {
        roles.COMMITTEE_OFFICER: {"sscp.view_meetings", "sscp.view_performance"},
        roles.BOARD_MEMBER: {"sscp.view_meetings", "sscp.view_performance"},
        roles.MARAC_COORDINATOR: {
            "sscp.view_meetings",
            "sscp.view_performance",
            "sscp.use_datasets",
        },
        roles.ANALYST: {"sscp.view_meetings", "sscp.view_performance", "sscp.use_datasets"},
    }

    def ready(self):
        post_migrate.connect(_sync_roles_after_migrate, dispatch_uid="sscp_roles_sync")


def _sync_roles_after_migrate(sender, app_config=None, using="default", **kwargs):
    # post_migrate is sent once per app that has models, in INSTALLED_APPS order: sync after
    # the last one, when every app's permissions exist.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender.name == with_models[-1].name:
        roles.roles_sync()


class SSCPAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "sscp.admin_site.SSCPAdminSite"
