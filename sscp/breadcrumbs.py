"""The one breadcrumb helper every app's pages use (templates/base.html draws the trail)."""

from django.urls import reverse


def breadcrumbs(root, *steps):
    """The trail: the app's ``root`` pages as (label, URL name), then ``steps``, each a
    (label, address) pair or a bare label; the page itself comes last and is not a link."""
    trail = [(label, reverse(name)) for label, name in root]
    trail += [step if isinstance(step, tuple) else (step, None) for step in steps]
    return trail
