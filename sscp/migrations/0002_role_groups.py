"""Creates the five role groups. Their permissions are given by roles_sync after every migrate,
once every app's permissions exist (see sscp.roles)."""

from django.db import migrations

ROLE_NAMES = ["Committee officer", "Board member", "MARAC coordinator", "Analyst", "Administrator"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_NAMES:
        Group.objects.get_or_create(name=name)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sscp", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
