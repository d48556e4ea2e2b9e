"""Opening a button's address as a link gets a page that explains, not a blank 405."""

import pytest

pytestmark = pytest.mark.django_db


def test_opening_a_post_only_address_explains_what_to_do(client):
    response = client.get("/accounts/signout/")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    page = response.content.decode()
    assert "<h1>This address is for a button</h1>" in page
    assert "nothing has changed" in page


def test_the_page_is_shown_for_any_community_address_alike(client, community):
    # Same answer whether or not the community exists: the page reveals nothing.
    real = client.get(f"/c/{community.slug}/join/")
    made_up = client.get("/c/no-such-community/join/")
    assert real.status_code == made_up.status_code == 405
    assert real.content == made_up.content


def test_other_methods_keep_the_bare_answer(client):
    response = client.put("/accounts/signout/")
    assert response.status_code == 405
    assert b"This address is for a button" not in response.content
