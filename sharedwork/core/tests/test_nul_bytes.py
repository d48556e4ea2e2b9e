"""A NUL byte ("\\x00") is never part of an address or of text a person means to type. PostgreSQL refuses it
in text (DataError), so it must be turned away with a plain 400 before it reaches a query, whatever the
database; in a form it is a message on the field, with the rest of what was typed kept."""

import pytest
from django.conf import settings

from sharedwork.accounts.models import User
from sharedwork.communities.models import Community

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "address",
    [
        "/people/a%00b/",
        "/people/a%00b/avatar/",
        "/c/sbh/wiki/home/attachments/a%00b",
        "/communities/?q=a%00b",
        "/accounts/signin/?next=/c/%00/",
    ],
)
def test_a_nul_byte_in_the_address_is_refused_with_a_plain_400(member_client, community, address):
    response = member_client.get(address)
    assert response.status_code == 400
    page = response.content.decode()
    assert "invisible" in page
    # In the site's layout, with its name, though it is answered before sessions are read.
    assert "<h1>This address cannot be opened</h1>" in page
    assert f"{settings.SITE_NAME} is where Communities of Practice" in page


def test_a_nul_byte_in_a_cookie_is_refused_with_a_plain_400(client, community):
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    response = client.get("/communities/")
    assert response.status_code == 400


def test_a_nul_byte_in_the_community_name_is_refused_with_a_message(member_client, community):
    data = {
        "name": "Family\x00 engagement",
        "tagline": "Kept as typed",
        "level": "national",
        "visibility": "public",
        "join_policy": "open",
        "accent_color": "#1a4480",
    }
    response = member_client.post("/communities/new/", data)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["name"] == [
        "This text contains an invisible “null” character, which can come with pasted text. "
        "Type that part again."
    ]
    assert form["tagline"].value() == "Kept as typed"
    assert not Community.objects.filter(name__startswith="Family").exists()


def test_a_nul_byte_in_a_profile_field_is_refused_with_a_message(member_client, member):
    response = member_client.post(
        "/accounts/settings/",
        {"display_name": "Me\x00", "time_zone": "America/New_York", "bio": "Still here"},
    )
    assert response.status_code == 400
    assert "invisible “null” character" in response.context["form"].errors["display_name"][0]
    assert User.objects.get(pk=member.pk).display_name == member.display_name
