"""Page addresses: how a title becomes a path, and which paths are allowed.

A path is one or more segments joined by ``/`` (``institutes/2013/charlotte``). Each segment is
lowercase ASCII letters and digits, with single hyphens between words. The last segment is made from
the page's title; the segments before it name the page it lives inside. Some words are the names of
the wiki's own views (``edit``, ``history`` …) and cannot be segments, at any depth, because
``/wiki/<path>/edit/`` must always mean "edit this page".
"""

import re

from django.core.exceptions import ValidationError
from django.utils.text import slugify

SEGMENT = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_PATH_LENGTH = 255
MAX_SEGMENT_LENGTH = 80
MAX_DEPTH = 8
HOME_PATH = "home"

# Names of the wiki's own views. A page may not use them as any part of its address.
RESERVED_SEGMENTS = frozenset(
    {
        "attachments",
        "backlinks",
        "delete",
        "diff",
        "edit",
        "history",
        "index",
        "lock",
        "new",
        "preview",
        "recent",
        "rename",
        "restore",
        "revert",
        "revisions",
        "unlock",
        "wanted",
    }
)


def slug_from_title(title: str) -> str:
    """The path segment a title makes: "7th Annual Institute" -> "7th-annual-institute"."""
    return slugify(title)[:MAX_SEGMENT_LENGTH].strip("-")


def path_for(title: str, parent_path: str = "") -> str:
    """The path of a page called ``title`` inside ``parent_path``. Validates the result."""
    segment = slug_from_title(title)
    if not segment:
        raise ValidationError(
            {
                "title": "The title needs at least one letter or number (A to Z, 0 to 9) to make the page's "
                "address."
            }
        )
    parent_path = normalize_parent(parent_path)
    path = f"{parent_path}/{segment}" if parent_path else segment
    validate_path(path, field="title")
    return path


def normalize_parent(parent_path: str) -> str:
    """Tidy a typed parent address (surrounding slashes and spaces, uppercase) and validate it."""
    parent_path = (parent_path or "").strip().strip("/").lower()
    if parent_path:
        validate_path(parent_path, field="parent")
    return parent_path


def validate_path(path: str, *, field: str = "path") -> None:
    """Raise a ValidationError (on ``field``) that says exactly what is wrong with ``path``."""
    if not path:
        raise ValidationError({field: "Enter an address for the page."})
    if len(path) > MAX_PATH_LENGTH:
        raise ValidationError({field: f"The address is too long: at most {MAX_PATH_LENGTH} characters."})
    segments = path.split("/")
    if len(segments) > MAX_DEPTH:
        raise ValidationError({field: f"Pages can be nested at most {MAX_DEPTH} levels deep."})
    for segment in segments:
        if not segment:
            raise ValidationError(
                {field: "The address has an empty part: two slashes in a row, or a slash at the end."}
            )
        if not SEGMENT.match(segment):
            raise ValidationError(
                {
                    field: f"“{segment}” cannot be part of an address. Use only lowercase letters a to z, "
                    "digits and single hyphens between words, with a slash between levels "
                    "(for example institutes/2013)."
                }
            )
        if len(segment) > MAX_SEGMENT_LENGTH:
            raise ValidationError(
                {field: f"Each part of the address can be at most {MAX_SEGMENT_LENGTH} characters."}
            )
        if segment in RESERVED_SEGMENTS:
            raise ValidationError(
                {
                    field: f"“{segment}” is a word the wiki uses for its own pages (like edit and history), "
                    "so it cannot be part of a page's address. Add a word, for example "
                    f"“{segment.capitalize()} guide”."
                }
            )


def is_valid_path(path: str) -> bool:
    try:
        validate_path(path)
    except ValidationError:
        return False
    return True


def link_target(text: str) -> str | None:
    """The path a wiki link points at, or None when it cannot name a page.

    ``[[Page title]]`` points at the top-level page that title makes; ``[[a/b/c]]`` is a path whose
    parts are tidied the same way (``[[Institutes/2013/Charlotte]]`` -> ``institutes/2013/charlotte``).
    """
    parts = [slug_from_title(part) for part in text.strip().strip("/").split("/")]
    path = "/".join(parts)
    return path if is_valid_path(path) else None


def ancestors(path: str) -> list[str]:
    """``a/b/c`` -> ``["a", "a/b"]``."""
    segments = path.split("/")
    return ["/".join(segments[:i]) for i in range(1, len(segments))]


def humanize_segment(segment: str) -> str:
    """A readable label for a path segment that has no page: "capacity-building" -> "Capacity building"."""
    words = segment.replace("-", " ")
    return words[:1].upper() + words[1:]
