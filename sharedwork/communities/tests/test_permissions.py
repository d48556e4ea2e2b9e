"""The permission policy and the selectors that apply it: who may see, join and act on a community."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from sharedwork.communities.models import JoinPolicy, Membership, MembershipState, Role, Visibility
from sharedwork.communities.permissions import can, forget_memberships, prime_memberships
from sharedwork.communities.selectors import (
    children_visible_to,
    communities_of_member,
    communities_visible_to,
    communities_with_content_visible_to,
    get_community_content_for,
    get_community_for,
    get_community_managed_by,
    members_of,
)
from sharedwork.tests.factories import (
    AffiliationFactory,
    CommunityFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)

ACTORS = [
    "anonymous",
    "outsider",
    "requested",
    "invited",
    "member",
    "moderator",
    "owner",
    "site_admin",
    "banned",
]


@pytest.fixture
def people(db):
    """One community per visibility, and a person in every standing in each of them."""

    def build(visibility, join_policy=JoinPolicy.OPEN):
        community = CommunityFactory(visibility=visibility, join_policy=join_policy)
        actors = {
            "anonymous": AnonymousUser(),
            "outsider": UserFactory(),
            "site_admin": UserFactory(is_superuser=True),
        }
        standings = {
            "requested": (Role.MEMBER, MembershipState.REQUESTED),
            "invited": (Role.MEMBER, MembershipState.INVITED),
            "member": (Role.MEMBER, MembershipState.ACTIVE),
            "moderator": (Role.MODERATOR, MembershipState.ACTIVE),
            "owner": (Role.OWNER, MembershipState.ACTIVE),
            "banned": (Role.MEMBER, MembershipState.BANNED),
        }
        for name, (role, state) in standings.items():
            actors[name] = MembershipFactory(community=community, role=role, state=state).user
        return community, actors

    return build


# Who may know the community exists (view) and who may read its content (view_content).
EXPECTED_VIEW = {
    Visibility.PUBLIC: set(ACTORS),
    Visibility.LISTED: set(ACTORS),
    Visibility.HIDDEN: {"member", "moderator", "owner", "site_admin"},
}
EXPECTED_CONTENT = {
    Visibility.PUBLIC: set(ACTORS),
    Visibility.LISTED: {"member", "moderator", "owner", "site_admin"},
    Visibility.HIDDEN: {"member", "moderator", "owner", "site_admin"},
}


@pytest.mark.parametrize("visibility", list(Visibility))
def test_who_may_see_a_community_and_its_content(people, visibility):
    community, actors = people(visibility)
    assert {name for name in ACTORS if can(actors[name], "community.view", community)} == EXPECTED_VIEW[
        visibility
    ]
    assert {
        name for name in ACTORS if can(actors[name], "community.view_content", community)
    } == EXPECTED_CONTENT[visibility]


@pytest.mark.parametrize("visibility", list(Visibility))
def test_the_directory_selector_agrees_with_the_policy(people, visibility):
    community, actors = people(visibility)
    for name in ACTORS:
        listed = communities_visible_to(actors[name]).filter(pk=community.pk).exists()
        assert listed is (name in EXPECTED_VIEW[visibility]), name
        readable = communities_with_content_visible_to(actors[name]).filter(pk=community.pk).exists()
        assert readable is (name in EXPECTED_CONTENT[visibility]), name


def test_a_hidden_community_answers_404_to_non_members_exactly_like_one_that_does_not_exist(people):
    community, actors = people(Visibility.HIDDEN)
    for name in ("anonymous", "outsider", "requested", "invited", "banned"):
        with pytest.raises(Http404):
            get_community_for(actors[name], community.slug)
    with pytest.raises(Http404):
        get_community_for(actors["outsider"], "no-such-community")
    assert get_community_for(actors["member"], community.slug) == community


def test_a_listed_community_shows_itself_but_not_its_content_to_outsiders(people):
    community, actors = people(Visibility.LISTED)
    assert get_community_for(actors["outsider"], community.slug) == community
    with pytest.raises(Http404):
        get_community_content_for(actors["outsider"], community.slug)
    assert get_community_content_for(actors["member"], community.slug) == community


def test_moderator_pages_answer_404_to_members(people):
    community, actors = people(Visibility.PUBLIC)
    with pytest.raises(Http404):
        get_community_managed_by(actors["member"], community.slug)
    assert get_community_managed_by(actors["moderator"], community.slug) == community


@pytest.mark.parametrize(
    ("join_policy", "may_join", "may_request"),
    [
        # The site admin of these fixtures is not a member, so joins like anyone else.
        (JoinPolicy.OPEN, {"outsider", "invited", "site_admin"}, set()),
        (JoinPolicy.REQUEST, set(), {"outsider", "invited", "site_admin"}),
        (JoinPolicy.INVITATION, set(), set()),
    ],
)
def test_who_may_join_or_ask_to_join(people, join_policy, may_join, may_request):
    community, actors = people(Visibility.PUBLIC, join_policy)
    assert {name for name in ACTORS if can(actors[name], "community.join", community)} == may_join
    assert {name for name in ACTORS if can(actors[name], "community.request_join", community)} == may_request


def test_unverified_people_may_neither_join_nor_ask(db):
    unverified = UserFactory(email_verified_at=None)
    assert not can(unverified, "community.join", CommunityFactory(join_policy=JoinPolicy.OPEN))
    assert not can(unverified, "community.request_join", CommunityFactory(join_policy=JoinPolicy.REQUEST))
    assert not can(unverified, "site.create_community")


def test_only_active_members_participate_and_only_when_verified(people):
    community, actors = people(Visibility.PUBLIC)
    allowed = {name for name in ACTORS if can(actors[name], "community.participate", community)}
    assert allowed == {"member", "moderator", "owner"}
    unverified_member = MembershipFactory(community=community, user=UserFactory(email_verified_at=None)).user
    assert not can(unverified_member, "community.participate", community)


def test_an_archived_community_refuses_every_write_but_stays_readable(people):
    community, actors = people(Visibility.PUBLIC)
    community.is_archived = True
    community.save()
    for action in ("community.participate", "community.join", "community.invite", "community.create_child"):
        assert not any(can(actors[name], action, community) for name in ACTORS), action
    assert can(actors["anonymous"], "community.view_content", community)
    # Owners can still open the settings, to reopen it.
    assert can(actors["owner"], "community.manage", community)
    assert can(actors["owner"], "community.archive", community)
    membership = Membership.objects.get(community=community, user=actors["member"])
    assert not can(actors["moderator"], "membership.remove", membership)


def test_a_community_waiting_for_approval_is_seen_by_its_creator_and_site_admins_only(db):
    creator = UserFactory()
    waiting = CommunityFactory(is_approved=False, created_by=creator)
    MembershipFactory(community=waiting, user=creator, role=Role.OWNER)
    assert can(creator, "community.view", waiting) and can(creator, "community.view_content", waiting)
    assert can(UserFactory(is_superuser=True), "community.view", waiting)
    assert not can(UserFactory(), "community.view", waiting)
    assert not can(AnonymousUser(), "community.view", waiting)
    assert not can(creator, "community.participate", waiting)
    assert can(UserFactory(is_superuser=True), "community.approve", waiting)
    assert not can(creator, "community.approve", waiting)


def test_moderators_outrank_members_and_owners_outrank_moderators(people):
    community, actors = people(Visibility.PUBLIC)

    def membership(name):
        return Membership.objects.get(community=community, user=actors[name])

    assert can(actors["moderator"], "membership.remove", membership("member"))
    assert not can(actors["moderator"], "membership.remove", membership("moderator"))
    assert not can(actors["moderator"], "membership.remove", membership("owner"))
    assert can(actors["owner"], "membership.remove", membership("moderator"))
    assert not can(actors["member"], "membership.remove", membership("member"))
    assert can(actors["site_admin"], "membership.remove", membership("owner"))
    assert can(actors["owner"], "membership.change_role", membership("member"))
    assert not can(actors["moderator"], "membership.change_role", membership("member"))
    assert not can(actors["owner"], "membership.change_role", membership("owner"))
    assert can(actors["moderator"], "membership.review_request", membership("requested"))
    assert not can(actors["member"], "membership.review_request", membership("requested"))
    assert can(actors["moderator"], "membership.unban", membership("banned"))
    assert not can(actors["moderator"], "membership.ban", membership("owner"))


def test_moderators_create_groups_and_invite_members_do_not(people):
    community, actors = people(Visibility.PUBLIC)
    for action in ("community.create_child", "community.invite"):
        allowed = {name for name in ACTORS if can(actors[name], action, community)}
        assert allowed == {"moderator", "owner", "site_admin"}, action
    assert {name for name in ACTORS if can(actors[name], "community.transfer_ownership", community)} == {
        "owner"
    }


def test_unknown_actions_are_denied(community, owner, site_admin):
    assert not can(owner, "community.do_anything", community)
    assert not can(site_admin, "no.such.action", community)


def test_an_inactive_account_may_do_nothing(community):
    person = MembershipFactory(community=community, role=Role.OWNER, user=UserFactory(is_active=False)).user
    assert not can(person, "community.manage", community)
    assert not can(person, "community.participate", community)


def test_hidden_communities_do_not_appear_on_the_profiles_of_their_members_to_others(people):
    community, actors = people(Visibility.HIDDEN)
    member = actors["member"]
    assert community not in communities_of_member(member, actors["outsider"])
    assert community not in communities_of_member(member, actors["anonymous"])
    assert community in communities_of_member(member, actors["moderator"])


def test_children_of_a_community_are_filtered_by_what_the_viewer_may_see(community, member, outsider):
    public_child = CommunityFactory(parent=community, name="Open group")
    hidden_child = CommunityFactory(parent=community, name="Quiet group", visibility=Visibility.HIDDEN)
    MembershipFactory(community=hidden_child, user=member)
    assert list(children_visible_to(outsider, community)) == [public_child]
    assert list(children_visible_to(member, community)) == [public_child, hidden_child]


def test_members_of_filters_by_name_role_organization_state_and_stakeholder_role(community, owner, moderator):
    ana = MembershipFactory(
        community=community, user=UserFactory(display_name="Ana Qwill", state="TX", stakeholder_role="family")
    ).user
    org = OrganizationFactory(slug="idea-partnership")
    AffiliationFactory(user=ana, organization=org)
    MembershipFactory(
        community=community, state=MembershipState.REQUESTED, user=UserFactory(display_name="Ana Req")
    )

    def names(**filters):
        return [m.user.display_name for m in members_of(community, viewer=owner, **filters)]

    assert names(q="qwill") == ["Ana Qwill"]
    assert names(role=Role.MODERATOR) == [moderator.display_name]
    assert names(organization="idea-partnership") == ["Ana Qwill"]
    assert names(state="TX") == ["Ana Qwill"]
    assert names(stakeholder_role="family") == ["Ana Qwill"]
    assert len(names()) == 3


def test_priming_loads_many_memberships_in_one_query(community, member, django_assert_num_queries):
    others = [CommunityFactory() for _ in range(5)]
    forget_memberships(member)
    with django_assert_num_queries(1):
        prime_memberships(member, [community.pk] + [c.pk for c in others])
        assert can(member, "community.participate", community)
        assert not any(can(member, "community.participate", c) for c in others)
