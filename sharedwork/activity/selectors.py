"""Reads of activity, always filtered to what the viewer may see."""

from django.db.models import CharField, Q
from django.db.models.functions import Cast

from sharedwork.communities.permissions import is_site_admin
from sharedwork.communities.selectors import (
    communities_moderated_by,
    communities_visible_to,
    communities_with_content_visible_to,
)

from .models import ActivityEvent, EventVisibility

COMMUNITY_TARGET = "communities.community"


def events_visible_to(actor, *, community_ids=None):
    """Events in communities whose content the viewer may read; moderator-only events only for the
    community's moderators. ``community_ids`` narrows to some communities (still filtered)."""
    readable = communities_with_content_visible_to(actor)
    if community_ids is not None:
        readable = readable.filter(pk__in=community_ids)
    moderated = communities_moderated_by(actor).values("pk")
    events = (
        ActivityEvent.objects.filter(community__in=readable.values("pk"))
        .filter(Q(visibility=EventVisibility.COMMUNITY) | Q(community__in=moderated))
        .select_related("actor", "subject", "community")
        .order_by("-created_at", "-pk")
    )
    if not is_site_admin(actor):
        # An event may name another community (a parent's "created the group X"): when X is hidden from the
        # viewer, the event would reveal that it exists, so it is left out.
        known = communities_visible_to(actor).annotate(pk_text=Cast("pk", CharField())).values("pk_text")
        events = events.filter(~Q(target_type=COMMUNITY_TARGET) | Q(target_id__in=known))
    return events


def community_events(actor, community, *, include_children=None):
    """A community's Recent activities; with its children's when the community asks for it."""
    from sharedwork.communities.selectors import descendant_ids

    if include_children is None:
        include_children = community.include_children_activity
    ids = [community.pk] + (descendant_ids(community) if include_children else [])
    return events_visible_to(actor, community_ids=ids)


def home_events(actor):
    """``/``: the activity of the viewer's communities, or of public communities for visitors."""
    from sharedwork.communities.models import MembershipState
    from sharedwork.communities.permissions import is_signed_in

    if not is_signed_in(actor):
        return events_visible_to(actor)
    mine = actor.memberships.filter(state=MembershipState.ACTIVE).values("community_id")
    return events_visible_to(actor).filter(community__in=mine)


def moderation_log(community):
    """Every membership change of a community, for its moderators (caller checks the permission). The
    community's creation is its first: it made its creator the owner."""
    return (
        ActivityEvent.objects.filter(community=community)
        .filter(Q(verb__startswith="member.") | Q(verb="community.created"))
        .select_related("actor", "subject")
        .order_by("-created_at", "-pk")
    )
