"""``/c/<slug>/manage/tools/`` and ``/manage/tools/<tool>/``: tools on and off, their names, order and
settings, proven with tools that exist only in these tests."""

import pytest

from sharedwork.communities.models import ToolActivation
from sharedwork.communities.permissions import can
from sharedwork.tools.base import Tool, ToolAction
from sharedwork.tools.registry import registry
from sharedwork.tools.selectors import all_tools_for_manage, enabled_tools, forget_activations

URL = "/c/sbh/manage/tools/"


class NotesTool(Tool):
    slug = "notes"
    label = "Notes"
    enabled_by_default = False
    actions = {
        "notes.read": ToolAction("Read notes", default="viewer", write=False),
        "notes.write": ToolAction("Write notes", default="member", configurable=True),
        "notes.pin": ToolAction("Pin notes", default="moderator"),
    }
    default_settings = {"allow_comments": True, "page_size": 20}


class PollsTool(Tool):
    slug = "pollsx"
    label = "Quick polls"
    enabled_by_default = False


@pytest.fixture
def tools_installed(db):
    with registry.override(NotesTool, PollsTool):
        yield


@pytest.fixture
def tool_rows(community, tools_installed):
    ToolActivation.objects.filter(community=community).delete()
    ToolActivation.objects.create(community=community, tool_slug="notes", enabled=True, position=0)
    ToolActivation.objects.create(community=community, tool_slug="pollsx", enabled=False, position=1)


def _data(community, **changes):
    """The tools form as the page shows it, then ``changes`` (``{"notes-label": "Ideas"}``)."""
    data = {"op": "save"}
    for number, row in enumerate(all_tools_for_manage(community), start=1):
        if row["enabled"]:
            data[f"{row['slug']}-enabled"] = "on"
        data[f"{row['slug']}-label"] = row["label"]
        data[f"{row['slug']}-position"] = str(number)
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _order(community):
    forget_activations(community)  # read what is stored now, not what this test object cached
    return [row["slug"] for row in all_tools_for_manage(community) if row["slug"] in ("notes", "pollsx")]


def test_tools_page_lists_every_installed_tool_with_its_settings_link(moderator_client, tool_rows):
    content = moderator_client.get(URL).content.decode()
    assert "Notes" in content
    assert "Quick polls" in content
    assert 'href="/c/sbh/manage/tools/notes/"' in content


def test_moderator_turns_a_tool_on_and_renames_it(moderator_client, community, tool_rows):
    response = moderator_client.post(
        URL, _data(community, **{"pollsx-enabled": "on", "pollsx-label": "Votes"})
    )
    assert response.status_code == 302
    activation = ToolActivation.objects.get(community=community, tool_slug="pollsx")
    assert activation.enabled is True
    assert activation.label == "Votes"


def test_moderator_turns_a_tool_off(moderator_client, community, tool_rows):
    moderator_client.post(URL, _data(community, **{"notes-enabled": None}))
    assert not ToolActivation.objects.get(community=community, tool_slug="notes").enabled


def test_position_numbers_set_the_order(moderator_client, community, tool_rows):
    moderator_client.post(URL, _data(community, **{"notes-position": "5", "pollsx-position": "2"}))
    assert _order(community) == ["pollsx", "notes"]


def test_move_down_is_a_post_that_also_keeps_what_was_typed(moderator_client, community, tool_rows):
    response = moderator_client.post(URL, _data(community, op="down:notes", **{"pollsx-label": "Votes"}))
    assert response.status_code == 302
    assert response["Location"].endswith("#tool-notes")
    assert _order(community) == ["pollsx", "notes"]
    assert ToolActivation.objects.get(community=community, tool_slug="pollsx").label == "Votes"


def test_move_up_moves_a_tool_up_one_place(moderator_client, community, tool_rows):
    moderator_client.post(URL, _data(community, op="up:pollsx"))
    assert _order(community) == ["pollsx", "notes"]


def test_enabled_tools_follow_the_new_order_in_the_navigation(moderator_client, community, tool_rows):
    moderator_client.post(URL, _data(community, op="up:pollsx", **{"pollsx-enabled": "on"}))
    forget_activations(community)
    assert [item["slug"] for item in enabled_tools(community) if item["slug"] in ("notes", "pollsx")] == [
        "pollsx",
        "notes",
    ]


def test_name_longer_than_60_characters_is_refused_and_nothing_is_saved(
    moderator_client, community, tool_rows
):
    response = moderator_client.post(
        URL, _data(community, **{"notes-label": "x" * 61, "pollsx-enabled": "on", "pollsx-label": "Votes"})
    )
    assert response.status_code == 400
    assert "at most 60 characters" in response.content.decode()
    assert 'value="Votes"' in response.content.decode()
    activation = ToolActivation.objects.get(community=community, tool_slug="pollsx")
    assert (activation.enabled, activation.label) == (False, "")


def test_position_that_is_not_a_number_is_refused(moderator_client, community, tool_rows):
    response = moderator_client.post(URL, _data(community, **{"notes-position": "first"}))
    assert response.status_code == 400
    assert "Enter a whole number" in response.content.decode()


def test_moving_tools_in_an_archived_community_is_refused(moderator_client, community, tool_rows):
    community.is_archived = True
    community.save()
    response = moderator_client.post(URL, _data(community, op="up:pollsx"))
    assert response.status_code == 400
    assert "archived" in response.content.decode()
    assert _order(community) == ["notes", "pollsx"]


# --- a tool's settings ----------------------------------------------------------------------------


def test_tool_settings_page_offers_each_configurable_action_and_simple_switches(moderator_client, tool_rows):
    content = moderator_client.get("/c/sbh/manage/tools/notes/").content.decode()
    assert "Who may write notes?" in content
    assert "Pin notes" not in content  # not configurable
    assert "Allow comments" in content
    assert "Page size" not in content  # not a simple switch


def test_moderator_makes_writing_notes_a_moderators_only_action(
    moderator_client, community, member, moderator, tool_rows
):
    assert can(member, "notes.write", community)
    response = moderator_client.post("/c/sbh/manage/tools/notes/", {"perm-notes.write": "moderator"})
    assert response.status_code == 302
    activation = ToolActivation.objects.get(community=community, tool_slug="notes")
    assert activation.settings["permissions"] == {"notes.write": "moderator"}
    assert activation.settings["allow_comments"] is False
    forget_activations(community)
    assert not can(member, "notes.write", community)


def test_a_level_that_is_not_offered_is_refused(moderator_client, community, tool_rows):
    response = moderator_client.post("/c/sbh/manage/tools/notes/", {"perm-notes.write": "viewer"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert ToolActivation.objects.get(community=community, tool_slug="notes").settings == {}


def test_a_tool_without_settings_says_so(moderator_client, tool_rows):
    assert "has no settings to change" in moderator_client.get("/c/sbh/manage/tools/pollsx/").content.decode()


def test_settings_of_a_tool_that_does_not_exist_answer_404(moderator_client, tool_rows):
    assert moderator_client.get("/c/sbh/manage/tools/nothing/").status_code == 404


@pytest.mark.parametrize("who", ["member_client", "outsider_client", "anon_client"])
def test_tool_settings_answer_404_to_non_moderators(request, community, tool_rows, who):
    client = request.getfixturevalue(who)
    assert client.get("/c/sbh/manage/tools/notes/").status_code == 404
    assert client.post("/c/sbh/manage/tools/notes/", {"perm-notes.write": "moderator"}).status_code == 404
    assert ToolActivation.objects.get(community=community, tool_slug="notes").settings == {}


@pytest.mark.parametrize("who", ["owner_client", "admin_client_"])
def test_owners_and_site_admins_change_tool_settings(request, community, tool_rows, who):
    response = request.getfixturevalue(who).post(
        "/c/sbh/manage/tools/notes/", {"perm-notes.write": "moderator"}
    )
    assert response.status_code == 302


def test_members_cannot_change_the_tools(member_client, community, tool_rows):
    assert member_client.post(URL, _data(community, op="up:pollsx")).status_code == 404
    assert _order(community) == ["notes", "pollsx"]
