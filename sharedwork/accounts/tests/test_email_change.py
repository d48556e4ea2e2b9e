"""Changing the email address: the password is asked for, and the new address takes over only once a
link sent to it is opened."""

import pytest
from django.core import mail

from sharedwork.accounts.models import User
from sharedwork.accounts.tokens import email_change_token_make
from sharedwork.tests.factories import PASSWORD, UserFactory

from .helpers import link_in, mails_to

pytestmark = pytest.mark.django_db

CHANGE = "/accounts/settings/email/"


def test_change_sends_a_link_to_the_new_address_and_changes_nothing_yet(member_client, member):
    old = member.email
    response = member_client.post(
        CHANGE, {"new_email": "New.Me@Example.org", "password": PASSWORD}, follow=True
    )
    html = response.content.decode()
    assert "We sent a link to new.me@example.org. Open it to confirm this is your address." in html
    member.refresh_from_db()
    assert member.email == old
    [confirm] = mails_to("new.me@example.org")
    assert "/accounts/settings/email/confirm/" in confirm.body
    [notice] = mails_to(old)
    assert "new.me@example.org" in notice.body


def test_opening_the_link_and_confirming_switches_the_address(member_client, member):
    old = member.email
    member_client.post(CHANGE, {"new_email": "new.me@example.org", "password": PASSWORD})
    path = link_in(mails_to("new.me@example.org")[0], "/accounts/settings/email/confirm/")
    page = member_client.get(path)
    assert "Yes, use my new address" in page.content.decode()
    member.refresh_from_db()
    assert member.email == old  # opening alone changes nothing
    response = member_client.post(path)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == "new.me@example.org"
    assert member.is_verified
    assert any("was changed" in m.subject for m in mails_to(old))
    assert member_client.get("/accounts/settings/").status_code == 200  # still signed in


def test_the_link_works_once(anon_client, member):
    token = email_change_token_make(member, "new.me@example.org")
    assert anon_client.post(f"/accounts/settings/email/confirm/{token}/").status_code == 302
    again = anon_client.post(f"/accounts/settings/email/confirm/{token}/")
    assert again.status_code == 400
    assert "Your address is unchanged" in again.content.decode()


def test_wrong_password_is_refused_and_nothing_is_sent(member_client, member):
    response = member_client.post(CHANGE, {"new_email": "new.me@example.org", "password": "nope"})
    assert "That is not your current password" in response.content.decode()
    assert 'value="new.me@example.org"' in response.content.decode()
    assert mail.outbox == []


def test_an_address_another_account_has_is_answered_alike_and_its_owner_is_told(member_client, member):
    """The page gives away nothing about other accounts; no link exists that could move this account
    onto the address; the address's owner hears that someone tried."""
    UserFactory(email="taken@example.org")
    response = member_client.post(
        CHANGE, {"new_email": "Taken@Example.org", "password": PASSWORD}, follow=True
    )
    assert (
        "We sent a link to taken@example.org. Open it to confirm this is your address."
        in response.content.decode()
    )
    [warning] = mails_to("taken@example.org")
    assert "nothing was changed" in warning.body
    assert "/accounts/settings/email/confirm/" not in warning.body
    member.refresh_from_db()
    assert member.email != "taken@example.org"


def test_an_address_taken_after_the_link_was_sent_is_refused_at_confirmation(anon_client, member):
    token = email_change_token_make(member, "new.me@example.org")
    UserFactory(email="new.me@example.org")
    response = anon_client.post(f"/accounts/settings/email/confirm/{token}/")
    assert response.status_code == 400
    assert "can&#x27;t be used" in response.content.decode()
    member.refresh_from_db()
    assert member.email != "new.me@example.org"


def test_the_current_address_is_refused_as_new(member_client, member):
    response = member_client.post(CHANGE, {"new_email": member.email.upper(), "password": PASSWORD})
    assert "That is already your email address." in response.content.decode()


def test_a_tampered_link_does_not_work(anon_client, member):
    token = email_change_token_make(member, "new.me@example.org")
    response = anon_client.get(f"/accounts/settings/email/confirm/{token[:-2]}xx/")
    assert response.status_code == 400
    assert User.objects.filter(email="new.me@example.org").count() == 0


def test_anonymous_visitors_cannot_open_the_change_form(anon_client):
    response = anon_client.get(CHANGE)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/signin/")
