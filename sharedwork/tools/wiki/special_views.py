"""Views about the whole wiki: the page index, recent changes, wanted pages, and what links to a page."""

from django.http import Http404
from django.shortcuts import render

from sharedwork.communities.permissions import can
from sharedwork.core.pagination import paginate

from .paths import humanize_segment, is_valid_path
from .selectors import (
    backlinks_to,
    deleted_pages_visible_to,
    find_page,
    find_redirect,
    page_tree,
    pages_visible_to,
    recent_changes,
    sees_deleted,
    wanted_pages,
)
from .view_helpers import wiki_context

INDEX_PAGE_SIZE = 200
LIST_PAGE_SIZE = 50


def index(request):
    """All pages as a tree, 200 addresses per screen. ``?show=deleted``: deleted pages (moderators)."""
    community, user = request.community, request.user
    if request.GET.get("show") == "deleted" and sees_deleted(user, community):
        page_obj = paginate(
            request, deleted_pages_visible_to(user, community).order_by("-deleted_at"), LIST_PAGE_SIZE
        )
        context = wiki_context(
            request, page_obj=page_obj, deleted=list(page_obj), pagination_label="Pages of the list"
        )
        return render(request, "wiki/deleted.html", context)
    pages = (
        pages_visible_to(user, community).only("path", "title", "is_locked", "community_id").order_by("path")
    )
    page_obj = paginate(request, pages, INDEX_PAGE_SIZE)
    context = wiki_context(
        request,
        page_obj=page_obj,
        tree=page_tree(page_obj.object_list),
        page_count=page_obj.paginator.count,
        may_create=can(user, "wiki.edit", community),
        deleted_count=deleted_pages_visible_to(user, community).count()
        if sees_deleted(user, community)
        else 0,
        wiki_nav="index",
        pagination_label="Pages of the index",
    )
    return render(request, "wiki/index.html", context)


def recent(request):
    page_obj = paginate(request, recent_changes(request.user, request.community), LIST_PAGE_SIZE)
    context = wiki_context(
        request,
        page_obj=page_obj,
        revisions=list(page_obj),
        pagination_label="Pages of recent changes",
        wiki_nav="recent",
    )
    return render(request, "wiki/recent.html", context)


def wanted(request):
    page_obj = paginate(request, wanted_pages(request.user, request.community), LIST_PAGE_SIZE)
    rows = [
        {**row, "title": row["target_title"] or humanize_segment(row["target_path"].rpartition("/")[2])}
        for row in page_obj
    ]
    context = wiki_context(
        request,
        page_obj=page_obj,
        rows=rows,
        may_create=can(request.user, "wiki.edit", request.community),
        pagination_label="Pages of wanted pages",
        wiki_nav="wanted",
    )
    return render(request, "wiki/wanted.html", context)


def backlinks(request, path):
    """Every page that links to ``path``: to the page there (under any address it had), or, when there
    is no page yet, to the address itself."""
    community = request.community
    if not is_valid_path(path):
        raise Http404("No such page.")
    page = find_page(request.user, community, path) or find_redirect(request.user, community, path)
    linking = backlinks_to(community, page=page) if page is not None else backlinks_to(community, path=path)
    page_obj = paginate(request, linking.only("path", "title", "community_id"), LIST_PAGE_SIZE)
    context = wiki_context(
        request,
        page=page,
        path=page.path if page is not None else path,
        page_obj=page_obj,
        linking=list(page_obj),
        title=page.title if page is not None else humanize_segment(path.rpartition("/")[2]),
        pagination_label="Pages of the list",
    )
    return render(request, "wiki/backlinks.html", context)
