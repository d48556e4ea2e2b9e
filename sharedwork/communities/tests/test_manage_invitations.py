"""``/c/<slug>/manage/invitations/``: invite up to 50 addresses, see, renew and withdraw invitations."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from sharedwork.communities.models import Invitation, MembershipState
from sharedwork.tests.factories import CommunityFactory, MembershipFactory, UserFactory

URL = "/c/sbh/manage/invitations/"


def _invite(client, emails, message=""):
    return client.post(URL, {"op": "invite", "emails": emails, "message": message})


def test_moderator_invites_two_addresses(moderator_client, community, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(moderator_client, "ana@example.org\nBen@Example.org", "Join our calls")
    assert response.status_code == 302
    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "ana@example.org",
        "ben@example.org",
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "ben@example.org"]
    content = moderator_client.get(URL).content.decode()
    assert "Invited 2 people: ana@example.org, ben@example.org." in content
    assert "ana@example.org" in content


def test_invalid_addresses_are_named_the_text_is_kept_and_nothing_is_sent(moderator_client, community):
    typed = "ana@example.org, not-an-address, bob@, carol@example.org"
    response = _invite(moderator_client, typed)
    assert response.status_code == 400
    content = response.content.decode()
    assert "These are not valid email addresses: not-an-address, bob@." in content
    assert typed in content
    assert not Invitation.objects.exists()


def test_more_than_fifty_addresses_are_refused(moderator_client, community):
    emails = ", ".join(f"person{n}@example.org" for n in range(51))
    response = _invite(moderator_client, emails)
    assert "up to 50 people at once; you entered 51" in response.content.decode()
    assert not Invitation.objects.exists()


def test_empty_list_is_refused(moderator_client, community):
    response = _invite(moderator_client, "  ")
    assert "Enter at least one email address." in response.content.decode()


def test_members_and_banned_people_are_skipped_with_a_reason(moderator_client, community, member):
    banned = MembershipFactory(community=community, state=MembershipState.BANNED).user
    response = _invite(moderator_client, f"{member.email}, {banned.email}, new@example.org")
    assert response.status_code == 302
    content = moderator_client.get(URL).content.decode()
    assert f"Not invited: {member.email} (already a member)." in content
    assert f"Not invited: {banned.email} (banned from this community)." in content
    assert list(Invitation.objects.values_list("email", flat=True)) == ["new@example.org"]


def test_open_and_expired_invitations_are_listed(moderator_client, community, moderator):
    _invite(moderator_client, "open@example.org, old@example.org")
    Invitation.objects.filter(email="old@example.org").update(expires_at=timezone.now() - timedelta(days=1))
    content = moderator_client.get(URL).content.decode()
    assert "open@example.org" in content
    assert "<strong>Expired</strong>" in content
    assert content.count("Withdraw<span") == 1


def test_moderator_withdraws_an_invitation(moderator_client, community):
    person = UserFactory(email="has-account@example.org")
    _invite(moderator_client, person.email)
    invitation = Invitation.objects.get()
    response = moderator_client.post(URL, {"op": "revoke", "invitation": invitation.pk})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert not community.memberships.filter(user=person).exists()
    assert "has-account@example.org" not in moderator_client.get(URL).content.decode().split("<h2>Waiting")[1]


def test_expired_invitation_is_sent_again_with_a_new_link(moderator_client, community):
    _invite(moderator_client, "late@example.org")
    Invitation.objects.update(expires_at=timezone.now() - timedelta(days=1))
    old = Invitation.objects.get()
    moderator_client.post(URL, {"op": "resend", "invitation": old.pk})
    old.refresh_from_db()
    assert old.revoked_at is not None
    fresh = Invitation.objects.get(revoked_at=None)
    assert fresh.expires_at > timezone.now() + timedelta(days=13)


def test_withdrawing_an_invitation_of_another_community_answers_404(moderator_client, community):
    other = Invitation.objects.create(
        community=CommunityFactory(),
        email="x@example.org",
        token_hash="x" * 64,
        expires_at=timezone.now() + timedelta(days=3),
    )
    assert moderator_client.post(URL, {"op": "revoke", "invitation": other.pk}).status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_archived_community_offers_no_invitation_form_and_refuses_invitations(moderator_client, community):
    community.is_archived = True
    community.save()
    assert "Send invitations" not in moderator_client.get(URL).content.decode()
    response = _invite(moderator_client, "ana@example.org")
    assert response.status_code == 400
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("who", ["owner_client", "admin_client_"])
def test_owners_and_site_admins_invite(request, community, who):
    assert _invite(request.getfixturevalue(who), "ana@example.org").status_code == 302
    assert Invitation.objects.filter(email="ana@example.org").exists()


@pytest.mark.parametrize("who", ["member_client", "outsider_client", "anon_client"])
def test_non_moderators_get_404_and_invite_nobody(request, community, who):
    client = request.getfixturevalue(who)
    assert client.get(URL).status_code == 404
    assert _invite(client, "ana@example.org").status_code == 404
    assert not Invitation.objects.exists()


def test_withdrawing_with_an_id_that_is_not_a_number_answers_404(moderator_client, community):
    assert moderator_client.post(URL, {"op": "revoke", "invitation": "everything"}).status_code == 404
