from django.conf import settings
from django.db import models
from django.urls import reverse

from sharedwork.core.models import TimeStampedModel
from sharedwork.core.states import US_STATES


class Level(models.TextChoices):
    NATIONAL = "national", "National"
    STATE = "state", "State"
    LOCAL = "local", "Local"
    PRACTICE_GROUP = "practice_group", "Practice group"


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public: anyone can see its content"
    LISTED = "listed", "Listed: anyone can see it exists; only members see its content"
    HIDDEN = "hidden", "Hidden: only members know it exists"


class JoinPolicy(models.TextChoices):
    OPEN = "open", "Open: anyone with a verified account can join"
    REQUEST = "request", "By request: moderators approve each request"
    INVITATION = "invitation", "By invitation only"


class Topic(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


CHARTER_QUESTIONS = [
    ("charter_who", "Who cares about this issue and why?"),
    ("charter_underway", "What work is underway separately?"),
    ("charter_shared", "What shared work could unite us?"),
    ("charter_connections", "How can we deepen our connections?"),
]


# A community someone asked for that no site admin has approved or declined yet (declining archives it).
WAITING_FOR_APPROVAL = models.Q(is_approved=False, is_archived=False)


class Community(TimeStampedModel):
    name = models.CharField(max_length=160)
    slug = models.SlugField(max_length=80, unique=True)
    tagline = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True, help_text="Markdown.")
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.NATIONAL)
    state = models.CharField(max_length=3, choices=US_STATES, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="communities")
    logo = models.ImageField(upload_to="community-logos/", blank=True)
    accent_color = models.CharField(max_length=7, default="#1a4480")
    charter_who = models.TextField("Who cares about this issue and why?", blank=True)
    charter_underway = models.TextField("What work is underway separately?", blank=True)
    charter_shared = models.TextField("What shared work could unite us?", blank=True)
    charter_connections = models.TextField("How can we deepen our connections?", blank=True)
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    join_policy = models.CharField(max_length=12, choices=JoinPolicy.choices, default=JoinPolicy.REQUEST)
    is_archived = models.BooleanField(default=False)
    # A community asked for by someone who may not create one directly waits for a site admin.
    is_approved = models.BooleanField(default=True)
    include_children_activity = models.BooleanField(
        default=False,
        help_text="Show the activity of child communities in this community's Recent activities.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "communities"
        indexes = [
            models.Index(fields=["visibility", "is_approved"]),
            models.Index(fields=["level"]),
            models.Index(fields=["state"]),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("communities:home", args=[self.slug])

    def charter(self):
        return [(question, getattr(self, field)) for field, question in CHARTER_QUESTIONS]

    def ancestors(self):
        """Parents from the root down (a few queries at most; trees are shallow)."""
        chain, node, seen = [], self.parent, {self.pk}
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return list(reversed(chain))


class SiteSettings(models.Model):
    """Site-wide switches a site admin sets in the admin. There is one row."""

    class Creation(models.TextChoices):
        OPEN = "open", "Any verified person may create a community"
        APPROVAL = "approval", "A site admin approves each new community"

    community_creation = models.CharField(max_length=10, choices=Creation.choices, default=Creation.APPROVAL)

    class Meta:
        verbose_name = verbose_name_plural = "site settings"

    def __str__(self):
        return "Site settings"

    @classmethod
    def load(cls):
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj


class Role(models.TextChoices):
    MEMBER = "member", "Member"
    MODERATOR = "moderator", "Moderator"
    OWNER = "owner", "Owner"


ROLE_RANK = {Role.MEMBER: 1, Role.MODERATOR: 2, Role.OWNER: 3}


class MembershipState(models.TextChoices):
    ACTIVE = "active", "Active"
    REQUESTED = "requested", "Requested to join"
    INVITED = "invited", "Invited"
    DECLINED = "declined", "Request declined"
    LEFT = "left", "Left"
    REMOVED = "removed", "Removed"
    BANNED = "banned", "Banned"


class Membership(TimeStampedModel):
    """One person's standing in one community. There is at most one row per pair; its state moves."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    state = models.CharField(max_length=10, choices=MembershipState.choices, default=MembershipState.ACTIVE)
    request_message = models.TextField(blank=True)
    joined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="communities_membership_unique")
        ]
        indexes = [
            models.Index(fields=["community", "state", "role"]),
            models.Index(fields=["user", "state"]),
        ]

    def __str__(self):
        return f"{self.user} in {self.community} ({self.role}, {self.state})"

    @property
    def is_active(self):
        return self.state == MembershipState.ACTIVE


class Invitation(TimeStampedModel):
    """An email invitation. The token itself is never stored, only its hash."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    message = models.TextField(blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["community", "email"])]

    def __str__(self):
        return f"Invitation of {self.email} to {self.community}"

    @property
    def is_open(self):
        from django.utils import timezone

        return (
            not (self.accepted_at or self.declined_at or self.revoked_at) and self.expires_at > timezone.now()
        )


class ToolActivation(models.Model):
    """Which tools a community uses, in which order, under which label, with which settings."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="tool_activations")
    tool_slug = models.SlugField(max_length=40)
    enabled = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=60, blank=True, help_text="Leave empty to use the tool's own name.")
    settings = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["position", "tool_slug"]
        constraints = [
            models.UniqueConstraint(fields=["community", "tool_slug"], name="communities_tool_unique")
        ]

    def __str__(self):
        return f"{self.tool_slug} in {self.community}"


class HomeBlock(models.Model):
    """One block of a community's home page, as its moderators arranged it."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="home_blocks")
    kind = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=120, blank=True)
    settings = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["community", "position"])]

    def __str__(self):
        return f"{self.kind} block of {self.community}"
