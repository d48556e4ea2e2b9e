from django.utils import timezone

from .models import ActivityEvent, EventVisibility


def activity_record(
    *,
    actor,
    verb: str,
    community=None,
    target=None,
    target_title: str = "",
    target_url: str = "",
    subject=None,
    visibility: str = EventVisibility.COMMUNITY,
    data: dict | None = None,
) -> ActivityEvent:
    """Record that ``actor`` did ``verb``. Called by services inside their transaction, so the event
    exists exactly when the change does. ``target`` defaults to the community."""
    target = target if target is not None else community
    if target is not None:
        target_title = target_title or str(target)
        if not target_url and hasattr(target, "get_absolute_url"):
            target_url = target.get_absolute_url()
    return ActivityEvent.objects.create(
        community=community,
        actor=actor if getattr(actor, "pk", None) else None,
        verb=verb,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_title=target_title[:300],
        target_url=target_url[:500],
        subject=subject,
        visibility=visibility,
        data=data or {},
        created_at=timezone.now(),
    )
