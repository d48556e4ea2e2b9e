"""``/c/<slug>/manage/``: the settings page (everything of a community) and archiving."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sharedwork.activity.models import ActivityEvent
from sharedwork.communities.models import Community, JoinPolicy, Level, Role, Topic, Visibility
from sharedwork.tests.factories import CommunityFactory, MembershipFactory

URL = "/c/sbh/manage/"


def _data(community, **changes):
    """The settings form as the page shows it for ``community``, with some values changed."""
    data = {
        "op": "save",
        "name": community.name,
        "tagline": community.tagline,
        "description": community.description,
        "level": community.level,
        "state": community.state,
        "parent": community.parent_id or "",
        "topics_text": ", ".join(t.name for t in community.topics.all()),
        "charter_who": community.charter_who,
        "charter_underway": community.charter_underway,
        "charter_shared": community.charter_shared,
        "charter_connections": community.charter_connections,
        "accent_color": community.accent_color,
        "accent_color_code": "",
        "visibility": community.visibility,
        "join_policy": community.join_policy,
    }
    if community.include_children_activity:
        data["include_children_activity"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _png(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#1a4480").save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def test_settings_page_shows_the_current_settings(moderator_client, community):
    community.topics.add(Topic.objects.create(name="Family engagement", slug="family-engagement"))
    response = moderator_client.get(URL)
    content = response.content.decode()
    assert 'value="School Behavioral Health"' in content
    assert "Family engagement" in content
    assert "Who cares about this issue and why?" in content
    assert 'aria-current="page">Settings<' in content


def test_moderator_changes_what_the_community_is(moderator_client, moderator, community):
    response = moderator_client.post(
        URL,
        _data(
            community,
            name="School Behavioral Health CoP",
            tagline="Working together",
            description="We **share** what works.",
            charter_who="Families and educators.",
            charter_underway="District pilots.",
            charter_shared="A shared toolkit.",
            charter_connections="Monthly calls.",
            topics_text="behavioral health, family engagement",
            accent_color="#0b4f2a",
            include_children_activity="on",
        ),
    )
    assert response.status_code == 302
    community.refresh_from_db()
    assert community.name == "School Behavioral Health CoP"
    assert community.tagline == "Working together"
    assert community.charter_shared == "A shared toolkit."
    assert community.accent_color == "#0b4f2a"
    assert community.include_children_activity is True
    assert sorted(t.name for t in community.topics.all()) == ["behavioral health", "family engagement"]
    assert ActivityEvent.objects.filter(verb="community.settings_changed", actor=moderator).exists()


def test_moderator_changes_visibility_and_join_policy(moderator_client, community):
    moderator_client.post(URL, _data(community, visibility=Visibility.LISTED, join_policy=JoinPolicy.REQUEST))
    community.refresh_from_db()
    assert community.visibility == Visibility.LISTED
    assert community.join_policy == JoinPolicy.REQUEST


def test_typed_color_code_wins_over_the_color_picker(moderator_client, community):
    moderator_client.post(URL, _data(community, accent_color="#1a4480", accent_color_code="5c1a1a"))
    community.refresh_from_db()
    assert community.accent_color == "#5c1a1a"


def test_state_community_without_a_state_is_refused_and_keeps_what_was_typed(moderator_client, community):
    response = moderator_client.post(
        URL, _data(community, name="Renamed", level=Level.STATE, state="", tagline="Typed tagline")
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "State and local communities need a state." in content
    assert 'value="Renamed"' in content
    assert 'value="Typed tagline"' in content
    assert ">School Behavioral Health</a>" in content  # the header still shows the saved name
    community.refresh_from_db()
    assert community.name == "School Behavioral Health"
    assert community.level == Level.NATIONAL


def test_pale_accent_color_is_refused_and_nothing_is_saved(moderator_client, community):
    response = moderator_client.post(URL, _data(community, name="Renamed", accent_color="#ffff00"))
    assert response.status_code == 400
    assert "at least 4.5:1" in response.content.decode()
    community.refresh_from_db()
    assert community.name == "School Behavioral Health"
    assert community.accent_color == "#1a4480"


def test_empty_name_is_refused(moderator_client, community):
    response = moderator_client.post(URL, _data(community, name=""))
    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    community.refresh_from_db()
    assert community.name == "School Behavioral Health"


def test_refused_change_creates_no_topics(moderator_client, community):
    moderator_client.post(URL, _data(community, topics_text="brand new topic", level=Level.STATE, state=""))
    assert not Topic.objects.filter(name="brand new topic").exists()


def test_parent_can_be_any_community_the_moderator_moderates(moderator_client, moderator, community):
    mine = CommunityFactory(name="North Carolina CoP")
    MembershipFactory(community=mine, user=moderator, role=Role.MODERATOR)
    CommunityFactory(name="Someone else's community")
    content = moderator_client.get(URL).content.decode()
    assert "North Carolina CoP" in content
    assert "Someone else&#x27;s community" not in content
    response = moderator_client.post(URL, _data(community, parent=mine.pk))
    assert response.status_code == 302
    community.refresh_from_db()
    assert community.parent == mine


def test_parent_the_moderator_does_not_moderate_is_refused(moderator_client, community):
    stranger = CommunityFactory()
    response = moderator_client.post(URL, _data(community, parent=stranger.pk, name="Renamed"))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    community.refresh_from_db()
    assert community.parent is None
    assert community.name == "School Behavioral Health"


def test_placing_a_community_beneath_its_own_group_is_refused_with_a_clear_message(
    moderator_client, moderator, community
):
    group = CommunityFactory(name="NC practice group", parent=community)
    MembershipFactory(community=group, user=moderator, role=Role.MODERATOR)
    response = moderator_client.post(URL, _data(community, parent=group.pk))
    assert response.status_code == 400
    assert "A community cannot be placed beneath itself or its own groups." in response.content.decode()
    community.refresh_from_db()
    assert community.parent is None


def test_group_moderator_cannot_make_the_group_top_level(client_for, moderator, community):
    group = CommunityFactory(slug="group", parent=community)
    MembershipFactory(community=group, user=moderator, role=Role.OWNER)
    client = client_for(moderator)
    content = client.get("/c/group/manage/").content.decode()
    assert "None: this is a top-level community" not in content
    response = client.post("/c/group/manage/", _data(group, parent=""))
    assert response.status_code == 400
    group.refresh_from_db()
    assert group.parent == community


def test_logo_is_uploaded_cleaned_and_shown(moderator_client, community):
    response = moderator_client.post(URL, {**_data(community), "logo": _png()})
    assert response.status_code == 302
    community.refresh_from_db()
    assert community.logo.name.startswith("community-logos/")
    assert community.logo.name.endswith(".png")
    assert "Replace the logo" in moderator_client.get(URL).content.decode()


def test_a_file_that_is_not_a_picture_is_refused_as_logo(moderator_client, community):
    fake = SimpleUploadedFile("logo.png", b"<script>alert(1)</script>", content_type="image/png")
    response = moderator_client.post(URL, {**_data(community, name="Renamed"), "logo": fake})
    assert response.status_code == 400
    assert "PNG, JPEG or WebP" in response.content.decode()
    community.refresh_from_db()
    assert not community.logo
    assert community.name == "School Behavioral Health"


def test_logo_chosen_with_another_mistake_is_not_silently_dropped(moderator_client, community):
    response = moderator_client.post(URL, {**_data(community, name=""), "logo": _png()})
    assert "The logo you chose was not saved" in response.content.decode()


def test_moderator_removes_the_logo(moderator_client, community):
    moderator_client.post(URL, {**_data(community), "logo": _png()})
    community.refresh_from_db()
    stored = community.logo.name
    moderator_client.post(URL, _data(community, remove_logo="on"))
    community.refresh_from_db()
    assert not community.logo
    assert not community.logo.storage.exists(stored)


def test_site_admin_may_change_settings(admin_client_, community):
    assert admin_client_.post(URL, _data(community, tagline="From the admin")).status_code == 302
    community.refresh_from_db()
    assert community.tagline == "From the admin"


# --- archiving ------------------------------------------------------------------------------------


def test_owner_archives_the_community_after_confirming(owner_client, community):
    response = owner_client.post(URL, {"op": "archive", "confirm": "on"})
    assert response.status_code == 302
    community.refresh_from_db()
    assert community.is_archived is True
    assert ActivityEvent.objects.filter(verb="community.archived").exists()


def test_archiving_without_confirming_is_refused(owner_client, community):
    response = owner_client.post(URL, {"op": "archive"})
    assert response.status_code == 400
    assert "Tick the box to confirm" in response.content.decode()
    community.refresh_from_db()
    assert community.is_archived is False


def test_moderator_is_not_offered_archiving_and_cannot_archive(moderator_client, community):
    assert "Archive the community" not in moderator_client.get(URL).content.decode()
    assert moderator_client.post(URL, {"op": "archive", "confirm": "on"}).status_code == 404
    community.refresh_from_db()
    assert community.is_archived is False


def test_owner_reopens_an_archived_community(owner_client, community):
    Community.objects.filter(pk=community.pk).update(is_archived=True)
    content = owner_client.get(URL).content.decode()
    assert "Reopen School Behavioral Health" in content
    owner_client.post(URL, {"op": "reopen"})
    community.refresh_from_db()
    assert community.is_archived is False


def test_settings_of_an_archived_community_cannot_change(moderator_client, community):
    Community.objects.filter(pk=community.pk).update(is_archived=True)
    content = moderator_client.get(URL).content.decode()
    assert "Save settings" not in content
    assert "disabled" in content
    community.refresh_from_db()
    response = moderator_client.post(URL, _data(community, name="Renamed"))
    assert response.status_code == 400
    assert "archived" in response.content.decode()
    community.refresh_from_db()
    assert community.name == "School Behavioral Health"


def test_members_cannot_post_settings(member_client, community):
    assert member_client.post(URL, _data(community, name="Hijacked")).status_code == 404
    community.refresh_from_db()
    assert community.name == "School Behavioral Health"


@pytest.mark.parametrize("who", ["member_client", "outsider_client", "anon_client"])
def test_archiving_answers_404_to_non_moderators(request, community, who):
    assert request.getfixturevalue(who).post(URL, {"op": "archive", "confirm": "on"}).status_code == 404
