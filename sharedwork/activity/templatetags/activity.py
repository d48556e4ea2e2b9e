"""``{% load activity %}``: Recent activities in templates.

- ``{{ event|activity_sentence }}``: the event as an escaped sentence with links.
- ``{% activity_event event show_community=True %}``: sentence, where it happened (when asked) and a
  ``<time>`` in the viewer's time zone: "3 hours ago" within the last day, the date for older events,
  and the full date and time in its title.

``activity/partials/event_list.html`` renders a whole list with these; pages and home blocks include it.
"""

from datetime import timedelta

from django import template
from django.utils import timezone

from sharedwork.activity.rendering import event_sentence_html, names_own_community

register = template.Library()
RECENT = timedelta(days=1)


@register.filter
def activity_sentence(event):
    return event_sentence_html(event)


@register.inclusion_tag("activity/partials/event.html")
def activity_event(event, show_community=False):
    """``show_community`` adds "in <community>" when the sentence does not already name it (lists that mix
    communities, such as the start page)."""
    return {
        "event": event,
        "is_recent": timezone.now() - event.created_at < RECENT,
        "sentence": event_sentence_html(event),
        "community": event.community if show_community and not names_own_community(event) else None,
    }
