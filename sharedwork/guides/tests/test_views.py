"""The guides as served: an index, a contents page per guide, pages with contents and previous/next links."""

import re

import pytest
from django.urls import Resolver404, resolve

from sharedwork.guides.library import GUIDES, pages_of

pytestmark = pytest.mark.django_db

ALL_PAGES = [(guide, page.slug) for guide in GUIDES for page in pages_of(guide)]


def test_help_index_lists_both_guides_and_their_pages(anon_client):
    page = anon_client.get("/help/").content.decode()
    assert page.count("<h1") == 1
    assert 'href="/help/users/"' in page and 'href="/help/moderators/"' in page
    for guide, slug in ALL_PAGES:
        assert f'href="/help/{guide}/{slug}/"' in page


@pytest.mark.parametrize("guide", list(GUIDES))
def test_each_guide_has_a_contents_page(guide, anon_client):
    response = anon_client.get(f"/help/{guide}/")
    assert response.status_code == 200
    assert [p.slug for p in response.context["pages"]] == [p.slug for p in pages_of(guide)]


@pytest.mark.parametrize(("guide", "slug"), ALL_PAGES)
def test_every_page_renders_with_one_h1_contents_and_pager(guide, slug, anon_client):
    response = anon_client.get(f"/help/{guide}/{slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'aria-current="page"' in html
    assert response.context["toc"], "every guide page has sections"
    assert 'rel="prev"' in html or 'rel="next"' in html


def test_first_page_has_no_previous_and_last_has_no_next(anon_client):
    pages = pages_of("users")
    first = anon_client.get(f"/help/users/{pages[0].slug}/")
    last = anon_client.get(f"/help/users/{pages[-1].slug}/")
    assert first.context["previous"] is None and first.context["next"].slug == pages[1].slug
    assert last.context["next"] is None and last.context["previous"].slug == pages[-2].slug


@pytest.mark.parametrize(
    "url", ["/help/users/no-such-page/", "/help/moderators/getting-started/", "/help/admins/"]
)
def test_unknown_pages_are_404(url, anon_client):
    assert anon_client.get(url).status_code == 404


def test_guides_are_the_same_for_signed_in_people(member_client):
    assert member_client.get("/help/users/getting-started/").status_code == 200


@pytest.mark.parametrize(("guide", "slug"), ALL_PAGES)
def test_links_in_the_guides_lead_somewhere_real(guide, slug):
    from sharedwork.guides.library import page_of

    body = page_of(guide, slug).body
    for target in re.findall(r"\]\((/[^)\s]*)\)", body):
        path = target.split("#")[0]
        try:
            resolve(path)
        except Resolver404:
            pytest.fail(f"{guide}/{slug} links to {target}, which does not exist")
        match = re.fullmatch(r"/help/(users|moderators)/([\w-]+)/", path)
        if match:
            assert page_of(*match.groups()) is not None, (
                f"{guide}/{slug} links to a missing guide page {target}"
            )


def test_moderator_guide_teaches_the_four_questions_and_the_four_part_approach(anon_client):
    html = anon_client.get("/help/moderators/starting-a-community/").content.decode()
    for text in ("Who cares about this issue and why?", "What work is underway separately?",
                 "What shared work could unite us?", "How can we deepen our connections?",
                 "Coalescing around issues", "Ensuring relevant participation", "Doing work together",
                 "Leading by convening"):  # fmt: skip
        assert text in html


@pytest.mark.parametrize(
    "topic",
    ["starting-a-community", "settings-and-visibility", "inviting-and-reviewing-requests",
     "roles-and-ownership", "removing-and-banning", "designing-the-home-page", "tools", "practice-groups",
     "archiving"],
)  # fmt: skip
def test_moderator_guide_covers(topic, anon_client):
    assert anon_client.get(f"/help/moderators/{topic}/").status_code == 200


@pytest.mark.parametrize(
    "topic",
    ["getting-started", "your-profile-and-organizations", "finding-and-joining-communities",
     "recent-activities-and-feeds"],
)  # fmt: skip
def test_user_guide_covers(topic, anon_client):
    assert anon_client.get(f"/help/users/{topic}/").status_code == 200


def test_help_is_marked_current_in_the_site_navigation(anon_client):
    assert 'href="/help/" aria-current="page"' in anon_client.get("/help/").content.decode()
