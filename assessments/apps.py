from django.apps import AppConfig

from sscp import roles


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Strategic assessment"
    default_auto_field = "django.db.models.BigAutoField"
    demo_loader = "assessments.demo.load_demo"
    home_panels = "assessments.home.panels"
    # Administrators hold every permission (sscp.roles); everyone with a role reads.
    role_permissions = {
        roles.COMMITTEE_OFFICER: {"assessments.view_assessment"},
        roles.BOARD_MEMBER: {"assessments.view_assessment"},
        roles.MARAC_COORDINATOR: {"assessments.view_assessment"},
        roles.ANALYST: {
            "assessments.view_assessment",
            "assessments.import_dataset",
            "assessments.edit_recommendation_progress",
            "assessments.change_comparatorset",
        },
    }
