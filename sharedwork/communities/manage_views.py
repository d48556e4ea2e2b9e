"""The moderator pages of a community (``/c/<slug>/manage/…``) and the site admins' approval queue.

Every page fetches its community with ``get_community_managed_by``: whoever may not manage it gets 404,
exactly as if the page did not exist. Every change is a POST that calls a service; the service checks
the permission again, validates and writes atomically. A refused or invalid change re-renders the form
with what was typed and saves nothing.
"""

import copy
import functools
import secrets
from contextlib import contextmanager

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from sharedwork.accounts.models import User
from sharedwork.activity.selectors import moderation_log
from sharedwork.core.errors import error_text
from sharedwork.core.forms import form_status
from sharedwork.core.pagination import paginate
from sharedwork.tools.registry import registry
from sharedwork.tools.selectors import all_tools_for_manage, tool_activation
from sharedwork.tools.selectors import tool_settings as current_tool_settings

from .context import community_page_context
from .forms import add_service_errors
from .home_blocks import block_kinds
from .home_page import rendered_blocks
from .invitation_services import invitation_revoke, invitations_send
from .manage_forms import (
    CONTENT_KINDS,
    AddBlockForm,
    ArchiveForm,
    BanForm,
    CommunitySettingsForm,
    InviteForm,
    ManageMemberFilterForm,
    OwnershipForm,
    ReviewForm,
    RoleForm,
    ToolSettingsForm,
    ToolsForm,
    block_forms,
    raw_blocks_from_post,
    raw_blocks_from_rows,
)
from .membership_services import (
    membership_ban,
    membership_change_role,
    membership_remove,
    membership_review,
    membership_unban,
    ownership_transfer,
)
from .models import Community, Invitation, Membership, MembershipState, Role
from .permissions import can, tool_action_level
from .selectors import (
    communities_moderated_by,
    communities_waiting_for_approval,
    get_community_managed_by,
    with_viewer_memberships,
)
from .services import (
    community_approve,
    community_decline,
    community_home_blocks_save,
    community_tool_settings_update,
    community_tools_update,
    community_update,
)
from .topics import topics_for_names

GET_POST = ["GET", "HEAD", "POST"]
GET_ONLY = ["GET", "HEAD"]
MEMBERS_PER_PAGE = 30
LOG_PER_PAGE = 50


# --- shared ----------------------------------------------------------------------------------------


def moderator_page(action="community.manage", methods=GET_POST):
    """Decorate a moderator view ``view(request, community, ...)``. The community is fetched with
    ``get_community_managed_by`` before anything else, so whoever may not do ``action`` gets 404 for any
    method; only then are other methods than ``methods`` refused (405)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, slug, *args, **kwargs):
            community = get_community_managed_by(request.user, slug, action)
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            return view(request, community, *args, **kwargs)

        return wrapped

    return decorate


def _manage_nav(actor, community) -> list[dict]:
    """The moderator pages' sub-navigation: what this person may open, with the number of open requests."""
    items = [
        ("settings", "Settings", "communities:manage_settings"),
        ("tools", "Tools", "communities:manage_tools"),
        ("home", "Home page", "communities:manage_home"),
    ]
    may_manage_members = can(actor, "community.manage_members", community)  # not while waiting for approval
    if may_manage_members:
        requests_count = community.memberships.filter(state=MembershipState.REQUESTED).count()
        items += [
            ("members", "Members", "communities:manage_members"),
            ("requests", f"Requests ({requests_count})", "communities:manage_requests"),
            ("invitations", "Invitations", "communities:manage_invitations"),
        ]
    if can(actor, "community.transfer_ownership", community):
        items.append(("ownership", "Ownership", "communities:manage_ownership"))
    if may_manage_members:
        items.append(("log", "Membership log", "communities:manage_log"))
    return [
        {"key": key, "label": label, "url": reverse(name, args=[community.slug])}
        for key, label, name in items
    ]


def _render(request, template, community, page, *, http_status=None, **context):
    """Render a moderator page inside the community frame, with the manage sub-navigation. The status is
    400 when a form on the page was sent and refused (unless the caller says otherwise)."""
    if http_status is None:
        sent = (value for key, value in context.items() if key.endswith("form"))
        http_status = form_status(*sent) if request.method == "POST" else 200
    context = community_page_context(
        request,
        community,
        section="manage",
        manage_page=page,
        manage_nav=_manage_nav(request.user, community),
        **context,
    )
    return render(request, template, context, status=http_status)


def _posted_id(request, name: str) -> int:
    """The id a form posted in ``name``; 0 (matches nothing) when it is missing or not a number."""
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() and len(value) < 12 else 0


# --- settings --------------------------------------------------------------------------------------


def _parent_choices(actor, community):
    """Communities this one may be placed beneath (the policy's ``community.create_child``), and its
    current parent whatever it is, so that saving other settings never fails on the parent."""
    candidates = with_viewer_memberships(
        actor,
        communities_moderated_by(actor).filter(is_approved=True, is_archived=False).exclude(pk=community.pk),
    )
    allowed = [c.pk for c in candidates if can(actor, "community.create_child", c)]
    if community.parent_id:
        allowed.append(community.parent_id)
    return Community.objects.filter(pk__in=allowed).order_by("name")


@moderator_page()
def settings(request, community):
    """``/c/<slug>/manage/``: everything about the community, and archiving for owners."""
    actor = request.user
    may_archive = can(actor, "community.archive", community)
    form_options = {
        "instance": community,
        "parent_choices": _parent_choices(actor, community),
        "may_be_top_level": community.parent_id is None or can(actor, "site.admin"),
    }
    form = CommunitySettingsForm(**form_options)
    archive_form = ArchiveForm()
    if request.method == "POST":
        op = request.POST.get("op", "save")
        if op in ("archive", "reopen"):
            if not may_archive:
                raise Http404("No such page.")
            archive_form = ArchiveForm(request.POST) if op == "archive" else ArchiveForm({"confirm": "on"})
            if archive_form.is_valid():
                try:
                    community_update(actor=actor, community=community, is_archived=op == "archive")
                except (ValidationError, PermissionDenied) as exc:
                    messages.error(
                        request, str(exc) if isinstance(exc, PermissionDenied) else error_text(exc)
                    )
                else:
                    messages.success(
                        request,
                        f"{community.name} is archived. Everything stays readable; nobody can change it."
                        if op == "archive"
                        else f"{community.name} is open again.",
                    )
                return redirect("communities:manage_settings", community.slug)
        else:
            form = CommunitySettingsForm(request.POST, request.FILES, **form_options)
            if form.is_valid() and _save_settings(request, form, community):
                messages.success(request, "Your changes to the settings are saved.")
                return redirect("communities:manage_settings", community.slug)
            if request.FILES.get("logo"):
                form.add_error(
                    None,
                    "The logo you chose was not saved. Choose the picture again after you fix the problems.",
                )
    if community.is_archived:
        for field in form.fields.values():
            field.disabled = True
    return _render(
        request,
        "communities/manage/settings.html",
        community,
        "settings",
        form=form,
        archive_form=archive_form,
        may_archive=may_archive,
    )


def _save_settings(request, form, community) -> bool:
    """Save through ``community_update``; on refusal put the reason on the form and keep nothing."""
    old_logo = community.logo.name if community.logo else ""
    try:
        with transaction.atomic():
            # Topics are created in the same transaction, so a refused change leaves no new topics behind.
            topics = topics_for_names(form.cleaned_data["topics_text"])
            community_update(actor=request.user, community=community, topics=topics, **form.settings_fields())
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    except PermissionDenied as exc:
        form.add_error(None, str(exc))
        return False
    new_logo = community.logo.name if community.logo else ""
    if old_logo and old_logo != new_logo:
        # The replaced picture is no longer reachable; do not keep it in storage.
        community.logo.storage.delete(old_logo)
    return True


# --- tools -----------------------------------------------------------------------------------------


@moderator_page()
def tools(request, community):
    """``/c/<slug>/manage/tools/``: turn tools on or off, name and order them. Every button sends the
    whole form, so "Move up" also keeps whatever was typed in the other rows."""
    actor = request.user
    rows = all_tools_for_manage(community)
    form = ToolsForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        ordered = form.ordered_rows()
        op, _, moved_slug = request.POST.get("op", "save").partition(":")
        slugs = [row["slug"] for row in ordered]
        moved = _move(ordered, slugs.index(moved_slug), op) if moved_slug in slugs else None
        try:
            community_tools_update(
                actor=actor,
                community=community,
                rows=[{**row, "position": position} for position, row in enumerate(ordered)],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            url = reverse("communities:manage_tools", args=[community.slug])
            if moved is not None:
                tool = registry.get(moved_slug)
                messages.success(request, f"Saved. {tool.label} moved {'up' if op == 'up' else 'down'}.")
                return redirect(f"{url}#tool-{moved_slug}")
            messages.success(request, "The tools are saved.")
            return redirect(url)
    return _render(request, "communities/manage/tools.html", community, "tools", form=form)


def _move(items: list, index: int, direction: str) -> int | None:
    """Swap ``items[index]`` with its neighbour ("up" or "down") in place; the new index, or None."""
    other = index - 1 if direction == "up" else index + 1 if direction == "down" else -1
    if not 0 <= other < len(items):
        return None
    items[index], items[other] = items[other], items[index]
    return other


@moderator_page()
def tool_settings(request, community, tool_slug):
    """``/c/<slug>/manage/tools/<tool>/``: who may do what in the tool, and its own on/off settings."""
    actor = request.user
    tool = registry.get(tool_slug)
    if tool is None:
        raise Http404("No such tool.")
    levels = {
        name: tool_action_level(community, tool, name)
        for name, action in tool.actions.items()
        if action.configurable
    }
    form = ToolSettingsForm(
        request.POST or None, tool=tool, levels=levels, settings=current_tool_settings(community, tool)
    )
    if request.method == "POST" and form.is_valid():
        activation = tool_activation(community, tool.slug)
        stored = (activation.settings or {}) if activation else {}
        try:
            community_tool_settings_update(
                actor=actor, community=community, tool=tool, settings=form.new_settings(stored)
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, f"The settings of {tool.label} are saved.")
            return redirect("communities:manage_tool_settings", community.slug, tool.slug)
    return _render(request, "communities/manage/tool_settings.html", community, "tools", form=form, tool=tool)


# --- members ---------------------------------------------------------------------------------------


def _memberships(community, *, q="", role="", state=MembershipState.ACTIVE):
    qs = Membership.objects.filter(community=community).select_related("user")
    if state != "any":
        qs = qs.filter(state=state)
    if role:
        qs = qs.filter(role=role)
    if q:
        qs = qs.filter(
            Q(user__display_name__icontains=q) | Q(user__username__icontains=q) | Q(user__title__icontains=q)
        )
    return qs.order_by("user__display_name", "user__pk")


@moderator_page("community.manage_members", methods=GET_ONLY)
def members(request, community):
    """``/c/<slug>/manage/members/``: everyone with a membership, filtered; each row's buttons follow the
    policy (owners change roles; moderators remove and ban members)."""
    form = ManageMemberFilterForm(request.GET or None)
    filters = form.filters()
    page = paginate(request, _memberships(community, **filters), per_page=MEMBERS_PER_PAGE)
    page.object_list = list(page.object_list)
    for membership in page.object_list:
        membership.community = community  # the policy reads it; saves a query per row
    return _render(
        request,
        "communities/manage/members.html",
        community,
        "members",
        form=form,
        filters=filters,
        page_obj=page,
        role_choices=RoleForm.base_fields["role"].choices,
        back=request.get_full_path(),
    )


def _safe_back(request, community, default: str) -> str:
    """Where to go after a member action: back to the members list (with its filters) when the form came
    from there, else ``default``."""
    back = request.POST.get("next", "")
    prefix = reverse("communities:manage_members", args=[community.slug])
    return back if back.startswith(prefix) and "//" not in back else default


@moderator_page("community.manage_members")
def member(request, community, membership_id):
    """``/c/<slug>/manage/members/<id>/``: one person's membership and its history; POSTs change the role,
    remove, ban or lift a ban (``op``)."""
    actor = request.user
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_id, community=community
    )
    membership.community = community
    role_form = RoleForm(
        initial={"role": membership.role if membership.role != Role.OWNER else Role.MODERATOR}
    )
    ban_form = BanForm()
    if request.method == "POST":
        here = reverse("communities:manage_member", args=[community.slug, membership.pk])
        op = request.POST.get("op", "")
        name = membership.user.display_name
        try:
            if op == "role":
                role_form = RoleForm(request.POST)
                if role_form.is_valid():
                    membership_change_role(
                        actor=actor, membership=membership, role=role_form.cleaned_data["role"]
                    )
                    messages.success(request, f"{name} is now {membership.get_role_display().lower()}.")
                    return redirect(_safe_back(request, community, here))
            elif op == "remove":
                membership_remove(actor=actor, membership=membership)
                messages.success(request, f"{name} was removed from {community.name}.")
                return redirect(_safe_back(request, community, here))
            elif op == "ban":
                ban_form = BanForm(request.POST)
                if ban_form.is_valid():
                    membership_ban(actor=actor, membership=membership, reason=ban_form.cleaned_data["reason"])
                    messages.success(request, f"{name} is banned from {community.name}.")
                    return redirect(_safe_back(request, community, here))
            elif op == "unban":
                membership_unban(actor=actor, membership=membership)
                messages.success(
                    request, f"The ban of {name} is lifted. They can ask to join or be invited again."
                )
                return redirect(_safe_back(request, community, here))
            else:
                messages.error(request, "Choose what to do with this membership.")
                return redirect(here)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
            return redirect(_safe_back(request, community, here))
        except ValidationError as exc:
            messages.error(request, error_text(exc))
            return redirect(_safe_back(request, community, here))
    history = moderation_log(community).filter(subject=membership.user)[:20]
    return _render(
        request,
        "communities/manage/member.html",
        community,
        "members",
        membership=membership,
        person=membership.user,
        role_choices=RoleForm.base_fields["role"].choices,
        role_form=role_form,
        ban_form=ban_form,
        history=history,
    )


@moderator_page("community.transfer_ownership")
def ownership(request, community):
    """``/c/<slug>/manage/ownership/``: an owner hands ownership to another active member."""
    actor = request.user
    candidates = (
        Membership.objects.filter(community=community, state=MembershipState.ACTIVE)
        .exclude(role=Role.OWNER)
        .exclude(user=actor)
        .select_related("user")
        .order_by("user__display_name", "user__pk")
    )
    form = OwnershipForm(request.POST or None, memberships=candidates)
    if request.method == "POST" and form.is_valid():
        new_owner = form.cleaned_data["new_owner"]
        try:
            ownership_transfer(
                actor=actor,
                community=community,
                new_owner_membership=new_owner,
                stay_owner=form.cleaned_data["stay_owner"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{new_owner.user.display_name} is now an owner of {community.name}.")
            return redirect("communities:manage_members", community.slug)
    return _render(request, "communities/manage/ownership.html", community, "ownership", form=form)


# --- requests and invitations ----------------------------------------------------------------------


@moderator_page("community.manage_members")
def requests(request, community):
    """``/c/<slug>/manage/requests/``: requests to join with their messages; approve or decline, with an
    optional message to the person."""
    actor = request.user
    pending = Membership.objects.filter(community=community, state=MembershipState.REQUESTED).select_related(
        "user"
    )
    page = paginate(request, pending.order_by("updated_at", "pk"), per_page=MEMBERS_PER_PAGE)
    page.object_list = list(page.object_list)
    forms = {m.pk: ReviewForm(prefix=f"request-{m.pk}") for m in page.object_list}
    if request.method == "POST":
        membership = (
            Membership.objects.select_related("user")
            .filter(pk=_posted_id(request, "membership"), community=community)
            .first()
        )
        if membership is None or membership.state != MembershipState.REQUESTED:
            messages.error(request, "That request was already answered or withdrawn.")
            return redirect("communities:manage_requests", community.slug)
        membership.community = community
        form = ReviewForm(request.POST, prefix=f"request-{membership.pk}")
        if form.is_valid():
            approve = form.cleaned_data["decision"] == "approve"
            try:
                membership_review(
                    actor=actor, membership=membership, approve=approve, message=form.cleaned_data["message"]
                )
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
            else:
                name = membership.user.display_name
                answer = f"{name} is now a member." if approve else f"You declined {name}'s request."
                messages.success(request, f"{answer} We emailed them.")
            return redirect("communities:manage_requests", community.slug)
        forms[membership.pk] = form
        if membership not in page.object_list:
            page.object_list.insert(0, membership)
    for membership in page.object_list:
        membership.review_form = forms[membership.pk]
    return _render(
        request,
        "communities/manage/requests.html",
        community,
        "requests",
        page_obj=page,
        http_status=form_status(*forms.values()),
    )


def _invitations(community):
    """Invitations not yet answered or withdrawn, newest first; expired ones included (shown as expired)."""
    return (
        Invitation.objects.filter(community=community, accepted_at=None, declined_at=None, revoked_at=None)
        .select_related("invited_by")
        .order_by("-created_at", "-pk")
    )


@moderator_page("community.manage_members")
def invitations(request, community):
    """``/c/<slug>/manage/invitations/``: invite up to 50 addresses at once; see, renew and withdraw
    the invitations still waiting for an answer."""
    actor = request.user
    form = InviteForm()
    if request.method == "POST":
        op = request.POST.get("op", "invite")
        if op == "invite":
            form = InviteForm(request.POST)
            if form.is_valid():
                try:
                    result = invitations_send(
                        actor=actor,
                        community=community,
                        emails=form.cleaned_data["emails"],
                        message=form.cleaned_data["message"],
                    )
                except ValidationError as exc:
                    add_service_errors(form, exc)
                except PermissionDenied as exc:
                    form.add_error(None, str(exc))
                else:
                    _report_invitations(request, result)
                    return redirect("communities:manage_invitations", community.slug)
        elif op in ("revoke", "resend"):
            invitation = get_object_or_404(_invitations(community), pk=_posted_id(request, "invitation"))
            try:
                if op == "revoke":
                    invitation_revoke(actor=actor, invitation=invitation)
                    messages.success(request, f"The invitation of {invitation.email} is withdrawn.")
                else:
                    result = invitations_send(
                        actor=actor,
                        community=community,
                        emails=[invitation.email],
                        message=invitation.message,
                    )
                    _report_invitations(request, result)
            except ValidationError as exc:
                messages.error(request, error_text(exc))
            except PermissionDenied as exc:
                messages.error(request, str(exc))
            return redirect("communities:manage_invitations", community.slug)
    page = paginate(request, _invitations(community), per_page=MEMBERS_PER_PAGE)
    return _render(
        request,
        "communities/manage/invitations.html",
        community,
        "invitations",
        form=form,
        page_obj=page,
        now=timezone.now(),
        may_invite=can(actor, "community.invite", community),
    )


def _report_invitations(request, result: dict) -> None:
    invited, skipped = result["invited"], result["skipped"]
    if invited:
        people = "person" if len(invited) == 1 else "people"
        messages.success(request, f"Invited {len(invited)} {people}: {', '.join(invited)}.")
    for email, reason in skipped.items():
        messages.warning(request, f"Not invited: {email} ({reason}).")


# --- home page -------------------------------------------------------------------------------------


@moderator_page()
def home_page(request, community):
    """``/c/<slug>/manage/home/``: choose and order the home page's blocks.

    The whole editor is one form; every button (save, move up or down, remove, add) sends all blocks as
    typed, so nothing typed is lost. The change is saved at once when the page is valid; a new
    announcement or links block is shown to be filled in first. Without JavaScript this is plain forms.
    """
    actor = request.user
    kinds = block_kinds()
    add_form = AddBlockForm(kinds=kinds)
    if request.method != "POST":
        forms = block_forms(raw_blocks_from_rows(community.home_blocks.all()), kinds)
        return _render_home_editor(request, community, forms, add_form)
    raws = raw_blocks_from_post(request.POST)
    op, _, index = request.POST.get("op", "save").partition(":")
    focus, done = None, "Your home page is saved."
    if op in ("up", "down", "remove") and index.isdigit() and int(index) < len(raws):
        index = int(index)
        label = _block_label(raws[index], kinds)
        if op == "remove":
            raws.pop(index)
            done = f"Saved. The block “{label}” was removed."
        else:
            focus = _move(raws, index, op)
            done = f"Saved. “{label}” moved {op}."
    elif op == "add":
        add_form = AddBlockForm(request.POST, kinds=kinds)
        if not add_form.is_valid():
            return _render_home_editor(request, community, block_forms(raws, kinds), add_form)
        kind = kinds[add_form.cleaned_data["add_kind"]]
        raws.append({"kind": kind.kind, "title": "", "text": "", "ends_on": "", "links": []})
        focus = len(raws) - 1
        done = f"Saved. “{kind.label}” was added at the end of the page."
        add_form = AddBlockForm(kinds=kinds)
        if kind.kind in CONTENT_KINDS:
            # It needs content before it can be saved: show it to be filled in, without errors.
            forms = block_forms(raws, kinds, fresh=focus)
            status = f"“{kind.label}” was added at the end. Fill it in, then choose Save home page."
            return _render_home_editor(request, community, forms, add_form, status=status)
    forms = block_forms(raws, kinds)
    if not all(form.is_valid() for form in forms):
        return _render_home_editor(request, community, forms, add_form)
    try:
        community_home_blocks_save(actor=actor, community=community, blocks=[form.block() for form in forms])
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            return _render_home_editor(
                request, community, forms, add_form, status=error_text(exc), error=True
            )
        _add_block_errors(forms, exc)
        return _render_home_editor(request, community, forms, add_form)
    except PermissionDenied as exc:
        return _render_home_editor(request, community, forms, add_form, status=str(exc), error=True)
    messages.success(request, done)
    url = reverse("communities:manage_home", args=[community.slug])
    return redirect(f"{url}#block-{focus}" if focus is not None else url)


def _block_label(raw, kinds) -> str:
    kind = kinds.get(raw["kind"])
    return raw["title"].strip() or (kind.label if kind else raw["kind"])


def _add_block_errors(forms, exc: ValidationError) -> None:
    """Put the service's ``"<index>.<field>"`` errors next to the field, or at the top of the block."""
    for key, errors in exc.message_dict.items():
        index, _, field = key.partition(".")
        if not index.isdigit() or int(index) >= len(forms):
            continue
        form = forms[int(index)]
        form.add_error(field if field in ("title", "text", "ends_on") else None, errors)


def _render_home_editor(request, community, forms, add_form, *, status="", error=False):
    """The editor. When a block has errors, nothing was saved: the page says so above the blocks."""
    has_errors = any(form.is_bound and form.errors for form in forms)
    if has_errors and not status:
        status = "Nothing was saved yet. Fix the problems marked below, then save again."
    return _render(
        request,
        "communities/manage/home.html",
        community,
        "home",
        block_forms=forms,
        add_form=add_form,
        status=status,
        status_is_error=error or has_errors,
        http_status=400 if error or has_errors else form_status(add_form),
        has_errors=has_errors,
        block_count=len(forms),
    )


@contextmanager
def _as_plain_member(actor, community):
    """A viewer who is a plain active member of ``community`` and of nothing else, for the member preview.

    A stand-in person is made inside a transaction that is always rolled back, so that every selector,
    not only the permission policy, answers exactly as for a new member; the moderator's own other
    memberships (a hidden group they belong to, say) never leak into what the preview shows.
    """
    with transaction.atomic():
        token = secrets.token_hex(8)
        viewer = User.objects.create(
            username=f"preview-{token}",
            email=f"preview-{token}@example.invalid",
            display_name="Example member",
            email_verified_at=timezone.now(),
        )
        Membership.objects.create(
            community=community,
            user=viewer,
            role=Role.MEMBER,
            state=MembershipState.ACTIVE,
            joined_at=timezone.now(),
        )
        try:
            yield viewer
        finally:
            transaction.set_rollback(True)


def _preview_for(request, community, viewer) -> dict:
    """What the home page shows ``viewer``: the same flags and blocks the home view computes."""
    preview_request = copy.copy(request)
    preview_request.user = (
        viewer  # block templates and {% can %} then ask about the viewer, not the moderator
    )
    may_see = can(viewer, "community.view", community)
    may_view_content = may_see and can(viewer, "community.view_content", community)
    blocks = rendered_blocks(preview_request, community, viewer=viewer) if may_view_content else []
    return {
        "preview_may_see": may_see,
        "preview_may_view_content": may_view_content,
        "preview_blocks": blocks,
    }


@moderator_page(methods=GET_ONLY)
def home_preview(request, community):
    """``/c/<slug>/manage/home/preview/?as=visitor|member``: the home page as someone who is not signed
    in, or as a plain member, sees it. It is rendered with that viewer, never with the moderator, so a
    preview cannot show what only moderators see."""
    as_member = request.GET.get("as") == "member"
    if as_member:
        with _as_plain_member(request.user, community) as viewer:
            preview = _preview_for(request, community, viewer)
    else:
        preview = _preview_for(request, community, AnonymousUser())
    return _render(
        request,
        "communities/manage/home_preview.html",
        community,
        "home",
        as_member=as_member,
        **preview,
    )


# --- log -------------------------------------------------------------------------------------------


@moderator_page("community.manage_members", methods=GET_ONLY)
def log(request, community):
    """``/c/<slug>/manage/log/``: every membership change, newest first: who did what to whom, when."""
    page = paginate(request, moderation_log(community), per_page=LOG_PER_PAGE)
    return _render(request, "communities/manage/log.html", community, "log", page_obj=page)


# --- site admins -----------------------------------------------------------------------------------


@require_http_methods(GET_POST)
def pending(request):
    """``/communities/pending/``: site admins approve or decline communities people asked for (declining
    archives it, with an optional message to the person who asked). 404 to everyone else."""
    actor = request.user
    if not can(actor, "site.admin"):
        raise Http404("No such page.")
    waiting = communities_waiting_for_approval(actor).select_related("created_by", "parent")
    if request.method == "POST":
        community = get_object_or_404(waiting, pk=_posted_id(request, "community"))
        review = ReviewForm({"decision": "approve", **request.POST.dict()})
        if not review.is_valid():
            # The one free-text field: too long, or with a character the database refuses.
            problem = " ".join(review.errors.get("message", ["Choose Approve or Decline."]))
            messages.error(request, f"Nothing was decided on {community.name}: {problem}")
            return redirect("communities:pending")
        decision, message = review.cleaned_data["decision"], review.cleaned_data["message"]
        try:
            if decision == "decline":
                community_decline(actor=actor, community=community, message=message)
                done = f"{community.name} is declined. We emailed the person who asked; nothing was deleted."
            else:
                community_approve(actor=actor, community=community)
                done = f"{community.name} is approved. Its owner can now open it to others."
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, done)
        return redirect("communities:pending")
    page = paginate(request, waiting.order_by("created_at", "pk"))
    return render(request, "communities/manage/pending.html", {"page_obj": page, "nav": "communities"})
