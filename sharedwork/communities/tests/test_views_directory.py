"""``/communities/``: the directory shows what the viewer may see, filtered, as a tree."""

import pytest
from django.urls import reverse

from sharedwork.communities.models import Level, MembershipState, Topic, Visibility
from sharedwork.tests.factories import CommunityFactory, MembershipFactory, UserFactory

URL = reverse("communities:directory")


def _names(response):
    return [node.community.name for node in response.context["nodes"]]


def _tree(response):
    def walk(node):
        return (node.community.name, [walk(child) for child in node.children])

    return [walk(node) for node in response.context["nodes"]]


@pytest.fixture
def landscape(db):
    """A national community with a state community and two practice groups, a listed and a hidden one."""
    national = CommunityFactory(name="School Behavioral Health", slug="sbh")
    nc = CommunityFactory(name="North Carolina", level=Level.STATE, state="NC", parent=national)
    CommunityFactory(name="Tier 2 Group", level=Level.PRACTICE_GROUP, state="NC", parent=nc)
    CommunityFactory(name="Family Voices Group", level=Level.PRACTICE_GROUP, parent=national)
    listed = CommunityFactory(name="Listed Leaders", visibility=Visibility.LISTED)
    hidden = CommunityFactory(name="Hidden Council", visibility=Visibility.HIDDEN)
    topic = Topic.objects.create(name="Family engagement", slug="family-engagement")
    national.topics.add(topic)
    listed.topics.add(topic)
    return {"national": national, "nc": nc, "listed": listed, "hidden": hidden, "topic": topic}


def test_visitors_see_top_level_communities_with_their_groups_nested_beneath(landscape, client):
    response = client.get(URL)
    assert response.status_code == 200
    assert _tree(response) == [
        ("Listed Leaders", []),
        (
            "School Behavioral Health",
            [("Family Voices Group", []), ("North Carolina", [("Tier 2 Group", [])])],
        ),
    ]
    html = response.content.decode()
    assert "Hidden Council" not in html
    assert 'class="directory-children"' in html


def test_hidden_communities_are_listed_for_their_members_only(landscape, client_for):
    member = MembershipFactory(community=landscape["hidden"]).user
    assert "Hidden Council" in _names(client_for(member).get(URL))
    assert "Hidden Council" not in _names(client_for(UserFactory()).get(URL))


def test_a_requested_or_banned_person_does_not_see_a_hidden_community(landscape, client_for):
    requester = MembershipFactory(community=landscape["hidden"], state=MembershipState.REQUESTED).user
    banned = MembershipFactory(community=landscape["hidden"], state=MembershipState.BANNED).user
    assert "Hidden Council" not in _names(client_for(requester).get(URL))
    assert "Hidden Council" not in _names(client_for(banned).get(URL))


def test_a_public_group_beneath_a_hidden_community_shows_without_naming_its_parent(landscape, client):
    CommunityFactory(name="Open Offshoot", parent=landscape["hidden"])
    response = client.get(URL)
    assert "Open Offshoot" in _names(response)
    assert "Hidden Council" not in response.content.decode()


def test_site_admins_see_every_community_including_those_waiting_for_approval(landscape, admin_client_):
    CommunityFactory(name="Waiting Room", is_approved=False)
    names = _names(admin_client_.get(URL))
    assert "Hidden Council" in names and "Waiting Room" in names


def test_a_community_waiting_for_approval_is_listed_for_its_creator_only(landscape, client_for, outsider):
    CommunityFactory(name="My Request", is_approved=False, created_by=outsider)
    response = client_for(outsider).get(URL)
    assert "My Request" in _names(response)
    assert "Waiting for approval" in response.content.decode()
    assert "My Request" not in _names(client_for(UserFactory()).get(URL))


def test_filtering_by_level_shows_matching_groups_as_entries_with_their_parent(landscape, client):
    response = client.get(URL, {"level": Level.PRACTICE_GROUP})
    assert _names(response) == ["Family Voices Group", "Tier 2 Group"]
    html = response.content.decode()
    assert "Part of <a" in html and "North Carolina" in html


def test_filtering_by_state_keeps_the_tree_where_parents_match(landscape, client):
    assert _tree(client.get(URL, {"state": "NC"})) == [("North Carolina", [("Tier 2 Group", [])])]


def test_filtering_by_topic(landscape, client):
    assert _names(client.get(URL, {"topic": "family-engagement"})) == [
        "Listed Leaders",
        "School Behavioral Health",
    ]


def test_searching_by_name_ignores_letter_case(landscape, client):
    assert _names(client.get(URL, {"q": "carolina"})) == ["North Carolina"]


def test_filters_combine(landscape, client):
    assert _names(client.get(URL, {"level": Level.STATE, "state": "NC", "q": "north"})) == ["North Carolina"]
    assert _names(client.get(URL, {"level": Level.NATIONAL, "state": "NC"})) == []


def test_a_filter_that_matches_nothing_says_so_plainly(landscape, client):
    response = client.get(URL, {"q": "zzz"})
    assert "No community matches these filters" in response.content.decode()


def test_invalid_filter_values_are_ignored_not_errors(landscape, client):
    response = client.get(URL, {"level": "galactic", "state": "ZZ", "topic": "nope"})
    assert response.status_code == 200
    assert len(_names(response)) == 2


def test_the_filter_form_has_labels_and_works_without_javascript(landscape, client):
    html = client.get(URL).content.decode()
    assert '<form method="get" action="/communities/"' in html
    for field in ("q", "level", "state", "topic"):
        assert f'<label for="id_{field}">' in html
    # Only states and topics that visible communities use are offered.
    assert '<option value="NC">North Carolina</option>' in html
    assert 'value="family-engagement"' in html


def test_hidden_communities_topics_and_states_are_not_offered_as_filters(db, client):
    hidden = CommunityFactory(name="Hidden", visibility=Visibility.HIDDEN, level=Level.STATE, state="WY")
    hidden.topics.add(Topic.objects.create(name="Secret topic", slug="secret-topic"))
    html = client.get(URL).content.decode()
    assert "Secret topic" not in html and 'value="WY"' not in html


def test_the_directory_is_paginated_over_top_level_communities(db, client):
    for n in range(25):
        parent = CommunityFactory(name=f"Community {n:02d}")
        CommunityFactory(name=f"Group of {n:02d}", parent=parent)
    first = client.get(URL)
    assert len(first.context["nodes"]) == 20
    assert all(len(node.children) == 1 for node in first.context["nodes"])
    second = client.get(URL, {"page": 2})
    assert _names(second) == [f"Community {n:02d}" for n in range(20, 25)]
    assert 'rel="next"' in first.content.decode()


def test_members_see_which_communities_they_belong_to(landscape, client_for):
    member = MembershipFactory(community=landscape["nc"]).user
    html = client_for(member).get(URL).content.decode()
    assert "You are a member" in html


def test_verified_people_get_a_link_to_create_a_community(db, client_for, client):
    create = reverse("communities:create")
    assert f'href="{create}"' in client_for(UserFactory()).get(URL).content.decode()
    assert f'href="{create}"' not in client.get(URL).content.decode()
    assert f'href="{create}"' not in client_for(UserFactory(email_verified_at=None)).get(URL).content.decode()


def test_htmx_filtering_returns_only_the_results(landscape, client):
    response = client.get(
        URL, {"q": "north"}, headers={"HX-Request": "true", "HX-Target": "directory-results"}
    )
    html = response.content.decode()
    assert "North Carolina" in html
    assert "<html" not in html and 'id="directory-results"' in html


def _build(size):
    """``size`` top-level communities, each with a group and a group beneath that, some topics and members."""
    topic = Topic.objects.get_or_create(name="Behavior", slug="behavior")[0]
    for n in range(size):
        parent = CommunityFactory(name=f"Size {size} community {n}", state="NC", level=Level.STATE)
        parent.topics.add(topic)
        child = CommunityFactory(name=f"Size {size} group {n}", parent=parent, level=Level.PRACTICE_GROUP)
        CommunityFactory(name=f"Size {size} subgroup {n}", parent=child, level=Level.PRACTICE_GROUP)
        MembershipFactory(community=parent)


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_directory_query_count_does_not_grow_with_the_number_of_communities(
    db, client_for, client, django_assert_num_queries, signed_in
):
    viewer = UserFactory()
    browser = client_for(viewer) if signed_in else client
    _build(3)
    browser.get(URL)  # warm caches (site settings, sessions)
    with django_assert_num_queries(11 if signed_in else 9) as small:
        browser.get(URL)
    _build(27)
    with django_assert_num_queries(len(small.captured_queries)):
        response = browser.get(URL)
    assert len(response.context["nodes"]) == 20
