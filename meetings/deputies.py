"""Who may stand in for whom: a named deputy attends for a member of the body on a day their
membership covers, so that the member's organisation is represented."""

from django.core.exceptions import ValidationError

from sscp.dates import long_date


def deputy_refusal(*, meeting, member) -> ValidationError | None:
    """Why ``member`` cannot have a deputy at ``meeting`` (None when they can)."""
    memberships = list(member.memberships.filter(body=meeting.body))
    if not memberships:
        return ValidationError(
            {
                "deputy_for": f"{member} is not a member of {meeting.body}: a deputy attends "
                "for a member."
            },
            code="not_a_member",
        )
    day = meeting.date
    if not any(
        m.start_date <= day and (m.end_date is None or m.end_date >= day) for m in memberships
    ):
        return ValidationError(
            {
                "deputy_for": f"{member} was not a member of {meeting.body} on {long_date(day)}: "
                "a deputy attends for a member on a day of their membership."
            },
            code="outside_membership",
        )
    return None
