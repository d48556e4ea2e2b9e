"""Atom feeds: always the anonymous view, only public communities, never moderator-only events."""

import xml.etree.ElementTree as ET

import pytest

from sharedwork.activity.models import EventVisibility
from sharedwork.communities.models import Visibility
from sharedwork.tests.factories import CommunityFactory, MembershipFactory, UserFactory

from .helpers import minutes, record

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


@pytest.fixture
def listed(db):
    return CommunityFactory(name="Listed Circle", visibility=Visibility.LISTED)


def test_public_feed_lists_public_activity_newest_first(anon_client, community, member):
    record(community, member, "member.joined", ago=minutes(5))
    record(community, member, "community.settings_changed")
    titles = entries(anon_client.get("/activity/feed/"))
    assert titles == [
        f"{member.display_name} changed the settings of {community.name}",
        f"{member.display_name} joined {community.name}",
    ]


def test_public_feed_is_the_anonymous_view_even_for_members(client_for, community, listed):
    insider = MembershipFactory(community=listed, role="owner").user
    MembershipFactory(community=community, user=insider, role="moderator")
    record(listed, insider, "member.joined")
    record(community, insider, "member.banned", subject=UserFactory(), visibility=EventVisibility.MODERATORS)
    record(community, insider, "member.joined")
    titles = entries(client_for(insider).get("/activity/feed/"))
    assert titles == [f"{insider.display_name} joined {community.name}"]


def test_public_feed_leaves_out_hidden_groups_named_by_public_events(anon_client, community, member):
    secret = CommunityFactory(name="Secret Group", parent=community, visibility=Visibility.HIDDEN)
    record(community, member, "community.child_created", target=secret)
    assert entries(anon_client.get("/activity/feed/")) == []


def test_community_feed_of_a_public_community(anon_client, community, member):
    event = record(community, member, "member.joined")
    response = anon_client.get(f"/c/{community.slug}/activity/feed/")
    assert entries(response) == [f"{member.display_name} joined {community.name}"]
    root = ET.fromstring(response.content)
    assert root.find(f"{ATOM}title").text == f"Recent activities in {community.name}"
    entry = next(root.iter(f"{ATOM}entry"))
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver/c/{community.slug}/"
    assert entry.find(f"{ATOM}id").text == f"http://testserver/c/{community.slug}/activity/#event-{event.pk}"
    assert entry.find(f"{ATOM}author/{ATOM}name").text == member.display_name


@pytest.mark.parametrize("visibility", [Visibility.LISTED, Visibility.HIDDEN])
def test_community_feed_is_404_for_private_communities_even_for_members(visibility, anon_client, client_for):
    private = CommunityFactory(visibility=visibility)
    insider = MembershipFactory(community=private, role="owner").user
    record(private, insider, "member.joined")
    assert anon_client.get(f"/c/{private.slug}/activity/feed/").status_code == 404
    assert client_for(insider).get(f"/c/{private.slug}/activity/feed/").status_code == 404


def test_community_feed_is_404_for_a_community_waiting_for_approval(anon_client):
    waiting = CommunityFactory(is_approved=False)
    assert anon_client.get(f"/c/{waiting.slug}/activity/feed/").status_code == 404


def test_community_feed_never_carries_moderator_events(moderator_client, community, moderator):
    record(
        community, moderator, "member.removed", subject=UserFactory(), visibility=EventVisibility.MODERATORS
    )
    assert entries(moderator_client.get(f"/c/{community.slug}/activity/feed/")) == []


def test_community_feed_includes_public_children_only_when_the_community_asks(anon_client, community, member):
    group = CommunityFactory(name="Open Group", parent=community)
    listed_group = CommunityFactory(name="Members Group", parent=community, visibility=Visibility.LISTED)
    record(group, member, "community.settings_changed")
    record(listed_group, member, "community.settings_changed")
    url = f"/c/{community.slug}/activity/feed/"
    assert entries(anon_client.get(url)) == []
    community.include_children_activity = True
    community.save()
    assert entries(anon_client.get(url)) == [f"{member.display_name} changed the settings of Open Group"]


def test_feed_escapes_what_people_typed(anon_client, community):
    person = UserFactory(display_name="<b>Bold</b> & Co")
    record(community, person, "member.joined")
    response = anon_client.get("/activity/feed/")
    assert b"<b>Bold</b>" not in response.content
    assert entries(response) == [f"<b>Bold</b> & Co joined {community.name}"]


def test_feed_is_capped(anon_client, community, member):
    for i in range(55):
        record(community, member, ago=minutes(i))
    assert len(entries(anon_client.get("/activity/feed/"))) == 50
