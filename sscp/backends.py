"""The sign-in backend: Django's ModelBackend, reading a user's roles with their permissions.

Every signed-in page names the user's roles in its header and checks their permissions. Django
reads the permissions the user's groups give in one query; reading the groups' names in that
same query spares each page a second one (`sscp.roles.user_roles` uses them).
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group


class RoleBackend(ModelBackend):
    def get_group_permissions(self, user_obj, obj=None):
        if user_obj.is_superuser or not user_obj.is_active or user_obj.is_anonymous or obj:
            return super().get_group_permissions(user_obj, obj)
        if not hasattr(user_obj, "_group_perm_cache"):
            rows = Group.objects.filter(user=user_obj).values_list(
                "name", "permissions__content_type__app_label", "permissions__codename"
            )
            user_obj._role_names = {name for name, _, _ in rows}
            user_obj._group_perm_cache = {f"{app}.{code}" for _, app, code in rows if code}
        return user_obj._group_perm_cache
