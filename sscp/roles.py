"""The five roles of the partnership, as Django groups, and the permissions each one holds.

Each app declares what its roles may do in its AppConfig (`role_permissions`), so this module
never imports an app; `roles_sync` runs after every migrate and gives each group exactly the
permissions declared for it. Administrators get every permission.
"""

from django.apps import apps

COMMITTEE_OFFICER = "Committee officer"
BOARD_MEMBER = "Board member"
MARAC_COORDINATOR = "MARAC coordinator"
ANALYST = "Analyst"
ADMINISTRATOR = "Administrator"

ROLES = [COMMITTEE_OFFICER, BOARD_MEMBER, MARAC_COORDINATOR, ANALYST, ADMINISTRATOR]


def declared_role_permissions() -> dict[str, set[str]]:
    declared: dict[str, set[str]] = {role: set() for role in ROLES}
    for app_config in apps.get_app_configs():
        for role, codenames in getattr(app_config, "role_permissions", {}).items():
            declared[role].update(codenames)
    return declared


def roles_sync() -> None:
    # Imported here: app configs import this module before the models are ready.
    from django.contrib.auth.models import Group, Permission

    permissions = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type")
    }
    for role, codenames in declared_role_permissions().items():
        group, _ = Group.objects.get_or_create(name=role)
        if role == ADMINISTRATOR:
            group.permissions.set(permissions.values())
            continue
        unknown = codenames - permissions.keys()
        if unknown:
            raise LookupError(f"Role {role!r} declares unknown permissions: {sorted(unknown)}")
        group.permissions.set(permissions[name] for name in codenames)


def user_roles(user) -> list[str]:
    """The user's roles, in ROLES order: read with their permissions when those were loaded
    (sscp.backends.RoleBackend), otherwise with a query of their own."""
    if not user.is_authenticated:
        return []
    names = getattr(user, "_role_names", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
    return [role for role in ROLES if role in names]
