"""Profile pages and pictures: public, but a hidden community never shows to someone outside it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sharedwork.accounts.services import avatar_set
from sharedwork.communities.models import MembershipState, Visibility
from sharedwork.tests.factories import AffiliationFactory, CommunityFactory, MembershipFactory, UserFactory

from .helpers import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(db):
    return UserFactory(
        username="dana",
        email="dana@example.org",
        display_name="Dana Whitfield",
        title="Family engagement specialist",
        stakeholder_role="family",
        state="NC",
        bio="I care about **school mental health**.\n\n<script>alert(1)</script>",
    )


@pytest.fixture
def hidden(person):
    community = CommunityFactory(name="Secret Working Group", slug="secret", visibility=Visibility.HIDDEN)
    MembershipFactory(community=community, user=person)
    return community


def test_profile_shows_who_the_person_is_and_nothing_private(anon_client, person):
    AffiliationFactory(user=person, organization__name="IDEA Partnership", title="Parent mentor")
    html = anon_client.get("/people/dana/").content.decode()
    assert "<h1>Dana Whitfield</h1>" in html
    assert "Family engagement specialist" in html
    assert "Family member" in html
    assert "North Carolina" in html
    assert "IDEA Partnership" in html and "Parent mentor" in html
    assert "<strong>school mental health</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert "dana@example.org" not in html


def test_profile_lists_public_and_listed_communities_to_everyone(anon_client, person):
    public = CommunityFactory(name="Public Group")
    listed = CommunityFactory(name="Listed Group", visibility=Visibility.LISTED)
    for community in (public, listed):
        MembershipFactory(community=community, user=person)
    html = anon_client.get("/people/dana/").content.decode()
    assert "Public Group" in html and "Listed Group" in html


def test_hidden_community_is_not_shown_to_anonymous_visitors(anon_client, person, hidden):
    assert "Secret Working Group" not in anon_client.get("/people/dana/").content.decode()


def test_hidden_community_is_not_shown_to_signed_in_outsiders(outsider_client, person, hidden):
    assert "Secret Working Group" not in outsider_client.get("/people/dana/").content.decode()


def test_hidden_community_is_not_shown_to_people_who_left_or_were_invited(client_for, person, hidden):
    for state in (
        MembershipState.LEFT,
        MembershipState.INVITED,
        MembershipState.REQUESTED,
        MembershipState.BANNED,
    ):
        viewer = UserFactory()
        MembershipFactory(community=hidden, user=viewer, state=state)
        assert "Secret Working Group" not in client_for(viewer).get("/people/dana/").content.decode()


def test_hidden_community_is_shown_to_its_members(client_for, person, hidden):
    fellow = UserFactory()
    MembershipFactory(community=hidden, user=fellow)
    assert "Secret Working Group" in client_for(fellow).get("/people/dana/").content.decode()


def test_hidden_community_is_shown_to_the_person_themselves_and_site_admins(
    client_for, person, hidden, site_admin
):
    assert "Secret Working Group" in client_for(person).get("/people/dana/").content.decode()
    assert "Secret Working Group" in client_for(site_admin).get("/people/dana/").content.decode()


def test_communities_the_person_left_are_not_listed(anon_client, person):
    MembershipFactory(community=CommunityFactory(name="Old Group"), user=person, state=MembershipState.LEFT)
    assert "Old Group" not in anon_client.get("/people/dana/").content.decode()


def test_unknown_person_is_not_found(anon_client):
    assert anon_client.get("/people/nobody/").status_code == 404


def test_inactive_person_is_not_found(anon_client):
    UserFactory(username="gone", is_active=False)
    assert anon_client.get("/people/gone/").status_code == 404


def test_an_unconfirmed_persons_profile_shows_only_to_them_and_site_admins(
    anon_client, client_for, site_admin
):
    newcomer = UserFactory(username="newcomer", email_verified_at=None)
    assert anon_client.get("/people/newcomer/").status_code == 404
    assert client_for(UserFactory()).get("/people/newcomer/").status_code == 404
    assert client_for(newcomer).get("/people/newcomer/").status_code == 200
    assert client_for(site_admin).get("/people/newcomer/").status_code == 200


def test_own_profile_links_to_settings(client_for, person, anon_client):
    assert "Edit your profile" in client_for(person).get("/people/dana/").content.decode()
    assert "Edit your profile" not in anon_client.get("/people/dana/").content.decode()


# --- pictures ---------------------------------------------------------------------------------------


def test_picture_is_served_with_safe_headers(anon_client, person):
    avatar_set(actor=person, user=person, upload=upload())
    html = anon_client.get("/people/dana/").content.decode()
    assert 'src="/people/dana/avatar/?v=' in html
    assert "/media/" not in html
    response = anon_client.get("/people/dana/avatar/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=86400"
    assert response["ETag"]
    assert b"".join(response.streaming_content)[:4] == b"RIFF"


def test_picture_answers_not_modified_to_a_matching_etag(anon_client, person):
    avatar_set(actor=person, user=person, upload=upload())
    etag = anon_client.get("/people/dana/avatar/")["ETag"]
    response = anon_client.get("/people/dana/avatar/", headers={"If-None-Match": etag})
    assert response.status_code == 304


def test_no_picture_is_not_found(anon_client, person):
    assert anon_client.get("/people/dana/avatar/").status_code == 404


def test_an_unconfirmed_persons_picture_is_private(anon_client, client_for):
    newcomer = UserFactory(username="newcomer", email_verified_at=None)
    avatar_set(actor=newcomer, user=newcomer, upload=upload())
    assert anon_client.get("/people/newcomer/avatar/").status_code == 404
    own = client_for(newcomer).get("/people/newcomer/avatar/")
    assert own.status_code == 200
    assert own["Cache-Control"].startswith("private")


def test_a_missing_file_is_not_found(anon_client, person):
    type(person).objects.filter(pk=person.pk).update(avatar="avatars/1/missing.webp")
    assert anon_client.get("/people/dana/avatar/").status_code == 404


# --- queries do not grow with data ---------------------------------------------------------------------


def _profile_with(size):
    person = UserFactory()
    for n in range(size):
        community = CommunityFactory(visibility=Visibility.HIDDEN if n % 3 == 0 else Visibility.PUBLIC)
        MembershipFactory(community=community, user=person)
        AffiliationFactory(user=person)
    return person


@pytest.mark.parametrize("size", [3, 30])
def test_profile_page_query_count_does_not_grow(client_for, django_assert_num_queries, size):
    person = _profile_with(size)
    viewer_client = client_for(UserFactory())
    viewer_client.get(f"/people/{person.username}/")  # warm the session cache
    # session user, person, affiliations with organizations, communities
    with django_assert_num_queries(4):
        response = viewer_client.get(f"/people/{person.username}/")
    assert response.status_code == 200
    assert response.content.decode().count('<span class="tag">National</span>') == size - (size + 2) // 3


def test_profile_page_query_count_is_the_same_for_anonymous_visitors_at_both_sizes(anon_client):
    counts = []
    for size in (3, 30):
        person = _profile_with(size)
        with CaptureQueriesContext(connection) as queries:
            anon_client.get(f"/people/{person.username}/")
        counts.append(len(queries))
    assert counts[0] == counts[1] == 3
