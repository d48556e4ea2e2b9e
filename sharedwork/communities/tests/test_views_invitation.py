"""``/communities/invitations/<token>/``: the link in an invitation email."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from sharedwork.communities.invitation_services import invitation_revoke, invitations_send
from sharedwork.communities.models import Invitation, Membership, MembershipState, Visibility
from sharedwork.tests.factories import CommunityFactory, MembershipFactory, UserFactory


def _url(token):
    return reverse("communities:invitation", args=[token])


def _messages(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def invite(moderator, community, django_capture_on_commit_callbacks):
    def send(email, *, to=None, message=""):
        to = to or community
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            invitations_send(actor=moderator, community=to, emails=[email], message=message)
        line = next(line for line in mail.outbox[0].body.splitlines() if "/communities/invitations/" in line)
        return line.rstrip("/").rsplit("/", 1)[-1]

    return send


def test_the_addressee_sees_the_community_the_inviter_and_two_buttons(
    invite, community, moderator, outsider_client, outsider
):
    token = invite(outsider.email, message="We'd love your district's voice.")
    response = outsider_client.get(_url(token))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Invitation to School Behavioral Health" in html
    assert escape(moderator.display_name) in html
    assert "We&#x27;d love your district&#x27;s voice." in html
    assert "Accept and join School Behavioral Health</button>" in html
    assert "Decline the invitation</button>" in html


def test_accepting_makes_the_addressee_a_member(invite, community, outsider_client, outsider):
    token = invite(outsider.email)
    response = outsider_client.post(_url(token), {"answer": "accept"}, follow=True)
    assert response.redirect_chain[-1][0] == community.get_absolute_url()
    assert Membership.objects.get(community=community, user=outsider).state == MembershipState.ACTIVE
    assert "Welcome to School Behavioral Health! You are now a member." in _messages(response)


def test_declining_says_so_and_leaves_no_membership(invite, community, outsider_client, outsider):
    token = invite(outsider.email)
    response = outsider_client.post(_url(token), {"answer": "decline"}, follow=True)
    assert not Membership.objects.filter(community=community, user=outsider).exists()
    assert "You declined the invitation to School Behavioral Health." in _messages(response)


def test_a_missing_answer_is_refused_plainly(invite, outsider_client, outsider):
    token = invite(outsider.email)
    response = outsider_client.post(_url(token), {"answer": "maybe"})
    assert response.status_code == 400
    assert "Choose Accept or Decline." in response.content.decode()


def test_anonymous_visitors_get_sign_in_and_sign_up_links_that_come_back_here(invite, anon_client):
    token = invite("newcomer@example.org")
    response = anon_client.get(_url(token))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sign in or create an account with newcomer@example.org to accept." in html
    back = quote(_url(token), safe="")
    assert f"{reverse('accounts:signin')}?next={back}" in html
    assert f"{reverse('accounts:signup')}?next={back}&amp;email=newcomer%40example.org" in html
    assert "Accept and join" not in html


def test_an_anonymous_post_is_sent_to_sign_in(invite, anon_client):
    token = invite("newcomer@example.org")
    response = anon_client.post(_url(token), {"answer": "accept"})
    assert response["Location"].startswith(reverse("accounts:signin"))
    assert Invitation.objects.get().accepted_at is None


def test_someone_signed_in_with_another_address_is_told_plainly(invite, outsider_client, outsider):
    token = invite("someone.else@example.org")
    html = outsider_client.get(_url(token)).content.decode()
    assert "This invitation was sent to someone.else@example.org, but you are signed in as" in html
    assert outsider.email in html
    assert "Accept and join" not in html
    response = outsider_client.post(_url(token), {"answer": "accept"})
    assert response.status_code == 400
    assert "Sign in with that address to accept it." in response.content.decode()
    assert Invitation.objects.get().accepted_at is None


def test_an_unverified_addressee_is_asked_to_verify_first(invite, client_for, unverified):
    token = invite(unverified.email)
    html = client_for(unverified).get(_url(token)).content.decode()
    assert "Verify your email address first" in html
    assert reverse("accounts:verify_resend") in html
    assert "Accept and join" not in html


def test_an_unknown_token_answers_404_with_a_clear_page(db, client):
    response = client.get(_url("not-a-real-token"))
    assert response.status_code == 404
    assert "We cannot find this invitation" in response.content.decode()


def test_an_expired_invitation_gets_a_clear_page(invite, outsider_client, outsider):
    token = invite(outsider.email)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = outsider_client.get(_url(token))
    assert response.status_code == 410
    assert "This invitation has expired." in response.content.decode()
    outsider_client.post(_url(token), {"answer": "accept"})
    assert Membership.objects.get(user=outsider).state == MembershipState.INVITED


def test_a_used_invitation_gets_a_clear_page_with_a_link_to_the_community(
    invite, community, outsider_client, outsider
):
    token = invite(outsider.email)
    outsider_client.post(_url(token), {"answer": "accept"})
    response = outsider_client.get(_url(token))
    html = response.content.decode()
    assert response.status_code == 410
    assert "This invitation was already accepted." in html
    assert f'href="{community.get_absolute_url()}"' in html


def test_a_withdrawn_invitation_gets_a_clear_page(invite, community, moderator, outsider_client, outsider):
    token = invite(outsider.email)
    invitation_revoke(actor=moderator, invitation=Invitation.objects.get())
    assert "withdrawn" in outsider_client.get(_url(token)).content.decode()


def test_an_invitation_to_a_hidden_community_shows_it_to_the_token_holder_only(db, client_for):
    hidden = CommunityFactory(name="Quiet Council", visibility=Visibility.HIDDEN)
    moderator = MembershipFactory(community=hidden, role="moderator").user
    guest = UserFactory()
    invitations_send(actor=moderator, community=hidden, emails=[guest.email])
    assert client_for(guest).get(hidden.get_absolute_url()).status_code == 404
    # The guest does not have the token here; a made-up one reveals nothing.
    response = client_for(guest).get(_url("guess"))
    assert response.status_code == 404 and "Quiet Council" not in response.content.decode()


def test_accepting_an_invitation_to_a_hidden_community_opens_it(
    db, client_for, django_capture_on_commit_callbacks
):
    hidden = CommunityFactory(name="Quiet Council", visibility=Visibility.HIDDEN)
    moderator = MembershipFactory(community=hidden, role="moderator").user
    guest = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invitations_send(actor=moderator, community=hidden, emails=[guest.email])
    line = next(line for line in mail.outbox[-1].body.splitlines() if "/communities/invitations/" in line)
    token = line.rstrip("/").rsplit("/", 1)[-1]
    browser = client_for(guest)
    assert "Quiet Council" in browser.get(_url(token)).content.decode()
    browser.post(_url(token), {"answer": "accept"})
    assert browser.get(hidden.get_absolute_url()).status_code == 200


# --- answering from the start page ------------------------------------------------------------


@pytest.fixture
def waiting_invitation(db):
    from sharedwork.communities.invitation_services import invitations_send
    from sharedwork.tests.factories import CommunityFactory, MembershipFactory, UserFactory

    place = CommunityFactory(slug="hidden-place", visibility="hidden")
    owner = MembershipFactory(community=place, role="owner").user
    person = UserFactory(email="invitee@example.org")
    invitations_send(actor=owner, community=place, emails=["invitee@example.org"])
    return person, place, Invitation.objects.get(community=place, email="invitee@example.org")


def test_the_start_page_offers_accept_and_decline_for_an_invitation(waiting_invitation, client_for):
    person, place, invitation = waiting_invitation
    html = client_for(person).get("/").content.decode()
    assert f"/communities/invitations/received/{invitation.pk}/" in html
    # A hidden community is named but not linked: its page would answer 404 until the person joins.
    assert 'href="/c/hidden-place/"' not in html


def test_the_addressee_accepts_from_the_start_page(waiting_invitation, client_for):
    person, place, invitation = waiting_invitation
    response = client_for(person).post(
        f"/communities/invitations/received/{invitation.pk}/", {"answer": "accept"}
    )
    assert response.status_code == 302 and response["Location"] == "/c/hidden-place/"
    assert place.memberships.get(user=person).state == "active"


def test_the_addressee_declines_from_the_start_page(waiting_invitation, client_for):
    person, place, invitation = waiting_invitation
    client_for(person).post(f"/communities/invitations/received/{invitation.pk}/", {"answer": "decline"})
    invitation.refresh_from_db()
    assert invitation.declined_at is not None
    assert not place.memberships.filter(user=person, state="active").exists()


def test_someone_else_cannot_answer_an_invitation_by_its_number(waiting_invitation, client_for, outsider):
    _, place, invitation = waiting_invitation
    response = client_for(outsider).post(
        f"/communities/invitations/received/{invitation.pk}/", {"answer": "accept"}
    )
    assert response.status_code == 404
    assert not place.memberships.filter(user=outsider).exists()


def test_answering_needs_a_choice_and_changes_nothing_without_one(waiting_invitation, client_for):
    person, place, invitation = waiting_invitation
    response = client_for(person).post(
        f"/communities/invitations/received/{invitation.pk}/", {"answer": "maybe"}
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.accepted_at is None and invitation.declined_at is None


def test_anonymous_answers_are_sent_to_sign_in(waiting_invitation, client):
    _, _, invitation = waiting_invitation
    response = client.post(f"/communities/invitations/received/{invitation.pk}/", {"answer": "accept"})
    assert response.status_code == 302 and "/accounts/signin/" in response["Location"]


def test_a_newcomer_signing_up_through_the_invitation_needs_no_second_confirmation(
    invite, anon_client, community, django_capture_on_commit_callbacks
):
    from sharedwork.accounts.models import User

    token = invite("newcomer@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = anon_client.post(
            f"{reverse('accounts:signup')}?next={quote(_url(token), safe='')}",
            {
                "display_name": "New Comer",
                "email": "newcomer@example.org",
                "password": "kitchen-table-meetings",
            },
        )
    assert response.status_code == 302 and response["Location"] == _url(token)
    person = User.objects.get(email="newcomer@example.org")
    assert person.is_verified
    assert mail.outbox == []  # the invitation already proved the address
    page = anon_client.get(_url(token)).content.decode()
    assert f"Accept and join {community.name}" in page
    anon_client.post(_url(token), {"answer": "accept"})
    assert Membership.objects.get(community=community, user=person).state == MembershipState.ACTIVE


def test_signing_up_through_an_invitation_with_another_address_still_needs_confirmation(
    invite, anon_client, django_capture_on_commit_callbacks
):
    from sharedwork.accounts.models import User

    email = "someone-else@example.org"
    token = invite("newcomer@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = anon_client.post(
            f"{reverse('accounts:signup')}?next={quote(_url(token), safe='')}",
            {"display_name": "Some One", "email": email, "password": "kitchen-table-meetings"},
        )
    assert response.status_code == 302 and "/accounts/signup/sent/" in response["Location"]
    assert not User.objects.get(email=email).is_verified
    assert [m.to for m in mail.outbox] == [[email]]
    assert "_auth_user_id" not in anon_client.session


def test_a_used_or_withdrawn_invitation_proves_nothing(invite, anon_client, community, moderator):
    from sharedwork.accounts.models import User

    token = invite("newcomer@example.org")
    invitation_revoke(actor=moderator, invitation=Invitation.objects.get(email="newcomer@example.org"))
    anon_client.post(
        f"{reverse('accounts:signup')}?next={quote(_url(token), safe='')}",
        {"display_name": "New Comer", "email": "newcomer@example.org", "password": "kitchen-table-meetings"},
    )
    assert not User.objects.get(email="newcomer@example.org").is_verified
    assert "_auth_user_id" not in anon_client.session


def test_an_unconfirmed_account_claiming_the_address_does_not_see_the_invitation(
    invite, client_for, community
):
    invite("claimed@example.org", message="Confidential: budget talks on Friday.")
    claimant = UserFactory(email="Claimed@Example.org", email_verified_at=None)
    page = client_for(claimant).get("/").content.decode()
    assert "Invitations waiting for you" not in page
    assert "Confidential" not in page
    claimant.email_verified_at = timezone.now()
    claimant.save()
    assert "Confidential: budget talks on Friday." in client_for(claimant).get("/").content.decode()
