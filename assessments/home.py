"""The analyst's panel on the home page (sscp.home): their last imports."""

from assessments.selectors import recent_imports_by

IMPORT = "assessments.import_dataset"


def panels(user, *, today) -> list[dict]:
    if not user.has_perm(IMPORT):
        return []
    return [{"template": "assessments/_home_imports.html", "imports": recent_imports_by(user)}]
