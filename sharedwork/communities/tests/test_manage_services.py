"""The services the moderator pages added: saving the home page's blocks, and where a community may be
placed in the tree."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sharedwork.activity.models import ActivityEvent, EventVisibility
from sharedwork.communities.models import HomeBlock, Role
from sharedwork.communities.services import community_home_blocks_save, community_update
from sharedwork.tests.factories import CommunityFactory, MembershipFactory

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


@pytest.fixture
def blocks(community):
    for position, kind in enumerate(["welcome", "charter", "members"]):
        HomeBlock.objects.create(community=community, kind=kind, position=position)


def _kinds(community):
    return list(community.home_blocks.values_list("kind", flat=True))


def test_moderator_replaces_the_home_blocks_in_the_order_given(community, moderator, blocks):
    community_home_blocks_save(
        actor=moderator,
        community=community,
        blocks=[
            {"kind": "members", "title": "Who we are"},
            {"kind": "announcement", "settings": {"text": "Meeting on **Friday**", "ends_on": TOMORROW}},
            {"kind": "links", "settings": {"links": [{"label": "IDEA", "url": "https://example.org/idea"}]}},
        ],
    )
    saved = list(community.home_blocks.all())
    assert [b.kind for b in saved] == ["members", "announcement", "links"]
    assert [b.position for b in saved] == [0, 1, 2]
    assert saved[0].title == "Who we are"
    assert saved[1].settings == {"text": "Meeting on **Friday**", "ends_on": TOMORROW.isoformat()}
    assert saved[2].settings == {"links": [{"label": "IDEA", "url": "https://example.org/idea"}]}


def test_saving_the_home_page_is_recorded_for_moderators_only(community, moderator, blocks):
    community_home_blocks_save(actor=moderator, community=community, blocks=[{"kind": "welcome"}])
    event = ActivityEvent.objects.get(verb="community.home_changed")
    assert event.actor == moderator
    assert event.visibility == EventVisibility.MODERATORS


def test_member_cannot_save_the_home_page(community, member, blocks):
    with pytest.raises(PermissionDenied):
        community_home_blocks_save(actor=member, community=community, blocks=[])
    assert _kinds(community) == ["welcome", "charter", "members"]


def test_site_admin_may_save_the_home_page(community, site_admin, blocks):
    community_home_blocks_save(actor=site_admin, community=community, blocks=[{"kind": "charter"}])
    assert _kinds(community) == ["charter"]


def test_archived_community_home_page_cannot_change(community, moderator, blocks):
    community.is_archived = True
    community.save()
    with pytest.raises(ValidationError, match="archived"):
        community_home_blocks_save(actor=moderator, community=community, blocks=[])
    assert _kinds(community) == ["welcome", "charter", "members"]


def test_unknown_block_kind_is_refused_and_nothing_changes(community, moderator, blocks):
    with pytest.raises(ValidationError) as exc:
        community_home_blocks_save(
            actor=moderator, community=community, blocks=[{"kind": "welcome"}, {"kind": "weather"}]
        )
    assert "1.kind" in exc.value.message_dict
    assert _kinds(community) == ["welcome", "charter", "members"]


@pytest.mark.parametrize(
    ("block_settings", "field", "message"),
    [
        ({"text": "", "ends_on": TOMORROW}, "text", "Write the announcement"),
        ({"text": "x" * 2001, "ends_on": TOMORROW}, "text", "under 2,000"),
        ({"text": "Hello"}, "ends_on", "last day"),
        ({"text": "Hello", "ends_on": "2026-02-30"}, "ends_on", "real date"),
        ({"text": "Hello", "ends_on": "soon"}, "ends_on", "real date"),
        (
            {"text": "Hello", "ends_on": timezone.localdate() - datetime.timedelta(days=1)},
            "ends_on",
            "in the past",
        ),
    ],
)
def test_announcement_needs_text_and_an_end_date_not_in_the_past(
    community, moderator, blocks, block_settings, field, message
):
    with pytest.raises(ValidationError) as exc:
        community_home_blocks_save(
            actor=moderator,
            community=community,
            blocks=[{"kind": "announcement", "settings": block_settings}],
        )
    assert message in " ".join(exc.value.message_dict[f"0.{field}"])
    assert _kinds(community) == ["welcome", "charter", "members"]


def test_announcement_may_end_today(community, moderator):
    today = timezone.localdate()
    community_home_blocks_save(
        actor=moderator,
        community=community,
        blocks=[{"kind": "announcement", "settings": {"text": "Today only", "ends_on": today.isoformat()}}],
    )
    assert community.home_blocks.get().settings["ends_on"] == today.isoformat()


@pytest.mark.parametrize(
    ("links", "message"),
    [
        ([], "at least one link"),
        ([{"label": "", "url": "https://example.org"}], "text people will click"),
        ([{"label": "Bad", "url": "javascript:alert(1)"}], "https://"),
        ([{"label": "Bad", "url": "ftp://example.org/file"}], "https://"),
        ([{"label": "Bad", "url": "example.org"}], "https://"),
        ([{"label": "x", "url": f"https://example.org/{n}"} for n in range(21)], "up to 20 links"),
    ],
)
def test_links_need_a_label_and_a_web_address_and_at_most_twenty(
    community, moderator, blocks, links, message
):
    with pytest.raises(ValidationError) as exc:
        community_home_blocks_save(
            actor=moderator, community=community, blocks=[{"kind": "links", "settings": {"links": links}}]
        )
    assert message in " ".join(exc.value.message_dict["0.links"])
    assert _kinds(community) == ["welcome", "charter", "members"]


def test_twenty_links_are_fine_and_empty_rows_are_left_out(community, moderator):
    links = [{"label": f"Link {n}", "url": f"https://example.org/{n}"} for n in range(20)]
    community_home_blocks_save(
        actor=moderator,
        community=community,
        blocks=[{"kind": "links", "settings": {"links": [*links, {"label": "", "url": ""}]}}],
    )
    assert len(community.home_blocks.get().settings["links"]) == 20


def test_heading_longer_than_120_characters_is_refused(community, moderator, blocks):
    with pytest.raises(ValidationError) as exc:
        community_home_blocks_save(
            actor=moderator, community=community, blocks=[{"kind": "welcome", "title": "x" * 121}]
        )
    assert "0.title" in exc.value.message_dict


# --- where a community sits in the tree --------------------------------------------------------


def test_moderator_places_the_community_beneath_another_they_moderate(community, moderator):
    other = CommunityFactory()
    MembershipFactory(community=other, user=moderator, role=Role.MODERATOR)
    community_update(actor=moderator, community=community, parent=other)
    community.refresh_from_db()
    assert community.parent == other


def test_moderator_cannot_place_the_community_beneath_one_they_do_not_moderate(community, moderator):
    stranger = CommunityFactory()
    with pytest.raises(PermissionDenied):
        community_update(actor=moderator, community=community, parent=stranger)
    community.refresh_from_db()
    assert community.parent is None


def test_only_site_admins_make_a_group_top_level(community, moderator, site_admin):
    group = CommunityFactory(parent=community)
    MembershipFactory(community=group, user=moderator, role=Role.OWNER)
    with pytest.raises(PermissionDenied):
        community_update(actor=moderator, community=group, parent=None)
    community_update(actor=site_admin, community=group, parent=None)
    group.refresh_from_db()
    assert group.parent is None


def test_a_community_cannot_be_placed_beneath_its_own_group(community, moderator):
    group = CommunityFactory(parent=community)
    MembershipFactory(community=group, user=moderator, role=Role.MODERATOR)
    with pytest.raises(ValidationError) as exc:
        community_update(actor=moderator, community=community, parent=group)
    assert "beneath itself or its own groups" in " ".join(exc.value.message_dict["parent"])
    community.refresh_from_db()
    assert community.parent is None


def test_saving_the_home_page_unchanged_or_twice_writes_and_records_nothing_more(
    community, moderator, blocks
):
    page = [
        {"kind": "welcome"},
        {"kind": "announcement", "settings": {"text": "Meeting on Friday", "ends_on": TOMORROW}},
    ]
    community_home_blocks_save(actor=moderator, community=community, blocks=page)
    ids = list(community.home_blocks.values_list("pk", flat=True))
    community_home_blocks_save(actor=moderator, community=community, blocks=page)  # a double submit
    assert list(community.home_blocks.values_list("pk", flat=True)) == ids
    assert ActivityEvent.objects.filter(verb="community.home_changed").count() == 1


def test_saving_the_tools_unchanged_records_nothing_but_a_real_change_does(community, moderator):
    from sharedwork.communities.models import ToolActivation
    from sharedwork.communities.services import community_tools_update

    rows = [{"slug": "wiki", "enabled": True, "position": 0, "label": "Shared notes"}]
    community_tools_update(actor=moderator, community=community, rows=rows)
    community_tools_update(actor=moderator, community=community, rows=rows)
    assert ActivityEvent.objects.filter(verb="community.tools_changed").count() == 1
    community_tools_update(actor=moderator, community=community, rows=[{**rows[0], "enabled": False}])
    assert ActivityEvent.objects.filter(verb="community.tools_changed").count() == 2
    assert ToolActivation.objects.get(community=community, tool_slug="wiki").enabled is False
