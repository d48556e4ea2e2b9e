"""Invitations by email: up to 50 addresses at once, tokens that expire after 14 days.

The token is sent in the email link and only its SHA-256 is stored. A person who has an account gets a
``Membership`` in state *invited* as well, so the community shows in their invitations; a person without
one follows the link through sign-up and lands back on the invitation.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sharedwork.accounts.models import User
from sharedwork.activity.models import EventVisibility
from sharedwork.activity.services import activity_record
from sharedwork.core.email import send_templated_email
from sharedwork.core.errors import require

from .models import Community, Invitation, Membership, MembershipState, Role
from .permissions import can, forget_memberships, membership_of

MAX_INVITATIONS_AT_ONCE = 50


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def parse_email_list(raw: str) -> list[str]:
    """Addresses separated by commas, semicolons, spaces or new lines; lower-cased, duplicates dropped.
    Raises ValidationError naming every address that is not valid, and when there are more than 50."""
    seen, bad = [], []
    for part in raw.replace(";", ",").replace("\n", ",").replace(" ", ",").split(","):
        address = part.strip().strip("<>").lower()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            bad.append(address)
            continue
        if address not in seen:
            seen.append(address)
    if bad:
        raise ValidationError(f"These are not valid email addresses: {', '.join(bad)}. Nothing was sent.")
    if not seen:
        raise ValidationError("Enter at least one email address.")
    if len(seen) > MAX_INVITATIONS_AT_ONCE:
        raise ValidationError(
            f"You can invite up to {MAX_INVITATIONS_AT_ONCE} people at once; you entered {len(seen)}. Nothing was sent."
        )
    return seen


def invitations_send(*, actor, community: Community, emails: list[str], message: str = "") -> dict:
    """Invite each address. Returns ``{"invited": [...], "skipped": {email: reason}}``. Members already
    active and banned people are skipped with a reason; an open invitation is renewed (new token)."""
    require(not community.is_archived, "This community is archived and does not take new members.")
    require(can(actor, "community.invite", community), "Only moderators can invite people.")
    if len(emails) > MAX_INVITATIONS_AT_ONCE:
        raise ValidationError(f"You can invite up to {MAX_INVITATIONS_AT_ONCE} people at once.")
    if len(message) > 2000:
        raise ValidationError({"message": "Keep the message under 2,000 characters."})
    invited, skipped, outgoing = [], {}, []
    now = timezone.now()
    with transaction.atomic():
        users = {u.email: u for u in User.objects.filter(email__in=emails)}
        memberships = {
            m.user.email: m
            for m in Membership.objects.filter(community=community, user__email__in=emails).select_related(
                "user"
            )
        }
        for email in emails:
            membership = memberships.get(email)
            if membership and membership.state == MembershipState.ACTIVE:
                skipped[email] = "already a member"
                continue
            if membership and membership.state == MembershipState.BANNED:
                skipped[email] = "banned from this community"
                continue
            Invitation.objects.filter(
                community=community, email=email, accepted_at=None, declined_at=None, revoked_at=None
            ).update(revoked_at=now)
            token = secrets.token_urlsafe(32)
            invitation = Invitation.objects.create(
                community=community,
                email=email,
                token_hash=hash_token(token),
                role=Role.MEMBER,
                message=message.strip(),
                invited_by=actor,
                expires_at=now + timedelta(days=settings.INVITATION_DAYS),
            )
            user = users.get(email)
            if user is not None:
                Membership.objects.update_or_create(
                    community=community, user=user,
                    defaults={"state": MembershipState.INVITED, "role": Role.MEMBER},
                )  # fmt: skip
            activity_record(
                actor=actor, verb="member.invited", community=community, subject=user,
                visibility=EventVisibility.MODERATORS, data={"email": email},
            )  # fmt: skip
            invited.append(email)
            outgoing.append((email, token, invitation))
    for email, token, invitation in outgoing:
        send_templated_email(
            to=email,
            template="communities/email/invitation",
            context={
                "community": community,
                "inviter": actor,
                "message": invitation.message,
                "url": settings.SITE_URL + reverse("communities:invitation", args=[token]),
                "days": settings.INVITATION_DAYS,
            },
        )
    return {"invited": invited, "skipped": skipped}


def get_invitation_by_token(token: str) -> Invitation | None:
    """The invitation a link names, open or not (the page explains expired or used ones)."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("community", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


def invitation_proves_address(token: str, email: str) -> bool:
    """Whether ``token`` is an open invitation sent to ``email``: having its link proves the address,
    as a confirmation link would (sign-up through an invitation needs no second email)."""
    invitation = get_invitation_by_token(token)
    return bool(invitation and invitation.is_open and invitation.email.lower() == email.lower())


def _check_invitation_for(actor, invitation: Invitation) -> None:
    if not invitation.is_open:
        raise ValidationError(
            "This invitation has expired or was already used. Ask a moderator for a new one."
        )
    if actor.email.lower() != invitation.email.lower():
        raise ValidationError(
            f"This invitation was sent to {invitation.email}. Sign in with that address to accept it."
        )
    if actor.email_verified_at is None:
        raise ValidationError("Verify your email address first; then accept the invitation.")
    membership = membership_of(actor, invitation.community)
    if membership and membership.state == MembershipState.BANNED:
        raise ValidationError("You cannot join this community.")


def invitation_accept(*, actor, invitation: Invitation) -> Membership:
    """Accept: the actor becomes an active member. The invitation was addressed to the actor's email."""
    _check_invitation_for(actor, invitation)
    community = invitation.community
    if community.is_archived:
        raise ValidationError("This community is archived and does not take new members.")
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_open:
            raise ValidationError("This invitation was already used.")
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = actor
        invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
        membership, _ = Membership.objects.select_for_update().get_or_create(community=community, user=actor)
        if membership.state != MembershipState.ACTIVE:
            membership.state = MembershipState.ACTIVE
            membership.role = invitation.role
            membership.joined_at = timezone.now()
            membership.save()
        activity_record(
            actor=actor, verb="member.invitation_accepted", community=community, subject=actor,
            visibility=EventVisibility.MODERATORS,
        )  # fmt: skip
        activity_record(actor=actor, verb="member.joined", community=community, subject=actor)
    forget_memberships(actor)
    return membership


def invitation_decline(*, actor, invitation: Invitation) -> None:
    _check_invitation_for(actor, invitation)
    with transaction.atomic():
        invitation.declined_at = timezone.now()
        invitation.save(update_fields=["declined_at", "updated_at"])
        Membership.objects.filter(
            community=invitation.community, user=actor, state=MembershipState.INVITED
        ).delete()
        activity_record(
            actor=actor, verb="member.invitation_declined", community=invitation.community, subject=actor,
            visibility=EventVisibility.MODERATORS,
        )  # fmt: skip
    forget_memberships(actor)


def invitation_revoke(*, actor, invitation: Invitation) -> None:
    require(can(actor, "community.invite", invitation.community), "Only moderators withdraw invitations.")
    if not invitation.is_open:
        raise ValidationError("This invitation is no longer open.")
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at", "updated_at"])
        Membership.objects.filter(
            community=invitation.community, user__email=invitation.email, state=MembershipState.INVITED
        ).delete()
        activity_record(
            actor=actor, verb="member.invitation_revoked", community=invitation.community,
            visibility=EventVisibility.MODERATORS, data={"email": invitation.email},
        )  # fmt: skip


def open_invitations_for(user):
    """Open invitations addressed to this person's email (shown on their start page). Only once the
    address is confirmed: anyone can sign up claiming an address, and an invitation names its
    community and carries the inviter's message."""
    if not getattr(user, "email_verified_at", None):
        return Invitation.objects.none()
    return Invitation.objects.filter(
        email__iexact=user.email,
        accepted_at=None,
        declined_at=None,
        revoked_at=None,
        expires_at__gt=timezone.now(),
    ).select_related("community", "invited_by")
