"""``manage.py seed_demo [--if-empty]``: the example our first users know, built through the real services.

The national Community of Practice on School Behavioral Health with a North Carolina community and two
practice groups beneath it, a listed and a hidden community, organizations of several kinds, 30+ people,
join requests, invitations, home pages and Recent activities; then each tool adds its own demo content.

Idempotent: every step looks for what it would create and skips what exists, so running it again changes
nothing. Refuses to run in production mode: it creates accounts with a published password.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from sharedwork.accounts.models import Affiliation, Organization, User
from sharedwork.activity.models import ActivityEvent
from sharedwork.communities import invitation_services, membership_services, services
from sharedwork.communities.models import (
    Community,
    HomeBlock,
    Invitation,
    JoinPolicy,
    Level,
    Membership,
    MembershipState,
    Role,
    Topic,
    Visibility,
)
from sharedwork.core.email import outgoing_email_paused
from sharedwork.tools.registry import registry
from sharedwork.tools.selectors import tool_is_enabled

from . import _demo_content as demo

DEMO_HISTORY_DAYS = 60


class Timeline:
    """Spreads the events the services record over the last weeks, so the demo's Recent activities read
    like a living community rather than one burst of "just now". Each ``step`` dates the events recorded
    since the previous step."""

    def __init__(self):
        self.when = timezone.now() - timedelta(days=DEMO_HISTORY_DAYS)
        self.first_pk = self.last_pk = (
            ActivityEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        )

    def step(self, hours: float = 7) -> None:
        self.when += timedelta(hours=hours)
        newest = ActivityEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        if newest > self.last_pk:
            ActivityEvent.objects.filter(pk__gt=self.last_pk).update(
                created_at=min(self.when, timezone.now())
            )
            self.last_pk = newest

    def finish(self) -> None:
        """Move the dated events forward together so that the latest happened a few hours ago."""
        gap = timezone.now() - timedelta(hours=3) - self.when
        if gap > timedelta(0) and self.last_pk > self.first_pk:
            ActivityEvent.objects.filter(pk__gt=self.first_pk, pk__lte=self.last_pk).update(
                created_at=F("created_at") + gap
            )


class Command(BaseCommand):
    help = "Load the demo communities, people and content (idempotent; never in production mode)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has any person in it.",
        )

    def handle(self, *args, if_empty=False, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo does not run in production mode (SHAREDWORK_ENV=production): "
                "it creates accounts with a published password."
            )
        if if_empty and User.objects.exists():
            self.stdout.write("The database already has people in it: demo data not loaded.")
            return
        with outgoing_email_paused(), transaction.atomic():
            people, communities = DemoBuilder().build()
        self._summary(people, communities)

    def _summary(self, people, communities):
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(f"  {len(communities)} communities, {len(people)} demo people.")
        self.stdout.write(f"  Demo accounts (password: {settings.DEMO_PASSWORD}):")
        for email, role in demo.DEMO_ACCOUNTS:
            self.stdout.write(f"    {email:<24} {role}")


class DemoBuilder:
    def __init__(self):
        self.timeline = Timeline()
        self.people: dict[str, User] = {}

    def build(self):
        self._organizations()
        self._people()
        admin = self.people[demo.ADMIN]
        p = self.people

        national = self._top_level(
            demo.NATIONAL,
            p["renee.castillo@example.org"],
            admin,
            level=Level.NATIONAL,
            join_policy=JoinPolicy.OPEN,
            include_children_activity=True,
            topics=demo.TOPICS,
        )
        self._members(national, demo.NATIONAL_MEMBERS)
        owner = p["renee.castillo@example.org"]
        self._moderator(national, owner, p[demo.MODERATOR])
        self._moderator(national, owner, p["denise.howard@example.org"])

        nc = self._child(
            demo.NORTH_CAROLINA,
            national,
            p["denise.howard@example.org"],
            level=Level.STATE,
            state="NC",
            join_policy=JoinPolicy.REQUEST,
            include_children_activity=True,
            topics=demo.TOPICS[:3],
        )
        self._members(nc, demo.NC_MEMBERS)
        self._moderator(nc, p["denise.howard@example.org"], p["keisha.barnes@example.org"])
        self._moderator(nc, p["denise.howard@example.org"], p["michael.chen@example.org"])

        family = self._child(
            demo.FAMILY_GROUP,
            nc,
            p["keisha.barnes@example.org"],
            join_policy=JoinPolicy.OPEN,
            state="NC",
            topics=["Family engagement"],
        )
        self._members(family, demo.FAMILY_MEMBERS)
        data = self._child(
            demo.DATA_GROUP,
            nc,
            p["michael.chen@example.org"],
            join_policy=JoinPolicy.REQUEST,
            state="NC",
            topics=["Universal screening"],
        )
        self._members(data, demo.DATA_MEMBERS)

        listed = self._top_level(
            demo.LISTED,
            p["lauren.price@example.org"],
            admin,
            level=Level.NATIONAL,
            visibility=Visibility.LISTED,
            join_policy=JoinPolicy.REQUEST,
        )
        self._members(listed, demo.LISTED_MEMBERS)
        hidden = self._child(
            demo.HIDDEN,
            national,
            p[demo.MODERATOR],
            visibility=Visibility.HIDDEN,
            join_policy=JoinPolicy.INVITATION,
        )
        self._members(hidden, demo.HIDDEN_MEMBERS)

        communities = {c.slug: c for c in (national, nc, family, data, listed, hidden)}
        self._pending_requests(nc, demo.NC_PENDING_REQUESTS)
        for slug, email in demo.OPEN_INVITATIONS:
            self._open_invitation(communities[slug], email)
        self._home_pages(national, owner)
        for community in communities.values():
            self._tools(community)
        self.timeline.finish()
        self._tool_content(communities.values())
        return self.people, communities

    # --- people and organizations ---------------------------------------------------------------

    def _organizations(self):
        for slug, name, kind, state, website, description in demo.ORGANIZATIONS:
            Organization.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "kind": kind,
                    "state": state,
                    "website": website,
                    "description": description,
                },
            )

    def _people(self):
        now = timezone.now()
        organizations = {
            o.slug: o for o in Organization.objects.filter(slug__in=[o[0] for o in demo.ORGANIZATIONS])
        }
        for email, name, role, state, title, org_slug, org_title, bio in demo.PEOPLE:
            person = User.objects.filter(email__iexact=email).first()
            if person is None:
                person = User.objects.create_user(
                    email=email,
                    password=settings.DEMO_PASSWORD,
                    display_name=name,
                    email_verified_at=now,
                    stakeholder_role=role,
                    state=state,
                    title=title,
                    bio=bio,
                )
            if email == demo.ADMIN and not (person.is_superuser and person.is_staff):
                person.is_superuser = person.is_staff = True
                person.save(update_fields=["is_superuser", "is_staff"])
            if person.email_verified_at is None:
                person.email_verified_at = now
                person.save(update_fields=["email_verified_at"])
            if org_slug:
                Affiliation.objects.get_or_create(
                    user=person, organization=organizations[org_slug], defaults={"title": org_title}
                )
            self.people[email] = person

    # --- communities ------------------------------------------------------------------------------

    def _topics(self, names):
        return [Topic.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0] for name in names]

    def _top_level(self, content, creator, admin, *, topics=(), **fields) -> Community:
        """A top-level community asked for by ``creator`` and approved by the site admin, as on a site where
        new communities wait for approval."""
        existing = Community.objects.filter(slug=content["slug"]).first()
        if existing is not None:
            return existing
        community = services.community_create(actor=creator, topics=self._topics(topics), **content, **fields)
        if not community.is_approved:
            services.community_approve(actor=admin, community=community)
        self.timeline.step(hours=20)
        return community

    def _child(self, content, parent, creator, *, topics=(), **fields) -> Community:
        existing = Community.objects.filter(slug=content["slug"]).first()
        if existing is not None:
            return existing
        fields.setdefault("level", Level.PRACTICE_GROUP)
        community = services.community_create(
            actor=creator, parent=parent, topics=self._topics(topics), **content, **fields
        )
        self.timeline.step(hours=15)
        return community

    def _members(self, community, emails):
        """Each person becomes an active member the way the community's join policy allows."""
        owner = self._owner(community)
        for email in emails:
            person = self.people[email]
            membership = Membership.objects.filter(community=community, user=person).first()
            if membership is not None and membership.state == MembershipState.ACTIVE:
                continue
            if community.join_policy == JoinPolicy.OPEN:
                membership_services.membership_join(actor=person, community=community)
            elif community.join_policy == JoinPolicy.REQUEST:
                membership = membership_services.membership_request(
                    actor=person, community=community, message="I would like to take part in this work."
                )
                self.timeline.step(hours=3)
                membership_services.membership_review(
                    actor=owner,
                    membership=membership,
                    approve=True,
                    message="Welcome! Please introduce yourself.",
                )
            else:
                invitation_services.invitations_send(actor=owner, community=community, emails=[person.email])
                self.timeline.step(hours=5)
                invitation = Invitation.objects.filter(
                    community=community,
                    email=person.email,
                    accepted_at=None,
                    declined_at=None,
                    revoked_at=None,
                ).latest("created_at")
                invitation_services.invitation_accept(actor=person, invitation=invitation)
            self.timeline.step(hours=6)

    def _owner(self, community) -> User:
        return Membership.objects.get(
            community=community, role=Role.OWNER, state=MembershipState.ACTIVE, user=community.created_by
        ).user

    def _moderator(self, community, owner, person):
        membership = Membership.objects.get(community=community, user=person)
        if membership.role == Role.MEMBER:
            membership_services.membership_change_role(
                actor=owner, membership=membership, role=Role.MODERATOR
            )
            self.timeline.step(hours=4)

    def _pending_requests(self, community, requests):
        for email, message in requests:
            person = self.people[email]
            if not Membership.objects.filter(community=community, user=person).exists():
                membership_services.membership_request(actor=person, community=community, message=message)
                self.timeline.step(hours=9)

    def _open_invitation(self, community, email):
        if Invitation.objects.filter(community=community, email=email).exists():
            return
        invitation_services.invitations_send(
            actor=self._owner(community),
            community=community,
            emails=[email],
            message="We would love to have you in this group.",
        )
        self.timeline.step(hours=8)

    def _home_pages(self, national, owner):
        if not HomeBlock.objects.filter(community=national, kind="announcement").exists():
            ends_on = (timezone.localdate() + timedelta(days=365)).isoformat()
            blocks = [
                {
                    "kind": "announcement",
                    "title": "Announcement",
                    "settings": {"text": demo.ANNOUNCEMENT, "ends_on": ends_on},
                }
            ]
            blocks += [
                {"kind": b.kind, "title": b.title, "settings": b.settings} for b in national.home_blocks.all()
            ]
            blocks.append(
                {
                    "kind": "links",
                    "title": "Partners",
                    "settings": {
                        "links": [
                            {"label": "IDEA Partnership", "url": "https://www.ideapartnership.org"},
                            {
                                "label": "North Carolina Department of Public Instruction",
                                "url": "https://www.dpi.nc.gov",
                            },
                        ]
                    },
                }
            )
            services.community_home_blocks_save(actor=owner, community=national, blocks=blocks)
            self.timeline.step(hours=10)

    # --- tools ---------------------------------------------------------------------------------------

    def _tools(self, community):
        """Turn every registered tool on, so the demo shows them all."""
        missing = [tool for tool in registry.all() if not tool_is_enabled(community, tool.slug)]
        if not missing:
            return
        rows = [
            {"slug": tool.slug, "enabled": True, "position": position, "label": ""}
            for position, tool in enumerate(registry.all())
        ]
        services.community_tools_update(actor=self._owner(community), community=community, rows=rows)
        self.timeline.step(hours=2)

    def _tool_content(self, communities):
        for tool in registry.all():
            for community in communities:
                if tool_is_enabled(community, tool.slug):
                    tool.seed_demo(community, self.people)
