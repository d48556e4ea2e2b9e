"""A community's logo and accent-colour stylesheet: served only to those who may know the community."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import dateformat
from PIL import Image

from sharedwork.communities.asset_views import theme_css
from sharedwork.communities.images import clean_logo
from sharedwork.communities.models import Visibility
from sharedwork.tests.factories import CommunityFactory, MembershipFactory, UserFactory


def _with_logo(community, fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), (10, 60, 120)).save(buffer, format=fmt)
    community.logo.save("ignored", clean_logo(SimpleUploadedFile("x", buffer.getvalue())), save=True)
    return community


def _logo_url(community):
    return reverse("communities:logo", args=[community.slug])


def _theme_url(community):
    return reverse("communities:theme", args=[community.slug])


# --- logo ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "content_type"), [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/webp")]
)
def test_the_logo_is_served_with_its_content_type_and_nosniff(community, anon_client, fmt, content_type):
    _with_logo(community, fmt)
    response = anon_client.get(_logo_url(community))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"].startswith("public")
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).format == fmt


def test_a_community_without_a_logo_answers_404(community, anon_client):
    assert anon_client.get(_logo_url(community)).status_code == 404


def test_a_logo_whose_file_is_gone_answers_404(community, anon_client):
    _with_logo(community)
    from django.core.files.storage import default_storage

    default_storage.delete(community.logo.name)
    assert anon_client.get(_logo_url(community)).status_code == 404


def test_a_hidden_communitys_logo_is_only_for_members_and_never_cached_by_others(db, client, client_for):
    hidden = _with_logo(CommunityFactory(visibility=Visibility.HIDDEN))
    member = MembershipFactory(community=hidden).user
    assert client.get(_logo_url(hidden)).status_code == 404
    assert client_for(UserFactory()).get(_logo_url(hidden)).status_code == 404
    response = client_for(member).get(_logo_url(hidden))
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private")


def test_a_listed_communitys_logo_shows_to_everyone_like_its_name(db, client):
    listed = _with_logo(CommunityFactory(visibility=Visibility.LISTED))
    assert client.get(_logo_url(listed)).status_code == 200


def test_the_header_shows_the_logo_when_there_is_one(community, anon_client):
    _with_logo(community)
    assert f'src="{_logo_url(community)}"' in anon_client.get(community.get_absolute_url()).content.decode()


# --- theme ---------------------------------------------------------------------------------------


def test_the_theme_sets_the_accent_colour_on_the_community_header(community, anon_client):
    community.accent_color = "#54278F"
    community.save()
    response = anon_client.get(_theme_url(community))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert ".community-header{--accent:#54278f}" in response.content.decode()


def test_the_versioned_theme_url_may_be_cached_for_long(community, anon_client):
    version = dateformat.format(community.updated_at, "U")
    fresh = anon_client.get(_theme_url(community), {"v": version})
    assert fresh["Cache-Control"] == "public, max-age=31536000"
    stale = anon_client.get(_theme_url(community), {"v": "1"})
    assert stale["Cache-Control"] == "public, max-age=300"


def test_the_theme_of_a_hidden_community_is_404_to_outsiders_and_private_to_members(db, client, client_for):
    hidden = CommunityFactory(visibility=Visibility.HIDDEN)
    member = MembershipFactory(community=hidden).user
    assert client.get(_theme_url(hidden)).status_code == 404
    response = client_for(member).get(_theme_url(hidden))
    assert response.status_code == 200 and response["Cache-Control"].startswith("private")


def test_a_stored_value_that_is_not_a_colour_never_reaches_the_stylesheet():
    assert "red" not in theme_css("red;}body{display:none")
    assert "--accent:#1a4480" in theme_css("red;}body{display:none")
    assert "--accent:#1a4480" in theme_css("")


def test_a_stored_file_that_is_not_a_picture_is_never_served(community, anon_client):
    from django.core.files.base import ContentFile

    community.logo.save("logo.png", ContentFile(b"<html><script>alert(1)</script></html>"), save=True)
    assert anon_client.get(_logo_url(community)).status_code == 404
