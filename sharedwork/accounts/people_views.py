"""Profiles, profile pictures and the organizations directory."""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from sharedwork.communities.permissions import can
from sharedwork.core.errors import require
from sharedwork.core.forms import form_status
from sharedwork.core.pagination import paginate

from . import selectors, services
from .forms import OrganizationFilterForm, OrganizationForm, apply_errors

# Stored avatars are WebP (``images.avatar_prepare``); the others cover files placed by hand.
AVATAR_CONTENT_TYPES = {
    "webp": "image/webp",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
}
# Picture addresses carry ``?v=`` and change with the picture, so browsers may keep them a day.
AVATAR_MAX_AGE = 60 * 60 * 24


@require_GET
def profile(request, username):
    person = selectors.get_person_for(request.user, username)
    context = {
        "person": person,
        "affiliations": list(selectors.affiliations_of(person)),
        "communities": list(selectors.profile_communities(person, request.user)),
        "is_self": request.user.is_authenticated and request.user.pk == person.pk,
    }
    return render(request, "accounts/profile.html", context)


@require_GET
def avatar(request, username):
    """The person's picture, for anyone who may see their profile; 404 otherwise or when there is none."""
    person = selectors.get_person_for(request.user, username)
    name = person.avatar.name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    content_type = AVATAR_CONTENT_TYPES.get(extension)
    if not name or content_type is None:
        raise Http404("No picture.")
    etag = '"' + hashlib.sha256(name.encode()).hexdigest()[:32] + '"'
    cache_control = f"{'public' if person.is_verified else 'private'}, max-age={AVATAR_MAX_AGE}"
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        try:
            handle = default_storage.open(name, "rb")
        except (FileNotFoundError, OSError) as exc:
            raise Http404("No picture.") from exc
        response = FileResponse(handle, content_type=content_type)
        response["Content-Disposition"] = "inline"
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def organizations(request):
    filter_form = OrganizationFilterForm(request.GET or None)
    filters = filter_form.filters() if request.GET else {}
    page_obj = paginate(request, selectors.organizations_directory(**filters))
    context = {
        "filter_form": filter_form,
        "page_obj": page_obj,
        "filtered": any(filters.values()),
        "may_create": can(request.user, "organization.create"),
        "nav": "organizations",
    }
    template = "accounts/organizations.html#results" if request.htmx else "accounts/organizations.html"
    return render(request, template, context)


@require_GET
def organization(request, slug):
    org = selectors.get_organization(slug)
    context = {
        "organization": org,
        "page_obj": paginate(request, selectors.organization_people(org, request.user)),
        "communities": list(selectors.organization_communities(org, request.user)),
        "nav": "organizations",
    }
    return render(request, "accounts/organization.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organization_create(request):
    require(
        can(request.user, "organization.create"), "Confirm your email address before you add an organization."
    )
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            org = services.organization_create(
                actor=request.user,
                name=data["name"],
                kind=data["kind"],
                state=data["state"],
                website=data["website"],
                description=data["description"],
                affiliation_title=data["my_title"] if data["add_me"] else None,
            )
        except ValidationError as exc:
            apply_errors(form, exc, default_field="name")
        else:
            messages.success(request, f"{org.name} is now listed.")
            return redirect(org)
    return render(
        request,
        "accounts/organization_form.html",
        {"form": form, "nav": "organizations"},
        status=form_status(form),
    )
