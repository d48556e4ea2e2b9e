"""Joining and leaving a community, and answering an invitation.

Each change is a POST that calls a membership or invitation service and redirects with a message. The
home page's membership panel (``membership_panel``) shows the buttons the ``may_*`` flags of
``community_page_context`` allow, and, when there are none, says plainly why.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sharedwork.core.errors import error_text
from sharedwork.core.forms import form_status

from .context import community_page_context
from .forms import InvitationAnswerForm, JoinRequestForm, add_service_errors
from .invitation_services import (
    get_invitation_by_token,
    invitation_accept,
    invitation_decline,
    open_invitations_for,
)
from .membership_services import (
    membership_cancel_request,
    membership_join,
    membership_leave,
    membership_request,
)
from .models import JoinPolicy, MembershipState, Role
from .permissions import can, is_signed_in, is_verified
from .selectors import get_community_for

LAST_OWNER = "You are the last owner of this community. Hand ownership to another member before you leave."


def _signin_url(next_url: str, *, signup=False, email="") -> str:
    params = {"next": next_url}
    if email:
        params["email"] = email
    return reverse("accounts:signup" if signup else "accounts:signin") + "?" + urlencode(params)


def _is_last_owner(viewer, community, context) -> bool:
    return context["viewer_role"] == Role.OWNER and not context["may_leave"]


def membership_panel(request, community, context) -> dict:
    """What the home page says about the viewer's membership: ``note`` (a sentence, or empty) and the
    links it needs. The buttons themselves follow the ``may_*`` flags in ``context``."""
    viewer = request.user
    membership = context["viewer_membership"]
    state = membership.state if membership else None
    panel = {"note": "", "signin_url": "", "signup_url": "", "ownership_url": "", "verify": False}
    if context["may_join"] or context["may_request"]:
        return panel
    if not is_signed_in(viewer):
        panel["signin_url"] = _signin_url(request.path)
        panel["signup_url"] = _signin_url(request.path, signup=True)
        panel["note"] = {
            JoinPolicy.OPEN: "Anyone with a verified account can join.",
            JoinPolicy.REQUEST: "Moderators approve each request to join.",
            JoinPolicy.INVITATION: "This community is open by invitation only.",
        }.get(community.join_policy, "")
        return panel
    if state == MembershipState.ACTIVE:
        if _is_last_owner(viewer, community, context):
            panel["note"] = (
                "To leave, first hand ownership to another member: a community always needs an owner."
            )
            if can(viewer, "community.transfer_ownership", community):
                panel["ownership_url"] = reverse("communities:manage_ownership", args=[community.slug])
        return panel
    if state == MembershipState.REQUESTED:
        panel["note"] = "You asked to join. A moderator will answer your request; we will email you."
    elif state == MembershipState.BANNED:
        panel["note"] = "You cannot join this community."
    elif not community.is_approved:
        panel["note"] = "People can join once a site admin has approved this community."
    elif community.is_archived:
        panel["note"] = "This community is archived and does not take new members."
    elif not is_verified(viewer):
        panel["note"] = "Verify your email address to join communities. Use the link we emailed you."
        panel["verify"] = True
    elif state == MembershipState.INVITED:
        panel["note"] = "You have been invited. Open the link in the invitation email to accept."
    elif community.join_policy == JoinPolicy.INVITATION:
        panel["note"] = "This community is open by invitation only. Ask one of its moderators to invite you."
    return panel


def _refused(request, community, exc):
    messages.error(request, str(exc) or "You cannot do that here.")
    return redirect(community)


def _signin_first(request, community):
    messages.info(request, "Sign in or create an account to join communities.")
    return redirect(_signin_url(community.get_absolute_url()))


@require_POST
def join(request, slug):
    community = get_community_for(request.user, slug)
    if not is_signed_in(request.user):
        return _signin_first(request, community)
    if not is_verified(request.user):
        messages.error(
            request, "Verify your email address before you join a community. Use the link we emailed you."
        )
        return redirect(community)
    try:
        membership_join(actor=request.user, community=community)
    except PermissionDenied as exc:
        return _refused(request, community, exc)
    messages.success(request, f"Welcome to {community.name}! You are now a member.")
    return redirect(community)


@require_http_methods(["GET", "HEAD", "POST"])
def request_join(request, slug):
    """A form with an optional message to the moderators; POST sends the request."""
    community = get_community_for(request.user, slug)
    if not is_signed_in(request.user):
        return _signin_first(request, community)
    if not can(request.user, "community.request_join", community):
        context = community_page_context(request, community)
        note = membership_panel(request, community, context)["note"]
        messages.info(request, note or "This community does not take requests to join.")
        return redirect(community)
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership_request(actor=request.user, community=community, message=form.cleaned_data["message"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            return _refused(request, community, exc)
        else:
            messages.success(
                request,
                f"Your request to join {community.name} was sent to its moderators. "
                "We will email you their answer.",
            )
            return redirect(community)
    context = community_page_context(request, community, form=form)
    return render(request, "communities/request_join.html", context, status=form_status(form))


@require_POST
def cancel_request(request, slug):
    community = get_community_for(request.user, slug)
    if not is_signed_in(request.user):
        return redirect(_signin_url(community.get_absolute_url()))
    try:
        membership_cancel_request(actor=request.user, community=community)
    except PermissionDenied as exc:
        return _refused(request, community, exc)
    messages.success(request, f"You withdrew your request to join {community.name}.")
    return redirect(community)


@require_http_methods(["GET", "HEAD", "POST"])
def leave(request, slug):
    """A confirmation page; POST leaves. The last owner is told to hand over ownership first."""
    community = get_community_for(request.user, slug)
    if not is_signed_in(request.user):
        return redirect(_signin_url(request.path))
    context = community_page_context(request, community)
    if context["viewer_role"] is None:
        messages.info(request, f"You are not a member of {community.name}.")
        return redirect(community)
    last_owner = _is_last_owner(request.user, community, context)
    if request.method == "POST" and not last_owner:
        try:
            membership_leave(actor=request.user, community=community)
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, f"You left {community.name}.")
            # After leaving a hidden community its page is gone for this person.
            if can(request.user, "community.view", community):
                return redirect(community)
            return redirect("communities:directory")
    context.update(
        last_owner=last_owner,
        last_owner_message=LAST_OWNER,
        ownership_url=reverse("communities:manage_ownership", args=[community.slug])
        if can(request.user, "community.transfer_ownership", community)
        else "",
    )
    return render(request, "communities/leave.html", context, status=409 if request.method == "POST" else 200)


# --- invitations -------------------------------------------------------------------------------


def _invitation_problem(invitation) -> str:
    if invitation.accepted_at:
        return "This invitation was already accepted."
    if invitation.declined_at:
        return "This invitation was declined."
    if invitation.revoked_at:
        return "This invitation was withdrawn by the community's moderators, or replaced by a newer one."
    return "This invitation has expired. Invitations are valid for 14 days."


@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request, token):
    """``/communities/invitations/<token>/``: the link in an invitation email. The token is the key: it
    shows the community to whoever holds it, and only its addressee may accept or decline."""
    invitation = get_invitation_by_token(token)
    if invitation is None:
        return render(request, "communities/invitation_invalid.html", {"unknown": True}, status=404)
    community = invitation.community
    if not invitation.is_open:
        context = {
            "invitation": invitation,
            "community": community,
            "problem": _invitation_problem(invitation),
            "may_view": can(request.user, "community.view", community),
        }
        return render(request, "communities/invitation_invalid.html", context, status=410)
    viewer = request.user
    signed_in = is_signed_in(viewer)
    addressee = signed_in and viewer.email.lower() == invitation.email.lower()
    form = InvitationAnswerForm(request.POST or None)
    error = ""
    if request.method == "POST":
        if not signed_in:
            return redirect(_signin_url(request.path))
        if form.is_valid():
            answer = form.cleaned_data["answer"]
            try:
                if answer == "accept":
                    invitation_accept(actor=viewer, invitation=invitation)
                else:
                    invitation_decline(actor=viewer, invitation=invitation)
            except (ValidationError, PermissionDenied) as exc:
                error = error_text(exc)
            else:
                if answer == "accept":
                    messages.success(request, f"Welcome to {community.name}! You are now a member.")
                    return redirect(community)
                messages.success(request, f"You declined the invitation to {community.name}.")
                return redirect("home")
        else:
            error = "Choose Accept or Decline."
    context = {
        "invitation": invitation,
        "community": community,
        "signed_in": signed_in,
        "addressee": addressee,
        "verified": is_verified(viewer),
        "error": error,
        "signin_url": _signin_url(request.path),
        "signup_url": _signin_url(request.path, signup=True, email=invitation.email),
    }
    return render(request, "communities/invitation.html", context, status=400 if error else 200)


@require_POST
def invitation_answer(request, invitation_id):
    """``/communities/invitations/received/<id>/``: accept or decline from the start page, without the
    emailed link. Only the signed-in addressee may; to anyone else the invitation does not exist."""
    viewer = request.user
    if not is_signed_in(viewer):
        return redirect(_signin_url(reverse("home")))
    invitation = open_invitations_for(viewer).filter(pk=invitation_id).first()
    if invitation is None:
        raise Http404("No such invitation.")
    form = InvitationAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose Accept or Decline.")
        return redirect("home")
    community = invitation.community
    try:
        if form.cleaned_data["answer"] == "accept":
            invitation_accept(actor=viewer, invitation=invitation)
            messages.success(request, f"Welcome to {community.name}! You are now a member.")
            return redirect(community)
        invitation_decline(actor=viewer, invitation=invitation)
        messages.success(request, f"You declined the invitation to {community.name}.")
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc))
    return redirect("home")
