"""``{% load community_pages %}``: small helpers of the community page templates."""

from urllib.parse import urlsplit

from django import template

register = template.Library()

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


@register.filter
def safe_link_url(value) -> str:
    """The URL when it is a web, mail or phone link or a path on this site; "" for anything else
    (``javascript:``, ``data:``), so a moderator's link list can never run script."""
    url = str(value or "").strip()
    if not url:
        return ""
    scheme = urlsplit(url).scheme.lower()
    if scheme:
        return url if scheme in SAFE_SCHEMES else ""
    return url if url.startswith("/") and not url.startswith("//") else ""
