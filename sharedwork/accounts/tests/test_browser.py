"""In a real browser: sign up, confirm the address from the email, sign in and edit the profile, with
axe-core checking each page."""

import re

import pytest
from django.core import mail

from sharedwork.accounts.models import User
from sharedwork.tests.factories import AffiliationFactory, OrganizationFactory

from .helpers import picture_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "kitchen-table-meetings"


def _verification_path() -> str:
    [message] = [m for m in mail.outbox if m.to == ["rosa@example.org"]]
    url = re.search(r"https?://\S+/accounts/verify/\S+", message.body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


def test_sign_up_confirm_sign_in_and_edit_profile(page, assert_accessible):
    org = OrganizationFactory(
        name="IDEA Partnership", slug="idea-partnership", description="We bring **people** together."
    )
    AffiliationFactory(organization=org)

    page.goto("/accounts/signup/")
    assert_accessible(page)
    page.get_by_role("button", name="Create my account").click()  # empty form: errors are summarised
    page.wait_for_load_state()
    assert page.locator("#error-summary").is_visible()
    assert_accessible(page)
    page.get_by_label("Your name").fill("Rosa Alvarez")
    page.get_by_label("Email address").fill("rosa@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Check your email"
    assert_accessible(page)

    page.goto(_verification_path())
    assert_accessible(page)
    page.get_by_role("button", name="Confirm my email address").click()
    page.wait_for_load_state()
    assert "/accounts/signin/" in page.url
    assert page.get_by_text("Your email address is confirmed").is_visible()
    assert_accessible(page)

    page.get_by_label("Email address").fill("rosa@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert User.objects.get(email="rosa@example.org").is_verified

    page.goto("/accounts/settings/")
    assert_accessible(page)
    page.get_by_label("Job title").fill("Parent mentor")
    page.get_by_label("Which best describes you?").select_option(label="Family member")
    page.get_by_label("State").select_option(label="North Carolina")
    page.get_by_label("About you").fill("I help **families** find their way.")
    page.get_by_label("Profile picture").set_input_files(
        {"name": "me.png", "mimeType": "image/png", "buffer": picture_bytes("PNG")}
    )
    page.get_by_role("button", name="Save my profile").click()
    page.wait_for_load_state()
    assert page.get_by_text("Your profile is saved.").is_visible()
    assert_accessible(page)

    person = User.objects.get(email="rosa@example.org")
    page.goto(f"/people/{person.username}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Rosa Alvarez"
    assert page.get_by_text("Parent mentor").is_visible()
    assert page.locator("strong", has_text="families").is_visible()
    assert page.locator("img.avatar").evaluate("img => img.naturalWidth") == 256
    assert_accessible(page)

    page.goto("/organizations/")
    assert_accessible(page)
    page.get_by_role("link", name="IDEA Partnership").click()
    page.wait_for_load_state()
    assert_accessible(page)

    page.goto("/accounts/settings/affiliations/")
    page.get_by_label("Organization").select_option(label="IDEA Partnership")
    page.get_by_label("Your title there").fill("Volunteer")
    page.get_by_role("button", name="Add to my profile").click()
    page.wait_for_load_state()
    assert page.get_by_text("IDEA Partnership is now on your profile.").is_visible()
    assert_accessible(page)


def test_sign_in_errors_and_password_reset_pages_are_accessible(page, assert_accessible):
    page.goto("/accounts/signin/")
    page.get_by_label("Email address").fill("nobody@example.org")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert page.get_by_text("don't match").first.is_visible()
    assert_accessible(page)
    page.goto("/accounts/password/reset/")
    assert_accessible(page)
    page.goto("/organizations/new/")  # anonymous: sent to sign in
    assert "/accounts/signin/" in page.url
