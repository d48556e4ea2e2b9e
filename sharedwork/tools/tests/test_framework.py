"""The tool framework, proven with a tool that exists only in these tests."""

import pytest
from django.http import HttpResponse
from django.urls import path, reverse

from sharedwork.communities.models import Community, Visibility
from sharedwork.communities.permissions import can
from sharedwork.communities.services import (
    community_create,
    community_tool_settings_update,
    community_tools_update,
)
from sharedwork.tests.factories import CommunityFactory, MembershipFactory, UserFactory
from sharedwork.tools.base import Tool, ToolAction
from sharedwork.tools.mount import reload_urls
from sharedwork.tools.registry import registry
from sharedwork.tools.selectors import enabled_tools, tool_label


def _notes_index(request):
    return HttpResponse(f"notes of {request.community.slug} via {request.tool.slug}")


def _notes_write(request):
    if not can(request.user, "notes.write", request.community):
        return HttpResponse("refused", status=403)
    return HttpResponse("written")


class NotesTool(Tool):
    slug = "notes"
    label = "Notes"
    enabled_by_default = False
    actions = {
        "notes.read": ToolAction("Read notes", default="viewer", write=False),
        "notes.write": ToolAction("Write notes", default="member", configurable=True),
        "notes.pin": ToolAction("Pin notes", default="moderator"),
    }
    activity_verbs = {"notes.written": "{actor} wrote a note in {target}"}

    def urlpatterns(self):
        return [path("", _notes_index, name="index"), path("write/", _notes_write, name="write")]

    def object_rule(self, actor, action, obj):
        return not getattr(obj, "frozen", False)


@pytest.fixture
def notes_tool(settings):
    with registry.override(NotesTool):
        reload_urls()
        yield registry.get("notes")
    reload_urls()


@pytest.fixture
def open_site(db):
    from sharedwork.communities.models import SiteSettings

    SiteSettings.objects.update_or_create(pk=1, defaults={"community_creation": SiteSettings.Creation.OPEN})


@pytest.fixture
def notes_community(db, notes_tool):
    return CommunityFactory(slug="notes-place", tools=["notes"])


def test_a_registered_tool_is_mounted_under_the_community(notes_community, client):
    response = client.get("/c/notes-place/notes/")
    assert response.status_code == 200
    assert response.content == b"notes of notes-place via notes"
    assert reverse("notes:index", kwargs={"community_slug": "notes-place"}) == "/c/notes-place/notes/"


def test_a_tool_that_is_off_answers_404(notes_tool, db, client):
    CommunityFactory(slug="quiet", tools=[])
    assert client.get("/c/quiet/notes/").status_code == 404


def test_a_tool_in_a_community_that_does_not_exist_answers_404(notes_tool, db, client):
    assert client.get("/c/nowhere/notes/").status_code == 404


@pytest.mark.parametrize("visibility", [Visibility.LISTED, Visibility.HIDDEN])
def test_a_tool_of_a_private_community_answers_404_to_outsiders_and_200_to_members(
    notes_tool, db, client, visibility
):
    community = CommunityFactory(slug="private", visibility=visibility, tools=["notes"])
    member = MembershipFactory(community=community).user
    assert client.get("/c/private/notes/").status_code == 404
    client.force_login(UserFactory())
    assert client.get("/c/private/notes/").status_code == 404
    client.force_login(member)
    assert client.get("/c/private/notes/").status_code == 200


def test_tool_actions_follow_their_default_roles(notes_community):
    member = MembershipFactory(community=notes_community).user
    moderator = MembershipFactory(community=notes_community, role="moderator").user
    outsider = UserFactory()
    assert can(None, "notes.read", notes_community)
    assert not can(None, "notes.write", notes_community)
    assert not can(outsider, "notes.write", notes_community)
    assert can(member, "notes.write", notes_community)
    assert not can(member, "notes.pin", notes_community)
    assert can(moderator, "notes.pin", notes_community)


def test_moderators_can_restrict_a_configurable_action_to_moderators(notes_community, notes_tool):
    owner = MembershipFactory(community=notes_community, role="owner").user
    member = MembershipFactory(community=notes_community).user
    community_tool_settings_update(
        actor=owner,
        community=notes_community,
        tool=notes_tool,
        settings={"permissions": {"notes.write": "moderator"}},
    )
    community = Community.objects.get(pk=notes_community.pk)
    member = type(member).objects.get(pk=member.pk)
    assert not can(member, "notes.write", community)
    assert can(owner, "notes.write", community)


def test_the_tools_object_rule_applies_after_the_role_check(notes_community):
    member = MembershipFactory(community=notes_community).user

    class FrozenNote:
        community = notes_community
        frozen = True

    assert not can(member, "notes.write", FrozenNote())


def test_tool_actions_are_refused_when_the_tool_is_off(notes_tool, db):
    community = CommunityFactory(tools=[])
    member = MembershipFactory(community=community).user
    assert not can(member, "notes.write", community)


def test_writes_are_refused_in_an_archived_community(notes_tool, db):
    community = CommunityFactory(tools=["notes"], is_archived=True)
    member = MembershipFactory(community=community).user
    assert can(member, "notes.read", community)
    assert not can(member, "notes.write", community)


def test_navigation_lists_enabled_tools_in_the_moderators_order_with_their_labels(notes_tool, open_site):
    owner = UserFactory()
    community = community_create(actor=owner, name="Ordering", visibility="public")
    community_tools_update(
        actor=owner,
        community=community,
        rows=[
            {"slug": "notes", "enabled": True, "position": 0, "label": "Field notes"},
            *[
                {"slug": t.slug, "enabled": True, "position": 5 + i, "label": ""}
                for i, t in enumerate(registry.all())
                if t.slug != "notes"
            ],
        ],
    )
    nav = enabled_tools(community)
    assert nav[0]["slug"] == "notes"
    assert nav[0]["label"] == "Field notes"
    assert tool_label(community, notes_tool) == "Field notes"


def test_unknown_tool_slugs_are_refused_when_saving_tools(open_site, notes_tool):
    from django.core.exceptions import ValidationError

    owner = UserFactory()
    community = community_create(actor=owner, name="Strict", visibility="public")
    with pytest.raises(ValidationError):
        community_tools_update(
            actor=owner,
            community=community,
            rows=[{"slug": "nope", "enabled": True, "position": 0, "label": ""}],
        )


def test_tools_enabled_by_default_are_on_in_a_new_community(open_site):
    owner = UserFactory()
    community = community_create(actor=owner, name="Defaults", visibility="public")
    on = {item["slug"] for item in enabled_tools(community)}
    assert on == {t.slug for t in registry.all() if t.enabled_by_default}


def test_two_tools_cannot_claim_the_same_slug(notes_tool):
    class Impostor(Tool):
        slug = "notes"

    with pytest.raises(ValueError):
        registry.register(Impostor)


def test_a_tool_without_a_slug_is_refused():
    class Nameless(Tool):
        slug = ""

    with pytest.raises(ValueError):
        registry.register(Nameless)


def test_activity_verbs_of_tools_read_as_sentences(notes_tool):
    from sharedwork.activity.verbs import sentence_template

    assert sentence_template("notes.written") == "{actor} wrote a note in {target}"
