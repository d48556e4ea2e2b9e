"""Small builders for activity tests."""

from datetime import timedelta

from django.utils import timezone

from sharedwork.activity.models import ActivityEvent, EventVisibility
from sharedwork.activity.services import activity_record


def record(
    community, actor, verb="member.joined", *, ago=None, visibility=EventVisibility.COMMUNITY, **kwargs
):
    """Record an event as a service would; ``ago`` (a timedelta) backdates it."""
    event = activity_record(actor=actor, verb=verb, community=community, visibility=visibility, **kwargs)
    if ago is not None:
        ActivityEvent.objects.filter(pk=event.pk).update(created_at=timezone.now() - ago)
        event.refresh_from_db()
    return event


def minutes(n):
    return timedelta(minutes=n)
