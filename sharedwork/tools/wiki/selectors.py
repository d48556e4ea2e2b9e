"""Reads of the wiki, always limited to what the viewer may see.

Tool views run behind ``tool_gate``, which has already checked that the viewer may see the community's
content; these selectors add the wiki's own rules (deleted pages are for moderators) and keep the
number of queries per page constant, whatever the size of the wiki.
"""

from django.db.models import Count, Max
from django.http import Http404
from django.urls import reverse

from sharedwork.communities.permissions import can

from .models import Attachment, Page, Redirect, Revision, WikiLink
from .paths import ancestors

BACKLINKS_ON_PAGE = 50
SUBPAGES_ON_PAGE = 50


def wiki_url(community) -> str:
    return reverse("wiki:root", kwargs={"community_slug": community.slug})


def sees_deleted(actor, community) -> bool:
    return can(actor, "wiki.view_deleted", community)


def _attach(pages, community):
    """Give fetched pages their community object, so URLs and permission checks cost no query."""
    for page in pages:
        page.community = community
    return pages


# --- pages ---------------------------------------------------------------------------------------


def pages_visible_to(actor, community):
    """The community's live pages, or none when the viewer may not read the wiki."""
    if not can(actor, "wiki.view", community):
        return Page.objects.none()
    return Page.objects.filter(community=community, deleted_at__isnull=True)


def deleted_pages_visible_to(actor, community):
    if not sees_deleted(actor, community):
        return Page.objects.none()
    return Page.objects.filter(community=community, deleted_at__isnull=False).select_related("deleted_by")


def _visible_page(actor, community, **lookup) -> Page | None:
    page = (
        Page.objects.filter(community=community, **lookup)
        .select_related("current_revision", "current_revision__author")
        .first()
    )
    if page is None:
        return None
    page.community = community
    return page if can(actor, "wiki.view", page) else None


def find_page(actor, community, path: str) -> Page | None:
    """The page at ``path`` if the viewer may see it (moderators see deleted pages), else None."""
    return _visible_page(actor, community, path=path)


def find_page_by_id(actor, community, pk) -> Page | None:
    """The community's page with id ``pk`` if the viewer may see it, wherever it lives now."""
    return _visible_page(actor, community, pk=pk)


def get_page_for(actor, community, path: str) -> Page:
    """Like ``find_page`` but a page the viewer may not see answers 404, like one that does not exist."""
    page = find_page(actor, community, path)
    if page is None:
        raise Http404("No such page.")
    return page


def find_redirect(actor, community, path: str) -> Page | None:
    """The page that used to live at ``path``, if there is one and the viewer may see it."""
    redirect = Redirect.objects.filter(community=community, old_path=path).select_related("page").first()
    if redirect is None:
        return None
    page = redirect.page
    page.community = community
    return page if can(actor, "wiki.view", page) else None


def deleted_page_at(community, path: str) -> bool:
    """Whether a deleted page holds ``path`` (its address stays taken so it can be restored)."""
    return Page.objects.filter(community=community, path=path, deleted_at__isnull=False).exists()


def find_deleted_page(community, path: str) -> Page | None:
    """The deleted page at ``path``, or the deleted page a redirect from ``path`` leads to. Callers decide
    whether the viewer may learn of it."""
    page = (
        Page.objects.filter(community=community, path=path, deleted_at__isnull=False).first()
        or Page.objects.filter(
            community=community, redirects__old_path=path, deleted_at__isnull=False
        ).first()
    )
    if page is not None:
        page.community = community
    return page


def existing_paths(community, paths) -> set[str]:
    """Which of ``paths`` answer: a live page lives there or a redirect leads to one. One query."""
    paths = list(paths)
    if not paths:
        return set()
    live = (
        Page.objects.filter(community=community, path__in=paths, deleted_at__isnull=True)
        .order_by()
        .values_list("path")
    )
    moved = (
        Redirect.objects.filter(community=community, old_path__in=paths, page__deleted_at__isnull=True)
        .order_by()
        .values_list("old_path")
    )
    return {row[0] for row in live.union(moved)}


def ancestor_titles(community, path: str) -> list[dict]:
    """Breadcrumbs for a nested page: each parent address with its page's title when it has one."""
    parents = ancestors(path)
    if not parents:
        return []
    titles = dict(
        Page.objects.filter(community=community, path__in=parents, deleted_at__isnull=True).values_list(
            "path", "title"
        )
    )
    return [{"path": p, "title": titles.get(p), "segment": p.rpartition("/")[2]} for p in parents]


def subpages(page, limit: int = SUBPAGES_ON_PAGE) -> list[Page]:
    """Live pages directly or deeper inside ``page``, first ``limit`` by address."""
    rows = Page.objects.filter(
        community_id=page.community_id, path__startswith=page.path + "/", deleted_at__isnull=True
    ).only("path", "title", "community_id")[: limit + 1]
    return _attach(list(rows), page.community)


def backlinks_to(community, *, page=None, path: str | None = None):
    """Live pages that link to ``page`` (under its address or any address it had) or, for an address
    where no page answers, to ``path``. One indexed query either way."""
    if page is not None:
        links = WikiLink.objects.filter(target_page=page).exclude(source=page)
    else:
        links = WikiLink.objects.filter(community=community, target_path=path)
    return Page.objects.filter(
        pk__in=links.values("source_id"), community=community, deleted_at__isnull=True
    ).order_by("title", "path")


def backlinks_preview(page, limit: int = BACKLINKS_ON_PAGE) -> list[Page]:
    """The first ``limit`` linking pages (one more, to tell whether there are others). One query."""
    rows = backlinks_to(page.community, page=page).only("path", "title", "community_id")[: limit + 1]
    return _attach(list(rows), page.community)


def wanted_pages(actor, community):
    """Addresses live pages link to where no page answers yet, with how many pages link there; the most
    wanted first. (An address a deleted page holds is not wanted: it can only be restored.)"""
    if not can(actor, "wiki.view", community):
        return WikiLink.objects.none()
    return (
        WikiLink.objects.filter(
            community=community, target_page__isnull=True, source__deleted_at__isnull=True
        )
        .values("target_path")
        .annotate(link_count=Count("source", distinct=True), target_title=Max("target_title"))
        .order_by("-link_count", "target_path")
    )


def page_tree(pages) -> list[dict]:
    """Pages (ordered by path) as a tree of ``{path, segment, page, children}``. Addresses that only
    hold children (``institutes`` when only ``institutes/2013`` exists) appear as nodes without a page."""
    nodes: dict[str, dict] = {}
    roots: list[dict] = []

    def node_for(path):
        if path not in nodes:
            node = {"path": path, "segment": path.rpartition("/")[2], "page": None, "children": []}
            nodes[path] = node
            parent = path.rpartition("/")[0]
            (node_for(parent)["children"] if parent else roots).append(node)
        return nodes[path]

    for page in pages:
        node_for(page.path)["page"] = page
    for node in nodes.values():
        node["children"].sort(key=lambda n: n["path"])
    roots.sort(key=lambda n: n["path"])
    return roots


def recently_changed_pages(actor, community, limit: int = 6) -> list[Page]:
    rows = (
        pages_visible_to(actor, community)
        .select_related("current_revision__author")
        .order_by("-updated_at", "-pk")[:limit]
    )
    return _attach(list(rows), community)


# --- history -------------------------------------------------------------------------------------


def revisions_of(page):
    """A page's revisions, newest first. The caller has the page, so it may see them."""
    return Revision.objects.filter(page=page).select_related("author").defer("rendered_html", "toc", "body")


def get_revision(page, number) -> Revision:
    """Revision ``number`` of ``page``, or 404."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        raise Http404("No such revision.") from None
    revision = Revision.objects.filter(page=page, number=number).select_related("author").first()
    if revision is None:
        raise Http404("No such revision.")
    revision.page = page
    return revision


def recent_changes(actor, community):
    """Every revision in the community's wiki, newest first (moderators also see deleted pages')."""
    if not can(actor, "wiki.view", community):
        return Revision.objects.none()
    revisions = (
        Revision.objects.filter(community=community)
        .select_related("page", "author")
        .defer("body", "rendered_html", "toc")
        .order_by("-created_at", "-pk")
    )
    if not sees_deleted(actor, community):
        revisions = revisions.filter(page__deleted_at__isnull=True)
    return revisions


# --- attachments ---------------------------------------------------------------------------------


def attachments_of(page):
    return Attachment.objects.filter(page=page).select_related("uploaded_by")


def get_attachment(page, name: str) -> Attachment:
    attachment = Attachment.objects.filter(page=page, name=name).first()
    if attachment is None:
        raise Http404("No such file.")
    attachment.page = page
    return attachment
