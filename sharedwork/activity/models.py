from django.conf import settings
from django.db import models


class EventVisibility(models.TextChoices):
    COMMUNITY = "community", "Whoever may see the community's content"
    MODERATORS = "moderators", "The community's moderators"


class ActivityEvent(models.Model):
    """One thing that happened. Written by the service that did it; read by Recent activities,
    feeds, notifications and digests. ``target_title`` and ``target_url`` are kept as they were
    at the time, so a list never joins to the targets."""

    community = models.ForeignKey(
        "communities.Community", null=True, blank=True, on_delete=models.CASCADE, related_name="activity"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    verb = models.CharField(max_length=64)
    target_type = models.CharField(max_length=64, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_title = models.CharField(max_length=300, blank=True)
    target_url = models.CharField(max_length=500, blank=True)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The person acted upon, for membership events.",
    )
    visibility = models.CharField(
        max_length=12, choices=EventVisibility.choices, default=EventVisibility.COMMUNITY
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["community", "-created_at"]),
            models.Index(fields=["community", "visibility", "-created_at"]),
            models.Index(fields=["verb"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self):
        return f"{self.verb} by {self.actor_id} at {self.created_at:%Y-%m-%d %H:%M}"
