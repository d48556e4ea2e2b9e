"""Wiki pages: read, create, edit (with preview and edit conflicts), rename, delete, restore, lock.

Thin views: resolve the page (``with_page``), check the action with ``can()``, call a service, render.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sharedwork.communities.permissions import can
from sharedwork.core.errors import require

from .diff import diff_lines
from .forms import PageCreateForm, PageEditForm, PageRenameForm
from .paths import HOME_PATH, humanize_segment, is_valid_path
from .rendering import nested_toc, render_body
from .selectors import (
    BACKLINKS_ON_PAGE,
    SUBPAGES_ON_PAGE,
    ancestor_titles,
    attachments_of,
    backlinks_preview,
    backlinks_to,
    deleted_page_at,
    find_deleted_page,
    find_page,
    find_page_by_id,
    recently_changed_pages,
    subpages,
)
from .services import (
    EditConflict,
    rendered_for,
    wiki_page_create,
    wiki_page_delete,
    wiki_page_lock,
    wiki_page_rename,
    wiki_page_restore,
    wiki_page_save,
)
from .view_helpers import (
    add_service_error,
    html_of,
    page_permissions,
    refuse_edit,
    sign_in_first,
    wiki_context,
    with_page,
)

ATTACHMENTS_ON_PAGE = 20


# --- reading -------------------------------------------------------------------------------------


def root(request):
    """The wiki's front door: its main page (address ``home``), or a start page while there is none."""
    page = find_page(request.user, request.community, HOME_PATH)
    if page is not None and not page.is_deleted:
        return render_page(request, page)
    context = wiki_context(
        request,
        recent_pages=recently_changed_pages(request.user, request.community, limit=10),
        may_create=can(request.user, "wiki.edit", request.community),
        home_path=HOME_PATH,
        wiki_nav="home",
    )
    return render(request, "wiki/start.html", context)


def missing_page(request, path):
    """There is no page at ``path`` (404): say so, offer to create it and show who links here."""
    community = request.community
    segment = path.rpartition("/")[2]
    may_create = can(request.user, "wiki.edit", community)
    context = wiki_context(
        request,
        path=path,
        suggested_title=humanize_segment(segment),
        # Only those who could write here need to know why the address cannot be used; to readers a
        # deleted page is simply not there.
        deleted_here=deleted_page_at(community, path) if may_create else None,
        may_create=may_create,
        linking_pages=list(backlinks_to(community, path=path)[:BACKLINKS_ON_PAGE]),
        breadcrumbs=ancestor_titles(community, path),
    )
    return render(request, "wiki/missing.html", context, status=404)


@with_page("page", missing=missing_page)
def page(request, page):
    return render_page(request, page)


def render_page(request, page):
    """A page as readers see it. Its query count does not depend on how many revisions, backlinks or
    subpages it has: everything is fetched in bounded single queries, and the HTML comes from the
    revision's rendering cache."""
    community = request.community
    revision = page.current_revision
    rendered = rendered_for(revision)
    backlinks = backlinks_preview(page)
    children = subpages(page)
    files = list(attachments_of(page).order_by("name")[: ATTACHMENTS_ON_PAGE + 1])
    context = wiki_context(
        request,
        page=page,
        revision=revision,
        html=html_of(community, rendered, page=page),
        toc=nested_toc(rendered.toc),
        backlinks=backlinks[:BACKLINKS_ON_PAGE],
        more_backlinks=len(backlinks) > BACKLINKS_ON_PAGE,
        subpages=children[:SUBPAGES_ON_PAGE],
        more_subpages=len(children) > SUBPAGES_ON_PAGE,
        attachments=files[:ATTACHMENTS_ON_PAGE],
        more_attachments=len(files) > ATTACHMENTS_ON_PAGE,
        breadcrumbs=ancestor_titles(community, page.path),
        wiki_nav="home" if page.path == HOME_PATH else None,
        **page_permissions(request.user, page),
    )
    return render(request, "wiki/page.html", context)


# --- writing -------------------------------------------------------------------------------------


def _wants_preview(request) -> bool:
    return bool(request.htmx) or request.POST.get("action") == "preview"


def _preview_response(request, template, context, rendered, page=None):
    """The preview of the text being written: the htmx partial, or the whole form page without JS."""
    context["preview_html"] = html_of(request.community, rendered, page=page)
    if request.htmx:
        return render(request, "wiki/partials/preview.html", context)
    return render(request, template, context)


def new_page(request):
    """Create a page. From a link to a missing page (``?path=``) the page gets exactly that address."""
    community = request.community
    if request.method == "POST":
        form = PageCreateForm(request.POST)
    else:
        if refusal := refuse_edit(request, community):
            return refusal
        initial, existing = _initial_for_new(request)
        if existing is not None:
            messages.info(request, f"The page “{existing.title}” exists already; here it is.")
            return redirect(existing)
        form = PageCreateForm(initial=initial)
    fixed_path = _fixed_path(form)
    context = wiki_context(request, form=form, fixed_path=fixed_path, preview_html=None, wiki_nav="new")
    if request.method != "POST":
        return render(request, "wiki/new.html", context)
    if not form.is_valid():
        return render(request, "wiki/new.html", context, status=400)
    data = form.cleaned_data
    if _wants_preview(request):
        return _preview_response(request, "wiki/new.html", context, render_body(data["body"]))
    try:
        created = wiki_page_create(
            actor=request.user, community=community, title=data["title"], body=data["body"],
            summary=data["summary"], parent_path=data["parent"], path=fixed_path or "",
        )  # fmt: skip
    except PermissionDenied as refusal:
        form.add_error(None, str(refusal))
        return render(request, "wiki/new.html", context, status=403)
    except ValidationError as error:
        add_service_error(form, error)
        return render(request, "wiki/new.html", context, status=400)
    messages.success(request, f"The page “{created.title}” is created.")
    return redirect(created)


def _initial_for_new(request):
    path = request.GET.get("path", "").strip().strip("/").lower()
    if path and is_valid_path(path):
        existing = find_page(request.user, request.community, path)
        if existing is not None and not existing.is_deleted:
            return {}, existing
        title = request.GET.get("title", "").strip() or humanize_segment(path.rpartition("/")[2])
        return {"path": path, "title": title, "parent": path.rpartition("/")[0]}, None
    return {
        "title": request.GET.get("title", "").strip()[:200],
        "parent": request.GET.get("parent", "")[:255],
    }, None


def _fixed_path(form) -> str | None:
    value = form["path"].value() or ""
    return value if value and is_valid_path(value) else None


def _edit_of_missing_page(request, path):
    """Nobody the viewer may see answers at ``path``. When it is a page deleted while the person was
    editing it, their posted text is shown again with the reason (the service refuses the save), not a
    bare "not found" that loses it. Only people who may edit the wiki learn that a deleted page is there
    (the missing-page view tells them as much)."""
    if request.method == "POST" and can(request.user, "wiki.edit", request.community):
        gone = find_deleted_page(request.community, path)
        if gone is not None:
            return edit.__wrapped__(request, gone)
    raise Http404("No such page.")


@with_page("edit", missing=_edit_of_missing_page)
def edit(request, page):
    user = request.user
    current = page.current_revision
    if request.method != "POST":
        if refusal := refuse_edit(request, page):
            return refusal
        form = PageEditForm(
            initial={"body": current.body, "base_revision": current.number, "page_id": page.pk}
        )
        return render(request, "wiki/edit.html", _edit_context(request, page, form))
    form = PageEditForm(request.POST)
    if form.is_valid() and form.cleaned_data["page_id"] not in (None, page.pk):
        # Another page took the address of the one the form was written for (renamed, then a new page
        # was created there): the text goes to the person's page, never onto the newcomer.
        written_for = find_page_by_id(user, request.community, form.cleaned_data["page_id"])
        if written_for is None:
            form.add_error(
                None,
                "The page you were editing is gone and another page now has its address. Nothing was "
                "saved; your text is below so you can copy it.",
            )
            return render(request, "wiki/edit.html", _edit_context(request, page, form), status=409)
        page = written_for
    context = _edit_context(request, page, form)
    if not form.is_valid():
        return render(request, "wiki/edit.html", context, status=400)
    data = form.cleaned_data
    if _wants_preview(request):
        return _preview_response(request, "wiki/edit.html", context, render_body(data["body"]), page)
    try:
        outcome = wiki_page_save(
            actor=user,
            page=page,
            body=data["body"],
            summary=data["summary"],
            base_number=data["base_revision"],
        )
    except EditConflict as conflict:
        return _conflict_response(request, page, conflict)
    except PermissionDenied as refusal:
        # Locked or restricted while the person was typing: keep their text on screen.
        form.add_error(None, str(refusal))
        return render(request, "wiki/edit.html", context, status=403)
    except ValidationError as error:
        add_service_error(form, error)
        return render(request, "wiki/edit.html", context, status=400)
    if outcome.revision is None:
        messages.info(request, "You did not change anything, so there is no new version.")
    elif outcome.merged:
        messages.success(
            request,
            "Saved. Someone else changed this page while you were editing; their changes and yours did not "
            "overlap, so both are kept. Please check the result.",
        )
    else:
        messages.success(request, "Your changes are saved.")
    return redirect(page)


def _edit_context(request, page, form, **extra):
    extra = {"preview_html": None, "conflict": None, **extra}
    return wiki_context(request, page=page, form=form, **page_permissions(request.user, page), **extra)


def _conflict_response(request, page, conflict: EditConflict):
    """Nothing was saved: show the saved version and the person's own text, still in the editor, now based
    on the current revision so that saving again applies their reconciled text."""
    form = PageEditForm(
        initial={
            "body": conflict.mine,
            "summary": conflict.summary,
            "base_revision": conflict.current.number,
            "page_id": page.pk,
        }
    )
    context = _edit_context(
        request,
        page,
        form,
        conflict=conflict,
        theirs=conflict.current,
        conflict_diff=diff_lines(conflict.current.body, conflict.mine),
    )
    return render(request, "wiki/edit.html", context, status=409)


@with_page("rename")
def rename(request, page):
    user = request.user
    if refusal := refuse_edit(request, page):
        return refusal
    if request.method == "POST":
        form = PageRenameForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            old_path = page.path
            try:
                wiki_page_rename(
                    actor=user, page=page, title=data["title"], parent_path=data["parent"],
                    move_subpages=data["move_subpages"], summary=data["summary"],
                )  # fmt: skip
            except ValidationError as error:
                add_service_error(form, error)
            else:
                if page.path != old_path:
                    messages.success(request, f"Renamed. The old address {old_path} now leads here.")
                else:
                    messages.success(request, "Renamed.")
                return redirect(page)
        status = 400
    else:
        form = PageRenameForm(
            initial={"title": page.title, "parent": page.parent_path, "move_subpages": True}
        )
        status = 200
    context = wiki_context(request, page=page, form=form, subpage_count=len(subpages(page)))
    return render(request, "wiki/rename.html", context, status=status)


@with_page("delete")
def delete(request, page):
    if refusal := sign_in_first(request):
        return refusal
    require(can(request.user, "wiki.delete", page), "Only moderators can delete pages.")
    if request.method == "POST":
        try:
            wiki_page_delete(actor=request.user, page=page)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(page)
        messages.success(
            request, f"The page “{page.title}” is deleted. Moderators can still see and restore it."
        )
        return redirect("wiki:index", community_slug=request.community.slug)
    return render(request, "wiki/delete.html", wiki_context(request, page=page))


@require_POST
@with_page("restore")
def restore(request, page):
    try:
        wiki_page_restore(actor=request.user, page=page)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"The page “{page.title}” is restored.")
    return redirect(page)


@require_POST
@with_page("lock")
def lock(request, page):
    if refusal := sign_in_first(request, page.get_absolute_url()):
        return refusal
    want_locked = request.POST.get("locked") == "1"
    try:
        wiki_page_lock(actor=request.user, page=page, locked=want_locked)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            "The page is locked: only moderators can edit it now."
            if want_locked
            else "The page is unlocked.",
        )
    return redirect(page)
