"""Pages cost the same number of queries however much history and how many links there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sharedwork.tools.wiki.models import Page, Revision, WikiLink
from sharedwork.tools.wiki.services import wiki_page_save

pytestmark = pytest.mark.django_db

WIKI = "/c/sbh/wiki/"


def grow(page, *, revisions: int, backlinks: int, author):
    """Give ``page`` ``revisions`` revisions in all and ``backlinks`` pages linking to it (in bulk)."""
    community = page.community
    now = timezone.now()
    body = page.current_revision.body
    Revision.objects.bulk_create(
        Revision(
            page=page,
            community=community,
            number=n,
            title=page.title,
            body=body,
            size=len(body),
            author=author,
            created_at=now,
        )
        for n in range(2, revisions)
    )
    if revisions > 1:
        page.current_revision = Revision.objects.get(page=page, number=revisions - 1)
        Page.objects.filter(pk=page.pk).update(current_revision=page.current_revision)
        # The last one through the service, so the page's current revision is a real one.
        wiki_page_save(actor=author, page=page, body=body + "More\n", base_number=revisions - 1)
    sources = Page.objects.bulk_create(
        Page(community=community, path=f"source-{n}", title=f"Source {n}", created_by=author)
        for n in range(backlinks)
    )
    WikiLink.objects.bulk_create(
        WikiLink(community=community, source=source, target_path=page.path, target_page=page)
        for source in sources
    )


def count_queries(client, url):
    client.get(url)  # warm caches that are per process, not per request (e.g. the parser)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def small_and_large(make_page, member):
    small = make_page("Small", "See [[Large]] and [[Missing]].\n")
    large = make_page("Large", "See [[Small]] and [[Missing]].\n")
    grow(large, revisions=500, backlinks=200, author=member)
    assert Revision.objects.filter(page=large).count() == 500
    return small, large


@pytest.mark.parametrize(
    "view",
    ["{path}/", "{path}/history/", "{path}/revisions/1/", "{path}/diff/?from=1&to=2", "{path}/backlinks/",
     "{path}/attachments/", "{path}/edit/"],
)  # fmt: skip
def test_page_views_cost_the_same_for_1_or_500_revisions_and_0_or_200_backlinks(
    member_client, small_and_large, edit_page, member, view
):
    small, large = small_and_large
    edit_page(small, member, "See [[Large]] and [[Missing]].\nMore\n")  # both have a revision 2 to compare
    small_count = count_queries(member_client, WIKI + view.format(path="small"))
    large_count = count_queries(member_client, WIKI + view.format(path="large"))
    assert small_count == large_count, view


def test_page_view_query_count_is_pinned(member_client, anon_client, small_and_large):
    # Session and user, community, membership, tool activations, the page with its current revision,
    # link states, backlinks, subpages, attachments, breadcrumbs.
    assert count_queries(member_client, f"{WIKI}large/") == 9
    assert count_queries(anon_client, f"{WIKI}large/") == 7
    # The 200 backlinks are really there: the page shows the first of them and links to the rest.
    page = member_client.get(f"{WIKI}large/").content.decode()
    assert "Source 0" in page
    assert "/c/sbh/wiki/large/backlinks/" in page


@pytest.mark.parametrize("view", ["index/", "recent/", "wanted/"])
def test_wiki_wide_pages_do_not_grow_with_the_wiki(member_client, make_page, member, view):
    make_page("One", "[[Nowhere]]")
    small = count_queries(member_client, WIKI + view)
    for n in range(30):
        make_page(f"Page {n}", f"[[Nowhere {n}]]")
    assert count_queries(member_client, WIKI + view) == small


def test_viewing_a_page_never_renders_markdown(anon_client, wiki_page, monkeypatch):
    from sharedwork.tools.wiki import rendering

    def refuse(*args, **kwargs):
        raise AssertionError("a page view rendered Markdown")

    monkeypatch.setattr(rendering, "render_body", refuse)
    monkeypatch.setattr("sharedwork.tools.wiki.services.render_body", refuse)
    assert anon_client.get(f"{WIKI}meeting-notes/").status_code == 200
    assert anon_client.get(f"{WIKI}meeting-notes/revisions/1/").status_code == 200


def test_a_stale_rendering_is_refreshed_once_and_stored(anon_client, wiki_page):
    Revision.objects.filter(pk=wiki_page.current_revision.pk).update(render_version=0, rendered_html="stale")
    assert "<p>Line two</p>" in anon_client.get(f"{WIKI}meeting-notes/").content.decode()
    revision = Revision.objects.get(pk=wiki_page.current_revision.pk)
    assert revision.render_version > 0 and "<p>Line two</p>" in revision.rendered_html


@pytest.mark.parametrize("who", ["member_client", "moderator_client"])
def test_attachments_page_costs_the_same_for_1_or_6_files(request, who, wiki_page, member, png_upload):
    from sharedwork.tools.wiki.attachments import wiki_attachment_upload

    client = request.getfixturevalue(who)
    wiki_attachment_upload(actor=member, page=wiki_page, upload=png_upload("first.png"))
    one = count_queries(client, f"{WIKI}meeting-notes/attachments/")
    for n in range(5):
        wiki_attachment_upload(actor=member, page=wiki_page, upload=png_upload(f"more-{n}.png"))
    assert count_queries(client, f"{WIKI}meeting-notes/attachments/") == one


def test_moving_a_page_costs_the_same_with_3_or_30_pages_inside_it(member, make_page):
    from sharedwork.tools.wiki.services import wiki_page_rename

    def queries_to_move(title, inside):
        parent = make_page(title, "Parent\n")
        for n in range(inside):
            make_page(f"Child {n}", "[[Somewhere]]\n", path=f"{parent.path}/child-{n}")
        with CaptureQueriesContext(connection) as queries:
            wiki_page_rename(actor=member, page=parent, title=f"{title} moved")
        assert Page.objects.filter(path__startswith=f"{parent.path}/").count() == inside
        return len(queries)

    queries_to_move("Warm-up", 1)  # per-process caches (content types) are not the move's cost
    assert queries_to_move("Small", 3) == queries_to_move("Large", 30)
