"""Recent activities in a real browser: the pages are accessible (axe-core, WCAG 2.x A/AA) and CSP-clean."""

import pytest

from sharedwork.activity.models import EventVisibility
from sharedwork.tests.factories import CommunityFactory, MembershipFactory, UserFactory

from .helpers import minutes, record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def busy_community(db):
    community = CommunityFactory(name="School Behavioral Health", slug="sbh", include_children_activity=True)
    group = CommunityFactory(name="Family Engagement Practice Group", parent=community)
    people = [MembershipFactory(community=community).user for _ in range(3)]
    for i in range(30):
        record(community if i % 2 else group, people[i % 3], "member.joined", ago=minutes(i * 40))
    record(community, people[0], "member.banned", subject=people[1], visibility=EventVisibility.MODERATORS)
    return community, people


def test_anonymous_landing_page_is_accessible(page, assert_accessible, busy_community):
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == "Where Communities of Practice do their work"
    assert page.get_by_role("link", name="Find a community").is_visible()
    assert page.locator(".activity-list li").count() == 25
    assert_accessible(page)
    page.get_by_role("link", name="Older activities").click()
    assert page.locator(".activity-list li").count() == 5
    assert_accessible(page)


def test_signed_in_home_with_activity_is_accessible(page, sign_in, assert_accessible, busy_community):
    community, people = busy_community
    sign_in(page, people[0])
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == f"Hello, {people[0].display_name}"
    assert page.get_by_role("link", name="School Behavioral Health").first.is_visible()
    assert page.locator(".activity-list time").first.get_attribute("datetime")
    assert_accessible(page)


def test_community_activity_page_is_accessible(page, assert_accessible, busy_community):
    community, _ = busy_community
    page.goto(f"/c/{community.slug}/activity/")
    assert page.get_by_role("heading", level=1).inner_text() == "Recent activities"
    assert page.get_by_text("banned").count() == 0
    assert page.locator('link[rel="alternate"][type="application/atom+xml"]').count() == 1
    assert_accessible(page)


def test_narrow_screen_home_is_accessible(page, assert_accessible, busy_community):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto("/")
    overflow = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert not overflow, "the landing page scrolls sideways at 320px"
    assert_accessible(page)


def test_outsider_home_without_communities_is_accessible(page, sign_in, assert_accessible, db):
    sign_in(page, UserFactory())
    page.goto("/")
    assert page.get_by_text("You are not a member of any community yet.").is_visible()
    assert_accessible(page)


def test_demo_data_start_pages_are_accessible(page, sign_in, assert_accessible, settings):
    from io import StringIO

    from django.core.management import call_command

    from sharedwork.accounts.models import User

    call_command("seed_demo", stdout=StringIO())
    page.goto("/")
    assert_accessible(page)
    sign_in(page, User.objects.get(email="member@example.org"), settings.DEMO_PASSWORD)
    page.goto("/")
    assert page.get_by_role("heading", name="Invitations waiting for you").is_visible()
    assert_accessible(page)
    page.goto("/c/school-behavioral-health/activity/")
    assert_accessible(page)
