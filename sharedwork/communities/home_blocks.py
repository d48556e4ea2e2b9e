"""The blocks a community home page is built from.

Core blocks are declared here; tools add theirs through ``Tool.home_blocks``. Moderators choose and
order blocks on ``/c/<slug>/manage/home/``; the home page renders each block's template with the
context its ``context`` function returns for the viewer. Every context function reads through
selectors, so a block never shows what the viewer may not see.
"""

from django.utils import timezone

from sharedwork.tools.base import HomeBlockKind
from sharedwork.tools.registry import registry


def _welcome(community, viewer, block):
    return {}


def _charter(community, viewer, block):
    return {"charter": [(q, a) for q, a in community.charter() if a]}


def _announcement(community, viewer, block):
    ends = (block.settings or {}).get("ends_on")
    expired = False
    if ends:
        expired = str(timezone.localdate()) > ends
    return {"text": (block.settings or {}).get("text", ""), "ends_on": ends, "expired": expired}


def _recent_activity(community, viewer, block):
    from sharedwork.activity.selectors import community_events

    return {"events": list(community_events(viewer, community)[:8])}


def _children(community, viewer, block):
    from .selectors import children_visible_to

    return {"children": list(children_visible_to(viewer, community))}


def _members(community, viewer, block):
    from .models import MembershipState

    active = community.memberships.filter(state=MembershipState.ACTIVE)
    return {
        "member_count": active.count(),
        "recent_members": [m.user for m in active.select_related("user").order_by("-joined_at", "-pk")[:6]],
    }


def _links(community, viewer, block):
    return {"links": (block.settings or {}).get("links", [])}


CORE_BLOCKS = [
    HomeBlockKind("welcome", "Welcome and description", "communities/blocks/welcome.html", _welcome,
                  "The community's description, as written in its settings."),
    HomeBlockKind("charter", "Charter: the four questions", "communities/blocks/charter.html", _charter,
                  "The community's answers to the four questions every community starts from."),
    HomeBlockKind("announcement", "Announcement", "communities/blocks/announcement.html", _announcement,
                  "A short notice shown until its end date."),
    HomeBlockKind("recent_activity", "Recent activities", "communities/blocks/recent_activity.html",
                  _recent_activity, "The latest things that happened in the community."),
    HomeBlockKind("children", "Groups in this community", "communities/blocks/children.html", _children,
                  "Practice groups and other communities beneath this one."),
    HomeBlockKind("members", "Members snapshot", "communities/blocks/members.html", _members,
                  "How many members there are and who joined most recently."),
    HomeBlockKind("links", "Links", "communities/blocks/links.html", _links,
                  "A list of links you choose, such as partner websites or key documents."),
]  # fmt: skip


def block_kinds() -> dict[str, HomeBlockKind]:
    """Every block kind: the core ones, then each registered tool's."""
    kinds = {kind.kind: kind for kind in CORE_BLOCKS}
    for tool in registry.all():
        for kind in tool.home_blocks:
            kinds[kind.kind] = kind
    return kinds


def render_blocks(community, viewer, blocks=None) -> list[dict]:
    """The home page's blocks for this viewer: [{block, kind, template, context}], unknown kinds skipped
    (a tool that was removed), expired announcements skipped."""
    kinds = block_kinds()
    blocks = list(community.home_blocks.all()) if blocks is None else blocks
    rendered = []
    for block in blocks:
        kind = kinds.get(block.kind)
        if kind is None:
            continue
        if block.kind.partition(".")[0] in registry and not _tool_of_block_enabled(community, block.kind):
            continue
        context = kind.context(community, viewer, block) if kind.context else {}
        if context.get("expired"):
            continue
        rendered.append({"block": block, "kind": kind, "template": kind.template, "context": context})
    return rendered


def _tool_of_block_enabled(community, kind: str) -> bool:
    from sharedwork.tools.selectors import tool_is_enabled

    return tool_is_enabled(community, kind.partition(".")[0])
