"""Invitations: address lists, sending, tokens that expire after 14 days, accepting and declining."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sharedwork.activity.models import ActivityEvent
from sharedwork.communities.invitation_services import (
    MAX_INVITATIONS_AT_ONCE,
    get_invitation_by_token,
    hash_token,
    invitation_accept,
    invitation_decline,
    invitation_revoke,
    invitations_send,
    open_invitations_for,
    parse_email_list,
)
from sharedwork.communities.models import Invitation, JoinPolicy, Membership, MembershipState, Role
from sharedwork.communities.permissions import can
from sharedwork.tests.factories import CommunityFactory, MembershipFactory, UserFactory


def _token_from(message) -> str:
    line = next(line for line in message.body.splitlines() if "/communities/invitations/" in line)
    return line.rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture
def invite(moderator, community, django_capture_on_commit_callbacks):
    """``invite("a@x.org", ...)``: send invitations as the moderator; returns {email: token}."""

    def send(*emails, message=""):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            invitations_send(actor=moderator, community=community, emails=list(emails), message=message)
        return {m.to[0]: _token_from(m) for m in mail.outbox}

    return send


# --- the address list ----------------------------------------------------------------------------


def test_addresses_may_be_separated_by_commas_semicolons_spaces_or_lines():
    raw = "Ana@Example.org, ben@example.org;cy@example.org\n<dee@example.org>  ana@example.org"
    assert parse_email_list(raw) == [
        "ana@example.org",
        "ben@example.org",
        "cy@example.org",
        "dee@example.org",
    ]


def test_fifty_addresses_are_accepted():
    emails = [f"person{n}@example.org" for n in range(MAX_INVITATIONS_AT_ONCE)]
    assert len(parse_email_list(", ".join(emails))) == 50


def test_fifty_one_addresses_are_refused_with_the_count():
    emails = [f"person{n}@example.org" for n in range(51)]
    with pytest.raises(ValidationError) as excinfo:
        parse_email_list("\n".join(emails))
    assert "up to 50" in excinfo.value.messages[0] and "51" in excinfo.value.messages[0]


def test_a_bad_address_is_named_and_nothing_is_sent():
    with pytest.raises(ValidationError) as excinfo:
        parse_email_list("good@example.org, not-an-address, also@bad")
    message = excinfo.value.messages[0]
    assert "not-an-address" in message and "also@bad" in message and "Nothing was sent" in message


def test_an_empty_list_is_refused():
    with pytest.raises(ValidationError):
        parse_email_list(" , ;\n")


# --- sending -------------------------------------------------------------------------------------


def test_each_address_gets_its_own_email_with_a_link_and_only_the_token_hash_is_stored(
    invite, community, moderator
):
    tokens = invite("ana@example.org", "ben@example.org", message="Join our NC work group")
    assert set(tokens) == {"ana@example.org", "ben@example.org"}
    message = next(m for m in mail.outbox if m.to == ["ana@example.org"])
    assert community.name in message.subject and moderator.display_name in message.subject
    assert "Join our NC work group" in message.body and "14 days" in message.body
    invitation = Invitation.objects.get(email="ana@example.org")
    assert invitation.token_hash == hash_token(tokens["ana@example.org"])
    assert tokens["ana@example.org"] not in invitation.token_hash
    assert invitation.invited_by == moderator
    assert ActivityEvent.objects.filter(verb="member.invited", data={"email": "ana@example.org"}).exists()


def test_an_invitation_expires_fourteen_days_after_it_is_sent(invite):
    before = timezone.now()
    invite("ana@example.org")
    invitation = Invitation.objects.get(email="ana@example.org")
    assert before + timedelta(days=14) <= invitation.expires_at <= timezone.now() + timedelta(days=14)


def test_people_with_an_account_get_an_invited_membership(invite, community, outsider):
    invite(outsider.email)
    assert Membership.objects.get(community=community, user=outsider).state == MembershipState.INVITED
    assert [i.community for i in open_invitations_for(outsider)] == [community]


def test_more_than_fifty_addresses_are_refused_by_the_service_and_nothing_is_sent(
    community, moderator, django_capture_on_commit_callbacks
):
    emails = [f"person{n}@example.org" for n in range(51)]
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        invitations_send(actor=moderator, community=community, emails=emails)
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_active_members_and_banned_people_are_skipped_with_a_reason(invite, community, member, moderator):
    banned = MembershipFactory(community=community, state=MembershipState.BANNED).user
    result = invitations_send(
        actor=moderator, community=community, emails=[member.email, banned.email, "new@example.org"]
    )
    assert result["invited"] == ["new@example.org"]
    assert result["skipped"] == {member.email: "already a member", banned.email: "banned from this community"}


def test_inviting_again_replaces_the_open_invitation_with_a_new_token(invite):
    first = invite("ana@example.org")["ana@example.org"]
    second = invite("ana@example.org")["ana@example.org"]
    assert first != second
    assert not get_invitation_by_token(first).is_open
    assert get_invitation_by_token(second).is_open


@pytest.mark.parametrize("person", ["member", "outsider"])
def test_only_moderators_invite(community, person, request):
    with pytest.raises(PermissionDenied):
        invitations_send(actor=request.getfixturevalue(person), community=community, emails=["a@example.org"])


def test_nobody_is_invited_to_an_archived_community(community, moderator):
    community.is_archived = True
    community.save()
    with pytest.raises(PermissionDenied):
        invitations_send(actor=moderator, community=community, emails=["a@example.org"])


def test_an_invitation_message_over_two_thousand_characters_is_refused(community, moderator):
    with pytest.raises(ValidationError):
        invitations_send(actor=moderator, community=community, emails=["a@example.org"], message="x" * 2001)
    assert Invitation.objects.count() == 0


# --- tokens --------------------------------------------------------------------------------------


def test_unknown_empty_and_absurd_tokens_find_nothing(invite):
    invite("ana@example.org")
    assert get_invitation_by_token("no-such-token") is None
    assert get_invitation_by_token("") is None
    assert get_invitation_by_token("x" * 500) is None


def test_a_token_is_no_longer_open_after_fourteen_days(invite, monkeypatch):
    token = invite("ana@example.org")["ana@example.org"]
    invitation = get_invitation_by_token(token)
    assert invitation.is_open
    later = timezone.now() + timedelta(days=14, minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert not get_invitation_by_token(token).is_open


def test_an_expired_invitation_cannot_be_accepted(invite, outsider):
    token = invite(outsider.email)[outsider.email]
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ValidationError) as excinfo:
        invitation_accept(actor=outsider, invitation=get_invitation_by_token(token))
    assert "expired" in excinfo.value.messages[0]


# --- accepting and declining ---------------------------------------------------------------------


def test_the_addressee_accepts_and_becomes_an_active_member(invite, community, outsider):
    token = invite(outsider.email)[outsider.email]
    invitation_accept(actor=outsider, invitation=get_invitation_by_token(token))
    membership = Membership.objects.get(community=community, user=outsider)
    assert (membership.role, membership.state) == (Role.MEMBER, MembershipState.ACTIVE)
    assert membership.joined_at is not None
    invitation = Invitation.objects.get(email=outsider.email)
    assert invitation.accepted_by == outsider and invitation.accepted_at
    assert can(outsider, "community.participate", community)
    assert ActivityEvent.objects.filter(verb="member.joined", actor=outsider).exists()


def test_an_invitation_is_used_once(invite, outsider):
    token = invite(outsider.email)[outsider.email]
    invitation_accept(actor=outsider, invitation=get_invitation_by_token(token))
    with pytest.raises(ValidationError):
        invitation_accept(actor=outsider, invitation=get_invitation_by_token(token))


def test_an_address_typed_in_capitals_reaches_the_account_it_names(invite, community):
    person = UserFactory(email="mixed@example.org")
    token = invite(*parse_email_list("MIXED@Example.org"))["mixed@example.org"]
    assert Membership.objects.get(community=community, user=person).state == MembershipState.INVITED
    invitation_accept(actor=person, invitation=get_invitation_by_token(token))
    assert Membership.objects.get(community=community, user=person).state == MembershipState.ACTIVE


def test_only_the_person_it_was_sent_to_may_accept(invite, community, outsider):
    token = invite("someone.else@example.org")["someone.else@example.org"]
    with pytest.raises(ValidationError) as excinfo:
        invitation_accept(actor=outsider, invitation=get_invitation_by_token(token))
    assert "someone.else@example.org" in excinfo.value.messages[0]
    assert not Membership.objects.filter(community=community, user=outsider).exists()
    assert get_invitation_by_token(token).is_open


def test_an_unverified_addressee_verifies_first(invite, community, unverified):
    token = invite(unverified.email)[unverified.email]
    with pytest.raises(ValidationError) as excinfo:
        invitation_accept(actor=unverified, invitation=get_invitation_by_token(token))
    assert "Verify" in excinfo.value.messages[0]


def test_a_person_without_an_account_signs_up_with_the_address_and_then_accepts(invite, community):
    token = invite("newcomer@example.org")["newcomer@example.org"]
    assert (
        not Membership.objects.filter(community=community).filter(user__email="newcomer@example.org").exists()
    )
    newcomer = UserFactory(email="newcomer@example.org")  # signed up and verified through the link
    invitation_accept(actor=newcomer, invitation=get_invitation_by_token(token))
    assert Membership.objects.get(community=community, user=newcomer).state == MembershipState.ACTIVE


def test_an_invitation_lets_people_into_an_invitation_only_community(db, django_capture_on_commit_callbacks):
    community = CommunityFactory(join_policy=JoinPolicy.INVITATION)
    moderator = MembershipFactory(community=community, role=Role.MODERATOR).user
    guest = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invitations_send(actor=moderator, community=community, emails=[guest.email])
    invitation_accept(actor=guest, invitation=get_invitation_by_token(_token_from(mail.outbox[-1])))
    assert Membership.objects.get(community=community, user=guest).state == MembershipState.ACTIVE


def test_a_banned_person_cannot_accept_an_old_invitation(invite, community, moderator, outsider):
    from sharedwork.communities.membership_services import membership_ban_person

    token = invite(outsider.email)[outsider.email]
    membership_ban_person(actor=moderator, community=community, user=outsider)
    with pytest.raises(ValidationError):
        invitation_accept(actor=outsider, invitation=get_invitation_by_token(token))


def test_an_archived_community_does_not_take_invited_people(invite, community, outsider):
    token = invite(outsider.email)[outsider.email]
    community.is_archived = True
    community.save()
    with pytest.raises(ValidationError):
        invitation_accept(actor=outsider, invitation=get_invitation_by_token(token))


def test_the_addressee_declines_and_the_invited_membership_goes(invite, community, outsider):
    token = invite(outsider.email)[outsider.email]
    invitation_decline(actor=outsider, invitation=get_invitation_by_token(token))
    assert not Membership.objects.filter(community=community, user=outsider).exists()
    assert Invitation.objects.get(email=outsider.email).declined_at
    with pytest.raises(ValidationError):
        invitation_accept(actor=outsider, invitation=get_invitation_by_token(token))


def test_someone_else_cannot_decline_an_invitation(invite, outsider):
    token = invite("ana@example.org")["ana@example.org"]
    with pytest.raises(ValidationError):
        invitation_decline(actor=outsider, invitation=get_invitation_by_token(token))
    assert get_invitation_by_token(token).is_open


def test_moderators_withdraw_an_open_invitation(invite, community, moderator, member, outsider):
    token = invite(outsider.email)[outsider.email]
    with pytest.raises(PermissionDenied):
        invitation_revoke(actor=member, invitation=get_invitation_by_token(token))
    invitation_revoke(actor=moderator, invitation=get_invitation_by_token(token))
    assert not Membership.objects.filter(community=community, user=outsider).exists()
    with pytest.raises(ValidationError):
        invitation_revoke(actor=moderator, invitation=get_invitation_by_token(token))
    with pytest.raises(ValidationError):
        invitation_accept(actor=outsider, invitation=get_invitation_by_token(token))
