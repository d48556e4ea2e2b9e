"""The per-address part of the sign-in rate limit. django-axes counts failures per account; this counts
the failures axes recorded from one network address, across accounts, against a much higher limit, so
that one address cannot try passwords on many accounts while an office behind one address keeps working."""

from datetime import timedelta

from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def address_is_paused(request) -> bool:
    if not settings.AXES_ENABLED:
        return False
    address = get_client_ip_address(request)
    if not address:
        return False
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    failures = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return (failures or 0) >= settings.SIGNIN_ADDRESS_FAILURE_LIMIT
