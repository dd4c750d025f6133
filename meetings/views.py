from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from meetings.selectors import meetings_visible_to


@require_safe
@permission_required("sscp.view_meetings", raise_exception=True)
def meeting_list(request):
    meetings = meetings_visible_to(request.user).order_by("-date", "-start_time")
    return render(request, "meetings/meeting_list.html", {"meetings": meetings})


@require_safe
@permission_required("sscp.view_meetings", raise_exception=True)
def meeting_detail(request, pk):
    meeting = get_object_or_404(meetings_visible_to(request.user), pk=pk)
    trail = [("Meetings", reverse("meetings:index")), (f"{meeting.date:%-d %B %Y}", None)]
    return render(request, "meetings/meeting_detail.html", {"meeting": meeting, "trail": trail})
