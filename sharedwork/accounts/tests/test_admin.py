"""The admin pages for people, organizations and affiliations work for site admins only."""

import pytest

from sharedwork.accounts.models import User
from sharedwork.tests.factories import AffiliationFactory

pytestmark = pytest.mark.django_db


def test_site_admin_opens_every_accounts_admin_page(admin_client_, member):
    affiliation = AffiliationFactory(user=member)
    for path in (
        "/admin/accounts/user/",
        f"/admin/accounts/user/{member.pk}/change/",
        "/admin/accounts/user/add/",
        "/admin/accounts/organization/",
        f"/admin/accounts/organization/{affiliation.organization.pk}/change/",
        "/admin/accounts/affiliation/",
        f"/admin/accounts/affiliation/{affiliation.pk}/change/",
    ):
        assert admin_client_.get(path).status_code == 200, path


def test_site_admin_searches_people_by_email(admin_client_, member):
    response = admin_client_.get("/admin/accounts/user/", {"q": member.email})
    assert member.display_name in response.content.decode()


def test_site_admin_adds_a_person(admin_client_):
    response = admin_client_.post(
        "/admin/accounts/user/add/",
        {
            "email": "New.Person@Example.org",
            "display_name": "New Person",
            "username": "new-person",
            "usable_password": "true",
            "password1": "a-long-admin-chosen-pass",
            "password2": "a-long-admin-chosen-pass",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="new-person").email == "new.person@example.org"


def test_the_admin_refuses_an_address_in_use(admin_client_, member):
    response = admin_client_.post(
        "/admin/accounts/user/add/",
        {"email": member.email.upper(), "display_name": "X", "username": "x", "usable_password": "false"},
    )
    assert response.status_code == 200
    assert "Another account uses this email address." in response.content.decode()


def test_people_who_are_not_staff_cannot_open_the_admin(member_client):
    response = member_client.get("/admin/accounts/user/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url
