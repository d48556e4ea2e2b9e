"""A community's logo and its accent-colour stylesheet.

Both answer 404 to whoever may not know the community exists. The strict Content-Security-Policy forbids
inline style, so the accent colour reaches the page as this tiny stylesheet, linked from
``base_community.html`` with ``?v=<updated_at>`` so that browsers may keep it until the settings change.
"""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils import dateformat
from django.views.decorators.http import require_http_methods

from .images import sniff_content_type
from .models import Visibility
from .permissions import can
from .selectors import get_community_for
from .validation import HEX_COLOUR

DEFAULT_ACCENT = "#1a4480"
YEAR = 60 * 60 * 24 * 365


def _cache_scope(community) -> str:
    """Shared caches may keep what anyone may see; everything else stays in the viewer's own browser."""
    anyone = community.is_approved and community.visibility in (Visibility.PUBLIC, Visibility.LISTED)
    return "public" if anyone else "private"


@require_http_methods(["GET", "HEAD"])
def logo(request, slug):
    community = get_community_for(request.user, slug)
    if not can(request.user, "community.view", community) or not community.logo:
        raise Http404("No logo.")
    try:
        handle = default_storage.open(community.logo.name, "rb")
        content_type = sniff_content_type(handle.read(12))
        handle.seek(0)
    except (FileNotFoundError, OSError) as exc:
        raise Http404("No logo.") from exc
    if content_type is None:
        handle.close()
        raise Http404("No logo.")
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = f"{_cache_scope(community)}, max-age=3600"
    return response


def theme_css(accent: str) -> str:
    """The stylesheet for one accent colour. Anything but a six-digit hex colour falls back to the default,
    so a stored value can never inject CSS."""
    colour = accent.lower() if HEX_COLOUR.match(accent or "") else DEFAULT_ACCENT
    # The header carries the colour; :root lets the rest of a community page (headings, borders) use it.
    return f".community-header{{--accent:{colour}}}\n:root{{--accent:{colour}}}\n"


@require_http_methods(["GET", "HEAD"])
def theme(request, slug):
    community = get_community_for(request.user, slug)
    response = HttpResponse(theme_css(community.accent_color), content_type="text/css; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    current = request.GET.get("v") == dateformat.format(community.updated_at, "U")
    # The versioned URL changes whenever the settings do, so it may be kept for long.
    max_age = YEAR if current else 300
    response["Cache-Control"] = f"{_cache_scope(community)}, max-age={max_age}"
    return response
