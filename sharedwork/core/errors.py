"""Errors services raise. Views turn them into messages; the API into 400/403 answers."""

from django.core.exceptions import PermissionDenied, ValidationError

__all__ = ["PermissionDenied", "ValidationError", "error_text", "require"]


def require(allowed: bool, message: str = "You do not have permission to do that.") -> None:
    """Services call this first: a refused action raises PermissionDenied with a plain message."""
    if not allowed:
        raise PermissionDenied(message)


def error_text(exc: ValidationError | PermissionDenied) -> str:
    """What a service's refusal says, as one sentence for a flash message."""
    return " ".join(getattr(exc, "messages", None) or [str(exc)])
