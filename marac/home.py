"""The MARAC coordinator's panel on the home page (sscp.home): their last uploads and the
report due."""

from marac.selectors import recent_uploads_by, reports_due

IMPORT = "marac.import_marac"


def panels(user, *, today) -> list[dict]:
    if not user.has_perm(IMPORT):
        return []
    return [
        {
            "template": "marac/_home_coordinator.html",
            "uploads": recent_uploads_by(user),
            **reports_due(today),
        }
    ]
