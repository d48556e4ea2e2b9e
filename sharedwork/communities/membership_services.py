"""Membership changes: join, request, review, leave, remove, ban, roles, ownership.

Every change is recorded as an ActivityEvent with a ``member.*`` verb (who did what to whom, when);
moderators read them as the membership log. Joins and leaves are community-visible; requests,
removals, bans and role changes are for moderators only.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sharedwork.activity.models import EventVisibility
from sharedwork.activity.services import activity_record
from sharedwork.core.email import send_templated_email
from sharedwork.core.errors import require

from .models import Community, Membership, MembershipState, Role
from .permissions import can, forget_memberships

MODS = EventVisibility.MODERATORS


def _locked_membership(community, user) -> Membership | None:
    return Membership.objects.select_for_update().filter(community=community, user=user).first()


def _activate(membership: Membership, role=Role.MEMBER) -> Membership:
    membership.state = MembershipState.ACTIVE
    membership.role = role
    membership.joined_at = timezone.now()
    membership.save()
    return membership


def membership_join(*, actor, community: Community) -> Membership:
    """Join an open community."""
    require(can(actor, "community.join", community), "You cannot join this community directly.")
    with transaction.atomic():
        membership = _locked_membership(community, actor) or Membership(community=community, user=actor)
        _activate(membership)
        activity_record(actor=actor, verb="member.joined", community=community, subject=actor)
    forget_memberships(actor)
    return membership


def membership_request(*, actor, community: Community, message: str = "") -> Membership:
    """Ask to join a community that takes requests."""
    require(can(actor, "community.request_join", community), "You cannot ask to join this community.")
    if len(message) > 2000:
        raise ValidationError({"message": "Keep your message under 2,000 characters."})
    with transaction.atomic():
        membership = _locked_membership(community, actor) or Membership(community=community, user=actor)
        membership.state = MembershipState.REQUESTED
        membership.role = Role.MEMBER
        membership.request_message = message.strip()
        membership.save()
        activity_record(
            actor=actor, verb="member.requested", community=community, subject=actor, visibility=MODS
        )
    moderators = community.memberships.filter(
        state=MembershipState.ACTIVE, role__in=[Role.MODERATOR, Role.OWNER]
    ).values_list("user__email", flat=True)
    for email in moderators:
        send_templated_email(
            to=email,
            template="communities/email/join_request",
            context={"community": community, "person": actor, "message": membership.request_message},
        )
    forget_memberships(actor)
    return membership


def membership_cancel_request(*, actor, community: Community) -> None:
    require(can(actor, "community.cancel_request", community), "You have no request to withdraw.")
    with transaction.atomic():
        Membership.objects.filter(community=community, user=actor, state=MembershipState.REQUESTED).delete()
        activity_record(
            actor=actor, verb="member.request_cancelled", community=community, subject=actor, visibility=MODS
        )
    forget_memberships(actor)


def membership_review(*, actor, membership: Membership, approve: bool, message: str = "") -> Membership:
    """Approve or decline a request to join, optionally with a message to the person."""
    require(can(actor, "membership.review_request", membership), "Only moderators review requests to join.")
    community = membership.community
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.state != MembershipState.REQUESTED:
            raise ValidationError("This request was already handled.")
        if approve:
            _activate(membership)
            verb = "member.request_approved"
        else:
            membership.state = MembershipState.DECLINED
            membership.save()
            verb = "member.request_declined"
        activity_record(
            actor=actor, verb=verb, community=community, subject=membership.user, visibility=MODS,
            data={"message": message.strip()} if message.strip() else {},
        )  # fmt: skip
        if approve:
            activity_record(
                actor=membership.user, verb="member.joined", community=community, subject=membership.user
            )
    send_templated_email(
        to=membership.user.email,
        template="communities/email/request_approved" if approve else "communities/email/request_declined",
        context={"community": community, "person": membership.user, "message": message.strip()},
    )
    return membership


def membership_leave(*, actor, community: Community) -> None:
    require(
        can(actor, "community.leave", community),
        "You are the last owner. Hand ownership to someone else before you leave.",
    )
    with transaction.atomic():
        membership = _locked_membership(community, actor)
        if membership.role == Role.OWNER and _other_active_owners(community, actor) == 0:
            raise ValidationError("You are the last owner. Hand ownership to someone else before you leave.")
        membership.state = MembershipState.LEFT
        membership.role = Role.MEMBER
        membership.save()
        activity_record(actor=actor, verb="member.left", community=community, subject=actor)
    forget_memberships(actor)


def _other_active_owners(community, user) -> int:
    """Active owners of ``community`` other than ``user`` (each may be an instance or a primary key)."""
    return (
        Membership.objects.select_for_update()
        .filter(community=community, role=Role.OWNER, state=MembershipState.ACTIVE)
        .exclude(user=user)
        .count()
    )


def _locked_for_change(
    actor, membership: Membership, action: str, refusal: str, *, doing: str = ""
) -> Membership:
    """The membership's row, locked and read afresh inside the caller's transaction, after asking the
    policy again about it: a page loaded before another moderator acted must not undo what they did
    (bring back someone just removed, say). With ``doing``, a community's last owner is refused too: a
    community always keeps an owner, whoever asks (a site admin included)."""
    locked = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    locked.community = membership.community
    require(can(actor, action, locked), refusal)
    if (
        doing
        and locked.role == Role.OWNER
        and locked.state == MembershipState.ACTIVE
        and _other_active_owners(locked.community_id, locked.user_id) == 0
    ):
        raise ValidationError(
            f"{locked.user.display_name} is the last owner of this community, so you cannot {doing} them. "
            "Make someone else an owner first (Manage, Ownership)."
        )
    return locked


def _save_change(membership: Membership, locked: Membership, **changes) -> None:
    for field, value in changes.items():
        setattr(locked, field, value)
        setattr(membership, field, value)  # the caller's copy shows the outcome too
    locked.save(update_fields=list(changes))


def membership_remove(*, actor, membership: Membership) -> Membership:
    with transaction.atomic():
        locked = _locked_for_change(
            actor, membership, "membership.remove", "You cannot remove this person.", doing="remove"
        )
        _save_change(membership, locked, state=MembershipState.REMOVED, role=Role.MEMBER)
        activity_record(
            actor=actor,
            verb="member.removed",
            community=membership.community,
            subject=membership.user,
            visibility=MODS,
        )
    return membership


def membership_ban(*, actor, membership: Membership, reason: str = "") -> Membership:
    """Ban someone: they lose membership and cannot join, ask or be invited until unbanned."""
    with transaction.atomic():
        locked = _locked_for_change(
            actor, membership, "membership.ban", "You cannot ban this person.", doing="ban"
        )
        _save_change(membership, locked, state=MembershipState.BANNED, role=Role.MEMBER)
        activity_record(
            actor=actor, verb="member.banned", community=membership.community, subject=membership.user,
            visibility=MODS, data={"reason": reason.strip()} if reason.strip() else {},
        )  # fmt: skip
    return membership


def membership_ban_person(*, actor, community: Community, user, reason: str = "") -> Membership:
    """Ban someone who may not be a member yet (e.g. a disruptive requester)."""
    membership, _ = Membership.objects.get_or_create(
        community=community, user=user, defaults={"state": MembershipState.LEFT}
    )
    return membership_ban(actor=actor, membership=membership, reason=reason)


def membership_unban(*, actor, membership: Membership) -> Membership:
    with transaction.atomic():
        locked = _locked_for_change(actor, membership, "membership.unban", "Only moderators lift bans.")
        _save_change(membership, locked, state=MembershipState.REMOVED)
        activity_record(
            actor=actor,
            verb="member.unbanned",
            community=membership.community,
            subject=membership.user,
            visibility=MODS,
        )
    return membership


def membership_change_role(*, actor, membership: Membership, role: str) -> Membership:
    """Make a member a moderator or a moderator a member. Owners are made by ``ownership_transfer``."""
    with transaction.atomic():
        locked = _locked_for_change(
            actor, membership, "membership.change_role", "Only owners change roles.", doing="demote"
        )
        if role not in (Role.MEMBER, Role.MODERATOR):
            raise ValidationError("Choose member or moderator. To make someone an owner, transfer ownership.")
        _save_change(membership, locked, role=role)
        activity_record(
            actor=actor, verb="member.role_changed", community=membership.community, subject=membership.user,
            visibility=MODS, data={"role": Role(role).label.lower()},
        )  # fmt: skip
    return membership


def ownership_transfer(
    *, actor, community: Community, new_owner_membership: Membership, stay_owner=False
) -> None:
    """Hand ownership to an active member. The actor becomes a moderator unless ``stay_owner``."""
    require(can(actor, "community.transfer_ownership", community), "Only owners hand over ownership.")
    if new_owner_membership.community_id != community.pk or not new_owner_membership.is_active:
        raise ValidationError("Ownership can only go to an active member of this community.")
    if new_owner_membership.user_id == actor.pk:
        raise ValidationError("You are already an owner.")
    with transaction.atomic():
        target = Membership.objects.select_for_update().get(pk=new_owner_membership.pk)
        target.role = Role.OWNER
        target.save()
        if not stay_owner:
            mine = _locked_membership(community, actor)
            mine.role = Role.MODERATOR
            mine.save()
        activity_record(
            actor=actor,
            verb="member.ownership_transferred",
            community=community,
            subject=target.user,
            visibility=MODS,
        )
    forget_memberships(actor)
