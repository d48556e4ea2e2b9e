"""Writes to communities. Each checks permission first, validates, writes atomically and records
activity. Views and the API call these; nothing else writes these models.

Membership changes live in ``membership_services.py``; invitations in ``invitation_services.py``.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from sharedwork.activity.models import EventVisibility
from sharedwork.activity.services import activity_record
from sharedwork.core.errors import require
from sharedwork.tools.registry import registry
from sharedwork.tools.selectors import forget_activations

from .models import Community, HomeBlock, Level, Membership, MembershipState, Role, SiteSettings, ToolActivation
from .permissions import can, forget_memberships, is_site_admin
from .validation import validate_community

DEFAULT_HOME_BLOCKS = ["welcome", "charter", "recent_activity", "children", "members"]


def unique_community_slug(name: str) -> str:
    base = slugify(name)[:70] or "community"
    candidate, n = base, 1
    while Community.objects.filter(slug=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def community_create(*, actor, name: str, parent: Community | None = None, topics=(), **fields) -> Community:
    """Create a community; the creator becomes its owner.

    A top-level community needs ``site.create_community``; when the site asks for approval and the
    actor is not a site admin, it is created waiting for approval (visible only to its creator and
    site admins). A child community needs ``community.create_child`` on the parent and is live at once.
    """
    if parent is not None:
        require(can(actor, "community.create_child", parent), "Only moderators of a community can add groups to it.")
        approved = True
    else:
        require(can(actor, "site.create_community"), "Verify your email address before you create a community.")
        approved = is_site_admin(actor) or SiteSettings.load().community_creation == SiteSettings.Creation.OPEN
    community = Community(name=name.strip(), parent=parent, is_approved=approved, created_by=actor, **fields)
    if not community.slug:
        community.slug = unique_community_slug(name)
    if parent is not None and not fields.get("level"):
        community.level = Level.PRACTICE_GROUP
    validate_community(community)
    with transaction.atomic():
        community.save()
        if topics:
            community.topics.set(topics)
        Membership.objects.create(
            community=community, user=actor, role=Role.OWNER, state=MembershipState.ACTIVE, joined_at=timezone.now()
        )
        _activate_default_tools(community)
        for position, kind in enumerate(DEFAULT_HOME_BLOCKS):
            HomeBlock.objects.create(community=community, kind=kind, position=position)
        activity_record(actor=actor, verb="community.created", community=community)
        if parent is not None:
            activity_record(actor=actor, verb="community.child_created", community=parent, target=community)
    forget_memberships(actor)
    return community


def _activate_default_tools(community):
    for position, tool in enumerate(registry.all()):
        if tool.enabled_by_default:
            ToolActivation.objects.get_or_create(
                community=community, tool_slug=tool.slug, defaults={"enabled": True, "position": position}
            )
    forget_activations(community)


def community_update(*, actor, community: Community, topics=None, **fields) -> Community:
    """Change settings. Only the fields given change; the whole result is validated before saving."""
    require(can(actor, "community.manage", community), "Only moderators can change this community's settings.")
    if "is_archived" in fields and fields["is_archived"] != community.is_archived:
        require(can(actor, "community.archive", community), "Only owners can archive or reopen a community.")
    if community.is_archived and fields.get("is_archived", True):
        changed = {k for k, v in fields.items() if getattr(community, k) != v}
        if changed:
            raise ValidationError("This community is archived. Reopen it before you change its settings.")
    original = Community.objects.get(pk=community.pk)
    for key, value in fields.items():
        setattr(community, key, value)
    try:
        validate_community(community)
    except ValidationError:
        # Leave the in-memory object as it was, so the caller's page shows the saved state.
        for key in fields:
            setattr(community, key, getattr(original, key))
        raise
    with transaction.atomic():
        community.save()
        if topics is not None:
            community.topics.set(topics)
        if original.is_archived != community.is_archived:
            verb = "community.archived" if community.is_archived else "community.unarchived"
        else:
            verb = "community.settings_changed"
        changed = sorted(k for k in fields if getattr(original, k) != getattr(community, k))
        activity_record(actor=actor, verb=verb, community=community, data={"fields": changed})
    return community


def community_approve(*, actor, community: Community) -> Community:
    require(can(actor, "community.approve", community), "Only site admins approve new communities.")
    with transaction.atomic():
        community.is_approved = True
        community.save(update_fields=["is_approved", "updated_at"])
        activity_record(actor=actor, verb="community.approved", community=community)
    return community


def community_tools_update(*, actor, community: Community, rows: list[dict]) -> None:
    """Turn tools on or off, order and rename them. ``rows``: [{slug, enabled, position, label}]."""
    require(can(actor, "community.manage", community), "Only moderators can change the tools.")
    require(not community.is_archived, "This community is archived.")
    with transaction.atomic():
        for row in rows:
            if row["slug"] not in registry:
                raise ValidationError(f"There is no tool called {row['slug']!r}.")
            label = (row.get("label") or "").strip()
            if len(label) > 60:
                raise ValidationError("A tool's name can be at most 60 characters.")
            ToolActivation.objects.update_or_create(
                community=community,
                tool_slug=row["slug"],
                defaults={"enabled": bool(row["enabled"]), "position": int(row["position"]), "label": label},
            )
        activity_record(
            actor=actor, verb="community.tools_changed", community=community, visibility=EventVisibility.MODERATORS
        )
    forget_activations(community)


def community_tool_settings_update(*, actor, community: Community, tool, settings: dict) -> None:
    require(can(actor, "community.manage", community), "Only moderators can change tool settings.")
    require(not community.is_archived, "This community is archived.")
    with transaction.atomic():
        activation, _ = ToolActivation.objects.select_for_update().get_or_create(
            community=community, tool_slug=tool.slug, defaults={"enabled": False, "position": 100}
        )
        activation.settings = {**(activation.settings or {}), **settings}
        activation.save(update_fields=["settings"])
        activity_record(
            actor=actor, verb="community.tools_changed", community=community, visibility=EventVisibility.MODERATORS
        )
    forget_activations(community)
