"""Signing up, confirming the address, signing in and out, resetting a forgotten password.

Anonymous pages answer the same whether or not an address has an account. ``?next=`` (a safe local
address, see ``redirects``) is carried through sign-up, the confirmation link and sign-in, so that an
invitation link brings a new person back to the invitation. Settings pages are in ``settings_views``;
profiles and organizations in ``people_views``.
"""

from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from sharedwork.core.forms import form_status

from . import selectors, services
from .forms import EmailOnlyForm, ResetPasswordForm, SignInForm, SignUpForm, apply_errors
from .ratelimit import address_is_paused
from .redirects import next_from, url_with_next

SIGNUP_EMAIL_SESSION_KEY = "accounts:signup_email"


# --- sign-up and confirmation --------------------------------------------------------------------


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def signup(request):
    next_url = next_from(request)
    if request.user.is_authenticated:
        return redirect(next_url or "home")
    # An invitation link sends people here with ?email= set to the invited address.
    form = SignUpForm(request.POST or None, initial={"next": next_url, "email": _email_hint(request)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        confirmed = address_proven_by_invitation(next_url, data["email"])
        try:
            person = services.user_signup(
                display_name=data["display_name"],
                email=data["email"],
                password=data["password"],
                next_url=next_url,
                address_confirmed=confirmed,
            )
        except ValidationError as exc:
            apply_errors(form, exc, default_field="password")
        else:
            if person is not None and confirmed:
                # They opened the invitation we emailed to this address: it is theirs already. Straight
                # back to the invitation, signed in, without a second email to confirm.
                login(request, person, backend="sharedwork.accounts.backends.EmailBackend")
                messages.success(request, f"Welcome to {django_settings.SITE_NAME}. Your account is ready.")
                return redirect(next_url)
            # The same page whether the address was new or already had an account: no enumeration.
            request.session[SIGNUP_EMAIL_SESSION_KEY] = data["email"]
            return redirect(url_with_next("accounts:signup_sent", next_url))
    return render(request, "accounts/signup.html", {"form": form, "next": next_url}, status=form_status(form))


def address_proven_by_invitation(next_url: str, email: str) -> bool:
    """Whether the sign-up came through an invitation link (it is ``next``) that proves ``email``."""
    from django.urls import Resolver404, resolve

    from sharedwork.communities.invitation_services import invitation_proves_address

    try:
        match = resolve(next_url.split("?")[0]) if next_url else None
    except Resolver404:
        return False
    if match is None or match.view_name != "communities:invitation":
        return False
    return invitation_proves_address(match.kwargs.get("token", ""), email)


def _email_hint(request) -> str:
    """``?email=`` as an initial value for the email field, if it looks like an address at all."""
    hint = request.GET.get("email", "").strip()
    return hint if "@" in hint and len(hint) <= 254 else ""


def signup_sent(request):
    return render(
        request,
        "accounts/signup_sent.html",
        {"email": request.session.get(SIGNUP_EMAIL_SESSION_KEY, ""), "next": next_from(request)},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request, token):
    """GET shows a "Confirm my email address" button; only the POST confirms, so that mail scanners
    which open links cannot confirm an address for someone who signed up with another person's email."""
    next_url = next_from(request)
    if request.method == "POST":
        user = services.user_verify_email(token=token)
        if user is None:
            return render(request, "accounts/verify_invalid.html", {"next": next_url}, status=400)
        request.session.pop(SIGNUP_EMAIL_SESSION_KEY, None)
        if request.user.is_authenticated and request.user.pk == user.pk:
            messages.success(request, "Thank you. Your email address is confirmed.")
            return redirect(next_url or "home")
        if request.user.is_authenticated:
            messages.success(request, f"Thank you. The address {user.email} is confirmed.")
            return redirect("home")
        messages.success(request, "Thank you. Your email address is confirmed. Sign in to continue.")
        return redirect(url_with_next("accounts:signin", next_url))
    person = selectors.user_for_verification_token(token)
    if person is None:
        return render(request, "accounts/verify_invalid.html", {"next": next_url}, status=400)
    return render(request, "accounts/verify.html", {"person": person, "next": next_url, "token": token})


@never_cache
@require_http_methods(["GET", "POST"])
def verify_resend(request):
    next_url = next_from(request)
    user = request.user
    if user.is_authenticated:
        if user.is_verified:
            messages.info(request, "Your email address is already confirmed.")
            return redirect("accounts:settings")
        if request.method == "POST":
            services.verification_resend(email=user.email, next_url=next_url)
            messages.success(
                request, f"We sent a new link to {user.email}. Open it to confirm this is your address."
            )
            return redirect(url_with_next("accounts:verify_resend", next_url))
        return render(request, "accounts/verify_resend.html", {"form": None, "next": next_url})
    form = EmailOnlyForm(request.POST or None, initial={"next": next_url})
    if request.method == "POST" and form.is_valid():
        services.verification_resend(email=form.cleaned_data["email"], next_url=next_url)
        messages.success(
            request,
            "If an account with that address is waiting to be confirmed, we sent a new link to it. "
            "Check your inbox, and your spam folder too.",
        )
        return redirect(url_with_next("accounts:verify_resend", next_url))
    return render(
        request, "accounts/verify_resend.html", {"form": form, "next": next_url}, status=form_status(form)
    )


# --- sign-in and sign-out ------------------------------------------------------------------------


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def signin(request):
    next_url = next_from(request)
    if request.method == "GET" and request.user.is_authenticated:
        return redirect(next_url or django_settings.LOGIN_REDIRECT_URL)
    if request.method == "POST" and address_is_paused(request):
        return signin_locked_out(request, from_address=True)
    form = SignInForm(
        request.POST or None, request=request, initial={"next": next_url, "username": _email_hint(request)}
    )
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        if not form.user.is_verified:
            messages.info(
                request,
                f"Welcome back. Please confirm your email address: open the link we sent to "
                f"{form.user.email}.",
            )
        return redirect(next_url or django_settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/signin.html", {"form": form, "next": next_url}, status=form_status(form))


def signin_locked_out(request, response=None, credentials=None, *args, from_address=False, **kwargs):
    """django-axes calls this (AXES_LOCKOUT_CALLABLE) after too many failed sign-ins to one account; the
    sign-in view calls it with ``from_address`` after too many from one network address."""
    cooloff = django_settings.AXES_COOLOFF_TIME
    minutes = (
        int(cooloff.total_seconds() // 60) if hasattr(cooloff, "total_seconds") else int(float(cooloff) * 60)
    )
    context = {"minutes": minutes, "from_address": from_address}
    return render(request, "accounts/locked_out.html", context, status=429)


@require_POST
def signout(request):
    logout(request)
    messages.success(request, "You are signed out. See you soon.")
    return redirect(django_settings.LOGOUT_REDIRECT_URL)


# --- forgotten password --------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def password_reset(request):
    form = EmailOnlyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_reset_request(email=form.cleaned_data["email"])
        return redirect("accounts:password_reset_sent")
    return render(request, "accounts/password_reset.html", {"form": form}, status=form_status(form))


def password_reset_sent(request):
    hours = django_settings.PASSWORD_RESET_TIMEOUT // 3600
    return render(request, "accounts/password_reset_sent.html", {"hours": hours})


class ResetConfirmView(PasswordResetConfirmView):
    """Django's checks of the reset link (the token moves into the session, out of the address bar);
    our form and template; saving goes through ``services.password_reset_finish``."""

    form_class = ResetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = form_status(form)
        return response


password_reset_confirm = ResetConfirmView.as_view()


def password_reset_complete(request):
    return render(request, "accounts/password_reset_complete.html")
