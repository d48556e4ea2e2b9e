"""The one permission policy of SharedWork.

``can(actor, action, obj)`` answers every "may this person do this to this thing?" question in the
product. Services and selectors call it before they write or read; templates call it (through the
``{% can %}`` tag) to show or hide controls. Deny by default: an action nobody registered is refused.

Rules are pure predicates over the actor, the object and the actor's membership of the object's
community. The membership lookup is the only I/O and is cached on the user object, which lives for
one request.

Tools add their actions through their ``Tool`` declaration (see ``sharedwork.tools.base``): each action
names the lowest role that gets it by default (``viewer``, ``member``, ``moderator``), a community may
raise or lower that per tool in the tool's settings, and the tool may add an object rule on top (the
wiki's "only moderators edit a locked page").
"""

from collections.abc import Callable

from .models import ROLE_RANK, Community, JoinPolicy, Membership, MembershipState, Role, Visibility

Rule = Callable[[object, object], bool]
RULES: dict[str, Rule] = {}

# Role levels a tool action may require, lowest first.
LEVELS = ("viewer", "member", "moderator", "owner")


def rule(action: str):
    def register(fn: Rule) -> Rule:
        RULES[action] = fn
        return fn

    return register


def can(actor, action: str, obj=None) -> bool:
    """True when ``actor`` may do ``action`` to ``obj``. Unknown actions are denied."""
    check = RULES.get(action)
    if check is None:
        return False
    return bool(check(actor, obj))


# --- who the actor is --------------------------------------------------------------------------


def is_signed_in(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False) and actor.is_active


def is_site_admin(actor) -> bool:
    return is_signed_in(actor) and actor.is_superuser


def is_verified(actor) -> bool:
    return is_signed_in(actor) and actor.email_verified_at is not None


def _cache(actor) -> dict:
    cache = getattr(actor, "_sharedwork_memberships", None)
    if cache is None:
        cache = {}
        actor._sharedwork_memberships = cache
    return cache


def prime_memberships(actor, community_ids) -> None:
    """Load the actor's memberships of many communities in one query (list pages call this)."""
    if not is_signed_in(actor):
        return
    cache = _cache(actor)
    missing = [pk for pk in community_ids if pk not in cache]
    if not missing:
        return
    for pk in missing:
        cache[pk] = None
    for membership in Membership.objects.filter(user=actor, community_id__in=missing):
        cache[membership.community_id] = membership


def forget_memberships(actor) -> None:
    """Drop the cache after a service changed the actor's memberships within the same request."""
    if actor is not None and hasattr(actor, "_sharedwork_memberships"):
        del actor._sharedwork_memberships


def membership_of(actor, community) -> Membership | None:
    if not is_signed_in(actor) or community is None or community.pk is None:
        return None
    cache = _cache(actor)
    if community.pk not in cache:
        cache[community.pk] = Membership.objects.filter(user=actor, community=community).first()
    return cache[community.pk]


def active_role(actor, community) -> str | None:
    membership = membership_of(actor, community)
    if membership is not None and membership.state == MembershipState.ACTIVE:
        return membership.role
    return None


def has_role(actor, community, minimum: str) -> bool:
    role = active_role(actor, community)
    return role is not None and ROLE_RANK[role] >= ROLE_RANK[minimum]


def is_banned(actor, community) -> bool:
    membership = membership_of(actor, community)
    return membership is not None and membership.state == MembershipState.BANNED


def community_of(obj) -> Community | None:
    if isinstance(obj, Community):
        return obj
    return getattr(obj, "community", None)


# --- communities -------------------------------------------------------------------------------


@rule("site.create_community")
def _create_community(actor, obj=None):
    """Verified people may create a community (directly or as a request, per the site setting)."""
    return is_verified(actor)


@rule("site.admin")
def _site_admin(actor, obj=None):
    return is_site_admin(actor)


@rule("community.view")
def _view(actor, community):
    """May the actor know the community exists (directory, its home page header, mentions)?"""
    if is_site_admin(actor):
        return True
    if not community.is_approved:
        return is_signed_in(actor) and community.created_by_id == actor.pk
    if community.visibility in (Visibility.PUBLIC, Visibility.LISTED):
        return True
    return active_role(actor, community) is not None


@rule("community.view_content")
def _view_content(actor, community):
    community = community_of(community)
    if not _view(actor, community):
        return False
    if not community.is_approved:
        return True  # its creator, waiting for approval, may look at what they asked for
    if community.visibility == Visibility.PUBLIC or is_site_admin(actor):
        return True
    return active_role(actor, community) is not None


def _writable(community) -> bool:
    return community.is_approved and not community.is_archived


@rule("community.participate")
def _participate(actor, community):
    """Write content in the community's tools (members; moderators and owners too)."""
    community = community_of(community)
    return _writable(community) and is_verified(actor) and active_role(actor, community) is not None


@rule("community.join")
def _join(actor, community):
    return (
        _writable(community)
        and is_verified(actor)
        and community.join_policy == JoinPolicy.OPEN
        and _view(actor, community)
        and _may_become_member(actor, community)
    )


@rule("community.request_join")
def _request_join(actor, community):
    membership = membership_of(actor, community)
    return (
        _writable(community)
        and is_verified(actor)
        and community.join_policy == JoinPolicy.REQUEST
        and _view(actor, community)
        and _may_become_member(actor, community)
        and not (membership and membership.state == MembershipState.REQUESTED)
    )


def _may_become_member(actor, community) -> bool:
    membership = membership_of(actor, community)
    return membership is None or membership.state in (
        MembershipState.LEFT,
        MembershipState.DECLINED,
        MembershipState.REMOVED,
        MembershipState.INVITED,
    )


@rule("community.cancel_request")
def _cancel_request(actor, community):
    membership = membership_of(actor, community)
    return membership is not None and membership.state == MembershipState.REQUESTED


@rule("community.leave")
def _leave(actor, community):
    role = active_role(actor, community)
    if role is None:
        return False
    if role == Role.OWNER:
        # The last owner cannot leave; they transfer ownership first.
        return community.memberships.filter(role=Role.OWNER, state=MembershipState.ACTIVE).count() > 1
    return True


def _moderates(actor, community) -> bool:
    return is_site_admin(actor) or has_role(actor, community, Role.MODERATOR)


def _owns(actor, community) -> bool:
    return is_site_admin(actor) or has_role(actor, community, Role.OWNER)


@rule("community.manage")
def _manage(actor, community):
    """Moderator settings: the settings form, tools, home page design. Allowed on archived communities
    so that an owner can read the settings and unarchive, and on communities waiting for approval, so that
    their creator can prepare them (settings, tools, home page) meanwhile."""
    community = community_of(community)
    return _moderates(actor, community)


@rule("community.manage_members")
def _manage_members(actor, community):
    """Members, requests and invitations wait until the community is approved: nobody can be brought
    into a community that only its creator and site admins can see."""
    return community_of(community).is_approved and _manage(actor, community)


@rule("community.invite")
def _invite(actor, community):
    return _writable(community) and _moderates(actor, community)


@rule("community.create_child")
def _create_child(actor, community):
    return _writable(community) and is_verified(actor) and _moderates(actor, community)


@rule("community.archive")
def _archive(actor, community):
    return community.is_approved and _owns(actor, community)


@rule("community.transfer_ownership")
def _transfer(actor, community):
    return _writable(community) and has_role(actor, community, Role.OWNER)


@rule("community.approve")
def _approve(actor, community):
    return is_site_admin(actor) and not community.is_approved


# --- memberships (object: a Membership of someone else) ----------------------------------------


def _outranks(actor, membership) -> bool:
    """Moderators act on members; owners act on members and moderators; site admins on everyone."""
    if is_site_admin(actor):
        return True
    role = active_role(actor, membership.community)
    if role is None or membership.user_id == actor.pk:
        return False
    return ROLE_RANK[role] > ROLE_RANK[membership.role] and ROLE_RANK[role] >= ROLE_RANK[Role.MODERATOR]


@rule("membership.review_request")
def _review(actor, membership):
    return (
        membership.state == MembershipState.REQUESTED
        and _writable(membership.community)
        and _moderates(actor, membership.community)
    )


@rule("membership.remove")
def _remove(actor, membership):
    return (
        membership.state == MembershipState.ACTIVE
        and _writable(membership.community)
        and _outranks(actor, membership)
    )


@rule("membership.ban")
def _ban(actor, membership):
    return (
        membership.state != MembershipState.BANNED
        and _writable(membership.community)
        and _outranks(actor, membership)
        and membership.role != Role.OWNER
    )


@rule("membership.unban")
def _unban(actor, membership):
    return membership.state == MembershipState.BANNED and _moderates(actor, membership.community)


@rule("membership.change_role")
def _change_role(actor, membership):
    """Owners make and unmake moderators. Making someone an owner is a transfer of ownership."""
    return (
        membership.state == MembershipState.ACTIVE
        and membership.role != Role.OWNER
        and _writable(membership.community)
        and _owns(actor, membership.community)
        and membership.user_id != actor.pk
    )


# --- people and organizations (accounts) ---------------------------------------------------------


@rule("person.view")
def _view_person(actor, person):
    """Profiles (and avatars) are public, except that an account whose email address is not confirmed
    yet shows only to its owner and site admins: nobody can squat a public page with an unproven address."""
    if person is None or not person.is_active:
        return False
    if person.email_verified_at is not None or is_site_admin(actor):
        return True
    return is_signed_in(actor) and actor.pk == person.pk


@rule("account.edit")
def _edit_account(actor, person):
    """A person edits their own settings (profile, password, email), verified or not."""
    return is_signed_in(actor) and person is not None and actor.pk == person.pk


@rule("organization.create")
def _create_organization(actor, obj=None):
    return is_verified(actor)


@rule("affiliation.manage")
def _manage_affiliations(actor, person):
    """Verified people add and remove their own affiliations."""
    return is_verified(actor) and person is not None and actor.pk == person.pk


# --- tool actions --------------------------------------------------------------------------------


def tool_action_level(community, tool, action: str) -> str:
    """The role level an action needs in this community: the community's setting, else the tool default."""
    from sharedwork.tools.selectors import tool_activation

    activation = tool_activation(community, tool.slug)
    configured = (activation.settings or {}).get("permissions", {}).get(action) if activation else None
    return configured if configured in LEVELS else tool.actions[action].default


def _meets_level(actor, community, level: str, *, write: bool) -> bool:
    if level == "viewer" and not write:
        return _view_content(actor, community)
    if write and not _writable(community):
        return False
    if level in ("viewer", "member"):
        return _participate(actor, community) or (is_site_admin(actor) and _writable(community))
    if level == "moderator":
        return _moderates(actor, community) and (not write or is_verified(actor) or is_site_admin(actor))
    return _owns(actor, community)


def register_tool_actions(tool) -> None:
    """Called by the tool registry for each tool: adds the tool's actions to the policy."""
    for action_name, action in tool.actions.items():
        RULES[action_name] = _make_tool_rule(tool, action_name, action)


def _make_tool_rule(tool, action_name, action):
    def check(actor, obj):
        from sharedwork.tools.selectors import tool_is_enabled

        community = community_of(obj)
        if community is None or not tool_is_enabled(community, tool.slug):
            return False
        if not _view_content(actor, community):
            return False
        level = tool_action_level(community, tool, action_name)
        if not _meets_level(actor, community, level, write=action.write):
            return False
        return tool.object_rule(actor, action_name, obj)

    check.__name__ = f"tool_rule_{action_name}"
    return check
