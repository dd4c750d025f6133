"""{% agenda_pack_link meeting %}: the meeting page's download link, with the page count.

Reads the page count of the last pack built from a small file: no query, no rendering.
"""

from django import template
from django.urls import reverse

from meetings import pack

register = template.Library()


@register.inclusion_tag("meetings/pack/_link.html", takes_context=True)
def agenda_pack_link(context, meeting):
    user = context["request"].user
    variant = pack.variant_for(user)
    return {
        "url": reverse("meetings:pack", args=[meeting.pk]),
        "pages": pack.latest_pages(meeting.pk, f"pack-{variant}"),
    }
