from django.urls import reverse

from sscp.roles import user_roles

# (label, url name, permission, the first path segment that marks it as the current section)
SECTIONS = [
    ("Meetings", "meetings:index", "sscp.view_meetings", "/meetings/"),
    ("Performance", "performance", "sscp.view_performance", "/performance/"),
    ("Datasets", "datasets", "sscp.use_datasets", "/datasets/"),
    ("Admin", "admin:index", "sscp.administer", "/admin/"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": [], "user_roles": []}
    items = [
        {
            "label": label,
            "url": reverse(url_name),
            "current": request.path.startswith(prefix),
        }
        for label, url_name, permission, prefix in SECTIONS
        if user.has_perm(permission)
    ]
    return {"navigation": items, "user_roles": user_roles(user)}
