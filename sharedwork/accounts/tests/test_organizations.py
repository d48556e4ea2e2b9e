"""The organizations directory and pages, creating organizations and managing one's affiliations."""

import pytest
from django.core.exceptions import PermissionDenied

from sharedwork.accounts.models import Affiliation, Organization, OrganizationKind
from sharedwork.accounts.services import affiliation_add, organization_create
from sharedwork.communities.models import MembershipState, Visibility
from sharedwork.tests.factories import (
    AffiliationFactory,
    CommunityFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea(db):
    return OrganizationFactory(
        name="IDEA Partnership",
        slug="idea-partnership",
        kind=OrganizationKind.NATIONAL,
        website="https://ideapartnership.example/",
        description="We bring **stakeholders** together.",
    )


# --- directory ----------------------------------------------------------------------------------------


def test_directory_lists_organizations_with_their_kind(anon_client, idea):
    OrganizationFactory(
        name="NC Department of Public Instruction", kind=OrganizationKind.STATE_AGENCY, state="NC"
    )
    html = anon_client.get("/organizations/").content.decode()
    assert "IDEA Partnership" in html
    assert "NC Department of Public Instruction" in html
    assert "State agency" in html
    assert "2 organizations." in html


def test_directory_filters_by_kind_state_and_name(anon_client, idea):
    OrganizationFactory(
        name="NC Department of Public Instruction", kind=OrganizationKind.STATE_AGENCY, state="NC"
    )
    OrganizationFactory(name="Wake County Schools", kind=OrganizationKind.DISTRICT, state="NC")
    OrganizationFactory(name="Fairfax County Schools", kind=OrganizationKind.DISTRICT, state="VA")
    by_kind = anon_client.get("/organizations/", {"kind": "district"}).content.decode()
    assert "Wake County Schools" in by_kind and "Fairfax" in by_kind and "IDEA" not in by_kind
    by_state = anon_client.get("/organizations/", {"kind": "district", "state": "NC"}).content.decode()
    assert "Wake County Schools" in by_state and "Fairfax" not in by_state
    by_name = anon_client.get("/organizations/", {"q": "idea"}).content.decode()
    assert "IDEA Partnership" in by_name and "Wake" not in by_name
    assert "1 organization found." in by_name


def test_directory_ignores_a_hand_edited_filter(anon_client, idea):
    response = anon_client.get("/organizations/", {"kind": "spaceship", "page": "junk"})
    assert response.status_code == 200
    assert "IDEA Partnership" in response.content.decode()


def test_directory_is_paginated(anon_client):
    for n in range(30):
        OrganizationFactory(name=f"Org {n:02d}")
    first = anon_client.get("/organizations/").content.decode()
    assert "Org 00" in first and "Org 29" not in first
    assert "Page 1 of 2" in first
    second = anon_client.get("/organizations/", {"page": 2}).content.decode()
    assert "Org 29" in second


def test_directory_answers_htmx_with_just_the_results(anon_client, idea):
    response = anon_client.get("/organizations/", {"q": "idea"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="organization-results">')
    assert "<h1>" not in html


def test_directory_counts_only_people_with_public_profiles(anon_client, idea):
    AffiliationFactory(organization=idea)
    AffiliationFactory(organization=idea, user=UserFactory(email_verified_at=None))
    assert "1 person" in anon_client.get("/organizations/").content.decode()


@pytest.mark.parametrize("size", [3, 30])
def test_directory_query_count_does_not_grow(anon_client, django_assert_num_queries, size):
    for _ in range(size):
        AffiliationFactory()
    # count, page of organizations with people counts
    with django_assert_num_queries(2):
        response = anon_client.get("/organizations/")
    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_organization_page_query_count_does_not_grow(anon_client, django_assert_num_queries, idea, size):
    for _ in range(size):
        person = UserFactory()
        AffiliationFactory(organization=idea, user=person)
        MembershipFactory(user=person)
    # organization, people count, people page, communities
    with django_assert_num_queries(4):
        response = anon_client.get("/organizations/idea-partnership/")
    assert response.status_code == 200


# --- organization page ------------------------------------------------------------------------------------


def test_organization_page_shows_description_website_and_people(anon_client, idea):
    AffiliationFactory(
        organization=idea, user=UserFactory(display_name="Dana Whitfield"), title="Parent mentor"
    )
    html = anon_client.get("/organizations/idea-partnership/").content.decode()
    assert "<h1>IDEA Partnership</h1>" in html
    assert "<strong>stakeholders</strong>" in html
    assert '<a href="https://ideapartnership.example/" rel="nofollow ugc noopener">' in html
    assert "Dana Whitfield" in html and "Parent mentor" in html


def test_organization_page_leaves_out_unconfirmed_people(anon_client, idea):
    AffiliationFactory(
        organization=idea, user=UserFactory(display_name="Squatter Name", email_verified_at=None)
    )
    assert "Squatter Name" not in anon_client.get("/organizations/idea-partnership/").content.decode()


def test_unknown_organization_is_not_found(anon_client):
    assert anon_client.get("/organizations/nope/").status_code == 404


@pytest.fixture
def org_with_hidden_community(idea):
    person = UserFactory()
    AffiliationFactory(organization=idea, user=person)
    MembershipFactory(community=CommunityFactory(name="Open Circle"), user=person)
    hidden = CommunityFactory(name="Secret Working Group", visibility=Visibility.HIDDEN)
    MembershipFactory(community=hidden, user=person)
    return hidden


def test_organization_page_lists_its_peoples_communities_but_never_a_hidden_one_to_outsiders(
    anon_client, outsider_client, org_with_hidden_community
):
    for client in (anon_client, outsider_client):
        html = client.get("/organizations/idea-partnership/").content.decode()
        assert "Open Circle" in html
        assert "Secret Working Group" not in html


def test_organization_page_shows_a_hidden_community_to_its_members(client_for, org_with_hidden_community):
    fellow = UserFactory()
    MembershipFactory(community=org_with_hidden_community, user=fellow)
    assert (
        "Secret Working Group" in client_for(fellow).get("/organizations/idea-partnership/").content.decode()
    )


def test_organization_page_leaves_out_communities_people_left(anon_client, idea):
    person = UserFactory()
    AffiliationFactory(organization=idea, user=person)
    MembershipFactory(
        community=CommunityFactory(name="Former Group"), user=person, state=MembershipState.LEFT
    )
    assert "Former Group" not in anon_client.get("/organizations/idea-partnership/").content.decode()


# --- creating organizations -------------------------------------------------------------------------------

NEW = "/organizations/new/"
NEW_ORG = {
    "name": "Carolina Family Network",
    "kind": OrganizationKind.FAMILY,
    "state": "NC",
    "website": "carolinafamilies.example",
    "description": "Families helping families.",
    "add_me": "on",
    "my_title": "Parent mentor",
}


def test_verified_person_creates_an_organization_and_joins_it(outsider_client, outsider):
    response = outsider_client.post(NEW, NEW_ORG)
    org = Organization.objects.get(name="Carolina Family Network")
    assert response.status_code == 302
    assert response.url == "/organizations/carolina-family-network/"
    assert org.website == "https://carolinafamilies.example"
    assert org.created_by == outsider
    assert Affiliation.objects.get(user=outsider, organization=org).title == "Parent mentor"


def test_creating_without_joining_adds_no_affiliation(outsider_client, outsider):
    outsider_client.post(NEW, {**NEW_ORG, "add_me": ""})
    assert Organization.objects.filter(name="Carolina Family Network").exists()
    assert not Affiliation.objects.exists()


def test_same_name_in_other_letter_case_is_refused_with_a_clear_message(outsider_client, idea):
    response = outsider_client.post(NEW, {**NEW_ORG, "name": "  idea   PARTNERSHIP "})
    html = response.content.decode()
    assert "An organization called “idea PARTNERSHIP” is already listed." in html
    assert Organization.objects.count() == 1
    assert not Affiliation.objects.exists()


def test_service_refuses_a_duplicate_name_too(outsider, idea):
    with pytest.raises(Exception, match="already listed"):
        organization_create(actor=outsider, name="Idea partnership", kind=OrganizationKind.OTHER)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"website": "javascript:alert(1)"}, "Enter a web address like https://example.org."),
        ({"website": "ftp://files.example.org"}, "Enter a web address like https://example.org."),
        ({"kind": ""}, "Choose the kind of organization."),
        ({"name": ""}, "Enter the organization&#x27;s name."),
        ({"name": "N" * 201}, "Keep this under 200 characters."),
        ({"my_title": "T" * 161}, "Keep this under 160 characters."),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(outsider_client, changes, message):
    response = outsider_client.post(NEW, {**NEW_ORG, **changes})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Organization.objects.exists()
    assert not Affiliation.objects.exists()


def test_unconfirmed_people_cannot_create_organizations(client_for, unverified):
    client = client_for(unverified)
    assert client.get(NEW).status_code == 403
    response = client.post(NEW, NEW_ORG)
    assert response.status_code == 403
    assert "Confirm your email address" in response.content.decode()
    assert not Organization.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in_to_create(anon_client):
    response = anon_client.post(NEW, NEW_ORG)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/signin/")
    assert not Organization.objects.exists()


def test_directory_offers_creation_only_to_verified_people(
    anon_client, outsider_client, client_for, unverified
):
    assert "/organizations/new/" not in anon_client.get("/organizations/").content.decode()
    assert "/organizations/new/" not in client_for(unverified).get("/organizations/").content.decode()
    assert "/organizations/new/" in outsider_client.get("/organizations/").content.decode()


# --- affiliations ---------------------------------------------------------------------------------------

AFFILIATIONS = "/accounts/settings/affiliations/"


def test_person_adds_an_organization_with_a_title(outsider_client, outsider, idea):
    response = outsider_client.post(
        AFFILIATIONS, {"organization": idea.pk, "title": "Parent mentor"}, follow=True
    )
    assert "IDEA Partnership is now on your profile." in response.content.decode()
    assert Affiliation.objects.get(user=outsider).title == "Parent mentor"
    assert "Parent mentor" in outsider_client.get(f"/people/{outsider.username}/").content.decode()


def test_an_organization_already_on_the_profile_is_not_offered_or_added_twice(
    outsider_client, outsider, idea
):
    AffiliationFactory(user=outsider, organization=idea)
    page = outsider_client.get(AFFILIATIONS).content.decode()
    assert f'<option value="{idea.pk}"' not in page
    response = outsider_client.post(AFFILIATIONS, {"organization": idea.pk, "title": ""})
    assert "Choose an organization from the list." in response.content.decode()
    assert Affiliation.objects.filter(user=outsider).count() == 1
    with pytest.raises(Exception, match="already on your profile"):
        affiliation_add(actor=outsider, user=outsider, organization=idea)


def test_an_over_long_title_is_refused(outsider_client, outsider, idea):
    response = outsider_client.post(AFFILIATIONS, {"organization": idea.pk, "title": "T" * 161})
    assert "Keep this under 160 characters." in response.content.decode()
    assert not Affiliation.objects.exists()


def test_person_removes_an_organization(outsider_client, outsider, idea):
    affiliation = AffiliationFactory(user=outsider, organization=idea)
    assert outsider_client.get(f"{AFFILIATIONS}{affiliation.pk}/remove/").status_code == 405
    response = outsider_client.post(f"{AFFILIATIONS}{affiliation.pk}/remove/")
    assert response.status_code == 302
    assert not Affiliation.objects.exists()


def test_nobody_removes_someone_elses_affiliation(outsider_client, member, idea):
    affiliation = AffiliationFactory(user=member, organization=idea)
    assert outsider_client.post(f"{AFFILIATIONS}{affiliation.pk}/remove/").status_code == 404
    assert Affiliation.objects.filter(pk=affiliation.pk).exists()
    with pytest.raises(PermissionDenied):
        affiliation_add(actor=UserFactory(), user=member, organization=OrganizationFactory())


def test_unconfirmed_people_cannot_add_affiliations(client_for, unverified, idea):
    client = client_for(unverified)
    page = client.get(AFFILIATIONS).content.decode()
    assert "Confirm your email address to add organizations." in page
    assert client.post(AFFILIATIONS, {"organization": idea.pk}).status_code == 403
    assert not Affiliation.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in_for_affiliations(anon_client, idea):
    assert anon_client.post(AFFILIATIONS, {"organization": idea.pk}).status_code == 302
    assert not Affiliation.objects.exists()
