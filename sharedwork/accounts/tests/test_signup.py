"""Sign-up, email confirmation and the "send the link again" page."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from sharedwork.accounts.models import User
from sharedwork.accounts.tokens import verification_token_make
from sharedwork.communities.permissions import can
from sharedwork.tests.factories import UserFactory

from .helpers import link_in, mails_to

pytestmark = pytest.mark.django_db

SIGNUP = "/accounts/signup/"
GOOD = {"display_name": "Rosa Parks Jr", "email": "rosa@example.org", "password": "kitchen-table-meetings"}


def page_without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_signup_page_has_labelled_fields(anon_client):
    response = anon_client.get(SIGNUP)
    html = response.content.decode()
    assert response.status_code == 200
    for label in ("Your name", "Email address", "Password"):
        assert f">{label}" in html
    assert 'autocomplete="new-password"' in html


def test_signup_creates_an_unconfirmed_person_and_emails_a_link(anon_client):
    response = anon_client.post(SIGNUP, GOOD)
    assert response.status_code == 302
    assert response.url == reverse("accounts:signup_sent")
    person = User.objects.get(email="rosa@example.org")
    assert person.display_name == "Rosa Parks Jr"
    assert person.email_verified_at is None
    assert person.check_password(GOOD["password"])
    assert person.username == "rosa-parks-jr"
    [message] = mails_to("rosa@example.org")
    assert "Confirm your email address" in message.subject
    assert "/accounts/verify/" in message.body


def test_check_your_email_page_names_the_address(anon_client):
    response = anon_client.post(SIGNUP, GOOD, follow=True)
    assert (
        "We sent a link to <strong>rosa@example.org</strong>. Open it to confirm this is your address."
        in (response.content.decode())
    )


def test_signup_does_not_sign_the_person_in(anon_client):
    anon_client.post(SIGNUP, GOOD)
    assert "_auth_user_id" not in anon_client.session


def test_email_is_stored_in_lower_case(anon_client):
    anon_client.post(SIGNUP, {**GOOD, "email": "  Rosa@Example.ORG "})
    assert User.objects.filter(email="rosa@example.org").exists()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1!", "too short"),
        ("password1234", "too common"),
        ("83749201938475", "entirely numeric"),
        ("rosa@example.org", "too similar"),
    ],
)
def test_weak_password_is_refused_and_nothing_is_saved(anon_client, password, message):
    response = anon_client.post(SIGNUP, {**GOOD, "password": password})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'id="error-summary"' in response.content.decode()
    assert not User.objects.filter(email="rosa@example.org").exists()
    assert mail.outbox == []


def test_over_long_display_name_is_refused_and_what_was_typed_is_kept(anon_client):
    response = anon_client.post(SIGNUP, {**GOOD, "display_name": "R" * 121})
    html = response.content.decode()
    assert "Keep this under 120 characters." in html
    assert 'value="rosa@example.org"' in html
    assert not User.objects.exists()


def test_invalid_email_is_refused(anon_client):
    response = anon_client.post(SIGNUP, {**GOOD, "email": "rosa-at-example"})
    assert "Enter an email address like name@example.org." in response.content.decode()
    assert not User.objects.exists()


def test_blank_name_is_refused(anon_client):
    response = anon_client.post(SIGNUP, {**GOOD, "display_name": "   "})
    assert "Enter your name." in response.content.decode()
    assert not User.objects.exists()


def test_signup_with_an_existing_address_looks_the_same_and_notifies_the_owner(anon_client):
    owner = UserFactory(email="taken@example.org")
    new = anon_client.post(SIGNUP, {**GOOD, "email": "fresh@example.org"})
    again = anon_client.post(SIGNUP, {**GOOD, "email": "taken@example.org"})
    assert new.status_code == again.status_code == 302
    assert new.url == again.url
    new_page = anon_client.get(new.url)
    # The page names the address the visitor typed; otherwise the two answers are identical.
    anon_client.post(SIGNUP, {**GOOD, "email": "fresh2@example.org"})
    fresh_page = page_without_csrf(anon_client.get(new.url)).replace("fresh2@example.org", "X")
    anon_client.post(SIGNUP, {**GOOD, "email": "taken@example.org"})
    taken_page = page_without_csrf(anon_client.get(new.url)).replace("taken@example.org", "X")
    assert new_page.status_code == 200
    assert fresh_page == taken_page
    assert User.objects.filter(email="taken@example.org").count() == 1
    owner.refresh_from_db()
    assert owner.check_password("correct horse battery staple")
    notes = mails_to("taken@example.org")
    assert len(notes) == 1  # one note a minute at most
    assert "tried to sign up" in notes[0].subject
    assert "/accounts/password/reset/" in notes[0].body


def test_signup_with_an_existing_address_in_other_letter_case_creates_nothing(anon_client):
    UserFactory(email="taken@example.org")
    response = anon_client.post(SIGNUP, {**GOOD, "email": "TAKEN@Example.org"})
    assert response.status_code == 302
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1
    assert len(mails_to("taken@example.org")) == 1


def test_signed_in_person_visiting_signup_goes_home(member_client):
    response = member_client.get(SIGNUP)
    assert response.status_code == 302


# --- confirming the address ----------------------------------------------------------------------


def test_opening_the_link_shows_a_button_and_changes_nothing(anon_client):
    anon_client.post(SIGNUP, GOOD)
    path = link_in(mails_to("rosa@example.org")[0], "/accounts/verify/")
    response = anon_client.get(path)
    assert response.status_code == 200
    assert "Confirm my email address" in response.content.decode()
    assert User.objects.get(email="rosa@example.org").email_verified_at is None


def test_pressing_the_button_confirms_the_address_and_leads_to_sign_in(anon_client):
    anon_client.post(SIGNUP, GOOD)
    path = link_in(mails_to("rosa@example.org")[0], "/accounts/verify/")
    response = anon_client.post(path)
    assert response.status_code == 302
    assert response.url == reverse("accounts:signin")
    assert User.objects.get(email="rosa@example.org").email_verified_at is not None


def test_confirming_while_signed_in_goes_on_directly(client_for, unverified):
    client = client_for(unverified)
    token = verification_token_make(unverified)
    response = client.post(reverse("accounts:verify", args=[token]))
    assert response.status_code == 302
    assert response.url == reverse("home")
    unverified.refresh_from_db()
    assert unverified.is_verified


def test_a_tampered_link_does_not_work(anon_client, unverified):
    token = verification_token_make(unverified)
    bad = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    assert anon_client.get(reverse("accounts:verify", args=[bad])).status_code == 400
    assert anon_client.post(reverse("accounts:verify", args=[bad])).status_code == 400
    unverified.refresh_from_db()
    assert unverified.email_verified_at is None


def test_an_expired_link_does_not_work(anon_client, unverified, settings):
    token = verification_token_make(unverified)
    settings.EMAIL_VERIFICATION_MAX_AGE = -1
    response = anon_client.post(reverse("accounts:verify", args=[token]))
    assert response.status_code == 400
    assert "ask for a new confirmation link" in response.content.decode()
    unverified.refresh_from_db()
    assert unverified.email_verified_at is None


def test_a_link_for_an_address_the_account_no_longer_uses_does_not_work(anon_client, unverified):
    token = verification_token_make(unverified)
    User.objects.filter(pk=unverified.pk).update(email="another@example.org")
    assert anon_client.post(reverse("accounts:verify", args=[token])).status_code == 400
    unverified.refresh_from_db()
    assert unverified.email_verified_at is None


def test_unconfirmed_people_can_sign_in_but_not_join(anon_client, community, unverified):
    response = anon_client.post(
        "/accounts/signin/", {"username": unverified.email, "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert not can(unverified, "community.join", community)
    assert not can(unverified, "organization.create")


# --- ?next= through sign-up, confirmation and sign-in ----------------------------------------------


def test_next_is_carried_from_signup_through_confirmation_and_sign_in(anon_client):
    invitation = "/communities/invitations/abc123/"
    page = anon_client.get(SIGNUP, {"next": invitation})
    assert f'value="{invitation}"' in page.content.decode()
    sent = anon_client.post(SIGNUP, {**GOOD, "next": invitation})
    assert sent.url == reverse("accounts:signup_sent") + "?next=%2Fcommunities%2Finvitations%2Fabc123%2F"
    path = link_in(mails_to("rosa@example.org")[0], "/accounts/verify/")
    assert "next=%2Fcommunities%2Finvitations%2Fabc123%2F" in path
    confirmed = anon_client.post(path)
    assert confirmed.url == "/accounts/signin/?next=%2Fcommunities%2Finvitations%2Fabc123%2F"
    signin_page = anon_client.get(confirmed.url)
    assert f'value="{invitation}"' in signin_page.content.decode()
    signed_in = anon_client.post(
        confirmed.url, {"username": GOOD["email"], "password": GOOD["password"], "next": invitation}
    )
    assert signed_in.status_code == 302
    assert signed_in.url == invitation


@pytest.mark.parametrize(
    "evil", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "http:///evil.example"]
)
def test_an_off_site_next_is_ignored(anon_client, evil):
    sent = anon_client.post(SIGNUP, {**GOOD, "next": evil})
    assert sent.url == reverse("accounts:signup_sent")
    message = mails_to("rosa@example.org")[0]
    assert "evil" not in message.body
    assert "javascript" not in message.body


def test_existing_owner_note_links_to_sign_in_with_next(anon_client):
    UserFactory(email="taken@example.org")
    anon_client.post(SIGNUP, {**GOOD, "email": "taken@example.org", "next": "/communities/invitations/abc/"})
    body = mails_to("taken@example.org")[0].body
    assert "/accounts/signin/?next=%2Fcommunities%2Finvitations%2Fabc%2F" in body


# --- sending the link again ------------------------------------------------------------------------


RESEND = "/accounts/verify/resend/"


def test_resend_for_a_waiting_account_sends_a_new_link(anon_client, unverified):
    response = anon_client.post(RESEND, {"email": unverified.email.upper()}, follow=True)
    assert "If an account with that address is waiting to be confirmed" in response.content.decode()
    [message] = mails_to(unverified.email)
    assert "/accounts/verify/" in message.body


def test_resend_answers_the_same_for_unknown_and_confirmed_addresses(anon_client, unverified, outsider):
    answers = []
    for email in (unverified.email, "nobody@example.org", outsider.email):
        response = anon_client.post(RESEND, {"email": email})
        answers.append((response.status_code, response.url))
    assert len(set(answers)) == 1
    assert [m.to for m in mail.outbox] == [[unverified.email]]


def test_resend_is_limited_to_one_mail_a_minute(anon_client, unverified):
    anon_client.post(RESEND, {"email": unverified.email})
    anon_client.post(RESEND, {"email": unverified.email})
    assert len(mails_to(unverified.email)) == 1


def test_signed_in_unconfirmed_person_resends_with_one_button(client_for, unverified):
    client = client_for(unverified)
    page = client.get(RESEND)
    assert "Send the link again" in page.content.decode()
    response = client.post(RESEND, follow=True)
    assert f"We sent a new link to {unverified.email}" in response.content.decode()
    assert len(mails_to(unverified.email)) == 1


def test_confirmed_person_is_told_there_is_nothing_to_resend(member_client, member):
    response = member_client.post(RESEND, follow=True)
    assert "already confirmed" in response.content.decode()
    assert mail.outbox == []


def test_signup_and_signin_fill_in_the_address_an_invitation_link_carries(anon_client):
    signup = anon_client.get(reverse("accounts:signup") + "?email=invited%40example.org&next=/c/x/")
    assert 'value="invited@example.org"' in signup.content.decode()
    signin = anon_client.get(reverse("accounts:signin") + "?email=invited%40example.org")
    assert 'value="invited@example.org"' in signin.content.decode()


@pytest.mark.parametrize("hint", ["not-an-address", "x" * 250 + "@example.org"])
def test_an_address_hint_that_is_not_an_address_is_ignored(anon_client, hint):
    response = anon_client.get(reverse("accounts:signup"), {"email": hint})
    assert response.status_code == 200
    assert hint not in response.content.decode()
