"""Membership services: join, request, review, leave, remove, ban, roles and ownership."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from sharedwork.activity.models import ActivityEvent, EventVisibility
from sharedwork.communities.membership_services import (
    membership_ban,
    membership_ban_person,
    membership_cancel_request,
    membership_change_role,
    membership_join,
    membership_leave,
    membership_remove,
    membership_request,
    membership_review,
    membership_unban,
    ownership_transfer,
)
from sharedwork.communities.models import JoinPolicy, Membership, MembershipState, Role
from sharedwork.communities.permissions import can, forget_memberships
from sharedwork.tests.factories import CommunityFactory, MembershipFactory, UserFactory


def _state(community, user):
    membership = Membership.objects.filter(community=community, user=user).first()
    return (membership.role, membership.state) if membership else None


@pytest.fixture
def by_request(db):
    community = CommunityFactory(join_policy=JoinPolicy.REQUEST, slug="by-request")
    owner = MembershipFactory(community=community, role=Role.OWNER).user
    moderator = MembershipFactory(community=community, role=Role.MODERATOR).user
    return community, owner, moderator


# --- joining an open community -----------------------------------------------------------------


def test_a_verified_person_joins_an_open_community(community, outsider):
    membership_join(actor=outsider, community=community)
    assert _state(community, outsider) == (Role.MEMBER, MembershipState.ACTIVE)
    event = ActivityEvent.objects.get(verb="member.joined", community=community)
    assert event.actor == outsider and event.visibility == EventVisibility.COMMUNITY


def test_joining_refreshes_what_the_person_may_do_in_the_same_request(community, outsider):
    assert can(outsider, "community.join", community)
    membership_join(actor=outsider, community=community)
    assert can(outsider, "community.participate", community)
    assert not can(outsider, "community.join", community)


def test_an_unverified_person_cannot_join(community, unverified):
    with pytest.raises(PermissionDenied):
        membership_join(actor=unverified, community=community)
    assert _state(community, unverified) is None


def test_nobody_joins_a_by_request_community_directly(by_request, outsider):
    community, *_ = by_request
    with pytest.raises(PermissionDenied):
        membership_join(actor=outsider, community=community)


def test_nobody_joins_an_invitation_only_community_directly(db, outsider):
    community = CommunityFactory(join_policy=JoinPolicy.INVITATION)
    with pytest.raises(PermissionDenied):
        membership_join(actor=outsider, community=community)


def test_a_member_cannot_join_twice(community, member):
    with pytest.raises(PermissionDenied):
        membership_join(actor=member, community=community)


def test_a_person_who_left_may_join_again(community, member):
    membership_leave(actor=member, community=community)
    membership_join(actor=member, community=community)
    assert _state(community, member) == (Role.MEMBER, MembershipState.ACTIVE)
    assert Membership.objects.filter(community=community, user=member).count() == 1


def test_an_archived_community_takes_no_new_members(community, outsider):
    community.is_archived = True
    community.save()
    with pytest.raises(PermissionDenied):
        membership_join(actor=outsider, community=community)


# --- requests ------------------------------------------------------------------------------------


def test_a_request_with_a_message_reaches_every_moderator_by_email(
    by_request, outsider, django_capture_on_commit_callbacks
):
    community, owner, moderator = by_request
    with django_capture_on_commit_callbacks(execute=True):
        membership_request(actor=outsider, community=community, message="  I run a family network in NC.  ")
    membership = Membership.objects.get(community=community, user=outsider)
    assert membership.state == MembershipState.REQUESTED
    assert membership.request_message == "I run a family network in NC."
    assert sorted(m.to[0] for m in mail.outbox) == sorted([owner.email, moderator.email])
    assert "I run a family network in NC." in mail.outbox[0].body
    assert f"/c/{community.slug}/manage/requests/" in mail.outbox[0].body
    assert outsider.display_name in mail.outbox[0].subject
    assert ActivityEvent.objects.get(verb="member.requested").visibility == EventVisibility.MODERATORS


def test_a_request_message_over_two_thousand_characters_is_refused_and_nothing_saved(by_request, outsider):
    community, *_ = by_request
    with pytest.raises(ValidationError):
        membership_request(actor=outsider, community=community, message="x" * 2001)
    assert _state(community, outsider) is None


def test_a_person_cannot_ask_twice_or_ask_an_open_community(by_request, community, outsider):
    closed, *_ = by_request
    membership_request(actor=outsider, community=closed)
    with pytest.raises(PermissionDenied):
        membership_request(actor=outsider, community=closed)
    with pytest.raises(PermissionDenied):
        membership_request(actor=outsider, community=community)


def test_a_person_withdraws_their_request(by_request, outsider):
    community, *_ = by_request
    membership_request(actor=outsider, community=community)
    membership_cancel_request(actor=outsider, community=community)
    assert _state(community, outsider) is None
    with pytest.raises(PermissionDenied):
        membership_cancel_request(actor=outsider, community=community)


def test_a_moderator_approves_a_request_and_the_person_is_told(
    by_request, outsider, django_capture_on_commit_callbacks
):
    community, _, moderator = by_request
    membership = membership_request(actor=outsider, community=community)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        membership_review(actor=moderator, membership=membership, approve=True, message="Welcome aboard!")
    assert _state(community, outsider) == (Role.MEMBER, MembershipState.ACTIVE)
    assert [m.to for m in mail.outbox] == [[outsider.email]]
    assert "approved" in mail.outbox[0].body and "Welcome aboard!" in mail.outbox[0].body
    assert ActivityEvent.objects.filter(verb="member.request_approved", subject=outsider).exists()
    assert ActivityEvent.objects.filter(verb="member.joined", actor=outsider).exists()


def test_a_moderator_declines_a_request_with_a_message(
    by_request, outsider, django_capture_on_commit_callbacks
):
    community, _, moderator = by_request
    membership = membership_request(actor=outsider, community=community)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        membership_review(actor=moderator, membership=membership, approve=False, message="Educators only.")
    assert _state(community, outsider) == (Role.MEMBER, MembershipState.DECLINED)
    assert "Educators only." in mail.outbox[0].body
    assert community.name in mail.outbox[0].subject
    event = ActivityEvent.objects.get(verb="member.request_declined")
    assert event.data == {"message": "Educators only."}


def test_a_declined_person_may_ask_again(by_request, outsider):
    community, _, moderator = by_request
    membership = membership_request(actor=outsider, community=community)
    membership_review(actor=moderator, membership=membership, approve=False)
    membership_request(actor=outsider, community=community, message="Second try")
    assert _state(community, outsider) == (Role.MEMBER, MembershipState.REQUESTED)


def test_members_cannot_review_requests_and_a_request_is_handled_once(by_request, outsider):
    community, owner, _ = by_request
    plain_member = MembershipFactory(community=community).user
    membership = membership_request(actor=outsider, community=community)
    with pytest.raises(PermissionDenied):
        membership_review(actor=plain_member, membership=membership, approve=True)
    membership_review(actor=owner, membership=membership, approve=True)
    membership.refresh_from_db()
    with pytest.raises(PermissionDenied):
        membership_review(actor=owner, membership=membership, approve=False)


# --- leaving -------------------------------------------------------------------------------------


def test_a_member_leaves(community, member):
    membership_leave(actor=member, community=community)
    assert _state(community, member) == (Role.MEMBER, MembershipState.LEFT)
    assert ActivityEvent.objects.filter(verb="member.left", actor=member).exists()


def test_the_last_owner_cannot_leave(community, owner):
    with pytest.raises(PermissionDenied) as excinfo:
        membership_leave(actor=owner, community=community)
    assert "last owner" in str(excinfo.value)
    assert _state(community, owner) == (Role.OWNER, MembershipState.ACTIVE)


def test_an_owner_may_leave_when_another_owner_remains(community, owner):
    second = MembershipFactory(community=community, role=Role.OWNER).user
    membership_leave(actor=owner, community=community)
    assert _state(community, owner) == (Role.MEMBER, MembershipState.LEFT)
    with pytest.raises(PermissionDenied):
        membership_leave(actor=second, community=community)


def test_an_outsider_cannot_leave_what_they_never_joined(community, outsider):
    with pytest.raises(PermissionDenied):
        membership_leave(actor=outsider, community=community)


# --- remove, ban, unban --------------------------------------------------------------------------


def _membership(community, user):
    return Membership.objects.get(community=community, user=user)


def test_a_moderator_removes_a_member(community, moderator, member):
    membership_remove(actor=moderator, membership=_membership(community, member))
    assert _state(community, member) == (Role.MEMBER, MembershipState.REMOVED)
    assert ActivityEvent.objects.get(verb="member.removed").visibility == EventVisibility.MODERATORS


def test_a_moderator_cannot_remove_another_moderator_or_an_owner(community, moderator, owner):
    other = MembershipFactory(community=community, role=Role.MODERATOR).user
    with pytest.raises(PermissionDenied):
        membership_remove(actor=moderator, membership=_membership(community, other))
    with pytest.raises(PermissionDenied):
        membership_remove(actor=moderator, membership=_membership(community, owner))


def test_an_owner_removes_a_moderator(community, owner, moderator):
    membership_remove(actor=owner, membership=_membership(community, moderator))
    assert _state(community, moderator) == (Role.MEMBER, MembershipState.REMOVED)


def test_a_member_cannot_remove_anyone(community, member, moderator):
    other = MembershipFactory(community=community).user
    with pytest.raises(PermissionDenied):
        membership_remove(actor=member, membership=_membership(community, other))


def test_a_removed_person_may_join_an_open_community_again(community, moderator, member):
    membership_remove(actor=moderator, membership=_membership(community, member))
    membership_join(actor=member, community=community)
    assert _state(community, member) == (Role.MEMBER, MembershipState.ACTIVE)


def test_a_banned_person_cannot_join_ask_or_come_back_until_unbanned(community, moderator, member):
    membership_ban(actor=moderator, membership=_membership(community, member), reason="Spam")
    assert _state(community, member) == (Role.MEMBER, MembershipState.BANNED)
    assert ActivityEvent.objects.get(verb="member.banned").data == {"reason": "Spam"}
    assert not can(member, "community.participate", community)
    with pytest.raises(PermissionDenied):
        membership_join(actor=member, community=community)
    community.join_policy = JoinPolicy.REQUEST
    community.save()
    with pytest.raises(PermissionDenied):
        membership_request(actor=member, community=community)
    membership_unban(actor=moderator, membership=_membership(community, member))
    assert _state(community, member) == (Role.MEMBER, MembershipState.REMOVED)
    forget_memberships(member)  # a new request loads the person afresh; this test reuses one object
    membership_request(actor=member, community=community)


def test_owners_cannot_be_banned(community, owner, site_admin):
    with pytest.raises(PermissionDenied):
        membership_ban(actor=site_admin, membership=_membership(community, owner))


def test_a_moderator_bans_someone_who_is_not_a_member_yet(community, moderator, outsider):
    membership_ban_person(actor=moderator, community=community, user=outsider)
    assert _state(community, outsider) == (Role.MEMBER, MembershipState.BANNED)
    with pytest.raises(PermissionDenied):
        membership_join(actor=outsider, community=community)


def test_members_cannot_unban(community, moderator, member):
    other = MembershipFactory(community=community).user
    membership_ban(actor=moderator, membership=_membership(community, other))
    with pytest.raises(PermissionDenied):
        membership_unban(actor=member, membership=_membership(community, other))


# --- roles and ownership -------------------------------------------------------------------------


def test_an_owner_makes_a_member_a_moderator_and_back(community, owner, member):
    membership_change_role(actor=owner, membership=_membership(community, member), role=Role.MODERATOR)
    assert _state(community, member) == (Role.MODERATOR, MembershipState.ACTIVE)
    assert ActivityEvent.objects.get(verb="member.role_changed").data == {"role": "moderator"}
    membership_change_role(actor=owner, membership=_membership(community, member), role=Role.MEMBER)
    assert _state(community, member) == (Role.MEMBER, MembershipState.ACTIVE)


def test_moderators_cannot_change_roles(community, moderator, member):
    with pytest.raises(PermissionDenied):
        membership_change_role(
            actor=moderator, membership=_membership(community, member), role=Role.MODERATOR
        )


def test_nobody_becomes_an_owner_by_a_role_change(community, owner, member):
    with pytest.raises(ValidationError):
        membership_change_role(actor=owner, membership=_membership(community, member), role=Role.OWNER)
    assert _state(community, member) == (Role.MEMBER, MembershipState.ACTIVE)


def test_the_last_owner_cannot_step_down_by_a_role_change(community, owner):
    with pytest.raises(PermissionDenied):
        membership_change_role(actor=owner, membership=_membership(community, owner), role=Role.MODERATOR)
    other_owner = MembershipFactory(community=community, role=Role.OWNER).user
    with pytest.raises(PermissionDenied):
        membership_change_role(actor=other_owner, membership=_membership(community, owner), role=Role.MEMBER)
    assert _state(community, owner) == (Role.OWNER, MembershipState.ACTIVE)


def test_an_owner_hands_ownership_over_and_becomes_a_moderator(community, owner, member):
    ownership_transfer(actor=owner, community=community, new_owner_membership=_membership(community, member))
    assert _state(community, member) == (Role.OWNER, MembershipState.ACTIVE)
    assert _state(community, owner) == (Role.MODERATOR, MembershipState.ACTIVE)
    assert ActivityEvent.objects.filter(verb="member.ownership_transferred", subject=member).exists()
    # Now the former owner may leave; the new one is the last owner.
    membership_leave(actor=owner, community=community)
    with pytest.raises(PermissionDenied):
        membership_leave(actor=member, community=community)


def test_an_owner_may_share_ownership_and_stay_owner(community, owner, member):
    ownership_transfer(
        actor=owner, community=community, new_owner_membership=_membership(community, member), stay_owner=True
    )
    assert _state(community, owner) == (Role.OWNER, MembershipState.ACTIVE)
    membership_leave(actor=owner, community=community)


def test_ownership_goes_only_to_an_active_member_of_the_same_community(community, owner, outsider):
    elsewhere = MembershipFactory(community=CommunityFactory(), user=outsider)
    with pytest.raises(ValidationError):
        ownership_transfer(actor=owner, community=community, new_owner_membership=elsewhere)
    requested = MembershipFactory(community=community, state=MembershipState.REQUESTED)
    with pytest.raises(ValidationError):
        ownership_transfer(actor=owner, community=community, new_owner_membership=requested)
    with pytest.raises(ValidationError):
        ownership_transfer(
            actor=owner, community=community, new_owner_membership=_membership(community, owner)
        )


def test_moderators_cannot_hand_over_ownership(community, moderator, member):
    with pytest.raises(PermissionDenied):
        ownership_transfer(
            actor=moderator, community=community, new_owner_membership=_membership(community, member)
        )


def test_membership_changes_are_refused_in_an_archived_community(community, owner, moderator, member):
    community.is_archived = True
    community.save()
    with pytest.raises(PermissionDenied):
        membership_remove(actor=moderator, membership=_membership(community, member))
    with pytest.raises(PermissionDenied):
        membership_change_role(actor=owner, membership=_membership(community, member), role=Role.MODERATOR)
    with pytest.raises(PermissionDenied):
        ownership_transfer(
            actor=owner, community=community, new_owner_membership=_membership(community, member)
        )


def test_every_membership_change_is_recorded_with_who_did_what_to_whom(community, owner, moderator, member):
    outsider = UserFactory()
    membership_join(actor=outsider, community=community)
    membership_change_role(actor=owner, membership=_membership(community, outsider), role=Role.MODERATOR)
    membership_change_role(actor=owner, membership=_membership(community, outsider), role=Role.MEMBER)
    membership_remove(actor=moderator, membership=_membership(community, outsider))
    verbs = list(
        ActivityEvent.objects.filter(community=community, subject=outsider)
        .order_by("pk")
        .values_list("verb", "actor")
    )
    assert verbs == [
        ("member.joined", outsider.pk),
        ("member.role_changed", owner.pk),
        ("member.role_changed", owner.pk),
        ("member.removed", moderator.pk),
    ]


def test_a_site_admin_removes_an_owner_while_another_owner_remains(community, owner, site_admin):
    MembershipFactory(community=community, role=Role.OWNER)
    membership_remove(actor=site_admin, membership=_membership(community, owner))
    assert _state(community, owner) == (Role.MEMBER, MembershipState.REMOVED)


def test_nobody_removes_the_last_owner_not_even_a_site_admin(community, owner, site_admin):
    with pytest.raises(ValidationError, match="last owner of this community, so you cannot remove them"):
        membership_remove(actor=site_admin, membership=_membership(community, owner))
    assert _state(community, owner) == (Role.OWNER, MembershipState.ACTIVE)
    assert not ActivityEvent.objects.filter(community=community, verb="member.removed").exists()


def test_a_change_made_from_a_page_loaded_before_someone_removed_the_member_is_refused(
    community, owner, moderator, member
):
    stale = _membership(community, member)  # the owner opened the member's page
    membership_remove(actor=moderator, membership=_membership(community, member))  # meanwhile
    with pytest.raises(PermissionDenied):
        membership_change_role(actor=owner, membership=stale, role=Role.MODERATOR)
    assert _state(community, member) == (Role.MEMBER, MembershipState.REMOVED)
