"""Reads about communities, always limited to what the viewer may see.

A community the viewer may not see answers exactly like one that does not exist (404).
"""

from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from .models import WAITING_FOR_APPROVAL, Community, Membership, MembershipState, Role, Visibility
from .permissions import can, is_signed_in, is_site_admin, prime_memberships


def _active_membership(actor, roles=None):
    qs = Membership.objects.filter(community=OuterRef("pk"), user=actor, state=MembershipState.ACTIVE)
    if roles:
        qs = qs.filter(role__in=roles)
    return Exists(qs)


def communities_visible_to(actor):
    """Communities whose existence the viewer may know: directory, profiles, mentions."""
    qs = Community.objects.all()
    if is_site_admin(actor):
        return qs
    open_to_all = Q(is_approved=True, visibility__in=[Visibility.PUBLIC, Visibility.LISTED])
    if not is_signed_in(actor):
        return qs.filter(open_to_all)
    return qs.filter(
        open_to_all
        | Q(is_approved=True, visibility=Visibility.HIDDEN) & _active_membership(actor)
        | Q(is_approved=False, created_by=actor)
    )


def communities_with_content_visible_to(actor):
    """Communities whose content (activity, tools) the viewer may read."""
    qs = Community.objects.all()
    if is_site_admin(actor):
        return qs
    public = Q(is_approved=True, visibility=Visibility.PUBLIC)
    if not is_signed_in(actor):
        return qs.filter(public)
    return qs.filter(public | Q(is_approved=True) & _active_membership(actor))


def communities_moderated_by(actor):
    if is_site_admin(actor):
        return Community.objects.all()
    if not is_signed_in(actor):
        return Community.objects.none()
    return Community.objects.filter(_active_membership(actor, roles=[Role.MODERATOR, Role.OWNER]))


def communities_waiting_for_approval(actor):
    """Communities people asked for that no site admin has approved or declined yet; none for others."""
    if not is_site_admin(actor):
        return Community.objects.none()
    return Community.objects.filter(WAITING_FOR_APPROVAL)


def communities_of_member(actor, viewer):
    """``actor``'s active communities that ``viewer`` may know about (profile pages)."""
    return (
        communities_visible_to(viewer)
        .filter(memberships__user=actor, memberships__state=MembershipState.ACTIVE)
        .distinct()
    )


def get_community_for(actor, slug) -> Community:
    """The community, or 404 when it does not exist or the actor may not know it exists."""
    community = Community.objects.select_related("parent").filter(slug=slug).first()
    if community is None or not can(actor, "community.view", community):
        raise Http404("No such community.")
    return community


def get_community_content_for(actor, slug) -> Community:
    """The community, or 404 unless the actor may read its content."""
    community = get_community_for(actor, slug)
    if not can(actor, "community.view_content", community):
        raise Http404("No such page.")
    return community


def get_community_managed_by(actor, slug, action="community.manage") -> Community:
    """For the moderator pages: 404 for those who may not see the community, and for those who may see
    it but not manage it too, so that moderator URLs reveal nothing."""
    community = get_community_for(actor, slug)
    if not can(actor, action, community):
        raise Http404("No such page.")
    return community


def children_visible_to(actor, community):
    return communities_visible_to(actor).filter(parent=community).order_by("name")


def descendant_ids(community) -> list[int]:
    """Ids of every community below this one (one query per level; trees are shallow)."""
    ids, frontier = [], [community.pk]
    while frontier:
        frontier = list(Community.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        frontier = [pk for pk in frontier if pk not in ids and pk != community.pk]
        ids.extend(frontier)
    return ids


def members_of(community, *, viewer, q="", role="", organization="", state="", stakeholder_role=""):
    """Active members of a community for its members page. The caller has checked view_content."""
    qs = (
        Membership.objects.filter(community=community, state=MembershipState.ACTIVE)
        .select_related("user")
        .order_by("user__display_name", "user__pk")
    )
    if q:
        qs = qs.filter(Q(user__display_name__icontains=q) | Q(user__title__icontains=q))
    if role:
        qs = qs.filter(role=role)
    if organization:
        qs = qs.filter(user__affiliations__organization__slug=organization)
    if state:
        qs = qs.filter(user__state=state)
    if stakeholder_role:
        qs = qs.filter(user__stakeholder_role=stakeholder_role)
    return qs.distinct()


def with_viewer_memberships(actor, communities):
    """Prime the permission cache for a list of communities (one query instead of one per row)."""
    communities = list(communities)
    prime_memberships(actor, [c.pk for c in communities])
    return communities
