"""Recent activities: the start page, a community's activity page and the Atom feeds.

Every list reads through ``activity.selectors``, so it shows only what the viewer may see. Feeds are
fetched by feed readers without cookies and are built for an anonymous viewer whoever asks.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import render

from sharedwork.communities.context import community_page_context
from sharedwork.communities.invitation_services import open_invitations_for
from sharedwork.communities.models import Visibility
from sharedwork.communities.permissions import can, is_signed_in, is_site_admin
from sharedwork.communities.selectors import (
    communities_of_member,
    communities_waiting_for_approval,
    get_community_content_for,
)

from .feeds import CommunityActivityFeed, PublicActivityFeed
from .keyset import activity_page
from .selectors import community_events, home_events


def home(request):
    """Signed in: open invitations, my communities and their activity. Visitors: what SharedWork is, and
    the activity of public communities."""
    viewer = request.user
    page = activity_page(home_events(viewer), request.GET.get("before"))
    context = {"page": page, "events": page.events}
    if not is_signed_in(viewer):
        return render(request, "activity/landing.html", context)
    context.update(
        invitations=list(open_invitations_for(viewer).order_by("expires_at")),
        my_communities=list(communities_of_member(viewer, viewer).order_by("name")),
        communities_waiting=communities_waiting_for_approval(viewer).count() if is_site_admin(viewer) else 0,
    )
    return render(request, "activity/home.html", context)


def community_activity(request, slug):
    """A community's Recent activities (with its groups' when the community asks for that); 404 for
    those who may not read its content."""
    community = get_community_content_for(request.user, slug)
    page = activity_page(community_events(request.user, community), request.GET.get("before"))
    context = community_page_context(request, community, section="activity", page=page, events=page.events)
    context["has_public_feed"] = _has_public_feed(community)
    return render(request, "activity/community_activity.html", context)


def public_feed(request):
    return PublicActivityFeed()(request)


def community_feed(request, slug):
    """Only public communities have a feed: a feed reader is anonymous, and a listed or hidden community's
    activity is for its members, who read it on the site."""
    community = get_community_content_for(AnonymousUser(), slug)
    if not _has_public_feed(community):
        raise Http404("No such feed.")
    return CommunityActivityFeed()(request, community=community)


def _has_public_feed(community) -> bool:
    return community.visibility == Visibility.PUBLIC and can(
        AnonymousUser(), "community.view_content", community
    )
