"""The ``?next=`` address that carries a person back where they started (an invitation, a page that
asked them to sign in) through sign-up, email confirmation and sign-in."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, candidate: str | None) -> str:
    """``candidate`` when it is a local address on this site, else "". Never redirect off-site.

    Only an absolute path ("/c/sbh/") counts: ``redirect()`` would read a bare word ("abc") as the name of
    a view and fail, and a relative path would lead somewhere that depends on the current page."""
    candidate = (candidate or "").strip()
    if not candidate.startswith("/") or len(candidate) > 2000:
        return ""
    allowed = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if allowed else ""


def next_from(request) -> str:
    """The safe ``next`` of this request, from the form (POST) or the address (GET)."""
    return safe_next(request, request.POST.get("next") or request.GET.get("next"))


def url_with_next(viewname: str, next_url: str, *args) -> str:
    """``reverse(viewname)`` with ``?next=`` added when there is somewhere to go back to."""
    url = reverse(viewname, args=args)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url
