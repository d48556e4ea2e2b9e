"""The permission matrix: every URL the app serves × every kind of actor × every community visibility.

URLs are collected from the URL resolver, so a new URL without a row in ``EXPECTED`` fails
``test_every_url_has_a_row_in_the_matrix``. Each row names a rule that gives the expected status of a
GET for an actor in a community of a given visibility. Private content answers 404 to those who may
not see it, never 403 with a title.

Actors: anonymous, a signed-in non-member, someone who asked to join, someone invited, a member, a
moderator, an owner, a site admin, and a banned member. Each actor has the same standing in three
communities (public, listed, hidden) that differ only in visibility.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from sharedwork.communities.invitation_services import hash_token
from sharedwork.communities.models import Invitation, JoinPolicy, MembershipState, Role, Visibility
from sharedwork.tests.factories import AffiliationFactory, CommunityFactory, MembershipFactory, UserFactory

ACTORS = [
    "anonymous",
    "outsider",
    "requested",
    "invited",
    "member",
    "moderator",
    "owner",
    "site_admin",
    "banned",
]
VISIBILITIES = [Visibility.PUBLIC, Visibility.LISTED, Visibility.HIDDEN]
INSIDERS = {"member", "moderator", "owner", "site_admin"}
MODERATORS = {"moderator", "owner", "site_admin"}
OWNERS = {"owner", "site_admin"}
SIGNED_IN = set(ACTORS) - {"anonymous"}
SIGN_IN_REDIRECT = 302

# --- rules: (actor, visibility) -> expected status of a GET -----------------------------------


def everyone(actor, visibility):
    return 200


def signed_in_only(actor, visibility):
    return 200 if actor in SIGNED_IN else SIGN_IN_REDIRECT


def anonymous_only(actor, visibility):
    """Sign-in and sign-up pages: signed-in people are sent on to the start page."""
    return 200 if actor == "anonymous" else 302


def bad_link(actor, visibility):
    """A tampered or expired emailed link: a clear page with 400, whoever follows it."""
    return 400


def post_only_signed_in(actor, visibility):
    return SIGN_IN_REDIRECT if actor == "anonymous" else 405


def site_admins_only(actor, visibility):
    return 200 if actor == "site_admin" else 404


def post_only(actor, visibility):
    return 405


def community_exists(actor, visibility):
    """Pages that show that a community exists: public and listed to all, hidden to members only."""
    if visibility in (Visibility.PUBLIC, Visibility.LISTED):
        return 200
    return 200 if actor in INSIDERS else 404


def community_content(actor, visibility):
    if visibility == Visibility.PUBLIC:
        return 200
    return 200 if actor in INSIDERS else 404


def moderators_only(actor, visibility):
    return 200 if actor in MODERATORS else 404


def owners_only(actor, visibility):
    """Handing over ownership is the owner's own act; a site admin reassigns it in the admin."""
    return 200 if actor == "owner" else 404


def public_feed(actor, visibility):
    return 200 if visibility == Visibility.PUBLIC else 404


def members_write(actor, visibility):
    """Write forms of tools: insiders get the form; others who can see the content are sent to sign in
    (anonymous) or refused (403); those who cannot see the content get 404."""
    if community_content(actor, visibility) == 404:
        return 404
    if actor in INSIDERS:
        return 200
    return SIGN_IN_REDIRECT if actor == "anonymous" else 403


def moderators_write(actor, visibility):
    if community_content(actor, visibility) == 404:
        return 404
    if actor in MODERATORS:
        return 200
    return SIGN_IN_REDIRECT if actor == "anonymous" else 403


def request_join_form(actor, visibility):
    """Someone who may ask sees the form; everyone else who may see the community is sent back to its
    page; anonymous visitors are sent to sign in; hidden communities stay 404 for outsiders."""
    if community_exists(actor, visibility) == 404:
        return 404
    if actor == "anonymous":
        return SIGN_IN_REDIRECT
    if actor in ("outsider", "invited", "site_admin"):
        return 200
    return 302


def leave_form(actor, visibility):
    if community_exists(actor, visibility) == 404:
        return 404
    if actor == "anonymous":
        return SIGN_IN_REDIRECT
    return 200 if actor in {"member", "moderator", "owner"} else 302


EXPECTED = {
    "healthz": everyone,
    "home": everyone,
    "public_activity_feed": everyone,
    "community_activity": community_content,
    "community_activity_feed": public_feed,
    "accounts:signup": anonymous_only,
    "accounts:signup_sent": everyone,
    "accounts:signin": anonymous_only,
    "accounts:signout": post_only,
    "accounts:verify_resend": anonymous_only,  # everyone in the matrix is verified already
    "accounts:verify": bad_link,
    "accounts:password_reset": everyone,
    "accounts:password_reset_sent": everyone,
    "accounts:password_reset_confirm": everyone,
    "accounts:password_reset_complete": everyone,
    "accounts:settings": signed_in_only,
    "accounts:password_change": signed_in_only,
    "accounts:email_change": signed_in_only,
    "accounts:email_change_confirm": bad_link,
    "accounts:affiliations": signed_in_only,
    "accounts:affiliation_remove": post_only_signed_in,
    "accounts:profile": everyone,
    "accounts:avatar": everyone,
    "accounts:organizations": everyone,
    "accounts:organization_create": signed_in_only,
    "accounts:organization": everyone,
    "communities:directory": everyone,
    "communities:create": signed_in_only,
    "communities:pending": site_admins_only,
    "communities:invitation": everyone,
    "communities:invitation_answer": post_only,
    "communities:home": community_exists,
    "communities:members": community_content,
    "communities:logo": community_exists,
    "communities:theme": community_exists,
    "communities:join": post_only,
    "communities:request_join": request_join_form,
    "communities:cancel_request": post_only,
    "communities:leave": leave_form,
    "communities:create_child": moderators_only,
    "communities:manage_settings": moderators_only,
    "communities:manage_tools": moderators_only,
    "communities:manage_tool_settings": moderators_only,
    "communities:manage_members": moderators_only,
    "communities:manage_member": moderators_only,
    "communities:manage_requests": moderators_only,
    "communities:manage_invitations": moderators_only,
    "communities:manage_ownership": owners_only,
    "communities:manage_home": moderators_only,
    "communities:manage_home_preview": moderators_only,
    "communities:manage_log": moderators_only,
    "guides:index": everyone,
    "guides:users": everyone,
    "guides:users_page": everyone,
    "guides:moderators": everyone,
    "guides:moderators_page": everyone,
}

# URL names whose answer does not depend on a community: checked once per actor.
SITE_WIDE = {name for name in EXPECTED if not name.startswith(("communities:", "community_", "wiki:"))} | {
    "communities:directory",
    "communities:create",
    "communities:pending",
    "communities:invitation",
    "communities:invitation_answer",
}


def collect_urls():
    """(name, route) of every URL the app serves, except the Django admin (staff only, its own rules)."""

    def walk(patterns, prefix="", namespace=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = namespace
                if entry.namespace:
                    ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                yield name, prefix + str(entry.pattern)

    return [
        (name, route) for name, route in walk(get_resolver().url_patterns) if not route.startswith("admin/")
    ]


def test_every_url_has_a_row_in_the_matrix():
    missing = sorted({name for name, _ in collect_urls()} - set(EXPECTED) - set(WIKI_EXPECTED))
    assert not missing, f"URLs without a row in the permission matrix: {missing}"


def test_the_matrix_has_no_rows_for_urls_that_no_longer_exist():
    stale = sorted((set(EXPECTED) | set(WIKI_EXPECTED)) - {name for name, _ in collect_urls()})
    assert not stale, f"Rows for URLs that do not exist: {stale}"


# --- the world the matrix runs in ------------------------------------------------------------------


class World:
    """Nine actors with the same standing in three communities of different visibility."""

    def __init__(self):
        self.users = {
            actor: UserFactory(username=f"matrix-{actor}") for actor in ACTORS if actor != "anonymous"
        }
        self.users["site_admin"].is_superuser = True
        self.users["site_admin"].is_staff = True
        self.users["site_admin"].save()
        self.communities = {}
        self.memberships = {}
        self.tokens = {}
        for visibility in VISIBILITIES:
            community = CommunityFactory(
                slug=f"matrix-{visibility}", visibility=visibility, join_policy=JoinPolicy.REQUEST
            )
            self.communities[visibility] = community
            standing = {
                "requested": (Role.MEMBER, MembershipState.REQUESTED),
                "invited": (Role.MEMBER, MembershipState.INVITED),
                "member": (Role.MEMBER, MembershipState.ACTIVE),
                "moderator": (Role.MODERATOR, MembershipState.ACTIVE),
                "owner": (Role.OWNER, MembershipState.ACTIVE),
                "banned": (Role.MEMBER, MembershipState.BANNED),
            }
            for actor, (role, state) in standing.items():
                self.memberships[(visibility, actor)] = MembershipFactory(
                    community=community, user=self.users[actor], role=role, state=state
                )
            token = f"matrix-token-{visibility}"
            from datetime import timedelta

            from django.utils import timezone

            Invitation.objects.create(
                community=community,
                email=self.users["invited"].email,
                token_hash=hash_token(token),
                invited_by=self.users["owner"],
                expires_at=timezone.now() + timedelta(days=14),
            )
            self.tokens[visibility] = token
        self.affiliation = AffiliationFactory(user=self.users["member"])
        self._give_pictures()
        self.clients = {"anonymous": Client()}
        for actor, user in self.users.items():
            client = Client()
            client.force_login(user)
            self.clients[actor] = client

    def _give_pictures(self):
        """The member has a profile picture and every community a logo, so those URLs have something
        to serve (or to refuse)."""
        from io import BytesIO

        from django.core.files.base import ContentFile
        from PIL import Image

        buffer = BytesIO()
        Image.new("RGB", (8, 8), "#1a4480").save(buffer, format="PNG")
        member = self.users["member"]
        member.avatar.save("matrix.png", ContentFile(buffer.getvalue()), save=True)
        for community in self.communities.values():
            community.logo.save("matrix.png", ContentFile(buffer.getvalue()), save=True)

    def kwargs_for(self, name, route, visibility):
        community = self.communities[visibility]
        fillers = {
            "slug": community.slug,
            "community_slug": community.slug,
            "membership_id": self.memberships[(visibility, "member")].pk,
            "tool_slug": "wiki",
            "token": self.tokens[visibility],
            "username": self.users["member"].username,
            "page": "getting-started",
            "uidb64": "MQ",
            "affiliation_id": self.affiliation.pk,
            "invitation_id": Invitation.objects.filter(community=community).first().pk,
            "path": "matrix-page",
            "number": 1,
            "name": "notes.txt",
        }
        if name == "accounts:organization":
            return {"slug": self.affiliation.organization.slug}
        if name in ("guides:users_page", "guides:moderators_page"):
            from sharedwork.guides.views import first_page_slug

            return {"page": first_page_slug(name.split(":")[1].split("_")[0])}
        kwargs = {}
        for part in route.split("<")[1:]:
            key = part.split(">")[0].split(":")[-1]
            kwargs[key] = fillers[key]
        kwargs.update(wiki_kwargs(self, name, visibility))
        return kwargs


def content_post_only(actor, visibility):
    """Changes that only take a POST: 405 to whoever may see the content, 404 to everyone else."""
    return 404 if community_content(actor, visibility) == 404 else 405


# The wiki (a tool, mounted by the framework): every community of the matrix has the page
# ``matrix-page`` with two revisions and an attachment ``notes.txt``.
WIKI_EXPECTED = {
    "wiki:root": community_content,
    "wiki:new": members_write,
    "wiki:index": community_content,
    "wiki:recent": community_content,
    "wiki:wanted": community_content,
    "wiki:page": community_content,
    "wiki:edit": members_write,
    "wiki:rename": members_write,
    "wiki:delete": moderators_write,
    "wiki:restore": content_post_only,
    "wiki:lock": content_post_only,
    "wiki:history": community_content,
    "wiki:revision": community_content,
    "wiki:diff": community_content,
    "wiki:revert": members_write,
    "wiki:backlinks": community_content,
    "wiki:attachments": community_content,
    "wiki:attachment": community_content,
    "wiki:attachment_remove": content_post_only,
}


def wiki_kwargs(world, name, visibility):
    """The old revision shown is the current one; the revert goes back to revision 1."""
    return {"number": 2} if name == "wiki:revision" else {}


def _give_wiki_pages(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sharedwork.tools.wiki.attachments import wiki_attachment_upload
    from sharedwork.tools.wiki.services import create_page, wiki_page_save

    author = world.users["member"]
    for community in world.communities.values():
        page = create_page(
            community=community, actor=author, title="Matrix page", path="matrix-page", body="First.\n"
        )
        page.community = community
        wiki_page_save(actor=author, page=page, body="Second.\n", summary="", base_number=1)
        upload = SimpleUploadedFile("notes.txt", b"Plain notes.\n", content_type="text/plain")
        wiki_attachment_upload(actor=author, page=page, upload=upload)


@pytest.fixture
def world(db, settings):
    settings.AXES_ENABLED = False
    world = World()
    _give_wiki_pages(world)
    return world


def _status(world, actor, name, route, visibility):
    from django.urls import reverse

    url = reverse(name, kwargs=world.kwargs_for(name, route, visibility))
    return world.clients[actor].get(url).status_code


@pytest.mark.parametrize(("name", "route"), collect_urls(), ids=[name for name, _ in collect_urls()])
def test_url_answers_each_actor_as_the_matrix_says(world, name, route):
    rule = EXPECTED.get(name) or WIKI_EXPECTED.get(name)
    assert rule is not None, f"{name} has no row"
    visibilities = [Visibility.PUBLIC] if name in SITE_WIDE else VISIBILITIES
    mismatches = []
    for visibility in visibilities:
        for actor in ACTORS:
            expected = rule(actor, visibility)
            actual = _status(world, actor, name, route, visibility)
            if actual != expected:
                mismatches.append(f"{visibility:>7} {actor:>10}: expected {expected}, got {actual}")
    assert not mismatches, f"{name} ({route}):\n" + "\n".join(mismatches)
