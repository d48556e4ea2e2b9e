"""Queries per page do not grow with the number of communities, members or events.

Each page is measured at two sizes (2 communities with 5 events, 10 communities with 50 events, and
members to match) and must run the same number of queries, below a small ceiling.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sharedwork.activity.models import EventVisibility
from sharedwork.communities.models import Role, Visibility
from sharedwork.tests.factories import CommunityFactory, MembershipFactory, UserFactory

from .helpers import minutes, record

pytestmark = pytest.mark.django_db
CEILING = 15


def build(viewer, *, communities, events, members_each):
    """A parent community with ``communities - 1`` groups (every one public, one also listed), the viewer a
    member of all, other members, and ``events`` events spread over them, some for moderators only."""
    parent = CommunityFactory(include_children_activity=True)
    all_communities = [parent] + [
        CommunityFactory(parent=parent, visibility=Visibility.LISTED if i == 0 else Visibility.PUBLIC)
        for i in range(communities - 1)
    ]
    for community in all_communities:
        MembershipFactory(community=community, user=viewer, role=Role.MODERATOR)
        for _ in range(members_each):
            MembershipFactory(community=community)
    people = [UserFactory() for _ in range(3)]
    for i in range(events):
        community = all_communities[i % len(all_communities)]
        visibility = EventVisibility.MODERATORS if i % 5 == 0 else EventVisibility.COMMUNITY
        record(community, people[i % 3], "member.role_changed", subject=people[(i + 1) % 3],
               data={"role": "moderator"}, visibility=visibility, ago=minutes(i))  # fmt: skip
    return parent


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def viewer(db):
    return UserFactory()


def measure(client_for, viewer, url_for, *, signed_in=True):
    from django.test import Client

    results = []
    for size in ({"communities": 2, "events": 5, "members_each": 2},
                 {"communities": 10, "events": 50, "members_each": 8}):  # fmt: skip
        parent = build(viewer, **size)
        client = client_for(viewer) if signed_in else Client()
        client.get(url_for(parent))  # warm caches that are per process, not per request
        results.append(count_queries(client, url_for(parent)))
    return results


def test_signed_in_home_queries_do_not_grow(client_for, viewer):
    small, large = measure(client_for, viewer, lambda parent: "/")
    assert small == large <= CEILING


def test_anonymous_home_queries_do_not_grow(client_for, viewer):
    small, large = measure(client_for, viewer, lambda parent: "/", signed_in=False)
    assert small == large <= CEILING


def test_community_activity_queries_do_not_grow(client_for, viewer):
    small, large = measure(client_for, viewer, lambda parent: f"/c/{parent.slug}/activity/")
    assert small == large <= CEILING


def test_anonymous_community_activity_queries_do_not_grow(client_for, viewer):
    small, large = measure(client_for, viewer, lambda parent: f"/c/{parent.slug}/activity/", signed_in=False)
    assert small == large <= CEILING


def test_feeds_queries_do_not_grow(client_for, viewer):
    small, large = measure(client_for, viewer, lambda parent: f"/c/{parent.slug}/activity/feed/")
    assert small == large <= CEILING
    small, large = measure(client_for, viewer, lambda parent: "/activity/feed/", signed_in=False)
    assert small == large <= CEILING
