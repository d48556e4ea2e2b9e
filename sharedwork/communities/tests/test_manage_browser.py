"""End to end in Chromium: a moderator runs a community (settings, tools, members, invitations,
requests, the home page and its preview, the log), an owner hands over ownership and a site admin
approves a community. Every moderator page type is checked with axe-core and for CSP errors."""

import re

import pytest

from sharedwork.communities.models import HomeBlock, Invitation, Membership, MembershipState, Role
from sharedwork.tests.factories import CommunityFactory, MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def run_community(community, owner, moderator, member):
    community.description = "A national **Community of Practice**."
    community.save()
    for position, kind in enumerate(["welcome", "charter", "recent_activity", "members"]):
        HomeBlock.objects.create(community=community, kind=kind, position=position)
    requester = MembershipFactory(
        community=community,
        user=UserFactory(display_name="Dana Requester"),
        state=MembershipState.REQUESTED,
        request_message="I run family outreach in Durham.",
        joined_at=None,
    )
    return {"community": community, "requester": requester}


def _kinds(community):
    return list(HomeBlock.objects.filter(community=community).values_list("kind", flat=True))


def test_a_moderator_invites_approves_and_redesigns_the_home_page(
    page, sign_in, assert_accessible, moderator, member, run_community
):
    community = run_community["community"]
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, moderator)

    page.goto("/c/sbh/manage/")
    assert page.get_by_role("heading", level=1).inner_text() == "Settings"
    assert_accessible(page)
    page.get_by_label("Or type the color code").fill("#ffff00")
    page.get_by_role("button", name="Save settings").click()
    assert page.locator("#error-summary").is_visible()
    assert_accessible(page)  # the error state too

    page.goto("/c/sbh/manage/tools/")
    assert_accessible(page)
    page.goto("/c/sbh/manage/tools/wiki/")
    assert_accessible(page)

    page.goto("/c/sbh/manage/members/")
    assert_accessible(page)
    page.get_by_role("link", name=f"Details and history of {member.display_name}").click()
    assert page.get_by_role("heading", level=1).inner_text() == member.display_name
    assert_accessible(page)

    page.goto("/c/sbh/manage/invitations/")
    page.get_by_label("Email addresses").fill("ana@example.org\nben@example.org")
    page.get_by_label("Message to include").fill("Join our monthly calls.")
    page.get_by_role("button", name="Send invitations").click()
    assert page.get_by_text("Invited 2 people: ana@example.org, ben@example.org.").is_visible()
    assert Invitation.objects.filter(community=community).count() == 2
    assert_accessible(page)

    page.goto("/c/sbh/manage/requests/")
    assert page.get_by_text("I run family outreach in Durham.").is_visible()
    assert_accessible(page)
    page.get_by_label("Message to Dana Requester").fill("Welcome, Dana!")
    page.get_by_role("button", name="Approve Dana Requester").click()
    assert page.get_by_text("Dana Requester is now a member.").is_visible()
    assert Membership.objects.get(pk=run_community["requester"].pk).state == MembershipState.ACTIVE

    page.goto("/c/sbh/manage/home/")
    assert_accessible(page)
    page.get_by_role("button", name="Move down block 1: Welcome and description").click()
    page.wait_for_url(re.compile(r"#block-1$"))
    assert _kinds(community) == ["charter", "welcome", "recent_activity", "members"]
    page.get_by_role("button", name="Remove block 4: Members snapshot").click()
    page.wait_for_load_state()
    assert _kinds(community) == ["charter", "welcome", "recent_activity"]
    page.get_by_label("Kind of block").select_option("announcement")
    page.get_by_role("button", name="Add this block").click()
    page.get_by_label("Announcement", exact=True).fill("Webinar on **Friday**")
    page.get_by_label("Show until").fill("2099-12-31")
    page.get_by_role("button", name="Save home page").first.click()
    page.wait_for_load_state()
    assert _kinds(community) == ["charter", "welcome", "recent_activity", "announcement"]
    assert_accessible(page)

    page.get_by_role("link", name="Preview as a visitor").click()
    assert page.get_by_text("This is a preview, not the live page.").is_visible()
    assert page.get_by_role("heading", name="Our charter").is_visible()
    assert page.locator(".announcement strong", has_text="Friday").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Preview as a member instead").click()
    assert page.get_by_text("as a member who is not a moderator sees it").is_visible()
    assert_accessible(page)

    page.goto("/c/sbh/manage/log/")
    assert page.get_by_text("approved Dana Requester").first.is_visible()
    assert_accessible(page)


def test_an_owner_hands_over_ownership_and_a_site_admin_approves_a_community(
    page, sign_in, assert_accessible, owner, member, site_admin, community
):
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, owner)
    page.goto("/c/sbh/manage/")
    assert page.get_by_role("heading", name="Archive the community").is_visible()
    page.goto("/c/sbh/manage/ownership/")
    assert_accessible(page)
    page.get_by_label("New owner").select_option(label=f"{member.display_name} (@{member.username}, Member)")
    page.get_by_label("Yes, make this person an owner").check()
    page.get_by_role("button", name="Transfer ownership").click()
    assert page.get_by_text(f"{member.display_name} is now an owner").is_visible()
    assert Membership.objects.get(community=community, user=member).role == Role.OWNER

    CommunityFactory(name="Kentucky Family Network", is_approved=False, created_by=member)
    CommunityFactory(name="Duplicate Network", is_approved=False, created_by=member)
    page.context.clear_cookies()
    sign_in(page, site_admin)
    assert page.get_by_text("2 communities are waiting for a site admin").is_visible()
    page.get_by_role("link", name="Review communities waiting for approval").click()
    page.locator("summary", has_text="Decline Duplicate Network").click()  # opens the decline form
    page.get_by_label("Message to").last.fill("This one is the same as the Kentucky network.")
    assert_accessible(page)
    page.get_by_role("button", name="Decline Duplicate Network").click()
    assert page.get_by_text("Duplicate Network is declined.").is_visible()
    page.get_by_role("button", name="Approve Kentucky Family Network").click()
    assert page.get_by_text("Kentucky Family Network is approved.").is_visible()
    assert_accessible(page)
