"""Forgotten passwords (reset by email link) and changing the password in settings."""

import pytest
from axes.utils import reset as axes_reset
from django.core import mail

from sharedwork.tests.factories import PASSWORD, UserFactory

from .helpers import link_in, mails_to

pytestmark = pytest.mark.django_db

RESET = "/accounts/password/reset/"
NEW = "a-brand-new-passphrase"


def test_reset_answers_the_same_for_known_and_unknown_addresses(anon_client, member):
    known = anon_client.post(RESET, {"email": member.email})
    unknown = anon_client.post(RESET, {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == "/accounts/password/reset/sent/"
    page = anon_client.get(known.url).content.decode()
    assert "If an account uses the address you entered" in page
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_reset_link_is_mailed_in_the_background_through_our_template(anon_client, member):
    anon_client.post(RESET, {"email": member.email.upper()})
    [message] = mails_to(member.email)
    assert message.subject == "Choose a new password for SharedWork"
    assert "/accounts/password/reset/" in link_in(message, "/accounts/password/reset/")


def test_reset_mail_is_limited_to_one_a_minute(anon_client, member):
    anon_client.post(RESET, {"email": member.email})
    anon_client.post(RESET, {"email": member.email})
    assert len(mails_to(member.email)) == 1


def test_no_reset_mail_for_inactive_accounts(anon_client):
    person = UserFactory(is_active=False)
    anon_client.post(RESET, {"email": person.email})
    assert mail.outbox == []


def _open_reset_link(client, person):
    client.post(RESET, {"email": person.email})
    path = link_in(mails_to(person.email)[0], "/accounts/password/reset/")
    response = client.get(path)
    assert response.status_code == 302  # the token moves into the session, out of the address bar
    return response.url


def test_reset_link_lets_the_person_choose_a_new_password(anon_client, member):
    form_url = _open_reset_link(anon_client, member)
    page = anon_client.get(form_url).content.decode()
    assert "Choose a new password" in page
    response = anon_client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    assert response.url == "/accounts/password/reset/done/"
    member.refresh_from_db()
    assert member.check_password(NEW)
    assert "Your password is changed" in anon_client.get(response.url).content.decode()
    assert any("password was changed" in m.subject for m in mails_to(member.email))


def test_reset_link_works_only_once(anon_client, member):
    anon_client.post(RESET, {"email": member.email})
    path = link_in(mails_to(member.email)[0], "/accounts/password/reset/")
    form_url = anon_client.get(path).url
    anon_client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    again = anon_client.get(path)
    assert again.status_code == 200
    assert "This link does not work" in again.content.decode()


def test_reset_refuses_a_weak_or_mismatched_password_and_keeps_the_old_one(anon_client, member):
    form_url = _open_reset_link(anon_client, member)
    weak = anon_client.post(form_url, {"new_password1": "short", "new_password2": "short"}).content.decode()
    assert "too short" in weak
    mismatch = anon_client.post(form_url, {"new_password1": NEW, "new_password2": NEW + "x"}).content.decode()
    assert "The two new passwords are not the same" in mismatch
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


def test_reset_confirms_the_address_of_an_unconfirmed_account(anon_client, unverified):
    form_url = _open_reset_link(anon_client, unverified)
    anon_client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    unverified.refresh_from_db()
    assert unverified.is_verified


def test_reset_lifts_a_sign_in_lockout(anon_client, member, settings):
    settings.AXES_ENABLED = True
    axes_reset()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        anon_client.post("/accounts/signin/", {"username": member.email, "password": "wrong"})
    assert (
        anon_client.post("/accounts/signin/", {"username": member.email, "password": PASSWORD}).status_code
        == 429
    )
    form_url = _open_reset_link(anon_client, member)
    anon_client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    response = anon_client.post("/accounts/signin/", {"username": member.email, "password": NEW})
    assert response.status_code == 302
    axes_reset()


# --- changing the password in settings -------------------------------------------------------------

CHANGE = "/accounts/settings/password/"


def test_change_password_keeps_the_session(member_client, member):
    response = member_client.post(
        CHANGE, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW)
    assert member_client.get("/accounts/settings/").status_code == 200  # still signed in
    assert any("password was changed" in m.subject for m in mails_to(member.email))


def test_change_password_signs_out_other_sessions(client_for, member):
    other_device = client_for(member)
    this_device = client_for(member)
    this_device.post(CHANGE, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    assert other_device.get("/accounts/settings/").status_code == 302


def test_change_password_needs_the_current_password(member_client, member):
    response = member_client.post(
        CHANGE, {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW}
    )
    assert "That is not your current password" in response.content.decode()
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


def test_change_password_refuses_a_weak_one(member_client, member):
    response = member_client.post(
        CHANGE, {"old_password": PASSWORD, "new_password1": "1234567890", "new_password2": "1234567890"}
    )
    assert "too common" in response.content.decode() or "entirely numeric" in response.content.decode()
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


def test_anonymous_visitors_are_sent_to_sign_in(anon_client):
    response = anon_client.get(CHANGE)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/signin/?next=")
