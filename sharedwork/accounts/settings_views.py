"""A person's own settings: profile and picture, password, email address, organizations."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from sharedwork.communities.permissions import can
from sharedwork.core.errors import require
from sharedwork.core.forms import form_status

from . import selectors, services
from .forms import AffiliationForm, ChangePasswordForm, EmailChangeForm, ProfileForm, apply_errors
from .models import Affiliation


def _render(request, template, section, **context):
    """The settings page; 400 when its form was sent and refused."""
    status = form_status(context.get("form"))
    return render(request, template, {"settings_section": section, **context}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request):
    user = request.user
    form = ProfileForm.for_user(user, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            # Profile and picture together: if either is refused, neither is saved.
            with transaction.atomic():
                services.user_update_profile(actor=user, user=user, **form.profile_fields())
                if form.cleaned_data["avatar"]:
                    services.avatar_set(actor=user, user=user, upload=form.cleaned_data["avatar"])
                elif form.cleaned_data["remove_avatar"]:
                    services.avatar_remove(actor=user, user=user)
        except ValidationError as exc:
            apply_errors(form, exc, default_field="avatar")
        else:
            messages.success(request, "Your profile is saved.")
            return redirect("accounts:settings")
    return _render(request, "accounts/settings.html", "profile", form=form)


@sensitive_post_parameters()
@login_required
@require_http_methods(["GET", "POST"])
def password_change(request):
    user = request.user
    form = ChangePasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_password_change(actor=user, user=user, password=form.cleaned_data["new_password1"])
        except ValidationError as exc:
            apply_errors(form, exc, default_field="new_password1")
        else:
            update_session_auth_hash(request, user)  # stay signed in here; other sessions are signed out
            messages.success(request, "Your password is changed. We sent a note to your email address.")
            return redirect("accounts:settings")
    return _render(request, "accounts/password_change.html", "password", form=form)


@sensitive_post_parameters("password")
@login_required
@require_http_methods(["GET", "POST"])
def email_change(request):
    user = request.user
    form = EmailChangeForm(request.POST or None, request=request, user=user)
    if request.method == "POST" and form.is_valid():
        new_email = form.cleaned_data["new_email"]
        try:
            services.email_change_request(actor=user, user=user, new_email=new_email)
        except ValidationError as exc:
            apply_errors(form, exc, default_field="new_email")
        else:
            messages.success(
                request,
                f"We sent a link to {new_email}. Open it to confirm this is your address. "
                f"Until then, keep using {user.email} to sign in.",
            )
            return redirect("accounts:settings")
    return _render(request, "accounts/email_change.html", "email", form=form)


@never_cache
@require_http_methods(["GET", "POST"])
def email_change_confirm(request, token):
    """GET shows what will change and a button; the POST switches the address."""
    if request.method == "POST":
        try:
            user = services.email_change_confirm(token=token)
        except ValidationError as exc:
            return render(
                request, "accounts/email_change_invalid.html", {"message": exc.messages[0]}, status=400
            )
        messages.success(request, f"Your email address is now {user.email}.")
        if request.user.is_authenticated and request.user.pk == user.pk:
            return redirect("accounts:settings")
        return redirect("accounts:signin")
    pending = selectors.user_for_email_change_token(token)
    if pending is None:
        message = "This link is not valid, was already used, or has expired. Your address is unchanged."
        return render(request, "accounts/email_change_invalid.html", {"message": message}, status=400)
    person, new_email = pending
    return render(
        request,
        "accounts/email_change_confirm.html",
        {"person": person, "new_email": new_email, "token": token},
    )


@login_required
@require_http_methods(["GET", "POST"])
def affiliations(request):
    user = request.user
    may_manage = can(user, "affiliation.manage", user)
    current = list(selectors.affiliations_of(user))
    choices = selectors.organization_choices().exclude(pk__in=[a.organization_id for a in current])
    form = AffiliationForm(request.POST or None, queryset=choices) if may_manage else None
    if request.method == "POST":
        require(may_manage, "Confirm your email address before you add organizations to your profile.")
        if form.is_valid():
            try:
                affiliation = services.affiliation_add(
                    actor=user,
                    user=user,
                    organization=form.cleaned_data["organization"],
                    title=form.cleaned_data["title"],
                )
            except ValidationError as exc:
                apply_errors(form, exc, default_field="organization")
            else:
                messages.success(request, f"{affiliation.organization.name} is now on your profile.")
                return redirect("accounts:affiliations")
    return _render(
        request,
        "accounts/affiliations.html",
        "affiliations",
        form=form,
        affiliations=current,
        may_manage=may_manage,
    )


@login_required
@require_POST
def affiliation_remove(request, affiliation_id):
    affiliation = (
        Affiliation.objects.select_related("organization", "user")
        .filter(pk=affiliation_id, user=request.user)
        .first()
    )
    if affiliation is None:
        raise Http404("No such organization on your profile.")
    services.affiliation_remove(actor=request.user, affiliation=affiliation)
    messages.success(request, f"{affiliation.organization.name} is no longer on your profile.")
    return redirect("accounts:affiliations")
