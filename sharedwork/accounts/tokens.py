"""Signed, time-limited tokens for the links we email: "confirm your address" and "confirm your new address".

Nothing is stored: a token is the signed payload itself (``django.core.signing`` with a timestamp and a
salt per purpose), valid for ``settings.EMAIL_VERIFICATION_MAX_AGE`` seconds. Each token names the
address it proves, so it stops working as soon as the account's address is no longer the one it was
made for.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

VERIFY_SALT = "sharedwork.accounts.verify-email"
CHANGE_SALT = "sharedwork.accounts.change-email"


def verification_token_make(user) -> str:
    """A token proving that whoever holds it reads mail sent to ``user.email``."""
    return signing.dumps({"u": user.pk, "e": user.email}, salt=VERIFY_SALT, compress=True)


def verification_token_read(token: str) -> tuple[int, str] | None:
    """``(user_id, email)`` from a valid, unexpired token; None for anything else."""
    payload = _loads(token, VERIFY_SALT)
    if payload is None or not isinstance(payload.get("u"), int) or not isinstance(payload.get("e"), str):
        return None
    return payload["u"], payload["e"]


@dataclass(frozen=True)
class EmailChange:
    user_id: int
    old_email: str
    new_email: str


def email_change_token_make(user, new_email: str) -> str:
    """A token that moves ``user`` from their current address to ``new_email`` once it is opened."""
    return signing.dumps({"u": user.pk, "o": user.email, "n": new_email}, salt=CHANGE_SALT, compress=True)


def email_change_token_read(token: str) -> EmailChange | None:
    payload = _loads(token, CHANGE_SALT)
    if payload is None:
        return None
    user_id, old, new = payload.get("u"), payload.get("o"), payload.get("n")
    if not isinstance(user_id, int) or not isinstance(old, str) or not isinstance(new, str):
        return None
    return EmailChange(user_id=user_id, old_email=old, new_email=new)


def _loads(token: str, salt: str) -> dict | None:
    if not token or len(token) > 500:
        return None
    try:
        payload = signing.loads(token, salt=salt, max_age=settings.EMAIL_VERIFICATION_MAX_AGE)
    except (signing.BadSignature, ValueError):  # SignatureExpired is a BadSignature
        return None
    return payload if isinstance(payload, dict) else None
