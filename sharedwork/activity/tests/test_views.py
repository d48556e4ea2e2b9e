"""The start page and a community's Recent activities: each viewer sees exactly what they may see."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sharedwork.activity.models import EventVisibility
from sharedwork.communities.models import Invitation, JoinPolicy, MembershipState, Visibility
from sharedwork.tests.factories import CommunityFactory, MembershipFactory, UserFactory

from .helpers import minutes, record

pytestmark = pytest.mark.django_db
MODS = EventVisibility.MODERATORS


def text(response):
    return response.content.decode()


@pytest.fixture
def listed(db):
    return CommunityFactory(name="Listed Policy Circle", slug="listed", visibility=Visibility.LISTED)


@pytest.fixture
def hidden(db):
    return CommunityFactory(
        name="Hidden Planning Team",
        slug="hidden",
        visibility=Visibility.HIDDEN,
        join_policy=JoinPolicy.INVITATION,
    )


# --- the start page, for visitors --------------------------------------------------------------


def test_visitors_get_a_landing_page_that_explains_sharedwork(anon_client):
    page = text(anon_client.get("/"))
    assert "<h1" in page and page.count("<h1") == 1
    for question in (
        "Who cares about this issue and why?",
        "What work is underway separately?",
        "What shared work could unite us?",
        "How can we deepen our connections?",
    ):
        assert question in page
    for part in ("Coalescing around issues", "Ensuring relevant participation", "Doing work together",
                 "Leading by convening"):  # fmt: skip
        assert part in page
    assert (
        'href="/communities/"' in page
        and 'href="/help/users/"' in page
        and 'href="/help/moderators/"' in page
    )
    assert 'rel="alternate" type="application/atom+xml"' in page


def test_visitors_see_only_public_non_moderator_activity(anon_client, community, member, listed, hidden):
    other = UserFactory(display_name="Listed Person")
    record(community, member, "member.joined")
    record(community, member, "member.banned", subject=other, visibility=MODS)
    record(listed, other, "member.joined")
    record(hidden, other, "member.joined")
    page = text(anon_client.get("/"))
    assert f"{member.display_name}</a> joined" in page
    assert "banned" not in page
    assert "Listed Policy Circle" not in page and "Hidden Planning Team" not in page


def test_visitors_do_not_learn_of_a_hidden_group_from_its_parents_activity(
    anon_client, community, member, hidden
):
    hidden.parent = community
    hidden.save()
    record(community, member, "community.child_created", target=hidden)
    assert "Hidden Planning Team" not in text(anon_client.get("/"))
    assert "Hidden Planning Team" not in text(anon_client.get(f"/c/{community.slug}/activity/"))


# --- the start page, signed in ---------------------------------------------------------------


def test_signed_in_home_shows_my_communities_and_their_activity_only(member_client, member, community):
    elsewhere = CommunityFactory(name="Somewhere Else")
    stranger = UserFactory(display_name="Stranger Danger")
    record(community, member, "member.joined")
    record(elsewhere, stranger, "member.joined")
    page = text(member_client.get("/"))
    assert f"Hello, {member.display_name}" in page
    assert f'href="/c/{community.slug}/">{community.name}</a>' in page
    assert f"{member.display_name}</a> joined" in page
    assert "Stranger Danger" not in page


def test_signed_in_home_lists_my_hidden_community_but_not_others(client_for, hidden):
    insider = MembershipFactory(community=hidden).user
    outsider = UserFactory()
    record(hidden, insider, "member.joined")
    assert "Hidden Planning Team" in text(client_for(insider).get("/"))
    assert "Hidden Planning Team" not in text(client_for(outsider).get("/"))


def test_members_do_not_see_moderator_only_events_but_moderators_do(
    member_client, moderator_client, community, member, moderator
):
    victim = UserFactory(display_name="Removed Person")
    record(community, moderator, "member.removed", subject=victim, visibility=MODS)
    assert "Removed Person" not in text(member_client.get("/"))
    assert "Removed Person" in text(moderator_client.get("/"))


def test_home_shows_my_open_invitations(client_for, hidden, owner):
    invitee = UserFactory(email="invitee@example.org")
    Invitation.objects.create(
        community=hidden, email=invitee.email, token_hash="a" * 64, invited_by=owner,
        expires_at=timezone.now() + timedelta(days=14),
    )  # fmt: skip
    Invitation.objects.create(
        community=hidden, email=invitee.email, token_hash="b" * 64, invited_by=owner,
        expires_at=timezone.now() - timedelta(days=1),
    )  # fmt: skip
    page = text(client_for(invitee).get("/"))
    assert "Invitations waiting for you" in page
    # Only the open invitation is listed; the hidden community is named but not linked, since its
    # pages stay closed to the invitee until they accept.
    assert page.count("<strong>Hidden Planning Team</strong>") == 1
    assert "Hidden Planning Team</a>" not in page
    assert page.count('value="accept"') == 1
    assert f"{owner.display_name} invited you" in page


def test_home_without_communities_points_to_the_directory(outsider_client):
    page = text(outsider_client.get("/"))
    assert "You are not a member of any community yet." in page
    assert "Invitations waiting for you" not in page


def test_home_activity_is_paginated_with_older_links(member_client, member, community):
    for i in range(30):
        record(community, member, "member.joined", ago=minutes(i))
    first = member_client.get("/")
    assert len(first.context["events"]) == 25
    older = first.context["page"].older_cursor
    assert f"?before={older}" in text(first)
    second = member_client.get("/", {"before": older})
    assert len(second.context["events"]) == 5
    assert "Newest activities" in text(second)
    assert not {e.pk for e in first.context["events"]} & {e.pk for e in second.context["events"]}


def test_home_ignores_a_malformed_cursor(member_client, member, community):
    record(community, member)
    assert member_client.get("/", {"before": "not-a-cursor"}).status_code == 200


# --- /c/<slug>/activity/ ---------------------------------------------------------------------


def test_public_community_activity_is_open_to_everyone(anon_client, outsider_client, community, member):
    record(community, member, "member.joined")
    for client in (anon_client, outsider_client):
        response = client.get(f"/c/{community.slug}/activity/")
        assert response.status_code == 200
        page = text(response)
        assert "<h1>Recent activities</h1>" in page
        assert f"{member.display_name}</a> joined" in page
        assert 'aria-current="page">Recent activities' in page
        assert f'href="/c/{community.slug}/activity/feed/"' in page


@pytest.mark.parametrize("visibility", [Visibility.LISTED, Visibility.HIDDEN])
def test_private_community_activity_is_404_for_outsiders_and_visitors(
    visibility, anon_client, outsider_client, client_for
):
    private = CommunityFactory(visibility=visibility)
    insider = MembershipFactory(community=private).user
    record(private, insider, "member.joined")
    assert anon_client.get(f"/c/{private.slug}/activity/").status_code == 404
    assert outsider_client.get(f"/c/{private.slug}/activity/").status_code == 404
    response = client_for(insider).get(f"/c/{private.slug}/activity/")
    assert response.status_code == 200
    assert 'type="application/atom+xml"' not in text(response), "private communities have no feed"


@pytest.mark.parametrize(
    "state", [MembershipState.REQUESTED, MembershipState.INVITED, MembershipState.BANNED]
)
def test_people_who_are_not_active_members_cannot_read_listed_activity(state, client_for, listed):
    person = MembershipFactory(community=listed, state=state).user
    assert client_for(person).get(f"/c/{listed.slug}/activity/").status_code == 404


def test_site_admin_reads_any_activity(admin_client_, hidden):
    assert admin_client_.get(f"/c/{hidden.slug}/activity/").status_code == 200


def test_unknown_community_activity_is_404(anon_client):
    assert anon_client.get("/c/no-such-community/activity/").status_code == 404


def test_community_activity_hides_moderator_events_from_members(
    member_client, moderator_client, owner_client, community, moderator
):
    victim = UserFactory(display_name="Banned Person")
    record(community, moderator, "member.banned", subject=victim, visibility=MODS)
    url = f"/c/{community.slug}/activity/"
    assert "Banned Person" not in text(member_client.get(url))
    assert "Banned Person" in text(moderator_client.get(url))
    assert "Banned Person" in text(owner_client.get(url))


def test_community_activity_includes_visible_children_when_the_community_asks(
    member_client, member, community, client_for
):
    group = CommunityFactory(name="Open Group", parent=community)
    secret = CommunityFactory(name="Secret Group", parent=community, visibility=Visibility.HIDDEN)
    record(group, member, "community.settings_changed")
    record(secret, UserFactory(), "community.settings_changed")
    url = f"/c/{community.slug}/activity/"
    assert "Open Group" not in text(member_client.get(url))
    community.include_children_activity = True
    community.save()
    page = text(member_client.get(url))
    assert "Open Group" in page
    assert "Secret Group" not in page
    secret_member = MembershipFactory(community=secret).user
    MembershipFactory(community=community, user=secret_member)
    assert "Secret Group" in text(client_for(secret_member).get(url))


def test_community_activity_is_paginated(anon_client, community, member):
    for i in range(27):
        record(community, member, "member.joined", ago=minutes(i))
    first = anon_client.get(f"/c/{community.slug}/activity/")
    assert len(first.context["events"]) == 25
    second = anon_client.get(f"/c/{community.slug}/activity/", {"before": first.context["page"].older_cursor})
    assert len(second.context["events"]) == 2
    assert second.context["page"].older_cursor is None


def test_community_activity_renders_inside_the_community_frame(member_client, community):
    page = text(member_client.get(f"/c/{community.slug}/activity/"))
    assert 'class="community-nav"' in page
    assert page.count("<h1") == 1
