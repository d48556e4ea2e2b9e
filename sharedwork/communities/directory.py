"""The community directory's reads: the communities a viewer may see, filtered, as a tree.

A *root* is a matching community whose parent does not match (or that has no parent, or whose parent
the viewer may not see): the directory paginates over roots and nests each root's matching descendants
under it. Without filters that is exactly "top-level communities with their groups beneath them";
with filters a matching group whose parent does not match still shows, as a root, with a "part of" link
when its parent is visible. A hidden parent is never named.

The number of queries depends on the depth of the tree, never on the number of communities.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q, prefetch_related_objects

from sharedwork.core.pagination import paginate

from .models import Community, Membership, MembershipState, Topic
from .permissions import membership_of, prime_memberships
from .selectors import communities_visible_to

# Deeper levels than this are not nested (they still show up when a filter matches them).
MAX_DEPTH = 8
PAGE_SIZE = 20


@dataclass
class DirectoryNode:
    community: Community
    children: list["DirectoryNode"] = field(default_factory=list)
    visible_parent: Community | None = None  # for roots that sit beneath a community that did not match
    viewer_state: str | None = None  # the viewer's membership state, if any


def filter_options(viewer) -> dict:
    """Choices for the filter form: states and topics that visible communities use (two queries)."""
    visible = communities_visible_to(viewer)
    states = sorted(visible.exclude(state="").order_by().values_list("state", flat=True).distinct())
    topics = list(Topic.objects.filter(communities__in=visible.values("pk")).distinct().order_by("name"))
    return {"states": states, "topics": topics}


def matching_communities(viewer, *, q="", level="", state="", topic=""):
    """Visible communities matching the filters."""
    qs = communities_visible_to(viewer)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(tagline__icontains=q))
    if level:
        qs = qs.filter(level=level)
    if state:
        qs = qs.filter(state=state)
    if topic:
        qs = qs.filter(pk__in=Topic.objects.filter(slug=topic).values("communities"))
    return qs


def _member_counts(community_ids) -> dict[int, int]:
    """Active members per community, in one query for the whole page."""
    rows = (
        Membership.objects.filter(community_id__in=community_ids, state=MembershipState.ACTIVE)
        .order_by()
        .values("community_id")
        .annotate(n=Count("pk"))
    )
    return {row["community_id"]: row["n"] for row in rows}


def directory_page(request, viewer, filters: dict):
    """A page of roots (``page.object_list`` is a list of ``DirectoryNode``) with their subtrees."""
    matching = matching_communities(viewer, **filters)
    roots = matching.exclude(parent__in=matching.values("pk")).order_by("name", "pk")
    page = paginate(request, roots, per_page=PAGE_SIZE)
    root_nodes = [DirectoryNode(community) for community in page.object_list]
    all_nodes = list(root_nodes)

    frontier = {node.community.pk: node for node in root_nodes}
    for _ in range(MAX_DEPTH):
        if not frontier:
            break
        level_nodes = {}
        for child in matching.filter(parent_id__in=list(frontier)).order_by("name", "pk"):
            node = DirectoryNode(child)
            frontier[child.parent_id].children.append(node)
            level_nodes[child.pk] = node
        all_nodes.extend(level_nodes.values())
        frontier = level_nodes

    communities = [node.community for node in all_nodes]
    prefetch_related_objects(communities, "topics")
    counts = _member_counts([c.pk for c in communities])
    for community in communities:
        community.member_count = counts.get(community.pk, 0)
    _attach_visible_parents(viewer, root_nodes)
    prime_memberships(viewer, [c.pk for c in communities])
    for node in all_nodes:
        membership = membership_of(viewer, node.community)
        node.viewer_state = membership.state if membership else None
    page.object_list = root_nodes
    return page


def _attach_visible_parents(viewer, root_nodes) -> None:
    parent_ids = {node.community.parent_id for node in root_nodes if node.community.parent_id}
    if not parent_ids:
        return
    parents = {
        c.pk: c for c in communities_visible_to(viewer).filter(pk__in=parent_ids).only("pk", "name", "slug")
    }
    for node in root_nodes:
        node.visible_parent = parents.get(node.community.parent_id)
