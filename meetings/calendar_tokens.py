"""Secret calendar addresses: how a token is made, stored and recognised.

Only a SHA-256 of the token is stored: a token is 256 random bits, so a plain hash is enough
(no salt or slow hash is needed against guessing). A forged, revoked or expired token, or one
of a user who can no longer sign in, finds no user: the view answers 404 like any unknown page.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.utils import timezone


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def user_for_token(token: str):
    """The active user whose current, unexpired address ``token`` is; else None."""
    from meetings.models import CalendarToken

    if not token or len(token) > 100:
        return None
    days = getattr(settings, "SSCP_CALENDAR_TOKEN_DAYS", 365)
    oldest = timezone.now() - datetime.timedelta(days=days)
    found = (
        CalendarToken.objects.select_related("user")
        .filter(token_hash=token_hash(token), created_at__gte=oldest, user__is_active=True)
        .first()
    )
    return found.user if found is not None else None
