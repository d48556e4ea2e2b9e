"""``/c/<slug>/manage/members/`` (the list), ``/manage/members/<id>/`` (one membership and its actions)
and ``/manage/ownership/`` (handing ownership on)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sharedwork.activity.models import ActivityEvent
from sharedwork.communities.models import Membership, MembershipState, Role
from sharedwork.tests.factories import CommunityFactory, MembershipFactory, UserFactory

URL = "/c/sbh/manage/members/"


def _membership(community, user):
    return Membership.objects.get(community=community, user=user)


def _member_url(community, user):
    return f"{URL}{_membership(community, user).pk}/"


# --- the list ------------------------------------------------------------------------------------


def test_list_shows_active_members_with_their_roles(moderator_client, community, owner, moderator, member):
    content = moderator_client.get(URL).content.decode()
    for person in (owner, moderator, member):
        assert person.display_name in content
    assert "3 people match" in content


def test_list_is_filtered_by_role(moderator_client, community, owner, moderator, member):
    content = moderator_client.get(URL, {"role": "moderator"}).content.decode()
    assert moderator.display_name in content
    assert member.display_name not in content


def test_banned_people_are_found_with_the_state_filter(moderator_client, community, member):
    banned = MembershipFactory(community=community, state=MembershipState.BANNED).user
    assert banned.display_name not in moderator_client.get(URL).content.decode()
    content = moderator_client.get(URL, {"state": "banned"}).content.decode()
    assert banned.display_name in content
    assert member.display_name not in content
    assert "Lift the ban" in content


def test_list_is_searchable_by_name(moderator_client, community, member):
    found = MembershipFactory(community=community, user=UserFactory(display_name="Rosa Parkinson")).user
    content = moderator_client.get(URL, {"q": "parkin"}).content.decode()
    assert found.display_name in content
    assert member.display_name not in content


def test_nonsense_filters_are_ignored(moderator_client, community, member):
    response = moderator_client.get(URL, {"state": "sleeping", "role": "king"})
    assert response.status_code == 200
    assert member.display_name in response.content.decode()


def test_owner_sees_role_controls_and_moderator_does_not(owner_client, moderator_client, community, member):
    assert "Change role" in owner_client.get(URL).content.decode()
    assert "Change role" not in moderator_client.get(URL).content.decode()


def _seed_members(community, count):
    for _ in range(count):
        MembershipFactory(community=community)
    MembershipFactory(community=community, state=MembershipState.BANNED)


def test_members_page_query_count_does_not_grow_with_the_number_of_members(owner_client, community, owner):
    _seed_members(community, 3)
    owner_client.get(URL)  # warm up sessions and caches
    with CaptureQueriesContext(connection) as small:
        assert owner_client.get(URL).status_code == 200
    _seed_members(community, 25)
    with CaptureQueriesContext(connection) as large:
        assert owner_client.get(URL).status_code == 200
    assert len(small) == len(large)
    # the person, the community, their membership, the count and the page of memberships, the open
    # requests (sub-navigation), the tools (community navigation), the owners (may they leave?)
    assert len(large) == 8


# --- actions on one membership -------------------------------------------------------------------


def test_member_page_shows_the_person_and_their_history(moderator_client, moderator, community, member):
    ActivityEvent.objects.create(
        community=community,
        actor=member,
        subject=member,
        verb="member.joined",
        created_at="2026-01-02T10:00Z",
    )
    content = moderator_client.get(_member_url(community, member)).content.decode()
    assert member.display_name in content
    assert "joined" in content


def test_owner_makes_a_member_a_moderator(owner_client, community, member):
    response = owner_client.post(_member_url(community, member), {"op": "role", "role": "moderator"})
    assert response.status_code == 302
    assert _membership(community, member).role == Role.MODERATOR
    assert ActivityEvent.objects.filter(verb="member.role_changed", subject=member).exists()


def test_moderator_cannot_change_roles(moderator_client, community, member):
    response = moderator_client.post(
        _member_url(community, member), {"op": "role", "role": "moderator"}, follow=True
    )
    assert "Only owners change roles." in response.content.decode()
    assert _membership(community, member).role == Role.MEMBER


def test_nobody_is_made_owner_through_the_role_form(owner_client, community, member):
    response = owner_client.post(_member_url(community, member), {"op": "role", "role": "owner"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert _membership(community, member).role == Role.MEMBER


def test_moderator_removes_a_member(moderator_client, community, member):
    response = moderator_client.post(
        _member_url(community, member), {"op": "remove", "next": f"{URL}?role=member"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?role=member"
    assert _membership(community, member).state == MembershipState.REMOVED


def test_moderator_cannot_remove_another_moderator_or_the_owner(moderator_client, community, owner):
    other = MembershipFactory(community=community, role=Role.MODERATOR).user
    for person in (other, owner):
        moderator_client.post(_member_url(community, person), {"op": "remove"})
        assert _membership(community, person).state == MembershipState.ACTIVE


def test_moderator_bans_a_member_with_a_reason(moderator_client, community, member):
    response = moderator_client.post(_member_url(community, member), {"op": "ban", "reason": "Spam links"})
    assert response.status_code == 302
    assert _membership(community, member).state == MembershipState.BANNED
    event = ActivityEvent.objects.get(verb="member.banned")
    assert event.data == {"reason": "Spam links"}


def test_ban_without_a_reason_is_refused(moderator_client, community, member):
    response = moderator_client.post(_member_url(community, member), {"op": "ban", "reason": "  "})
    assert response.status_code == 400
    assert "Say why you ban this person" in response.content.decode()
    assert _membership(community, member).state == MembershipState.ACTIVE


def test_moderator_lifts_a_ban(moderator_client, community):
    banned = MembershipFactory(community=community, state=MembershipState.BANNED).user
    moderator_client.post(_member_url(community, banned), {"op": "unban"})
    assert _membership(community, banned).state == MembershipState.REMOVED


def test_an_unknown_action_changes_nothing(moderator_client, community, member):
    response = moderator_client.post(_member_url(community, member), {"op": "promote"}, follow=True)
    assert "Choose what to do" in response.content.decode()
    assert _membership(community, member).state == MembershipState.ACTIVE


def test_next_outside_the_members_list_is_ignored(moderator_client, community, member):
    response = moderator_client.post(
        _member_url(community, member), {"op": "remove", "next": "https://evil.example/"}
    )
    assert response["Location"] == _member_url(community, member)


def test_membership_of_another_community_answers_404(moderator_client, community):
    elsewhere = MembershipFactory(community=CommunityFactory())
    assert moderator_client.get(f"{URL}{elsewhere.pk}/").status_code == 404
    assert moderator_client.post(f"{URL}{elsewhere.pk}/", {"op": "remove"}).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.state == MembershipState.ACTIVE


@pytest.mark.parametrize("who", ["member_client", "outsider_client", "anon_client"])
def test_member_actions_answer_404_to_non_moderators(request, community, member, who):
    client = request.getfixturevalue(who)
    url = _member_url(community, member)
    assert client.get(url).status_code == 404
    assert client.post(url, {"op": "remove"}).status_code == 404
    assert _membership(community, member).state == MembershipState.ACTIVE


def test_site_admin_may_ban(admin_client_, community, member):
    admin_client_.post(_member_url(community, member), {"op": "ban", "reason": "Abuse report"})
    assert _membership(community, member).state == MembershipState.BANNED


# --- ownership -----------------------------------------------------------------------------------

OWNERSHIP = "/c/sbh/manage/ownership/"


def test_owner_hands_ownership_to_a_member_and_becomes_moderator(owner_client, community, owner, member):
    response = owner_client.post(OWNERSHIP, {"new_owner": _membership(community, member).pk, "confirm": "on"})
    assert response.status_code == 302
    assert _membership(community, member).role == Role.OWNER
    assert _membership(community, owner).role == Role.MODERATOR


def test_owner_may_stay_an_owner_too(owner_client, community, owner, member):
    owner_client.post(
        OWNERSHIP, {"new_owner": _membership(community, member).pk, "confirm": "on", "stay_owner": "on"}
    )
    assert _membership(community, member).role == Role.OWNER
    assert _membership(community, owner).role == Role.OWNER


def test_handover_needs_confirmation(owner_client, community, owner, member):
    response = owner_client.post(OWNERSHIP, {"new_owner": _membership(community, member).pk})
    assert response.status_code == 400
    assert "Tick the box to confirm the handover." in response.content.decode()
    assert _membership(community, member).role == Role.MEMBER


def test_ownership_cannot_go_to_someone_who_is_not_an_active_member(owner_client, community, owner):
    left = MembershipFactory(community=community, state=MembershipState.LEFT)
    response = owner_client.post(OWNERSHIP, {"new_owner": left.pk, "confirm": "on"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    left.refresh_from_db()
    assert left.role == Role.MEMBER


@pytest.mark.parametrize("who", ["moderator_client", "member_client", "outsider_client", "anon_client"])
def test_ownership_page_answers_404_to_everyone_but_owners(request, community, owner, member, who):
    client = request.getfixturevalue(who)
    assert client.get(OWNERSHIP).status_code == 404
    client.post(OWNERSHIP, {"new_owner": _membership(community, member).pk, "confirm": "on"})
    assert _membership(community, member).role == Role.MEMBER


def test_ownership_link_shows_only_to_owners(owner_client, moderator_client, community):
    assert OWNERSHIP in owner_client.get(URL).content.decode()
    assert OWNERSHIP not in moderator_client.get(URL).content.decode()
