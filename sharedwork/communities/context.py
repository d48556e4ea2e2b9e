"""What every page inside a community needs: the community, its header and navigation, and what the
viewer may do there. Community pages, moderator pages and tool pages all render through this, so the
header looks and behaves the same everywhere."""

from sharedwork.tools.selectors import enabled_tools

from .permissions import active_role, can, membership_of


def community_page_context(request, community, *, section: str = "home", **extra) -> dict:
    """``section`` is the navigation item to mark current: "home", "members", "activity", "manage",
    or a tool slug."""
    viewer = request.user
    membership = membership_of(viewer, community)
    context = {
        "community": community,
        "ancestors": community.ancestors(),
        "community_tools": enabled_tools(community)
        if can(viewer, "community.view_content", community)
        else [],
        "section": section,
        "viewer_membership": membership,
        "viewer_role": active_role(viewer, community),
        "may_view_content": can(viewer, "community.view_content", community),
        "may_manage": can(viewer, "community.manage", community),
        "may_join": can(viewer, "community.join", community),
        "may_request": can(viewer, "community.request_join", community),
        "may_cancel_request": can(viewer, "community.cancel_request", community),
        "may_leave": can(viewer, "community.leave", community),
        "may_participate": can(viewer, "community.participate", community),
    }
    context.update(extra)
    return context
