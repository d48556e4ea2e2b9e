"""Writes about people and organizations: sign-up, email confirmation, passwords, email changes,
profiles and pictures, organizations and affiliations.

Every function validates before it writes, writes inside ``transaction.atomic`` and sends mail through
``send_templated_email`` (queued on commit, never in the request). Private account changes record no
ActivityEvent.

No account enumeration: the functions reached by anonymous visitors (``user_signup``,
``verification_resend``, ``password_reset_request``) return nothing that differs between a known and an
unknown address, and do comparable work in both cases.
"""

import contextlib

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify

from sharedwork.communities.permissions import can
from sharedwork.core.email import send_templated_email
from sharedwork.core.errors import ValidationError, require

from .images import avatar_prepare
from .models import TIME_ZONE_CHOICES, Affiliation, Organization, User, unique_username
from .redirects import url_with_next
from .tokens import (
    email_change_token_make,
    email_change_token_read,
    verification_token_make,
    verification_token_read,
)

# One mail of each kind per address per minute: enough for a person, too slow to flood an inbox.
MAIL_THROTTLE_SECONDS = 60
PROFILE_FIELDS = ("display_name", "title", "stakeholder_role", "state", "time_zone", "bio")
MAX_BIO_LENGTH = 5000
UNUSABLE_EMAIL_MESSAGE = "That address can't be used. Choose a different one."


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def _mail_allowed(kind: str, address: str) -> bool:
    """False when a mail of this kind went to this address within the last minute."""
    return cache.add(f"accounts:mail:{kind}:{address}", 1, timeout=MAIL_THROTTLE_SECONDS)


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


# --- sign-up and email confirmation -------------------------------------------------------------


def user_signup(
    *, display_name: str, email: str, password: str, next_url: str = "", address_confirmed: bool = False
) -> User | None:
    """Create an unconfirmed account and email it a confirmation link; returns the new person.
    ``address_confirmed``: the caller has proof the person reads this address (they came through an
    invitation emailed there), so the account is confirmed at once and no link is sent.

    When the address already has an account, nothing is created: its owner gets a note instead
    ("someone tried to sign up with your address") and None is returned. The caller shows the same
    "check your email" page either way. ``next_url`` must already be a safe local path.
    """
    email = normalize_email(email)
    display_name = " ".join(display_name.split())
    candidate = User(email=email, display_name=display_name)
    password_validation.validate_password(password, user=candidate)
    if User.objects.filter(email__iexact=email).exists():
        make_password(password)  # the same hashing work as a real sign-up: no timing difference
        _signup_attempt_notify(email, next_url)
        return None
    try:
        with transaction.atomic():
            user = User(email=email, display_name=display_name, username=unique_username(display_name))
            # Uniqueness is the database's job (IntegrityError below); Django's "already exists" message
            # would tell a stranger that the address has an account.
            user.full_clean(exclude=["password", "avatar"], validate_unique=False, validate_constraints=False)
            user.set_password(password)
            if address_confirmed:
                user.email_verified_at = timezone.now()
            user.save()
            if not address_confirmed:
                verification_send(user=user, next_url=next_url)
    except IntegrityError:
        # Someone signed up with the same address a moment ago.
        _signup_attempt_notify(email, next_url)
        return None
    return user


def _signup_attempt_notify(email: str, next_url: str) -> None:
    if not _mail_allowed("signup-existing", email):
        return
    send_templated_email(
        to=email,
        template="accounts/email/signup_existing",
        context={
            "signin_url": _absolute(url_with_next("accounts:signin", next_url)),
            "reset_url": _absolute(reverse("accounts:password_reset")),
        },
    )


def verification_send(*, user: User, next_url: str = "") -> None:
    """Email ``user`` a link that confirms their address (valid for EMAIL_VERIFICATION_MAX_AGE)."""
    token = verification_token_make(user)
    send_templated_email(
        to=user.email,
        template="accounts/email/verify",
        context={
            "user": user,
            "url": _absolute(url_with_next("accounts:verify", next_url, token)),
            "days": settings.EMAIL_VERIFICATION_MAX_AGE // 86400,
        },
    )


def verification_resend(*, email: str, next_url: str = "") -> None:
    """Send a fresh link when ``email`` belongs to an account waiting for confirmation. Says nothing
    about whether it does."""
    email = normalize_email(email)
    user = User.objects.filter(email__iexact=email, is_active=True, email_verified_at=None).first()
    if user is not None and _mail_allowed("verify", user.email):
        verification_send(user=user, next_url=next_url)


def user_verify_email(*, token: str) -> User | None:
    """Mark the address a confirmation link names as confirmed. None when the link is not valid, has
    expired, or names an address the account no longer uses. Confirming twice is harmless."""
    read = verification_token_read(token)
    if read is None:
        return None
    user_id, email = read
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id, is_active=True).first()
        if user is None or user.email.lower() != email.lower():
            return None
        if user.email_verified_at is None:
            user.email_verified_at = timezone.now()
            user.save(update_fields=["email_verified_at"])
    return user


# --- passwords -----------------------------------------------------------------------------------


def password_reset_request(*, email: str) -> None:
    """Email a reset link when an active account with a password uses ``email``. Says nothing about
    whether one does. Uses Django's token generator: the link stops working once the password (or the
    address) changes, and after PASSWORD_RESET_TIMEOUT."""
    email = normalize_email(email)
    for user in PasswordResetForm().get_users(email):
        if not _mail_allowed("reset", user.email):
            continue
        path = reverse(
            "accounts:password_reset_confirm",
            args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)],
        )
        send_templated_email(
            to=user.email,
            template="accounts/email/password_reset",
            context={"user": user, "url": _absolute(path), "hours": settings.PASSWORD_RESET_TIMEOUT // 3600},
        )


def password_reset_finish(*, user: User, password: str) -> User:
    """Set the new password chosen through a reset link (the caller checked the link and validated the
    password). Opening the link proved the address, so it counts as confirmed; sign-in lockouts for the
    account are lifted, as the lockout page promises."""
    from axes.utils import reset as axes_reset

    password_validation.validate_password(password, user=user)
    with transaction.atomic():
        user.set_password(password)
        fields = ["password"]
        if user.email_verified_at is None:
            user.email_verified_at = timezone.now()
            fields.append("email_verified_at")
        user.save(update_fields=fields)
        _password_changed_notify(user)
    axes_reset(username=user.email)
    return user


def user_password_change(*, actor: User, user: User, password: str) -> User:
    """Set a new password the person chose in their settings (the caller checked the current one and
    validated the new one). The caller keeps the session with ``update_session_auth_hash``."""
    require(can(actor, "account.edit", user), "You can only change your own password.")
    password_validation.validate_password(password, user=user)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        _password_changed_notify(user)
    return user


def _password_changed_notify(user: User) -> None:
    send_templated_email(
        to=user.email,
        template="accounts/email/password_changed",
        context={"user": user, "reset_url": _absolute(reverse("accounts:password_reset"))},
    )


# --- changing the email address ------------------------------------------------------------------


def _address_in_use(email: str, *, by_other_than: User) -> bool:
    return User.objects.filter(email__iexact=email).exclude(pk=by_other_than.pk).exists()


def email_change_request(*, actor: User, user: User, new_email: str) -> None:
    """Start moving ``user`` to ``new_email``: a confirmation link goes to the new address and a notice
    to the current one. Nothing changes until the link is opened (``email_change_confirm``), so a typo
    or a hijacked session cannot take the account away from the address that proves it.

    The caller confirmed the current password (the form does, through ``authenticate`` so that the
    sign-in rate limit applies).
    """
    require(can(actor, "account.edit", user), "You can only change your own email address.")
    new_email = normalize_email(new_email)
    if new_email == user.email.lower():
        raise ValidationError({"new_email": "That is already your email address."})
    if _address_in_use(new_email, by_other_than=user):
        # The page answers as if a link went out (no account enumeration); the address's owner learns
        # that someone tried, and nothing can change: there is no link to open.
        if _mail_allowed("email-change-taken", new_email):
            send_templated_email(
                to=new_email,
                template="accounts/email/email_change_taken",
                context={"reset_url": _absolute(reverse("accounts:password_reset"))},
            )
    else:
        token = email_change_token_make(user, new_email)
        send_templated_email(
            to=new_email,
            template="accounts/email/email_change_confirm",
            context={
                "user": user,
                "url": _absolute(reverse("accounts:email_change_confirm", args=[token])),
                "days": settings.EMAIL_VERIFICATION_MAX_AGE // 86400,
            },
        )
    send_templated_email(
        to=user.email,
        template="accounts/email/email_change_requested",
        context={
            "user": user,
            "new_email": new_email,
            "reset_url": _absolute(reverse("accounts:password_reset")),
        },
    )


def email_change_confirm(*, token: str) -> User:
    """Switch the account to the address the link was sent to; the new address counts as confirmed.
    Raises ValidationError when the link is not valid, was already used, or the address was taken
    meanwhile (nothing changes then)."""
    change = email_change_token_read(token)
    if change is None:
        raise ValidationError("This link is not valid or has expired. Ask for a new one in your settings.")
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=change.user_id, is_active=True).first()
        if user is None or user.email.lower() != change.old_email.lower():
            raise ValidationError("This link was already used or is out of date. Your address is unchanged.")
        if _address_in_use(change.new_email, by_other_than=user):
            raise ValidationError(UNUSABLE_EMAIL_MESSAGE + " Your address is unchanged.")
        old_email = user.email
        user.email = change.new_email
        user.email_verified_at = timezone.now()
        try:
            with transaction.atomic():
                user.save(update_fields=["email", "email_verified_at"])
        except IntegrityError as exc:
            raise ValidationError(UNUSABLE_EMAIL_MESSAGE + " Your address is unchanged.") from exc
        send_templated_email(
            to=old_email,
            template="accounts/email/email_changed",
            context={
                "user": user,
                "new_email": user.email,
                "reset_url": _absolute(reverse("accounts:password_reset")),
            },
        )
    return user


# --- profile -------------------------------------------------------------------------------------


def user_update_profile(*, actor: User, user: User, **fields) -> User:
    """Save profile fields (any of PROFILE_FIELDS). Validates them all first; saves nothing on error."""
    require(can(actor, "account.edit", user), "You can only edit your own profile.")
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not profile fields: {sorted(unknown)}")
    if "display_name" in fields:
        fields["display_name"] = " ".join((fields["display_name"] or "").split())
        if not fields["display_name"]:
            raise ValidationError({"display_name": "Enter your name."})
    if len(fields.get("bio") or "") > MAX_BIO_LENGTH:
        raise ValidationError({"bio": f"Keep this under {MAX_BIO_LENGTH:,} characters."})
    if "time_zone" in fields and fields["time_zone"] not in dict(TIME_ZONE_CHOICES):
        raise ValidationError({"time_zone": "Choose a time zone from the list."})
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        for name, value in fields.items():
            setattr(user, name, value)
        user.full_clean(
            exclude=[f.name for f in User._meta.fields if f.name not in fields], validate_unique=False
        )
        user.save(update_fields=list(fields))
    return user


def avatar_set(*, actor: User, user: User, upload) -> User:
    """Check ``upload`` (see ``images.avatar_prepare``), store the cleaned square picture and delete the
    old one once the change is committed. Raises ValidationError (nothing stored) for a bad file."""
    require(can(actor, "account.edit", user), "You can only change your own picture.")
    prepared = avatar_prepare(upload)
    stored_name = default_storage.save(f"avatars/{user.pk}/{prepared.name}", prepared)
    try:
        with transaction.atomic():
            user = User.objects.select_for_update().get(pk=user.pk)
            old_name = user.avatar.name
            user.avatar.name = stored_name
            user.save(update_fields=["avatar"])
            if old_name:
                transaction.on_commit(lambda: _delete_quietly(old_name))
    except Exception:
        _delete_quietly(stored_name)  # the database does not point at it: don't leave an orphan
        raise
    return user


def avatar_remove(*, actor: User, user: User) -> User:
    require(can(actor, "account.edit", user), "You can only change your own picture.")
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        old_name = user.avatar.name
        user.avatar = ""
        user.save(update_fields=["avatar"])
        if old_name:
            transaction.on_commit(lambda: _delete_quietly(old_name))
    return user


def _delete_quietly(name: str) -> None:
    # A missing file is already gone, and the database no longer points at it.
    with contextlib.suppress(OSError):
        default_storage.delete(name)


# --- organizations and affiliations --------------------------------------------------------------


def _organization_slug(name: str) -> str:
    base = slugify(name)[:180] or "organization"
    candidate, n = base, 1
    while Organization.objects.filter(slug=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def duplicate_organization_message(name: str) -> str:
    return (
        f"An organization called “{name}” is already listed. "
        "Find it in the directory and add it to your profile."
    )


def _duplicate_name_error(name: str) -> ValidationError:
    return ValidationError({"name": duplicate_organization_message(name)})


def organization_create(
    *,
    actor: User,
    name: str,
    kind: str,
    state: str = "",
    website: str = "",
    description: str = "",
    affiliation_title: str | None = None,
) -> Organization:
    """List a new organization (verified people). Names are unique whatever their letter case. With
    ``affiliation_title`` (even ""), the creator is added to it with that title in the same step."""
    require(can(actor, "organization.create"), "Confirm your email address before you add an organization.")
    name = " ".join((name or "").split())
    if Organization.objects.filter(name__iexact=name).exists():
        raise _duplicate_name_error(name)
    organization = Organization(
        name=name,
        kind=kind,
        state=state or "",
        website=website or "",
        description=description or "",
        created_by=actor,
    )
    organization.slug = _organization_slug(name)
    organization.full_clean(exclude=["slug", "created_by"], validate_constraints=False)
    if affiliation_title is not None:
        _validate_affiliation_title(affiliation_title)
    try:
        with transaction.atomic():
            organization.save()
            if affiliation_title is not None:
                Affiliation.objects.create(
                    user=actor, organization=organization, title=affiliation_title.strip()
                )
    except IntegrityError as exc:
        raise _duplicate_name_error(name) from exc
    return organization


def _validate_affiliation_title(title: str) -> None:
    limit = Affiliation._meta.get_field("title").max_length
    if len(title.strip()) > limit:
        raise ValidationError({"title": f"Keep the title under {limit} characters."})


def affiliation_add(*, actor: User, user: User, organization: Organization, title: str = "") -> Affiliation:
    """Add ``organization`` to ``user``'s profile with their title there."""
    require(
        can(actor, "affiliation.manage", user), "Confirm your email address before you add organizations."
    )
    _validate_affiliation_title(title)
    if Affiliation.objects.filter(user=user, organization=organization).exists():
        raise ValidationError({"organization": f"{organization.name} is already on your profile."})
    try:
        with transaction.atomic():
            return Affiliation.objects.create(user=user, organization=organization, title=title.strip())
    except IntegrityError as exc:
        raise ValidationError({"organization": f"{organization.name} is already on your profile."}) from exc


def affiliation_remove(*, actor: User, affiliation: Affiliation) -> None:
    require(can(actor, "affiliation.manage", affiliation.user), "You can only change your own organizations.")
    affiliation.delete()
