"""{% agenda_pack_link meeting %}: the meeting page's download link, with the page count.

Reads the page count (and, for officers, the warnings) of the last pack built from a small file:
no query, no rendering.
"""

from django import template
from django.urls import reverse

from meetings import pack

register = template.Library()


@register.inclusion_tag("meetings/pack/_link.html", takes_context=True)
def agenda_pack_link(context, meeting):
    user = context["request"].user
    pages, warnings = pack.latest_build(meeting.pk, f"pack-{pack.variant_for(user)}")
    return {
        "url": reverse("meetings:pack", args=[meeting.pk]),
        "pages": pages,
        "warnings": warnings if user.has_perm("meetings.change_meeting") else [],
    }
