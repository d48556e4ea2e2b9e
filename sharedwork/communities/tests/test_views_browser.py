"""End to end in Chromium: browsing the directory, joining, asking to join, creating, invitations.
Every page type is checked with axe-core (WCAG 2.x A and AA) and for CSP errors."""

import re

import pytest
from django.core import mail

from sharedwork.communities.invitation_services import invitations_send
from sharedwork.communities.models import JoinPolicy, Level, Membership, MembershipState, Role, Visibility
from sharedwork.communities.services import DEFAULT_HOME_BLOCKS
from sharedwork.tests.factories import CommunityFactory, MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _with_blocks(community):
    from sharedwork.communities.models import HomeBlock

    for position, kind in enumerate(DEFAULT_HOME_BLOCKS):
        HomeBlock.objects.create(community=community, kind=kind, position=position)
    return community


@pytest.fixture
def landscape(db):
    national = _with_blocks(
        CommunityFactory(
            name="School Behavioral Health", slug="sbh", tagline="Working together for students",
            description="A national **Community of Practice**.", charter_shared="A shared toolkit.",
        )
    )  # fmt: skip
    MembershipFactory(community=national, role=Role.OWNER)
    _with_blocks(CommunityFactory(name="North Carolina", level=Level.STATE, state="NC", parent=national))
    by_request = _with_blocks(
        CommunityFactory(name="State Directors", slug="directors", join_policy=JoinPolicy.REQUEST,
                         visibility=Visibility.LISTED, description="For state directors.")
    )  # fmt: skip
    MembershipFactory(community=by_request, role=Role.OWNER)
    return {"national": national, "by_request": by_request}


def test_a_visitor_browses_the_directory_and_opens_a_public_community(page, landscape, assert_accessible):
    page.goto("/communities/")
    assert page.get_by_role("heading", level=1).inner_text() == "Communities"
    assert page.get_by_role("link", name="North Carolina").is_visible()
    assert_accessible(page)

    page.get_by_label("Level").select_option("state")
    page.get_by_role("button", name="Show communities").click()
    page.wait_for_url(re.compile(r"level=state"))
    assert page.get_by_role("link", name="North Carolina").is_visible()
    assert page.get_by_role("link", name="State Directors").count() == 0

    page.goto("/communities/")
    page.get_by_role("link", name="School Behavioral Health").first.click()
    page.wait_for_url("**/c/sbh/")
    assert page.get_by_role("heading", name="Our charter").is_visible()
    assert page.get_by_text("What shared work could unite us?").is_visible()
    assert page.get_by_role("link", name="Sign in to join").is_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="School Behavioral Health").get_by_role(
        "link", name="Members"
    ).click()
    page.wait_for_url("**/c/sbh/members/")
    assert page.get_by_role("heading", level=1).inner_text() == "Members"
    assert_accessible(page)


def test_a_person_joins_an_open_community_and_asks_to_join_another(
    page, landscape, sign_in, assert_accessible
):
    person = UserFactory(display_name="Jordan Lee")
    sign_in(page, person)

    page.goto("/c/sbh/")
    page.get_by_role("button", name="Join School Behavioral Health").click()
    page.wait_for_load_state()
    assert page.get_by_text("Welcome to School Behavioral Health! You are now a member.").is_visible()
    assert page.get_by_role("link", name="Leave School Behavioral Health").is_visible()
    assert_accessible(page)

    page.goto("/c/directors/")
    assert page.get_by_text("Only members can see what is shared").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Ask to join State Directors").click()
    page.get_by_label("Message to the moderators").fill("I direct special education in Ohio.")
    assert_accessible(page)
    page.get_by_role("button", name="Send my request").click()
    page.wait_for_url("**/c/directors/")
    assert page.get_by_text("was sent to its moderators").is_visible()
    assert page.get_by_role("button", name="Withdraw my request").is_visible()

    memberships = dict(Membership.objects.filter(user=person).values_list("community__slug", "state"))
    assert memberships == {"sbh": MembershipState.ACTIVE, "directors": MembershipState.REQUESTED}


def test_the_create_form_shows_a_contrast_error_accessibly(page, db, sign_in, assert_accessible):
    sign_in(page, UserFactory())
    page.goto("/communities/new/")
    assert page.get_by_text("A site admin will review your community.").is_visible()
    assert_accessible(page)
    page.get_by_label("Name", exact=True).fill("Pale Community")
    page.get_by_label("Or type the color code").fill("#eeeeee")
    page.get_by_role("button", name="Send for review").click()
    page.wait_for_load_state()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert "contrast of 1.2:1" in summary.inner_text()
    assert page.get_by_label("Name", exact=True).input_value() == "Pale Community"
    assert_accessible(page)


def test_the_invitation_page_for_a_visitor_and_for_the_addressee(page, landscape, sign_in, assert_accessible):
    national = landscape["national"]
    moderator = MembershipFactory(community=national, role=Role.MODERATOR).user
    guest = UserFactory()
    invitations_send(actor=moderator, community=national, emails=[guest.email], message="Please join us.")
    # Emails leave on commit; with transaction=True tests the immediate backend has sent it.
    body = mail.outbox[-1].body
    path = re.search(r"(/communities/invitations/[^/\s]+/)", body).group(1)

    page.goto(path)
    assert page.get_by_role("link", name=f"Sign in with {guest.email}").is_visible()
    assert_accessible(page)

    sign_in(page, guest)
    page.goto(path)
    assert page.get_by_role("button", name="Accept and join School Behavioral Health").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Accept and join School Behavioral Health").click()
    page.wait_for_url("**/c/sbh/")
    assert Membership.objects.get(community=national, user=guest).state == MembershipState.ACTIVE


def test_leave_new_group_and_error_pages_are_accessible(page, landscape, sign_in, assert_accessible):
    national = landscape["national"]
    moderator = MembershipFactory(community=national, role=Role.MODERATOR).user
    sign_in(page, moderator)
    page.goto("/c/sbh/new-group/")
    assert page.get_by_role("heading", level=1).count() == 1
    assert_accessible(page)
    page.goto("/c/sbh/leave/")
    assert page.get_by_role("button", name="Leave School Behavioral Health").is_visible()
    assert_accessible(page)
    page.goto("/no-such-page/")
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    assert_accessible(page)
    page.goto("/c/sbh/join/")  # a button's address opened as a link
    assert page.get_by_role("heading", level=1).inner_text() == "This address is for a button"
    assert_accessible(page)
    page.goto("/people/a%00b/")  # an address no one means (a NUL byte): the plain 400 page
    assert page.get_by_role("heading", level=1).inner_text() == "This address cannot be opened"
    assert_accessible(page)

    # A form sent after its security cookie is gone gets a plain-language page in the site's layout.
    page.goto("/c/sbh/leave/")
    page.context.clear_cookies()
    page.get_by_role("button", name="Leave School Behavioral Health").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "The form could not be sent"
    assert_accessible(page)
    assert Membership.objects.filter(community=national, user=moderator).exists()
