"""The user guide and the moderator guide, served from Markdown files (see ``library.py``)."""

from django.http import Http404
from django.shortcuts import render

from .library import GUIDES, neighbours, page_of, pages_of, render_page


def index(request):
    guides = [(guide, pages_of(guide.slug)) for guide in GUIDES.values()]
    return render(request, "guides/index.html", {"guides": guides, "nav": "help"})


def users(request, page=None):
    return _guide(request, "users", page)


def moderators(request, page=None):
    return _guide(request, "moderators", page)


def first_page_slug(guide_slug: str) -> str | None:
    """The slug of a guide's first page (None for an unknown or empty guide), for links and tests."""
    pages = pages_of(guide_slug)
    return pages[0].slug if pages else None


def _guide(request, guide_slug, page_slug):
    guide = GUIDES[guide_slug]
    pages = pages_of(guide_slug)
    context = {"guide": guide, "pages": pages, "nav": "help"}
    if page_slug is None:
        return render(request, "guides/guide.html", context)
    page = page_of(guide_slug, page_slug)
    if page is None:
        raise Http404("No such guide page.")
    html, toc = render_page(page)
    previous, following = neighbours(guide_slug, page)
    context.update(page=page, html=html, toc=toc, previous=previous, next=following)
    return render(request, "guides/page.html", context)
