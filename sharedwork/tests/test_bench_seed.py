"""The benchmark's seeded wiki looks like one the services would have written: every page has a
current, rendered revision, revision numbers are gapless, and links lead to the pages they name (so
that page views in the benchmark do the same work as real ones)."""

import pytest
from django.db.models import Count, Max

from sharedwork.bench.seed import page_path, seed
from sharedwork.tools.wiki.models import Page, Revision, WikiLink

pytestmark = pytest.mark.django_db


def test_seeded_wiki_has_the_asked_size_and_gapless_histories():
    result = seed(pages=40, revisions=130, threads=2)
    assert result["pages"] == 40 and result["revisions"] == 130
    per_page = Revision.objects.values("page").annotate(count=Count("pk"), last=Max("number"))
    assert all(row["count"] == row["last"] for row in per_page)
    for page in Page.objects.select_related("current_revision"):
        assert page.current_revision.number == Revision.objects.filter(page=page).count()
        assert page.current_revision.rendered_html


def test_seeded_links_lead_to_their_pages_and_missing_ones_are_wanted():
    seed(pages=40, revisions=40, threads=2)
    links = WikiLink.objects.select_related("target_page")
    assert links.exists()
    for link in links:
        if link.target_path.startswith("missing/"):
            assert link.target_page is None
        else:
            assert link.target_page is not None and link.target_page.path == link.target_path


def test_edit_paths_are_split_between_threads_without_overlap():
    result = seed(pages=40, revisions=40, threads=3)
    per_thread = [set(paths) for paths in result["edit_paths"]]
    assert len(per_thread) == 3
    assert not (per_thread[0] & per_thread[1]) and not (per_thread[1] & per_thread[2])
    assert all(path in {page_path(n, 40) for n in range(40)} for paths in per_thread for path in paths)
