"""``manage.py seed_demo``: the demo our first users know, built through the real services."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from sharedwork.accounts.models import Affiliation, Organization, OrganizationKind, User
from sharedwork.activity.models import ActivityEvent
from sharedwork.activity.selectors import events_visible_to, home_events
from sharedwork.communities.models import (
    Community,
    HomeBlock,
    Invitation,
    JoinPolicy,
    Level,
    Membership,
    MembershipState,
    Role,
    Visibility,
)
from sharedwork.communities.permissions import can
from sharedwork.communities.selectors import communities_visible_to
from sharedwork.tests.factories import UserFactory
from sharedwork.tools.base import Tool
from sharedwork.tools.registry import registry

pytestmark = pytest.mark.django_db


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            User,
            Organization,
            Affiliation,
            Community,
            Membership,
            Invitation,
            HomeBlock,
            ActivityEvent,
        )
    }


def role_of(email, slug):
    membership = Membership.objects.filter(user__email=email, community__slug=slug).first()
    return (membership.role, membership.state) if membership else None


@pytest.fixture
def seeded(settings):
    settings.DEMO_PASSWORD = "demo-password-for-tests"
    seed()


def test_running_twice_duplicates_nothing(seeded):
    before = counts()
    output = seed()
    assert counts() == before
    assert "admin@example.org" in output


def test_summary_names_the_demo_accounts_and_password(settings):
    settings.DEMO_PASSWORD = "demo-password-for-tests"
    output = seed()
    for email in ("admin@example.org", "moderator@example.org", "member@example.org", "outsider@example.org"):
        assert email in output
    assert "demo-password-for-tests" in output


def test_if_empty_does_nothing_when_anyone_exists():
    UserFactory()
    output = seed("--if-empty")
    assert Community.objects.count() == 0
    assert "not loaded" in output


def test_if_empty_seeds_an_empty_database():
    seed("--if-empty")
    assert Community.objects.filter(slug="school-behavioral-health").exists()


def test_refuses_in_production_mode(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        seed()
    assert User.objects.count() == 0


def test_demo_accounts_use_the_demo_password(seeded):
    for email in ("admin@example.org", "moderator@example.org", "member@example.org", "outsider@example.org"):
        assert User.objects.get(email=email).check_password("demo-password-for-tests"), email


def test_admin_is_a_site_admin(seeded):
    admin = User.objects.get(email="admin@example.org")
    assert admin.is_superuser and admin.is_staff and admin.is_verified
    assert can(admin, "site.admin")


def test_moderator_moderates_the_national_community(seeded):
    assert role_of("moderator@example.org", "school-behavioral-health") == (
        Role.MODERATOR,
        MembershipState.ACTIVE,
    )
    moderator = User.objects.get(email="moderator@example.org")
    assert can(moderator, "community.manage", Community.objects.get(slug="school-behavioral-health"))


def test_member_belongs_to_the_national_and_north_carolina_communities(seeded):
    assert role_of("member@example.org", "school-behavioral-health") == (Role.MEMBER, MembershipState.ACTIVE)
    assert role_of("member@example.org", "nc-school-behavioral-health") == (
        Role.MEMBER,
        MembershipState.ACTIVE,
    )


def test_member_has_an_open_invitation_waiting(seeded):
    from sharedwork.communities.invitation_services import open_invitations_for

    member = User.objects.get(email="member@example.org")
    assert [i.community.slug for i in open_invitations_for(member)] == ["nc-data-and-screening"]


def test_outsider_is_verified_and_member_of_nothing(seeded):
    outsider = User.objects.get(email="outsider@example.org")
    assert outsider.is_verified
    assert not Membership.objects.filter(user=outsider).exists()
    assert list(home_events(outsider)) == []


def test_hidden_community_is_invisible_to_the_outsider(seeded):
    outsider = User.objects.get(email="outsider@example.org")
    hidden = Community.objects.get(visibility=Visibility.HIDDEN)
    assert not can(outsider, "community.view", hidden)
    assert hidden not in communities_visible_to(outsider)
    assert not any(hidden.name in e.target_title for e in events_visible_to(outsider))


def test_hidden_community_is_invisible_to_anonymous_visitors_and_their_feed(seeded, client):
    hidden = Community.objects.get(visibility=Visibility.HIDDEN)
    assert client.get(f"/c/{hidden.slug}/").status_code == 404
    assert hidden.name not in client.get("/activity/feed/").content.decode()
    assert hidden.name not in client.get("/c/school-behavioral-health/activity/feed/").content.decode()


def test_builds_the_community_tree(seeded):
    national = Community.objects.get(slug="school-behavioral-health")
    assert national.name == "Community of Practice on School Behavioral Health"
    assert (
        national.visibility == Visibility.PUBLIC and national.level == Level.NATIONAL and national.is_approved
    )
    assert all(answer for _, answer in national.charter())
    nc = Community.objects.get(parent=national, level=Level.STATE)
    assert nc.name == "North Carolina School Behavioral Health" and nc.state == "NC"
    groups = set(Community.objects.filter(parent=nc).values_list("name", flat=True))
    assert groups == {"Family Engagement Practice Group", "Data and Screening Practice Group"}
    assert Community.objects.filter(visibility=Visibility.LISTED).count() == 1
    assert Community.objects.filter(visibility=Visibility.HIDDEN).count() == 1
    assert not Community.objects.filter(is_approved=False).exists()


def test_people_are_many_varied_and_verified(seeded):
    people = User.objects.all()
    assert people.count() >= 30
    assert not people.filter(email_verified_at=None).exists()
    assert people.values("stakeholder_role").distinct().count() >= 8
    assert people.exclude(state="").values("state").distinct().count() >= 3


def test_organizations_of_several_kinds_include_the_idea_partnership(seeded):
    assert Organization.objects.filter(name="IDEA Partnership", kind=OrganizationKind.NATIONAL).exists()
    kinds = set(Organization.objects.values_list("kind", flat=True))
    assert {OrganizationKind.STATE_AGENCY, OrganizationKind.DISTRICT, OrganizationKind.FAMILY,
            OrganizationKind.UNIVERSITY, OrganizationKind.TA_CENTER} <= kinds  # fmt: skip
    assert Affiliation.objects.count() >= 20


def test_memberships_in_several_roles_and_pending_requests(seeded):
    roles = set(Membership.objects.filter(state=MembershipState.ACTIVE).values_list("role", flat=True))
    assert roles == {Role.OWNER, Role.MODERATOR, Role.MEMBER}
    assert Membership.objects.filter(state=MembershipState.REQUESTED).count() >= 2
    assert Invitation.objects.filter(accepted_at=None, revoked_at=None, declined_at=None).count() >= 1


def test_each_join_policy_was_used_through_its_real_path(seeded):
    assert set(Community.objects.values_list("join_policy", flat=True)) == set(JoinPolicy.values)
    verbs = set(ActivityEvent.objects.values_list("verb", flat=True))
    assert {"community.created", "community.approved", "community.child_created", "member.joined",
            "member.requested", "member.request_approved", "member.invited", "member.invitation_accepted",
            "member.role_changed", "community.home_changed"} <= verbs  # fmt: skip


def test_activity_is_spread_over_the_past_weeks_and_never_in_the_future(seeded):
    times = list(ActivityEvent.objects.values_list("created_at", flat=True))
    assert max(times) - min(times) > timedelta(days=7)
    assert max(times) <= timezone.now()


def test_national_home_page_announces_the_national_meeting(seeded):
    block = HomeBlock.objects.get(community__slug="school-behavioral-health", kind="announcement")
    assert "10th National CoP on School Behavioral Health Meeting" in block.settings["text"]
    assert "Charlotte, NC" in block.settings["text"]


class _DemoRecordingTool(Tool):
    slug = "demorecorder"
    label = "Demo recorder"
    calls: list = []

    def seed_demo(self, community, people):
        self.calls.append((community.slug, sorted(people)))


def test_every_tool_seeds_its_demo_content_where_it_is_on(settings):
    _DemoRecordingTool.calls = []
    with registry.override(_DemoRecordingTool):
        seed()
    slugs = {slug for slug, _ in _DemoRecordingTool.calls}
    assert "school-behavioral-health" in slugs and "nc-school-behavioral-health" in slugs
    assert all("moderator@example.org" in people for _, people in _DemoRecordingTool.calls)


def test_seeding_sends_no_email_to_the_invented_people(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.DEMO_PASSWORD = "demo-password-for-tests"
    with django_capture_on_commit_callbacks(execute=True):
        seed()
    assert mailoutbox == []
    # Outside the seeder, the same services notify people as usual.
    from sharedwork.core.email import send_templated_email

    with django_capture_on_commit_callbacks(execute=True):
        send_templated_email(
            to="someone@example.org", template="accounts/email/verify", context={"url": "x", "user": None}
        )
    assert len(mailoutbox) == 1
