"""Rendering a community's home page blocks to HTML.

``home_blocks.render_blocks`` decides which blocks a viewer gets and with what data; this turns each
into HTML with its template. The home page and the moderators' preview both use it, so a preview looks
exactly like the page.
"""

from django.template.loader import render_to_string

from .home_blocks import render_blocks

# Headings visitors read when moderators leave a block's title empty (the kinds' labels are written for
# moderators choosing blocks, e.g. "Members snapshot").
DEFAULT_TITLES = {
    "welcome": "Welcome",
    "charter": "Our charter",
    "announcement": "Announcement",
    "recent_activity": "Recent activities",
    "children": "Groups in this community",
    "members": "Members",
    "links": "Links",
}


def rendered_blocks(request, community, viewer=None, blocks=None) -> list[dict]:
    """``[{block, kind, title, html}]`` for ``viewer`` (default: the signed-in person). Each block
    template receives ``community``, ``block``, ``title``, ``viewer`` and its kind's context."""
    viewer = request.user if viewer is None else viewer
    items = []
    for item in render_blocks(community, viewer, blocks):
        block, kind = item["block"], item["kind"]
        title = block.title or DEFAULT_TITLES.get(block.kind, kind.label)
        context = {
            **item["context"],
            "community": community,
            "block": block,
            "title": title,
            "viewer": viewer,
        }
        html = render_to_string(item["template"], context, request=request)
        items.append({"block": block, "kind": kind, "title": title, "html": html})
    return items
