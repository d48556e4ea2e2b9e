"""Signing in by email (rate-limited by django-axes) and signing out."""

import re

import pytest
from axes.utils import reset as axes_reset

from sharedwork.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNIN = "/accounts/signin/"


def page_without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_signin_page_has_the_labels_the_browser_tests_rely_on(anon_client):
    html = anon_client.get(SIGNIN).content.decode()
    assert ">Email address" in html
    assert ">Password" in html
    assert '<button type="submit">Sign in</button>' in html
    assert 'autocomplete="current-password"' in html


def test_person_signs_in_with_email_in_any_letter_case(anon_client, member):
    response = anon_client.post(SIGNIN, {"username": member.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == "/"
    assert anon_client.session["_auth_user_id"] == str(member.pk)


def test_unknown_email_and_wrong_password_get_the_same_answer(anon_client, member):
    unknown = anon_client.post(SIGNIN, {"username": "nobody@example.org", "password": PASSWORD})
    wrong = anon_client.post(SIGNIN, {"username": member.email, "password": "not the password"})
    assert unknown.status_code == wrong.status_code == 400
    message = "That email address and password don&#x27;t match. Check both and try again."
    assert message in unknown.content.decode()
    unknown_page = page_without_csrf(unknown).replace("nobody@example.org", "X")
    wrong_page = page_without_csrf(wrong).replace(member.email, "X")
    assert unknown_page == wrong_page
    assert "_auth_user_id" not in anon_client.session


def test_inactive_account_gets_the_same_answer_as_a_wrong_password(anon_client):
    person = UserFactory(is_active=False)
    response = anon_client.post(SIGNIN, {"username": person.email, "password": PASSWORD})
    assert "don&#x27;t match" in response.content.decode()
    assert "_auth_user_id" not in anon_client.session


def test_empty_fields_are_explained(anon_client):
    html = anon_client.post(SIGNIN, {"username": "", "password": ""}).content.decode()
    assert "Enter your email address." in html
    assert "Enter your password." in html


def test_signin_returns_to_a_safe_next(anon_client, member):
    response = anon_client.post(SIGNIN, {"username": member.email, "password": PASSWORD, "next": "/c/sbh/"})
    assert response.url == "/c/sbh/"


def test_signin_ignores_an_off_site_next(anon_client, member):
    response = anon_client.post(
        SIGNIN, {"username": member.email, "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response.url == "/"


@pytest.mark.parametrize("next_url", ["abc", "home-page", "-1", "😀", "c/sbh/", "javascript:alert(1)"])
def test_a_next_that_is_not_an_address_on_this_site_is_ignored_rather_than_a_server_error(
    anon_client, member_client, member, next_url
):
    response = anon_client.post(SIGNIN, {"username": member.email, "password": PASSWORD, "next": next_url})
    assert response.status_code == 302
    assert response.url == "/"
    assert member_client.get(SIGNIN, {"next": next_url}).url == "/"


def test_signed_in_person_visiting_signin_goes_on(member_client):
    response = member_client.get(SIGNIN, {"next": "/c/sbh/"})
    assert response.status_code == 302
    assert response.url == "/c/sbh/"


def test_unconfirmed_person_is_reminded_to_confirm_after_signing_in(anon_client, unverified):
    response = anon_client.post(SIGNIN, {"username": unverified.email, "password": PASSWORD}, follow=True)
    assert f"open the link we sent to {unverified.email}" in response.content.decode()


def test_signout_is_post_only(member_client):
    assert member_client.get("/accounts/signout/").status_code == 405
    assert "_auth_user_id" in member_client.session
    response = member_client.post("/accounts/signout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in member_client.session


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    axes_reset()
    yield
    axes_reset()


def test_signin_is_locked_after_too_many_failures(anon_client, member, settings, axes_on):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        anon_client.post(SIGNIN, {"username": member.email, "password": "wrong guess"})
    locked = anon_client.post(SIGNIN, {"username": member.email, "password": PASSWORD})
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Too many sign-in attempts" in html
    assert "wait 15 minutes" in html
    assert "/accounts/password/reset/" in html
    assert "_auth_user_id" not in anon_client.session


def test_lockout_is_per_account_from_other_addresses_too(member, settings, axes_on):
    from django.test import Client

    for n in range(settings.AXES_FAILURE_LIMIT):
        Client(REMOTE_ADDR=f"10.0.0.{n + 1}").post(SIGNIN, {"username": member.email, "password": "wrong"})
    response = Client(REMOTE_ADDR="10.0.1.1").post(SIGNIN, {"username": member.email, "password": PASSWORD})
    assert response.status_code == 429


def test_unknown_addresses_are_locked_out_the_same_way(anon_client, settings, axes_on):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        anon_client.post(SIGNIN, {"username": "nobody@example.org", "password": "wrong"})
    response = anon_client.post(SIGNIN, {"username": "nobody@example.org", "password": "wrong"})
    assert response.status_code == 429


def test_fewer_failures_than_the_limit_do_not_lock(anon_client, member, settings, axes_on):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        anon_client.post(SIGNIN, {"username": member.email, "password": "wrong guess"})
    response = anon_client.post(SIGNIN, {"username": member.email, "password": PASSWORD})
    assert response.status_code == 302


def test_one_persons_wrong_passwords_do_not_lock_out_colleagues_on_the_same_network(
    anon_client, member, settings, axes_on
):
    from django.test import Client

    office = "192.0.2.10"
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        Client(REMOTE_ADDR=office).post(SIGNIN, {"username": "typo@example.org", "password": "wrong"})
    colleague = Client(REMOTE_ADDR=office).post(SIGNIN, {"username": member.email, "password": PASSWORD})
    assert colleague.status_code == 302


def test_many_wrong_passwords_from_one_address_pause_that_address(member, settings, axes_on):
    from django.test import Client

    settings.SIGNIN_ADDRESS_FAILURE_LIMIT = 8
    sprayer = "198.51.100.7"
    for n in range(8):  # one or two tries on each of many accounts: never enough to lock an account
        Client(REMOTE_ADDR=sprayer).post(SIGNIN, {"username": f"person{n}@example.org", "password": "guess"})
    paused = Client(REMOTE_ADDR=sprayer).post(SIGNIN, {"username": member.email, "password": PASSWORD})
    assert paused.status_code == 429
    assert "from your network" in paused.content.decode()
    # Everyone else signs in as usual.
    elsewhere = Client(REMOTE_ADDR="203.0.113.5").post(
        SIGNIN, {"username": member.email, "password": PASSWORD}
    )
    assert elsewhere.status_code == 302


def test_the_address_limit_also_holds_on_the_django_admin_sign_in(member, settings, axes_on):
    from django.test import Client

    settings.SIGNIN_ADDRESS_FAILURE_LIMIT = 6
    sprayer = "198.51.100.9"
    for n in range(6):
        Client(REMOTE_ADDR=sprayer).post(SIGNIN, {"username": f"person{n}@example.org", "password": "guess"})
    admin = UserFactory(is_staff=True, is_superuser=True, email="boss@example.org")
    admin.set_password(PASSWORD)
    admin.save()
    client = Client(REMOTE_ADDR=sprayer)
    client.post("/admin/login/", {"username": "boss@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session  # even the right password does not get in from there
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    elsewhere.post("/admin/login/", {"username": "boss@example.org", "password": PASSWORD})
    assert elsewhere.session.get("_auth_user_id") == str(admin.pk)
