"""Atom feeds of Recent activities. Built for an anonymous viewer whoever asks: feed readers fetch
without cookies, and a feed URL shared with anyone must never carry a member's view."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .rendering import event_sentence_text, names_own_community
from .selectors import community_events, events_visible_to

FEED_SIZE = 50


class _ActivityFeed(Feed):
    feed_type = Atom1Feed

    def item_title(self, event):
        return event_sentence_text(event)

    def item_description(self, event):
        where = f" in {event.community.name}" if event.community_id and not names_own_community(event) else ""
        return f"{event_sentence_text(event)}{where}."

    def item_link(self, event):
        if event.target_url:
            return event.target_url
        return event.community.get_absolute_url() if event.community_id else reverse("home")

    def item_guid(self, event):
        # Several events can share a link (two edits of one page), so the id names the event itself.
        return f"{self._base}{reverse('community_activity', args=[event.community.slug])}#event-{event.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, event):
        return event.created_at

    def item_updateddate(self, event):
        return event.created_at

    def item_author_name(self, event):
        return str(event.actor) if event.actor else "A former member"

    def item_categories(self, event):
        return [event.community.name] if event.community_id else []

    def __call__(self, request, *args, **kwargs):
        self._base = request.build_absolute_uri("/").rstrip("/")
        return super().__call__(request, *args, **kwargs)


class PublicActivityFeed(_ActivityFeed):
    """Activity of every public community."""

    title = f"Recent activities on {settings.SITE_NAME}"
    description = "What happened lately in the public communities of practice."

    def link(self):
        return reverse("home")

    def items(self):
        return events_visible_to(AnonymousUser())[:FEED_SIZE]


class CommunityActivityFeed(_ActivityFeed):
    """Activity of one public community (and of its public groups when it includes them)."""

    def get_object(self, request, community=None):
        return community

    def title(self, community):
        return f"Recent activities in {community.name}"

    def description(self, community):
        return community.tagline or f"What happened lately in {community.name}."

    def link(self, community):
        return community.get_absolute_url()

    def items(self, community):
        return community_events(AnonymousUser(), community)[:FEED_SIZE]
