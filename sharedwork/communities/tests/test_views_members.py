"""``/c/<slug>/members/``: active members, searchable and filterable, for those who may see the content."""

import pytest
from django.urls import reverse

from sharedwork.communities.models import MembershipState, Role, Visibility
from sharedwork.tests.factories import (
    AffiliationFactory,
    CommunityFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)


def _url(community):
    return reverse("communities:members", args=[community.slug])


def _names(response):
    return [m.user.display_name for m in response.context["page_obj"].object_list]


@pytest.fixture
def people(community, owner, moderator, member):
    ana = UserFactory(display_name="Ana Qwill", state="TX", stakeholder_role="family", title="Parent mentor")
    MembershipFactory(community=community, user=ana)
    idea = OrganizationFactory(name="IDEA Partnership", slug="idea-partnership")
    AffiliationFactory(user=ana, organization=idea)
    AffiliationFactory(user=moderator, organization=OrganizationFactory(name="NC Department of Instruction"))
    MembershipFactory(
        community=community, state=MembershipState.REQUESTED, user=UserFactory(display_name="Asking Ann")
    )
    MembershipFactory(
        community=community, state=MembershipState.BANNED, user=UserFactory(display_name="Banned Bo")
    )
    return {"ana": ana, "idea": idea}


def test_the_members_page_lists_active_members_with_their_role_and_organizations(
    people, community, anon_client
):
    response = anon_client.get(_url(community))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ana Qwill" in html and "IDEA Partnership" in html and "NC Department of Instruction" in html
    assert "Asking Ann" not in html and "Banned Bo" not in html
    assert '<span class="badge">Owner</span>' in html and '<span class="badge">Moderator</span>' in html
    assert "Family member" in html and "Texas" in html
    assert len(_names(response)) == 4
    assert html.count("<h1") == 1


def test_searching_by_name(people, community, anon_client):
    assert _names(anon_client.get(_url(community), {"q": "qwill"})) == ["Ana Qwill"]


def test_searching_by_title(people, community, anon_client):
    assert _names(anon_client.get(_url(community), {"q": "mentor"})) == ["Ana Qwill"]


def test_filtering_by_role(people, community, anon_client, moderator):
    assert _names(anon_client.get(_url(community), {"role": Role.MODERATOR})) == [moderator.display_name]


def test_filtering_by_organization_offers_only_organizations_of_members(people, community, anon_client):
    OrganizationFactory(name="Unrelated Org")
    response = anon_client.get(_url(community), {"organization": "idea-partnership"})
    assert _names(response) == ["Ana Qwill"]
    html = response.content.decode()
    assert "Unrelated Org" not in html
    assert '<option value="idea-partnership" selected>IDEA Partnership</option>' in html


def test_filtering_by_state_and_stakeholder_role(people, community, anon_client):
    assert _names(anon_client.get(_url(community), {"state": "TX"})) == ["Ana Qwill"]
    assert _names(anon_client.get(_url(community), {"stakeholder_role": "family"})) == ["Ana Qwill"]
    assert _names(anon_client.get(_url(community), {"state": "TX", "role": Role.OWNER})) == []


def test_a_filter_that_matches_nobody_says_so(people, community, anon_client):
    html = anon_client.get(_url(community), {"q": "zzz"}).content.decode()
    assert "No member matches these filters" in html


def test_invalid_filters_are_ignored(people, community, anon_client):
    response = anon_client.get(_url(community), {"role": "emperor", "state": "ZZ"})
    assert response.status_code == 200 and len(_names(response)) == 4


def test_the_filter_form_has_a_label_for_every_field(people, community, anon_client):
    html = anon_client.get(_url(community)).content.decode()
    for field in ("q", "role", "organization", "state", "stakeholder_role"):
        assert f'<label for="id_{field}">' in html


def test_the_members_list_is_paginated(community, anon_client):
    for n in range(35):
        MembershipFactory(community=community, user=UserFactory(display_name=f"Person {n:02d}"))
    first = anon_client.get(_url(community))
    assert len(_names(first)) == 30
    assert _names(anon_client.get(_url(community), {"page": 2})) == [f"Person {n:02d}" for n in range(30, 35)]


def test_moderators_get_a_link_to_manage_members(community, moderator_client, member_client):
    manage = reverse("communities:manage_members", args=[community.slug])
    assert manage in moderator_client.get(_url(community)).content.decode()
    assert manage not in member_client.get(_url(community)).content.decode()


@pytest.mark.parametrize("visibility", [Visibility.LISTED, Visibility.HIDDEN])
def test_only_members_see_the_members_of_a_private_community(db, client, client_for, visibility):
    private = CommunityFactory(visibility=visibility)
    member = MembershipFactory(community=private).user
    requester = MembershipFactory(community=private, state=MembershipState.REQUESTED).user
    assert client.get(_url(private)).status_code == 404
    assert client_for(UserFactory()).get(_url(private)).status_code == 404
    assert client_for(requester).get(_url(private)).status_code == 404
    assert client_for(member).get(_url(private)).status_code == 200
    assert client_for(UserFactory(is_superuser=True)).get(_url(private)).status_code == 200


def _grow(community, size):
    for n in range(size):
        person = MembershipFactory(
            community=community, user=UserFactory(display_name=f"Grown {size}-{n}")
        ).user
        AffiliationFactory(user=person)
        AffiliationFactory(user=person)


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
def test_the_members_page_query_count_does_not_grow_with_members(
    community, member, client, client_for, django_assert_num_queries, viewer
):
    browser = client if viewer == "anonymous" else client_for(member)
    _grow(community, 3)
    browser.get(_url(community))
    with django_assert_num_queries(8 if viewer == "member" else 6) as small:
        browser.get(_url(community))
    _grow(community, 40)
    with django_assert_num_queries(len(small.captured_queries)):
        response = browser.get(_url(community), {"q": "Grown"})
    assert len(response.context["page_obj"].object_list) == 30
