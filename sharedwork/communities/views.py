"""The public pages of communities: the directory, creating a community or a group, a community's home
page and its members list.

Joining, leaving and invitations are in ``membership_views.py``; the logo and theme stylesheet in
``asset_views.py``; moderator pages in ``manage_views.py``. ``urls.py`` reaches them all through this
module.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from sharedwork.accounts.models import Affiliation
from sharedwork.core.forms import form_status
from sharedwork.core.pagination import paginate

from .asset_views import logo, theme
from .context import community_page_context
from .directory import directory_page, filter_options
from .forms import (
    CommunityCreateForm,
    DirectoryFilterForm,
    MemberFilterForm,
    add_service_errors,
    organizations_of_members,
)
from .home_page import rendered_blocks
from .membership_views import (
    cancel_request,
    invitation,
    invitation_answer,
    join,
    leave,
    membership_panel,
    request_join,
)
from .models import SiteSettings
from .permissions import can, is_site_admin
from .selectors import get_community_content_for, get_community_for, members_of
from .services import community_create
from .topics import topics_for_names

__all__ = [
    "cancel_request",
    "create",
    "create_child",
    "directory",
    "invitation_answer",
    "home",
    "invitation",
    "join",
    "leave",
    "logo",
    "members",
    "request_join",
    "theme",
]

MEMBERS_PER_PAGE = 30


@require_http_methods(["GET", "HEAD"])
def directory(request):
    """``/communities/``: what the viewer may see, filtered, as a tree paged by top-level communities."""
    viewer = request.user
    options = filter_options(viewer)
    form = DirectoryFilterForm(request.GET or None, states=options["states"], topics=options["topics"])
    filters = form.filters() if form.is_bound else {}
    page = directory_page(request, viewer, filters)
    context = {
        "form": form,
        "filters": filters,
        "page_obj": page,
        "nodes": page.object_list,
        "may_create": can(viewer, "site.create_community"),
        "nav": "communities",
    }
    if request.htmx and request.htmx.target == "directory-results":
        return render(request, "communities/directory.html#results", context)
    return render(request, "communities/directory.html", context)


def _needs_approval(actor) -> bool:
    return (
        not is_site_admin(actor) and SiteSettings.load().community_creation == SiteSettings.Creation.APPROVAL
    )


def _create_community_from_form(request, form, parent=None):
    """Create the community the form describes, topics and all, or put the refusal on the form. Returns
    the community, or None when nothing was saved."""
    try:
        with transaction.atomic():
            topics = topics_for_names(form.cleaned_data["topics_text"])
            return community_create(
                actor=request.user, parent=parent, topics=topics, **form.community_fields()
            )
    except ValidationError as exc:
        add_service_errors(form, exc)
    except PermissionDenied as exc:
        form.add_error(None, str(exc))
    return None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def create(request):
    """``/communities/new/``: start a top-level community. The creator becomes its owner; when the site
    asks for approval, it waits for a site admin and the page says so before and after."""
    viewer = request.user
    if not can(viewer, "site.create_community"):
        return render(request, "communities/create.html", {"unverified": True, "nav": "communities"})
    needs_approval = _needs_approval(viewer)
    form = CommunityCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        community = _create_community_from_form(request, form)
        if community is not None:
            if community.is_approved:
                messages.success(request, f"{community.name} is ready. You are its owner.")
            else:
                messages.success(
                    request,
                    f"Thank you. A site admin will review {community.name} before others can see it; "
                    "we will email you when it is approved. Until then only you can see it.",
                )
            return redirect(community)
    return render(
        request,
        "communities/create.html",
        {"form": form, "needs_approval": needs_approval, "nav": "communities"},
        status=form_status(form),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def create_child(request, slug):
    """``/c/<slug>/new-group/``: moderators add a practice group (or another community) beneath this one.
    Answers 404 to whoever may not, like every moderator page."""
    community = get_community_for(request.user, slug)
    if not can(request.user, "community.create_child", community):
        if can(request.user, "community.manage", community):
            if not community.is_approved:
                messages.error(request, "Groups can be added once a site admin has approved this community.")
            else:
                messages.error(request, "This community is archived, so no groups can be added to it.")
            return redirect(community)
        raise Http404("No such page.")
    form = CommunityCreateForm(request.POST or None, child_of=community)
    if request.method == "POST" and form.is_valid():
        child = _create_community_from_form(request, form, parent=community)
        if child is not None:
            messages.success(
                request, f"{child.name} was created beneath {community.name}. You are its owner."
            )
            return redirect(child)
    context = community_page_context(request, community, section="manage", form=form)
    return render(request, "communities/create_child.html", context, status=form_status(form))


@require_http_methods(["GET", "HEAD"])
def home(request, slug):
    """``/c/<slug>/``: the blocks moderators chose, for those who may see the content; for a listed
    community and a visitor, only what it is and how to join."""
    community = get_community_for(request.user, slug)
    context = community_page_context(request, community, section="home")
    context["blocks"] = rendered_blocks(request, community) if context["may_view_content"] else []
    context["panel"] = membership_panel(request, community, context)
    return render(request, "communities/home.html", context)


@require_http_methods(["GET", "HEAD"])
def members(request, slug):
    """``/c/<slug>/members/``: active members, searchable and filterable, for those who may see content."""
    community = get_community_content_for(request.user, slug)
    form = MemberFilterForm(request.GET or None, organizations=list(organizations_of_members(community)))
    filters = form.filters() if form.is_bound else {}
    affiliations = Affiliation.objects.select_related("organization").order_by("organization__name")
    memberships = members_of(community, viewer=request.user, **filters).prefetch_related(
        Prefetch("user__affiliations", queryset=affiliations)
    )
    page = paginate(request, memberships, per_page=MEMBERS_PER_PAGE)
    context = community_page_context(
        request, community, section="members", form=form, filters=filters, page_obj=page
    )
    return render(request, "communities/members.html", context)
