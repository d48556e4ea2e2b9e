"""What the wiki's views share: the page context, address handling and HTML of a rendered text.

Wiki views run behind ``tool_gate`` (``request.community`` is set and the viewer may see the community's
content), so they never re-check visibility; they check the wiki's own actions with ``can()``.
"""

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from sharedwork.communities.context import community_page_context
from sharedwork.communities.permissions import can

from .paths import is_valid_path
from .rendering import resolve_html
from .selectors import existing_paths, find_page, find_redirect, wiki_url
from .services import edit_refusal


def wiki_context(request, **extra) -> dict:
    community = request.community
    return community_page_context(request, community, section="wiki", wiki_url=wiki_url(community), **extra)


def page_permissions(actor, page) -> dict:
    """What the viewer may do to the page, for showing only the controls that work."""
    return {
        "may_edit": can(actor, "wiki.edit", page),
        "may_attach": can(actor, "wiki.attach", page),
        "may_delete": can(actor, "wiki.delete", page),
        "may_restore": can(actor, "wiki.restore", page),
        "may_lock": can(actor, "wiki.lock", page),
    }


def sign_in_first(request, come_back_to: str | None = None):
    """Anonymous visitors who try to change something are sent to sign in (they may well be members),
    then back to ``come_back_to`` (the page, for a button's POST) or the address they asked for."""
    if request.user.is_authenticated:
        return None
    return redirect_to_login(come_back_to or request.get_full_path())


def refuse_edit(request, target):
    """None when the viewer may edit ``target`` (a page or the community). Otherwise anonymous visitors
    get a redirect to sign in, and everyone else a 403 that says why. Only for showing forms: a posted
    form goes to the service, whose refusal is shown next to the person's text so nothing is lost."""
    if can(request.user, "wiki.edit", target):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(edit_refusal(request.user, target))


def html_of(community, rendered, *, page=None):
    """A rendering with its links resolved: one query for the states of all the pages it links to."""
    return resolve_html(
        rendered.html,
        wiki_url=wiki_url(community),
        page_url=page.get_absolute_url() if page is not None else None,
        existing=existing_paths(community, rendered.links),
    )


def wiki_reverse(view_name: str, community, path: str | None = None, /, **kwargs) -> str:
    """The URL of the wiki view ``view_name``; ``kwargs`` are the route's own (an attachment's is ``name``,
    hence the positional-only parameters)."""
    if path is not None:
        kwargs["path"] = path
    return reverse(f"wiki:{view_name}", kwargs={"community_slug": community.slug, **kwargs})


def with_page(view_name: str, *, missing=None):
    """Decorator: turn the ``path`` of the URL into the page the viewer may see.

    * an address in capitals is redirected to its lowercase form; an impossible address is a 404;
    * an address a page used to have redirects (GET) to the same view at the page's new address; a form
      posted to an old address is applied to the page that moved, so nothing typed is lost;
    * otherwise ``missing(request, path)`` answers (the page view offers to create the page), or 404.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, path, **kwargs):
            community = request.community
            if not is_valid_path(path):
                lowered = path.strip("/").lower()
                if lowered != path and is_valid_path(lowered) and request.method == "GET":
                    return redirect(_same_view(request, view_name, community, lowered, kwargs))
                raise Http404("No such page.")
            page = find_page(request.user, community, path)
            if page is None:
                moved = find_redirect(request.user, community, path)
                if moved is not None and request.method == "POST":
                    page = moved
                elif moved is not None:
                    return redirect(_same_view(request, view_name, community, moved.path, kwargs))
                elif missing is not None:
                    return missing(request, path)
                else:
                    raise Http404("No such page.")
            return view(request, page, **kwargs)

        return wrapper

    return decorator


def _same_view(request, view_name, community, path, kwargs) -> str:
    url = wiki_reverse(view_name, community, path, **kwargs)
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{query}" if query else url


def add_service_error(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where the form has that field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, ValidationError(errors))
    else:
        form.add_error(None, error)
