"""The permission matrix for changes: every URL that changes something × the nine actors × three community
visibilities, with the effect checked in the database, not only the status.

Companion of ``test_permission_matrix.py`` (GETs), whose ``World``, actors and visibilities it reuses.
Each row posts a valid form and names a rule giving, per actor and visibility, one outcome:

* ``ALLOWED``: the change happened (the row's ``state`` is different afterwards, as ``done`` says);
* ``NOT_FOUND`` (404), ``SIGN_IN`` (a redirect to sign in), ``FORBIDDEN`` (403) or ``REFUSED`` (the
  page again, or a redirect, with an explanation): and nothing changed anywhere, checked by comparing
  every table of SharedWork before and after.

404 goes to whoever may not see the thing (moderator pages answer 404 to everyone who may not use them,
as the GET matrix says), a redirect to sign in to anonymous visitors, 403 or an explanation to those who
may see but may not act. Each (actor, visibility) runs in a savepoint that is rolled back, so effects
never leak from one actor to the next.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sharedwork.accounts.models import Affiliation
from sharedwork.communities.models import (
    Community,
    HomeBlock,
    Invitation,
    JoinPolicy,
    Membership,
    ToolActivation,
    Visibility,
)
from sharedwork.tests.factories import CommunityFactory
from sharedwork.tests.test_permission_matrix import (
    ACTORS,
    EXPECTED,
    INSIDERS,
    MODERATORS,
    OWNERS,
    VISIBILITIES,
    WIKI_EXPECTED,
    World,
    _give_wiki_pages,
    collect_urls,
    community_content,
    community_exists,
    content_post_only,
    post_only,
    post_only_signed_in,
)
from sharedwork.tools.registry import registry
from sharedwork.tools.wiki.models import Attachment, Page

ALLOWED = "allowed"
NOT_FOUND = 404
SIGN_IN = "sign in"
FORBIDDEN = 403
REFUSED = "refused with an explanation"
ROUTES = dict(collect_urls())

# --- rules: (actor, visibility) -> expected outcome of the POST -------------------------------------


def _unseen(actor, visibility):
    """The community is hidden from this actor: its pages answer 404."""
    return community_exists(actor, visibility) == 404


def joiners(actor, visibility):
    """Joining (an open community) and asking to join: whoever has no standing yet, or an invitation."""
    if _unseen(actor, visibility):
        return NOT_FOUND
    if actor == "anonymous":
        return SIGN_IN
    return ALLOWED if actor in ("outsider", "invited", "site_admin") else REFUSED


def requester_only(actor, visibility):
    if _unseen(actor, visibility):
        return NOT_FOUND
    if actor == "anonymous":
        return SIGN_IN
    return ALLOWED if actor == "requested" else REFUSED


def leavers(actor, visibility):
    """Members and moderators leave; the only owner is told to hand over ownership first."""
    if _unseen(actor, visibility):
        return NOT_FOUND
    if actor == "anonymous":
        return SIGN_IN
    return ALLOWED if actor in ("member", "moderator") else REFUSED


def addressee_by_id(actor, visibility):
    """An invitation answered from the start page: to anyone but its addressee it does not exist."""
    if actor == "anonymous":
        return SIGN_IN
    return ALLOWED if actor == "invited" else NOT_FOUND


def addressee_by_token(actor, visibility):
    """The emailed link shows the invitation to whoever holds it; only its addressee may answer."""
    if actor == "anonymous":
        return SIGN_IN
    return ALLOWED if actor == "invited" else REFUSED


def verified_people(actor, visibility):
    return SIGN_IN if actor == "anonymous" else ALLOWED


def moderators_act(actor, visibility):
    """Moderator pages: 404 to everyone who may not use them, signed in or not."""
    return ALLOWED if actor in MODERATORS else NOT_FOUND


def owners_act(actor, visibility):
    """Archiving: the archive form is not offered to moderators, and a crafted post answers 404 too."""
    return ALLOWED if actor in OWNERS else NOT_FOUND


def the_owner_acts(actor, visibility):
    """Handing over ownership is the owner's own act (a site admin reassigns it in the admin)."""
    return ALLOWED if actor == "owner" else NOT_FOUND


def owners_change_roles(actor, visibility):
    if actor in OWNERS:
        return ALLOWED
    return REFUSED if actor == "moderator" else NOT_FOUND


def nobody_removes_the_last_owner(actor, visibility):
    """The matrix's owner is the community's only one: nobody removes them, not even a site admin (who
    may remove an owner when another remains; see communities/tests). A community always keeps an owner."""
    return REFUSED if actor in MODERATORS else NOT_FOUND


def outranking_moderators(actor, visibility):
    """A moderator acts on members only: on another moderator it takes an owner (or a site admin)."""
    if actor in OWNERS:
        return ALLOWED
    return REFUSED if actor == "moderator" else NOT_FOUND


def nobody_bans_owners(actor, visibility):
    """Owners are never banned, not even by a site admin: ownership is handed over first."""
    return REFUSED if actor in MODERATORS else NOT_FOUND


def site_admin_only(actor, visibility):
    return ALLOWED if actor == "site_admin" else NOT_FOUND


def its_owner_only(actor, visibility):
    """The member's own affiliation: to anyone else it does not exist."""
    if actor == "anonymous":
        return SIGN_IN
    return ALLOWED if actor == "member" else NOT_FOUND


def members_write(actor, visibility):
    """Tool writes: insiders may; others who may see the content are sent to sign in (anonymous) or
    refused (403); those who may not see it get 404."""
    if community_content(actor, visibility) == 404:
        return NOT_FOUND
    if actor in INSIDERS:
        return ALLOWED
    return SIGN_IN if actor == "anonymous" else FORBIDDEN


def members_write_keeping_text(actor, visibility):
    """Writing a page: a refused post shows the form again with the text typed and why it was not saved
    (403), anonymous visitors included ("Sign in to edit the wiki."), so nothing typed is lost."""
    if community_content(actor, visibility) == 404:
        return NOT_FOUND
    return ALLOWED if actor in INSIDERS else FORBIDDEN


def moderators_write_keeping_text(actor, visibility):
    """Writing a locked page: only moderators; everyone else who may see it gets the form back (403)."""
    if community_content(actor, visibility) == 404:
        return NOT_FOUND
    return ALLOWED if actor in MODERATORS else FORBIDDEN


def moderators_write(actor, visibility):
    if community_content(actor, visibility) == 404:
        return NOT_FOUND
    if actor in MODERATORS:
        return ALLOWED
    return SIGN_IN if actor == "anonymous" else FORBIDDEN


def deleted_page_moderators(actor, visibility):
    """A deleted page exists only for moderators: to everyone else it is 404."""
    return ALLOWED if actor in MODERATORS else NOT_FOUND


# --- what the rows read and post -------------------------------------------------------------------


def _community(world, visibility) -> Community:
    return world.communities[visibility]


def _user(world, actor):
    return world.users.get(actor)


def _membership_id(world, visibility, actor) -> int:
    return world.memberships[(visibility, actor)].pk


def _standing(world, visibility, actor):
    """The actor's membership of the community: (state, role), or None."""
    user = _user(world, actor)
    if user is None:
        return None
    return (
        Membership.objects.filter(community=_community(world, visibility), user=user)
        .values_list("state", "role")
        .first()
    )


def _standing_of(whose):
    return lambda world, visibility, actor: _standing(world, visibility, whose)


def _invitation(world, visibility) -> Invitation:
    return Invitation.objects.filter(community=_community(world, visibility)).order_by("pk").first()


def _invitation_and_standing(world, visibility, actor):
    invitation = _invitation(world, visibility)
    return (
        invitation.accepted_at is not None,
        invitation.declined_at is not None,
        _standing(world, visibility, "invited"),
    )


def _page(world, visibility) -> Page:
    """The matrix page of the community, by its id (noted before anything is posted, so that a rename
    does not lose it)."""
    ids = world.__dict__.setdefault("page_ids", {})
    if visibility not in ids:
        ids[visibility] = Page.objects.get(community=_community(world, visibility), path="matrix-page").pk
    return Page.objects.get(pk=ids[visibility])


def _page_field(*fields):
    def state(world, visibility, actor):
        return Page.objects.filter(pk=_page(world, visibility).pk).values_list(*fields).get()

    return state


def _community_field(*fields):
    def state(world, visibility, actor):
        return Community.objects.filter(pk=_community(world, visibility).pk).values_list(*fields).get()

    return state


def _community_form(community, **changes) -> dict:
    """The settings or creation form as it would be posted, with ``changes``."""
    data = {
        "name": community.name,
        "tagline": community.tagline,
        "description": community.description,
        "level": community.level,
        "state": community.state,
        "visibility": community.visibility,
        "join_policy": community.join_policy,
        "charter_who": community.charter_who,
        "charter_underway": community.charter_underway,
        "charter_shared": community.charter_shared,
        "charter_connections": community.charter_connections,
        "topics_text": "",
        "accent_color": community.accent_color,
        "accent_color_code": "",
        "parent": "",
    }
    data.update(changes)
    return data


def _review(decision):
    def data(world, visibility, actor):
        pk = _membership_id(world, visibility, "requested")
        return {"membership": pk, f"request-{pk}-decision": decision, f"request-{pk}-message": ""}

    return data


def _tools_form(world, visibility, actor) -> dict:
    data = {}
    for position, tool in enumerate(registry.all(), start=1):
        data[f"{tool.slug}-enabled"] = "on"
        data[f"{tool.slug}-label"] = "Matrix notes" if tool.slug == "wiki" else ""
        data[f"{tool.slug}-position"] = str(position)
    return data


def _tools_state(world, visibility, actor):
    return list(
        ToolActivation.objects.filter(community=_community(world, visibility))
        .order_by("tool_slug")
        .values_list("tool_slug", "enabled", "label")
    )


def _tool_settings_form(world, visibility, actor) -> dict:
    tool = registry.get("wiki")
    return {f"perm-{name}": "moderator" for name, action in tool.actions.items() if action.configurable}


def _tool_settings_state(world, visibility, actor):
    return ToolActivation.objects.get(community=_community(world, visibility), tool_slug="wiki").settings


def _open_for_joining(world):
    Community.objects.filter(pk__in=[c.pk for c in world.communities.values()]).update(
        join_policy=JoinPolicy.OPEN
    )


def _waiting_community(world):
    world.waiting = CommunityFactory(
        slug="matrix-waiting", is_approved=False, created_by=world.users["outsider"]
    )


def _delete_pages(world):
    Page.objects.filter(community__in=world.communities.values(), path="matrix-page").update(
        deleted_at=timezone.now(), deleted_by=world.users["moderator"]
    )


def _lock_pages(world):
    Page.objects.filter(community__in=world.communities.values(), path="matrix-page").update(is_locked=True)


def _moderators_file(world):
    from sharedwork.tools.wiki.attachments import wiki_attachment_upload

    for visibility in VISIBILITIES:
        page = _page(world, visibility)
        page.community = _community(world, visibility)
        upload = SimpleUploadedFile("agenda.txt", b"Agenda.\n", content_type="text/plain")
        wiki_attachment_upload(actor=world.users["moderator"], page=page, upload=upload)


def _attachment_exists(name):
    def state(world, visibility, actor):
        return Attachment.objects.filter(page=_page(world, visibility), name=name).exists()

    return state


def _nothing(world, visibility, actor):
    return {}


# --- the rows ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Write:
    """One change: POST ``data`` to the URL ``name``; ``state`` reads what it changes; ``done`` says
    whether the change happened (default: the state is different)."""

    name: str
    rule: Callable
    data: Callable
    state: Callable
    variant: str = ""
    done: Callable | None = None
    kwargs: Callable | None = None
    prepare: Callable | None = None
    site_wide: bool = False

    @property
    def id(self) -> str:
        return f"{self.name}[{self.variant}]" if self.variant else self.name


def _became(*expected):
    return lambda before, after: after is not None and tuple(after[: len(expected)]) == expected


WRITES = [
    # --- joining, leaving, invitations ---
    Write(
        "communities:join",
        joiners,
        _nothing,
        _standing,
        variant="open community",
        prepare=_open_for_joining,
        done=_became("active", "member"),
    ),
    Write(
        "communities:request_join",
        joiners,
        lambda w, v, a: {"message": "Please let me in."},
        _standing,
        done=_became("requested"),
    ),
    Write(
        "communities:cancel_request",
        requester_only,
        _nothing,
        _standing,
        done=lambda before, after: after is None,
    ),
    Write("communities:leave", leavers, _nothing, _standing, done=_became("left", "member")),
    Write(
        "communities:invitation_answer",
        addressee_by_id,
        lambda w, v, a: {"answer": "accept"},
        _invitation_and_standing,
        variant="accept",
        done=lambda before, after: after[0] and after[2] == ("active", "member"),
    ),
    Write(
        "communities:invitation_answer",
        addressee_by_id,
        lambda w, v, a: {"answer": "decline"},
        _invitation_and_standing,
        variant="decline",
        done=lambda before, after: after[1] and after[2] is None,
    ),
    Write(
        "communities:invitation",
        addressee_by_token,
        lambda w, v, a: {"answer": "accept"},
        _invitation_and_standing,
        variant="accept",
        done=lambda before, after: after[0] and after[2] == ("active", "member"),
    ),
    # --- creating communities ---
    Write(
        "communities:create",
        verified_people,
        lambda w, v, a: _community_form(_community(w, v), name="Matrix new community", visibility="public"),
        lambda w, v, a: Community.objects.filter(name="Matrix new community", parent=None).count(),
        site_wide=True,
    ),
    Write(
        "communities:create_child",
        moderators_act,
        lambda w, v, a: _community_form(_community(w, v), name="Matrix group", level="practice_group"),
        lambda w, v, a: Community.objects.filter(parent=_community(w, v), name="Matrix group").count(),
    ),
    Write(
        "communities:pending",
        site_admin_only,
        lambda w, v, a: {"community": w.waiting.pk},
        lambda w, v, a: Community.objects.get(pk=w.waiting.pk).is_approved,
        prepare=_waiting_community,
        site_wide=True,
    ),
    # --- moderator pages ---
    Write(
        "communities:manage_settings",
        moderators_act,
        lambda w, v, a: _community_form(_community(w, v), name="Matrix renamed"),
        _community_field("name"),
        variant="save",
    ),
    Write(
        "communities:manage_settings",
        owners_act,
        lambda w, v, a: {"op": "archive", "confirm": "on"},
        _community_field("is_archived"),
        variant="archive",
    ),
    Write("communities:manage_tools", moderators_act, _tools_form, _tools_state),
    Write("communities:manage_tool_settings", moderators_act, _tool_settings_form, _tool_settings_state),
    Write(
        "communities:manage_member",
        owners_change_roles,
        lambda w, v, a: {"op": "role", "role": "moderator"},
        _standing_of("member"),
        variant="make moderator",
        done=_became("active", "moderator"),
    ),
    Write(
        "communities:manage_member",
        moderators_act,
        lambda w, v, a: {"op": "remove"},
        _standing_of("member"),
        variant="remove member",
        done=_became("removed"),
    ),
    Write(
        "communities:manage_member",
        moderators_act,
        lambda w, v, a: {"op": "ban", "reason": "Spam."},
        _standing_of("member"),
        variant="ban member",
        done=_became("banned"),
    ),
    Write(
        "communities:manage_member",
        moderators_act,
        lambda w, v, a: {"op": "unban"},
        _standing_of("banned"),
        variant="lift ban",
        done=_became("removed"),
        kwargs=lambda w, v: {"membership_id": _membership_id(w, v, "banned")},
    ),
    Write(
        "communities:manage_member",
        nobody_removes_the_last_owner,
        lambda w, v, a: {"op": "remove"},
        _standing_of("owner"),
        variant="remove owner",
        kwargs=lambda w, v: {"membership_id": _membership_id(w, v, "owner")},
    ),
    Write(
        "communities:manage_member",
        outranking_moderators,
        lambda w, v, a: {"op": "remove"},
        _standing_of("moderator"),
        variant="remove moderator",
        done=_became("removed"),
        kwargs=lambda w, v: {"membership_id": _membership_id(w, v, "moderator")},
    ),
    Write(
        "communities:manage_member",
        nobody_bans_owners,
        lambda w, v, a: {"op": "ban", "reason": "Spam."},
        _standing_of("owner"),
        variant="ban owner",
        kwargs=lambda w, v: {"membership_id": _membership_id(w, v, "owner")},
    ),
    Write(
        "communities:manage_requests",
        moderators_act,
        _review("approve"),
        _standing_of("requested"),
        variant="approve",
        done=_became("active", "member"),
    ),
    Write(
        "communities:manage_requests",
        moderators_act,
        _review("decline"),
        _standing_of("requested"),
        variant="decline",
        done=_became("declined"),
    ),
    Write(
        "communities:manage_invitations",
        moderators_act,
        lambda w, v, a: {"op": "invite", "emails": "newcomer@example.org", "message": ""},
        lambda w, v, a: Invitation.objects.filter(
            community=_community(w, v), email="newcomer@example.org"
        ).count(),
        variant="send",
    ),
    Write(
        "communities:manage_invitations",
        moderators_act,
        lambda w, v, a: {"op": "revoke", "invitation": _invitation(w, v).pk},
        lambda w, v, a: _invitation(w, v).revoked_at is not None,
        variant="revoke",
    ),
    Write(
        "communities:manage_ownership",
        the_owner_acts,
        lambda w, v, a: {"new_owner": _membership_id(w, v, "member"), "confirm": "on"},
        lambda w, v, a: (_standing(w, v, "member"), _standing(w, v, "owner")),
        done=lambda before, after: after == (("active", "owner"), ("active", "moderator")),
    ),
    Write(
        "communities:manage_home",
        moderators_act,
        lambda w, v, a: {
            "block_count": "1",
            "block-0-kind": "welcome",
            "block-0-title": "Matrix welcome",
            "block-0-link_rows": "0",
            "op": "save",
        },
        lambda w, v, a: list(
            HomeBlock.objects.filter(community=_community(w, v)).values_list("kind", "title")
        ),
        done=lambda before, after: after == [("welcome", "Matrix welcome")],
    ),
    # --- accounts: things of one person that others must not touch ---
    Write(
        "accounts:affiliation_remove",
        its_owner_only,
        _nothing,
        lambda w, v, a: Affiliation.objects.filter(pk=w.affiliation.pk).exists(),
        site_wide=True,
    ),
    # --- the wiki ---
    Write(
        "wiki:new",
        members_write_keeping_text,
        lambda w, v, a: {
            "title": "Matrix new page",
            "parent": "",
            "path": "",
            "body": "Hello.\n",
            "summary": "",
        },
        lambda w, v, a: Page.objects.filter(community=_community(w, v), path="matrix-new-page").exists(),
    ),
    Write(
        "wiki:edit",
        members_write_keeping_text,
        lambda w, v, a: {"body": "Third.\n", "summary": "", "base_revision": "2"},
        _page_field("current_revision__number", "current_revision__body"),
    ),
    Write(
        "wiki:edit",
        moderators_write_keeping_text,
        lambda w, v, a: {"body": "Third.\n", "summary": "", "base_revision": "2"},
        _page_field("current_revision__number", "current_revision__body"),
        variant="locked page",
        prepare=_lock_pages,
    ),
    Write(
        "wiki:rename",
        members_write,
        lambda w, v, a: {"title": "Matrix page renamed", "parent": "", "move_subpages": "on", "summary": ""},
        _page_field("title", "path"),
    ),
    Write(
        "wiki:revert",
        members_write,
        lambda w, v, a: {"summary": "Back."},
        _page_field("current_revision__body"),
    ),
    Write("wiki:delete", moderators_write, _nothing, _page_field("deleted_at")),
    Write(
        "wiki:restore",
        deleted_page_moderators,
        _nothing,
        _page_field("deleted_at"),
        prepare=_delete_pages,
    ),
    Write("wiki:lock", moderators_write, lambda w, v, a: {"locked": "1"}, _page_field("is_locked")),
    Write(
        "wiki:attachments",
        members_write,
        lambda w, v, a: {"file": SimpleUploadedFile("minutes.txt", b"Minutes.\n", content_type="text/plain")},
        lambda w, v, a: Attachment.objects.filter(page=_page(w, v)).count(),
        variant="upload",
    ),
    Write(
        "wiki:attachment_remove",
        members_write,
        _nothing,
        _attachment_exists("notes.txt"),
        variant="own file",
    ),
    Write(
        "wiki:attachment_remove",
        moderators_write,
        _nothing,
        _attachment_exists("agenda.txt"),
        variant="someone else's file",
        prepare=_moderators_file,
        kwargs=lambda w, v: {"name": "agenda.txt"},
    ),
]

# URLs that take a POST but are not rows here: each acts only on the signed-in person's own account
# (or starts a session), and has its own tests in ``sharedwork/accounts/tests``.
OWN_ACCOUNT_FORMS = {
    "accounts:signup",
    "accounts:signin",
    "accounts:signout",
    "accounts:verify_resend",
    "accounts:verify",
    "accounts:password_reset",
    "accounts:password_reset_confirm",
    "accounts:settings",
    "accounts:password_change",
    "accounts:email_change",
    "accounts:email_change_confirm",
    "accounts:affiliations",
    "accounts:organization_create",
}


# --- running a row ----------------------------------------------------------------------------------


def _fingerprint():
    """Every row of every SharedWork table: equal before and after means nothing changed."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values_list())
        for model in apps.get_models()
        if model.__module__.startswith("sharedwork.")
    }


def _signin_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("accounts:signin"))


def _explained(response) -> bool:
    """A refusal says why: a message for the next page, an error status, or errors on the form shown."""
    if list(get_messages(response.wsgi_request)):
        return True
    if response.status_code in (400, 403, 409):
        return True
    for context in response.context or []:
        form = context.get("form") if hasattr(context, "get") else None
        if form is not None and getattr(form, "errors", None):
            return True
    return False


def _outcome_problems(row, world, actor, visibility, everything) -> list[str]:
    """What is wrong with the answer to ``actor``'s post; ``everything`` is the fingerprint of the
    database before it (the same for every actor: each post is rolled back)."""
    expected = row.rule(actor, visibility)
    kwargs = world.kwargs_for(row.name, ROUTES[row.name], visibility)
    if row.kwargs:
        kwargs.update(row.kwargs(world, visibility))
    url = reverse(row.name, kwargs=kwargs)
    client = world.clients[actor]
    problems = []
    with transaction.atomic():
        cache.clear()
        before = row.state(world, visibility, actor)
        response = client.post(url, row.data(world, visibility, actor))
        after = row.state(world, visibility, actor)
        status = response.status_code
        if expected == ALLOWED:
            done = row.done(before, after) if row.done else after != before
            if not done:
                problems.append(f"expected the change, got {status} and {before!r} -> {after!r}")
            elif status >= 400 or _signin_redirect(response):
                problems.append(f"the change happened but the answer was {status}")
        else:
            now = _fingerprint()
            if after != before or now != everything:
                changed = [label for label, rows in now.items() if rows != everything[label]]
                problems.append(f"refused ({status}) but changed {changed}: {before!r} -> {after!r}")
            if expected == SIGN_IN and not _signin_redirect(response):
                problems.append(f"expected a redirect to sign in, got {status}")
            elif expected in (NOT_FOUND, FORBIDDEN) and status != expected:
                problems.append(f"expected {expected}, got {status}")
            elif expected == REFUSED and (
                status in (404, 405) or status >= 500 or _signin_redirect(response)
            ):
                problems.append(f"expected a refusal with an explanation, got {status}")
            elif expected == REFUSED and not _explained(response):
                problems.append(f"refused ({status}) without saying why")
        transaction.set_rollback(True)
    return problems


@pytest.fixture
def matrix_world(db, settings):
    """The GET matrix's world, with every page and file it has (a fresh one per test)."""
    settings.AXES_ENABLED = False
    world = World()
    _give_wiki_pages(world)
    return world


@pytest.mark.parametrize("row", WRITES, ids=[row.id for row in WRITES])
def test_each_actor_may_or_may_not_make_the_change_as_the_matrix_says(matrix_world, row):
    world = matrix_world
    if row.prepare:
        row.prepare(world)
    visibilities = [Visibility.PUBLIC] if row.site_wide else VISIBILITIES
    everything = _fingerprint()
    mismatches = []
    for visibility in visibilities:
        for actor in ACTORS:
            for problem in _outcome_problems(row, world, actor, visibility, everything):
                mismatches.append(f"{visibility:>7} {actor:>10}: {problem}")
    assert not mismatches, f"{row.id}:\n" + "\n".join(mismatches)


# --- completeness -----------------------------------------------------------------------------------

WRITE_NAMES = {row.name for row in WRITES}
POST_ONLY_RULES = (post_only, post_only_signed_in, content_post_only)


def test_every_post_only_url_of_the_get_matrix_has_a_write_row():
    rows = {**EXPECTED, **WIKI_EXPECTED}
    post_only_names = {name for name, rule in rows.items() if rule in POST_ONLY_RULES}
    missing = sorted(post_only_names - WRITE_NAMES - OWN_ACCOUNT_FORMS)
    assert not missing, f"POST-only URLs without a row in the write matrix: {missing}"


def test_the_write_matrix_has_no_rows_for_urls_that_no_longer_exist():
    stale = sorted((WRITE_NAMES | OWN_ACCOUNT_FORMS) - set(ROUTES))
    assert not stale, f"Write rows for URLs that do not exist: {stale}"


def test_urls_without_a_write_row_change_nothing_when_owners_and_site_admins_post_to_them(matrix_world):
    """Derives the POST URLs from the resolver: a URL outside the write matrix (and the own-account
    forms) may answer a POST (read pages answer it like a GET) but must not change anything."""
    world = matrix_world
    changed = {}
    for name, route in ROUTES.items():
        if name in WRITE_NAMES | OWN_ACCOUNT_FORMS:
            continue
        url = reverse(name, kwargs=world.kwargs_for(name, route, Visibility.PUBLIC))
        with transaction.atomic():
            before = _fingerprint()
            for actor in ("owner", "site_admin"):
                world.clients[actor].post(url, {})
            after = _fingerprint()
            transaction.set_rollback(True)
        if after != before:
            changed[name] = [label for label, rows in after.items() if rows != before[label]]
    assert not changed, f"URLs that change something on POST but have no row in the write matrix: {changed}"
