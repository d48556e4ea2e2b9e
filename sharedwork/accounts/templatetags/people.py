"""``{% load people %}``: profile pictures served through the avatar view, never a public media URL."""

from django import template
from django.urls import reverse

register = template.Library()


@register.filter
def avatar_url(person) -> str:
    """The picture's address, versioned by the stored file so a new picture shows at once; "" if none."""
    name = getattr(getattr(person, "avatar", None), "name", "")
    if not name:
        return ""
    version = name.rsplit("/", 1)[-1].split(".", 1)[0][:12]
    return f"{reverse('accounts:avatar', args=[person.username])}?v={version}"


@register.inclusion_tag("accounts/partials/avatar.html")
def avatar(person, size=""):
    """The person's picture, or their initial in a circle. Decorative (alt=""): the name is always next
    to it."""
    words = (getattr(person, "display_name", "") or getattr(person, "username", "") or "?").split()
    initials = "".join(word[0] for word in words[:2]).upper()
    return {"url": avatar_url(person), "initials": initials, "size": size}
