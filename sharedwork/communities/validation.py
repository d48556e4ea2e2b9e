"""Rules a community must satisfy whoever writes it (forms, services, the API, the admin)."""

import re

from django.core.exceptions import ValidationError

from .models import Community, Level

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
RESERVED_SLUGS = {"new", "create", "manage", "admin", "api", "static", "media", "search", "help"}


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def contrast_with_white(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)
    return 1.05 / (luminance + 0.05)


def validate_accent_colour(value: str) -> None:
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError("Enter a color as # followed by six hexadecimal digits, for example #1a4480.")
    ratio = contrast_with_white(value)
    if ratio < 4.5:
        raise ValidationError(
            f"This color has a contrast of {ratio:.1f}:1 with white text; it needs at least 4.5:1 so that "
            "everyone can read it. Choose a darker color."
        )


def validate_parent(community: Community) -> None:
    """The parent chain must not loop back to the community itself."""
    node, seen = community.parent, set()
    while node is not None:
        if community.pk is not None and node.pk == community.pk:
            raise ValidationError(
                {"parent": "A community cannot be placed beneath itself or its own groups."}
            )
        if node.pk in seen:
            break
        seen.add(node.pk)
        node = node.parent


def validate_community(community: Community) -> None:
    errors = {}
    if not community.name or not community.name.strip():
        errors["name"] = "Give the community a name."
    if community.slug in RESERVED_SLUGS:
        errors["slug"] = "That web address is reserved. Choose another."
    if community.level in (Level.STATE, Level.LOCAL) and not community.state:
        errors["state"] = "State and local communities need a state."
    try:
        validate_accent_colour(community.accent_color)
    except ValidationError as exc:
        errors["accent_color"] = exc.messages
    try:
        validate_parent(community)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    community.full_clean(exclude=["parent", "topics", "logo", "created_by"], validate_unique=True)
