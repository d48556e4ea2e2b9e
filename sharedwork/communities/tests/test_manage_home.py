"""``/c/<slug>/manage/home/`` (choosing and ordering the home page's blocks, with plain forms) and
``/manage/home/preview/`` (the page as a visitor and as a plain member see it)."""

import datetime

import pytest
from django.utils import timezone

from sharedwork.accounts.models import User
from sharedwork.activity.models import ActivityEvent, EventVisibility
from sharedwork.communities.models import HomeBlock, Membership, Role, Visibility
from sharedwork.tests.factories import UserFactory
from sharedwork.tools.base import HomeBlockKind, Tool
from sharedwork.tools.registry import registry

URL = "/c/sbh/manage/home/"
PREVIEW = "/c/sbh/manage/home/preview/"
TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
YESTERDAY = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()


@pytest.fixture
def home(community):
    community.description = "We share what works in **school behavioral health**."
    community.save()
    for position, kind in enumerate(["welcome", "charter", "members"]):
        HomeBlock.objects.create(community=community, kind=kind, position=position)


def _kinds(community):
    return list(HomeBlock.objects.filter(community=community).values_list("kind", flat=True))


def _data(blocks, op="save", **extra):
    """The editor's form: ``blocks`` as [{kind, title, text, ends_on, links: [(label, url)]}]."""
    data = {"block_count": str(len(blocks)), "op": op}
    for index, block in enumerate(blocks):
        prefix = f"block-{index}-"
        links = block.get("links", [])
        data.update(
            {
                f"{prefix}kind": block["kind"],
                f"{prefix}title": block.get("title", ""),
                f"{prefix}text": block.get("text", ""),
                f"{prefix}ends_on": block.get("ends_on", ""),
                f"{prefix}link_rows": str(len(links)),
            }
        )
        for number, (label, url) in enumerate(links, start=1):
            data[f"{prefix}link-{number}-label"] = label
            data[f"{prefix}link-{number}-url"] = url
    data.update(extra)
    return data


THREE = [{"kind": "welcome"}, {"kind": "charter"}, {"kind": "members"}]


# --- the editor ----------------------------------------------------------------------------------


def test_editor_lists_the_blocks_in_order(moderator_client, home):
    content = moderator_client.get(URL).content.decode()
    welcome = content.index("1. Welcome and description")
    charter = content.index("2. Charter: the four questions")
    members = content.index("3. Members snapshot")
    assert welcome < charter < members


def test_pressing_enter_saves_because_save_is_the_first_button(moderator_client, home):
    content = moderator_client.get(URL).content.decode()
    form = content[content.index('id="home-editor"') :]
    first_button = form[form.index("<button") : form.index("</button>")]
    assert 'value="save"' in first_button


def test_moderator_saves_headings(moderator_client, community, home):
    blocks = [{"kind": "welcome", "title": "Hello and welcome"}, {"kind": "charter"}, {"kind": "members"}]
    response = moderator_client.post(URL, _data(blocks))
    assert response.status_code == 302
    assert HomeBlock.objects.get(community=community, kind="welcome").title == "Hello and welcome"
    assert ActivityEvent.objects.filter(verb="community.home_changed").exists()


def test_move_up_saves_the_new_order(moderator_client, community, home):
    response = moderator_client.post(URL, _data(THREE, op="up:2"))
    assert response.status_code == 302
    assert response["Location"].endswith("#block-1")
    assert _kinds(community) == ["welcome", "members", "charter"]


def test_move_down_saves_the_new_order_and_what_was_typed(moderator_client, community, home):
    blocks = [{"kind": "welcome"}, {"kind": "charter", "title": "Our four answers"}, {"kind": "members"}]
    moderator_client.post(URL, _data(blocks, op="down:0"))
    assert _kinds(community) == ["charter", "welcome", "members"]
    assert HomeBlock.objects.get(community=community, kind="charter").title == "Our four answers"


def test_moving_the_first_block_up_changes_nothing(moderator_client, community, home):
    moderator_client.post(URL, _data(THREE, op="up:0"))
    assert _kinds(community) == ["welcome", "charter", "members"]


def test_remove_takes_a_block_off_the_page(moderator_client, community, home):
    response = moderator_client.post(URL, _data(THREE, op="remove:1"), follow=True)
    assert _kinds(community) == ["welcome", "members"]
    assert "The block “Charter: the four questions” was removed." in response.content.decode()


def test_adding_a_block_that_needs_nothing_saves_it_at_the_end(moderator_client, community, home):
    moderator_client.post(URL, _data(THREE, op="add", add_kind="recent_activity"))
    assert _kinds(community) == ["welcome", "charter", "members", "recent_activity"]


def test_added_announcement_is_shown_to_fill_in_before_it_is_saved(moderator_client, community, home):
    response = moderator_client.post(URL, _data(THREE, op="add", add_kind="announcement"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Fill it in, then choose Save home page." in content
    assert "4. Announcement" in content
    assert 'name="block-3-text"' in content
    assert 'id="error-summary"' not in content
    assert _kinds(community) == ["welcome", "charter", "members"]


def test_announcement_with_text_and_end_date_is_saved(moderator_client, community, home):
    blocks = [{"kind": "announcement", "text": "Webinar on **Friday**", "ends_on": TOMORROW}, *THREE]
    assert moderator_client.post(URL, _data(blocks)).status_code == 302
    block = HomeBlock.objects.get(community=community, kind="announcement")
    assert block.settings == {"text": "Webinar on **Friday**", "ends_on": TOMORROW}
    assert block.position == 0


def test_announcement_ending_in_the_past_is_refused_and_the_text_kept(moderator_client, community, home):
    blocks = [*THREE, {"kind": "announcement", "text": "Old news typed here", "ends_on": YESTERDAY}]
    response = moderator_client.post(URL, _data(blocks, op="up:3"))
    assert response.status_code == 400
    content = response.content.decode()
    assert "is in the past" in content
    assert "Old news typed here" in content
    assert "Nothing was saved" in content
    assert _kinds(community) == ["welcome", "charter", "members"]


def test_announcement_with_a_date_that_does_not_exist_is_refused(moderator_client, community, home):
    blocks = [{"kind": "announcement", "text": "Hello", "ends_on": "2027-02-30"}]
    response = moderator_client.post(URL, _data(blocks))
    assert "Enter a real date" in response.content.decode()
    assert _kinds(community) == ["welcome", "charter", "members"]


def test_announcement_without_text_is_refused(moderator_client, community, home):
    response = moderator_client.post(URL, _data([{"kind": "announcement", "ends_on": TOMORROW}]))
    assert "Write the announcement." in response.content.decode()
    assert _kinds(community) == ["welcome", "charter", "members"]


def test_links_are_saved_and_empty_rows_left_out(moderator_client, community, home):
    links = [
        ("IDEA Partnership", "https://ideapartnership.example.org"),
        ("", ""),
        ("Toolkit", "http://t.example"),
    ]
    moderator_client.post(URL, _data([{"kind": "links", "links": links}]))
    block = HomeBlock.objects.get(community=community, kind="links")
    assert block.settings["links"] == [
        {"label": "IDEA Partnership", "url": "https://ideapartnership.example.org"},
        {"label": "Toolkit", "url": "http://t.example"},
    ]


def test_links_editor_offers_empty_rows_to_add_more(moderator_client, community):
    HomeBlock.objects.create(
        community=community, kind="links", settings={"links": [{"label": "A", "url": "https://a.example"}]}
    )
    content = moderator_client.get(URL).content.decode()
    assert 'name="block-0-link-4-url"' in content
    assert 'name="block-0-link-5-url"' not in content


def test_a_script_link_is_refused_and_everything_typed_is_kept(moderator_client, community, home):
    links = [("Click me", "javascript:alert(1)")]
    blocks = [{"kind": "welcome", "title": "Typed heading"}, {"kind": "links", "links": links}]
    response = moderator_client.post(URL, _data(blocks, op="down:0"))
    assert response.status_code == 400
    content = response.content.decode()
    assert "Link 1: enter a full web address starting with https://" in content
    assert "Typed heading" in content
    assert "javascript:alert(1)" in content
    assert _kinds(community) == ["welcome", "charter", "members"]


def test_a_heading_that_is_too_long_is_refused(moderator_client, community, home):
    response = moderator_client.post(URL, _data([{"kind": "welcome", "title": "x" * 121}]))
    assert response.status_code == 400
    assert "at most 120 characters" in response.content.decode()


def test_adding_a_kind_that_does_not_exist_is_refused(moderator_client, community, home):
    response = moderator_client.post(URL, _data(THREE, op="add", add_kind="weather"))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert _kinds(community) == ["welcome", "charter", "members"]


class BoardTool(Tool):
    slug = "board"
    label = "Board"
    home_blocks = [HomeBlockKind("board.latest", "Board: latest notes", "communities/blocks/welcome.html")]


def test_tools_offer_their_blocks_and_they_can_be_added(moderator_client, community, home):
    with registry.override(BoardTool):
        assert "Board: latest notes" in moderator_client.get(URL).content.decode()
        moderator_client.post(URL, _data(THREE, op="add", add_kind="board.latest"))
    assert _kinds(community) == ["welcome", "charter", "members", "board.latest"]


def test_a_block_of_a_removed_tool_is_shown_and_can_be_removed(moderator_client, community, home):
    HomeBlock.objects.create(community=community, kind="gone.block", position=9)
    content = moderator_client.get(URL).content.decode()
    assert "Unknown block (gone.block)" in content
    moderator_client.post(URL, _data([*THREE, {"kind": "gone.block"}], op="remove:3"))
    assert _kinds(community) == ["welcome", "charter", "members"]


def test_archived_community_home_page_cannot_change(moderator_client, community, home):
    community.is_archived = True
    community.save()
    response = moderator_client.post(URL, _data(THREE, op="remove:0"))
    assert response.status_code == 400
    assert "archived" in response.content.decode()
    assert _kinds(community) == ["welcome", "charter", "members"]


@pytest.mark.parametrize("who", ["owner_client", "admin_client_"])
def test_owners_and_site_admins_arrange_the_home_page(request, community, home, who):
    request.getfixturevalue(who).post(URL, _data(THREE, op="remove:0"))
    assert _kinds(community) == ["charter", "members"]


@pytest.mark.parametrize("who", ["member_client", "outsider_client", "anon_client"])
def test_non_moderators_get_404_and_change_nothing(request, community, home, who):
    client = request.getfixturevalue(who)
    assert client.post(URL, _data(THREE, op="remove:0")).status_code == 404
    assert _kinds(community) == ["welcome", "charter", "members"]


# --- the preview ---------------------------------------------------------------------------------


@pytest.fixture
def activity(community, home):
    """One event everyone who sees the content may see, one only moderators may see."""
    HomeBlock.objects.create(community=community, kind="recent_activity", position=5)
    public = UserFactory(display_name="Pat Public")
    secret = UserFactory(display_name="Sam Secret")
    now = timezone.now()
    ActivityEvent.objects.create(community=community, actor=public, verb="member.joined", created_at=now)
    ActivityEvent.objects.create(
        community=community,
        actor=secret,
        verb="member.requested",
        visibility=EventVisibility.MODERATORS,
        created_at=now,
    )


def test_visitor_preview_shows_the_blocks_with_a_banner(moderator_client, home):
    content = moderator_client.get(PREVIEW, {"as": "visitor"}).content.decode()
    assert "This is a preview, not the live page." in content
    assert "as someone who is not signed in sees it" in content
    assert "<strong>school behavioral health</strong>" in content


def test_member_preview_says_what_it_shows(moderator_client, home):
    content = moderator_client.get(PREVIEW, {"as": "member"}).content.decode()
    assert "as a member who is not a moderator sees it" in content


@pytest.mark.parametrize("as_", ["visitor", "member"])
@pytest.mark.parametrize("who", ["moderator_client", "owner_client", "admin_client_"])
def test_preview_never_shows_what_only_moderators_see(request, activity, as_, who):
    content = request.getfixturevalue(who).get(PREVIEW, {"as": as_}).content.decode()
    assert "Pat Public" in content
    assert "Sam Secret" not in content


def test_member_preview_leaves_the_moderator_a_moderator(moderator_client, community, moderator, activity):
    users = User.objects.count()
    moderator_client.get(PREVIEW, {"as": "member"})
    assert Membership.objects.get(community=community, user=moderator).role == Role.MODERATOR
    assert User.objects.count() == users


def test_member_preview_by_a_site_admin_who_is_not_a_member_leaves_nothing_behind(
    admin_client_, community, activity
):
    community.visibility = Visibility.LISTED
    community.save()
    users, memberships = User.objects.count(), Membership.objects.count()
    content = admin_client_.get(PREVIEW, {"as": "member"}).content.decode()
    assert "Pat Public" in content
    assert (User.objects.count(), Membership.objects.count()) == (users, memberships)


def test_visitor_preview_of_a_listed_community_shows_only_what_it_is(moderator_client, community, activity):
    community.visibility = Visibility.LISTED
    community.save()
    content = moderator_client.get(PREVIEW, {"as": "visitor"}).content.decode()
    assert "Only members can see what is shared in this community." in content
    assert "Pat Public" not in content
    member_content = moderator_client.get(PREVIEW, {"as": "member"}).content.decode()
    assert "Pat Public" in member_content


def test_visitor_preview_of_a_hidden_community_says_visitors_cannot_see_it(moderator_client, community, home):
    community.visibility = Visibility.HIDDEN
    community.save()
    content = moderator_client.get(PREVIEW, {"as": "visitor"}).content.decode()
    assert "Visitors cannot see School Behavioral Health at all" in content


def test_preview_without_a_choice_is_the_visitor_preview(moderator_client, home):
    assert "as someone who is not signed in" in moderator_client.get(PREVIEW, {"as": "king"}).content.decode()


def test_expired_announcement_is_not_in_the_preview(moderator_client, community, home):
    HomeBlock.objects.create(
        community=community,
        kind="announcement",
        position=0,
        settings={"text": "Long gone", "ends_on": YESTERDAY},
    )
    assert "Long gone" not in moderator_client.get(PREVIEW).content.decode()


@pytest.mark.parametrize("who", ["member_client", "outsider_client", "anon_client"])
def test_preview_answers_404_to_non_moderators(request, home, who):
    assert request.getfixturevalue(who).get(PREVIEW, {"as": "member"}).status_code == 404


def test_the_moderator_can_still_change_things_after_a_member_preview(moderator_client, community, home):
    moderator_client.get(PREVIEW, {"as": "member"})
    assert moderator_client.post(URL, _data(THREE, op="remove:0")).status_code == 302
    assert _kinds(community) == ["charter", "members"]


def test_member_preview_does_not_show_a_hidden_group_only_the_moderator_belongs_to(
    moderator_client, community, moderator
):
    from sharedwork.tests.factories import CommunityFactory, MembershipFactory

    HomeBlock.objects.create(community=community, kind="children", position=9)
    CommunityFactory(name="Open Working Group", parent=community, visibility=Visibility.PUBLIC)
    secret = CommunityFactory(name="Secret Planning Group", parent=community, visibility=Visibility.HIDDEN)
    MembershipFactory(community=secret, user=moderator, role=Role.OWNER)
    content = moderator_client.get(PREVIEW, {"as": "member"}).content.decode()
    assert "Open Working Group" in content
    assert "Secret Planning Group" not in content
