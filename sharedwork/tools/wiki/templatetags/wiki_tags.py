"""Small presentation helpers of the wiki's templates."""

from django import template

from sharedwork.tools.wiki.attachments import human_size

register = template.Library()


@register.filter
def size_change(value):
    """ "+120 bytes", "−35 bytes" or "no change in size"."""
    value = int(value or 0)
    if value == 0:
        return "no change in size"
    unit = "byte" if abs(value) == 1 else "bytes"
    return f"{'+' if value > 0 else '−'}{abs(value):,} {unit}"


@register.filter
def filesize(value):
    return human_size(int(value or 0))


@register.inclusion_tag("wiki/partials/person.html")
def person(user):
    return {"person": user}


@register.inclusion_tag("wiki/partials/when.html")
def when(moment):
    return {"moment": moment}
