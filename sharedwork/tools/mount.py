"""Mounting every registered tool under ``/c/<community>/<tool>/``.

Each tool's views are wrapped by ``tool_gate``: it finds the community the viewer may see (404 if not),
checks the tool is on there (404 if not) and that the viewer may see the content (404 if not), then
calls the view with ``request.community`` and ``request.tool_activation`` set. A tool view therefore
never repeats those checks, and no tool can forget them.
"""

import functools
import importlib
import sys

from django.conf import settings
from django.http import Http404
from django.urls import URLPattern, URLResolver, clear_url_caches, include, path

from sharedwork.communities.permissions import can
from sharedwork.communities.selectors import get_community_for

from .registry import registry
from .selectors import tool_activation, tool_is_enabled


def tool_gate(tool, view):
    @functools.wraps(view)
    def gated(request, *args, community_slug, **kwargs):
        community = get_community_for(request.user, community_slug)
        if not tool_is_enabled(community, tool.slug) or not can(
            request.user, "community.view_content", community
        ):
            raise Http404("No such page.")
        request.community = community
        request.tool = tool
        request.tool_activation = tool_activation(community, tool.slug)
        return view(request, *args, **kwargs)

    gated.sharedwork_tool = tool.slug
    gated.sharedwork_ungated = view
    return gated


def _wrap(patterns, tool):
    wrapped = []
    for entry in patterns:
        if isinstance(entry, URLPattern):
            # A tool's module-level patterns are the same objects each time the URLconf is rebuilt
            # (reload_urls), so gate the original view, never an already gated one.
            view = getattr(entry.callback, "sharedwork_ungated", entry.callback)
            entry.callback = tool_gate(tool, view)
            wrapped.append(entry)
        elif isinstance(entry, URLResolver):
            _wrap(entry.url_patterns, tool)
            wrapped.append(entry)
        else:
            raise TypeError(f"Unexpected URL entry {entry!r} in tool {tool.slug}")
    return wrapped


def tool_urlpatterns():
    """One ``include`` per registered tool, namespaced by the tool's slug (``reverse("wiki:page", ...)``)."""
    patterns = []
    for tool in registry.all():
        tool_patterns = _wrap(list(tool.urlpatterns()), tool)
        patterns.append(path(f"c/<slug:community_slug>/{tool.slug}/", include((tool_patterns, tool.slug))))
    return patterns


def reload_urls():
    """Rebuild the URLconf after the registry changed (tests with a tool that exists only there)."""
    clear_url_caches()
    module = sys.modules.get(settings.ROOT_URLCONF)
    if module is not None:
        importlib.reload(module)
    clear_url_caches()
