"""Community services: creation (approval vs open site), children, settings, archiving, approval."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sharedwork.activity.models import ActivityEvent
from sharedwork.communities.models import (
    Community,
    HomeBlock,
    Level,
    Membership,
    MembershipState,
    Role,
    SiteSettings,
    Visibility,
)
from sharedwork.communities.services import (
    DEFAULT_HOME_BLOCKS,
    community_approve,
    community_create,
    community_update,
    unique_community_slug,
)
from sharedwork.communities.validation import contrast_with_white
from sharedwork.tests.factories import CommunityFactory, UserFactory


@pytest.fixture
def open_site(db):
    SiteSettings.objects.update_or_create(pk=1, defaults={"community_creation": SiteSettings.Creation.OPEN})


@pytest.fixture
def approval_site(db):
    SiteSettings.objects.update_or_create(
        pk=1, defaults={"community_creation": SiteSettings.Creation.APPROVAL}
    )


# --- creation ------------------------------------------------------------------------------------


def test_site_settings_ask_for_approval_by_default(db):
    assert SiteSettings.load().community_creation == SiteSettings.Creation.APPROVAL


def test_on_an_open_site_a_verified_person_creates_a_live_community_and_owns_it(open_site, outsider):
    community = community_create(actor=outsider, name="Family Engagement", visibility=Visibility.PUBLIC)
    assert community.is_approved
    assert community.slug == "family-engagement"
    membership = Membership.objects.get(community=community, user=outsider)
    assert (membership.role, membership.state) == (Role.OWNER, MembershipState.ACTIVE)
    assert membership.joined_at is not None
    assert ActivityEvent.objects.filter(
        community=community, verb="community.created", actor=outsider
    ).exists()


def test_a_new_community_gets_the_default_home_page_blocks_in_order(open_site, outsider):
    community = community_create(actor=outsider, name="Blocks")
    assert (
        list(HomeBlock.objects.filter(community=community).values_list("kind", flat=True))
        == DEFAULT_HOME_BLOCKS
    )


def test_when_the_site_asks_for_approval_a_new_community_waits_for_a_site_admin(approval_site, outsider):
    community = community_create(actor=outsider, name="Waiting Room")
    assert not community.is_approved
    assert community.created_by == outsider


def test_a_site_admin_creates_live_communities_even_when_approval_is_required(approval_site, site_admin):
    community = community_create(actor=site_admin, name="Admin Made")
    assert community.is_approved


def test_an_unverified_person_cannot_create_a_community(open_site, unverified):
    with pytest.raises(PermissionDenied):
        community_create(actor=unverified, name="Too Soon")
    assert not Community.objects.filter(name="Too Soon").exists()


def test_an_anonymous_visitor_cannot_create_a_community(open_site):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        community_create(actor=AnonymousUser(), name="Nobody")


def test_a_state_community_needs_a_state_and_nothing_is_saved_without_one(open_site, outsider):
    with pytest.raises(ValidationError) as excinfo:
        community_create(actor=outsider, name="Somewhere", level=Level.STATE)
    assert "state" in excinfo.value.message_dict
    assert not Community.objects.filter(name="Somewhere").exists()
    assert not Membership.objects.filter(user=outsider).exists()


def test_an_accent_colour_with_too_little_contrast_is_refused_with_its_ratio(open_site, outsider):
    with pytest.raises(ValidationError) as excinfo:
        community_create(actor=outsider, name="Pale", accent_color="#ffff00")
    message = " ".join(excinfo.value.message_dict["accent_color"])
    assert "1.1:1" in message and "4.5:1" in message
    assert not Community.objects.filter(name="Pale").exists()


@pytest.mark.parametrize(
    ("colour", "accepted"), [("#1a4480", True), ("#767676", True), ("#777777", False), ("#ffffff", False)]
)
def test_accent_colours_need_at_least_four_and_a_half_to_one_with_white(
    open_site, outsider, colour, accepted
):
    assert (contrast_with_white(colour) >= 4.5) is accepted
    if accepted:
        assert (
            community_create(actor=outsider, name=f"Colour {colour}", accent_color=colour).accent_color
            == colour
        )
    else:
        with pytest.raises(ValidationError):
            community_create(actor=outsider, name=f"Colour {colour}", accent_color=colour)


def test_an_accent_colour_that_is_not_a_hex_code_is_refused(open_site, outsider):
    with pytest.raises(ValidationError):
        community_create(actor=outsider, name="Named colour", accent_color="red")


def test_slugs_are_unique_and_never_reserved_words(open_site, outsider):
    first = community_create(actor=outsider, name="Wellness")
    second = community_create(actor=outsider, name="Wellness")
    assert first.slug == "wellness" and second.slug == "wellness-2"
    reserved = community_create(actor=outsider, name="Search")
    assert reserved.slug != "search"
    assert unique_community_slug("Manage") != "manage"


# --- children ------------------------------------------------------------------------------------


def test_a_moderator_creates_a_practice_group_beneath_their_community(community, moderator, approval_site):
    child = community_create(actor=moderator, name="Tier 2 Supports", parent=community)
    assert child.parent == community
    assert child.level == Level.PRACTICE_GROUP
    assert child.is_approved  # a group beneath a live community needs no site approval
    assert Membership.objects.get(community=child, user=moderator).role == Role.OWNER
    assert ActivityEvent.objects.filter(community=community, verb="community.child_created").exists()


def test_a_child_community_may_choose_another_level(community, moderator):
    child = community_create(actor=moderator, name="NC", parent=community, level=Level.STATE, state="NC")
    assert child.level == Level.STATE


@pytest.mark.parametrize("person", ["member", "outsider", "unverified"])
def test_only_moderators_create_groups_beneath_a_community(community, person, request):
    actor = request.getfixturevalue(person)
    with pytest.raises(PermissionDenied):
        community_create(actor=actor, name="Not mine", parent=community)


def test_no_groups_are_added_beneath_an_archived_community(community, owner):
    community.is_archived = True
    community.save()
    with pytest.raises(PermissionDenied):
        community_create(actor=owner, name="Late", parent=community)


# --- settings ------------------------------------------------------------------------------------


def test_moderators_change_settings_and_the_change_is_recorded(community, moderator):
    community_update(actor=moderator, community=community, tagline="Working together")
    community.refresh_from_db()
    assert community.tagline == "Working together"
    event = ActivityEvent.objects.get(community=community, verb="community.settings_changed")
    assert event.data == {"fields": ["tagline"]}


@pytest.mark.parametrize("person", ["member", "outsider"])
def test_members_and_outsiders_cannot_change_settings(community, person, request):
    with pytest.raises(PermissionDenied):
        community_update(actor=request.getfixturevalue(person), community=community, tagline="Mine now")


def test_a_refused_update_leaves_the_community_as_it_was(community, moderator):
    with pytest.raises(ValidationError):
        community_update(actor=moderator, community=community, tagline="New", accent_color="#eeeeee")
    assert community.tagline == "" and community.accent_color == "#1a4480"
    community.refresh_from_db()
    assert community.tagline == "" and community.accent_color == "#1a4480"


def test_a_community_cannot_be_placed_beneath_its_own_group(community, owner):
    child = community_create(actor=owner, name="Group", parent=community)
    grandchild = community_create(actor=owner, name="Subgroup", parent=child)
    with pytest.raises(ValidationError) as excinfo:
        community_update(actor=owner, community=community, parent=grandchild)
    assert "parent" in excinfo.value.message_dict
    community.refresh_from_db()
    assert community.parent is None


def test_a_community_cannot_be_its_own_parent(community, owner):
    with pytest.raises(ValidationError):
        community_update(actor=owner, community=community, parent=community)


def test_only_owners_archive_and_an_archived_community_refuses_changes(community, owner, moderator):
    with pytest.raises(PermissionDenied):
        community_update(actor=moderator, community=community, is_archived=True)
    community_update(actor=owner, community=community, is_archived=True)
    community.refresh_from_db()
    assert community.is_archived
    assert ActivityEvent.objects.filter(community=community, verb="community.archived").exists()
    with pytest.raises(ValidationError):
        community_update(actor=owner, community=community, tagline="Still writing")
    community_update(actor=owner, community=community, is_archived=False)
    community.refresh_from_db()
    assert not community.is_archived


# --- approval ------------------------------------------------------------------------------------


def test_a_site_admin_approves_a_waiting_community(approval_site, outsider, site_admin):
    community = community_create(actor=outsider, name="Please approve")
    community_approve(actor=site_admin, community=community)
    community.refresh_from_db()
    assert community.is_approved


def test_nobody_but_a_site_admin_approves_and_nothing_is_approved_twice(approval_site, outsider, site_admin):
    community = community_create(actor=outsider, name="Self approval")
    with pytest.raises(PermissionDenied):
        community_approve(actor=outsider, community=community)
    community_approve(actor=site_admin, community=community)
    with pytest.raises(PermissionDenied):
        community_approve(actor=site_admin, community=community)


def test_a_community_waiting_for_approval_takes_no_members(approval_site, outsider):
    from sharedwork.communities.membership_services import membership_join

    waiting = community_create(actor=outsider, name="Closed for now", join_policy="open")
    with pytest.raises(PermissionDenied):
        membership_join(actor=UserFactory(), community=waiting)


def test_community_factory_defaults_are_public_and_open(db):
    community = CommunityFactory()
    assert community.visibility == Visibility.PUBLIC and community.is_approved
