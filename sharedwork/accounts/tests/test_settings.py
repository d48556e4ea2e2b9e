"""Account settings: profile fields, time zone, bio and the profile picture."""

import pytest
from django.core.files.storage import default_storage

from sharedwork.accounts.images import MAX_AVATAR_BYTES
from sharedwork.accounts.models import StakeholderRole, User

from .helpers import picture_bytes, upload

pytestmark = pytest.mark.django_db

SETTINGS = "/accounts/settings/"


def profile_data(**changes):
    data = {
        "display_name": "Dana Whitfield",
        "title": "Family engagement specialist",
        "stakeholder_role": StakeholderRole.FAMILY,
        "state": "NC",
        "time_zone": "America/Chicago",
        "bio": "I care about **school mental health**.",
    }
    data.update(changes)
    return data


def test_settings_page_shows_the_current_profile(member_client, member):
    html = member_client.get(SETTINGS).content.decode()
    assert f'value="{member.display_name}"' in html
    assert "Time zone" in html
    assert 'enctype="multipart/form-data"' in html


def test_saving_the_profile_updates_every_field(member_client, member):
    response = member_client.post(SETTINGS, profile_data())
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.display_name == "Dana Whitfield"
    assert member.title == "Family engagement specialist"
    assert member.stakeholder_role == StakeholderRole.FAMILY
    assert member.time_zone == "America/Chicago"
    assert member.bio == "I care about **school mental health**."
    assert "Your profile is saved." in member_client.get(SETTINGS).content.decode()


def test_unconfirmed_people_may_edit_their_settings(client_for, unverified):
    response = client_for(unverified).post(SETTINGS, profile_data(display_name="New Name"))
    assert response.status_code == 302
    unverified.refresh_from_db()
    assert unverified.display_name == "New Name"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("time_zone", "Mars/Olympus_Mons", "Choose a time zone from the list."),
        ("display_name", "D" * 121, "Keep this under 120 characters."),
        ("display_name", "   ", "Enter your name."),
        ("stakeholder_role", "wizard", "Choose one of the descriptions in the list."),
        ("state", "ZZ", "Choose a state from the list."),
        ("bio", "x" * 5001, "Keep this under 5000 characters."),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(member_client, member, field, value, message):
    before = User.objects.values().get(pk=member.pk)
    response = member_client.post(SETTINGS, profile_data(**{"title": "Changed title", field: value}))
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'id="error-summary"' in html
    assert 'value="Changed title"' in html  # what was typed is kept
    assert User.objects.values().get(pk=member.pk) == before


def test_header_still_shows_the_saved_name_after_a_refused_edit(member_client, member):
    html = member_client.post(
        SETTINGS, profile_data(display_name="D" * 121, time_zone="Nowhere")
    ).content.decode()
    assert f"{member.display_name}</a>" in html


# --- profile picture -----------------------------------------------------------------------------


def test_uploading_a_picture_stores_a_cleaned_square(member_client, member):
    response = member_client.post(
        SETTINGS,
        {**profile_data(), "avatar": upload("me.jpg", picture_bytes("JPEG", exif=True), "image/jpeg")},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.avatar.name.startswith(f"avatars/{member.pk}/")
    assert member.avatar.name.endswith(".webp")
    with default_storage.open(member.avatar.name) as stored:
        assert b"SecretCameraMaker" not in stored.read()


def test_an_oversized_picture_is_refused_and_nothing_is_saved(member_client, member):
    big = upload("big.png", b"\x89PNG" + b"0" * (MAX_AVATAR_BYTES + 1))
    response = member_client.post(SETTINGS, {**profile_data(display_name="Someone Else"), "avatar": big})
    html = response.content.decode()
    assert "the limit is 5 MB" in html
    member.refresh_from_db()
    assert not member.avatar
    assert member.display_name != "Someone Else"


def test_a_text_file_renamed_png_is_refused_and_nothing_is_saved(member_client, member):
    fake = upload("me.png", b"hello, I am text\n" * 50, "image/png")
    response = member_client.post(SETTINGS, {**profile_data(title="Not saved"), "avatar": fake})
    assert (
        "Choose a JPEG, PNG, WebP or GIF picture. This file is not one of those." in response.content.decode()
    )
    member.refresh_from_db()
    assert not member.avatar
    assert member.title != "Not saved"
    assert not default_storage.exists(f"avatars/{member.pk}")


def test_replacing_a_picture_deletes_the_old_file(member_client, member, django_capture_on_commit_callbacks):
    member_client.post(SETTINGS, {**profile_data(), "avatar": upload()})
    member.refresh_from_db()
    first = member.avatar.name
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(
            SETTINGS, {**profile_data(), "avatar": upload("two.gif", picture_bytes("GIF"), "image/gif")}
        )
    member.refresh_from_db()
    assert member.avatar.name != first
    assert default_storage.exists(member.avatar.name)
    assert not default_storage.exists(first)


def test_removing_the_picture(member_client, member, django_capture_on_commit_callbacks):
    member_client.post(SETTINGS, {**profile_data(), "avatar": upload()})
    member.refresh_from_db()
    old = member.avatar.name
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(SETTINGS, {**profile_data(), "remove_avatar": "on"})
    member.refresh_from_db()
    assert not member.avatar
    assert not default_storage.exists(old)


def test_anonymous_visitors_are_sent_to_sign_in(anon_client):
    response = anon_client.get(SETTINGS)
    assert response.status_code == 302
    assert response.url == "/accounts/signin/?next=/accounts/settings/"
    assert anon_client.post(SETTINGS, profile_data()).status_code == 302


def test_services_refuse_to_edit_someone_else(member, outsider):
    from django.core.exceptions import PermissionDenied

    from sharedwork.accounts.services import avatar_set, user_update_profile

    with pytest.raises(PermissionDenied):
        user_update_profile(actor=outsider, user=member, display_name="Hijacked")
    with pytest.raises(PermissionDenied):
        avatar_set(actor=outsider, user=member, upload=upload())
    member.refresh_from_db()
    assert member.display_name != "Hijacked"
