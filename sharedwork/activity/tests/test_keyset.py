"""Keyset pagination of activity lists."""

import pytest

from sharedwork.activity.keyset import activity_page, cursor_for, parse_cursor
from sharedwork.activity.models import ActivityEvent

from .helpers import minutes, record

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("junk", ["", "abc", "12", "1.x", "-5.3", "9" * 41, "99999999999999999999.1"])
def test_malformed_cursors_mean_the_first_page(junk):
    assert parse_cursor(junk) is None


def test_pages_follow_each_other_without_gaps_or_repeats(community, member):
    events = [record(community, member, ago=minutes(i)) for i in range(7)]
    seen, cursor = [], None
    while True:
        page = activity_page(ActivityEvent.objects.order_by("-created_at", "-pk"), cursor, per_page=3)
        seen += [e.pk for e in page.events]
        if page.older_cursor is None:
            break
        cursor = page.older_cursor
    assert seen == [e.pk for e in events]


def test_events_at_the_same_moment_are_ordered_by_id(community, member):
    first, second = record(community, member), record(community, member)
    ActivityEvent.objects.update(created_at=first.created_at)
    page = activity_page(ActivityEvent.objects.order_by("-created_at", "-pk"), None, per_page=1)
    assert [e.pk for e in page.events] == [second.pk]
    page = activity_page(ActivityEvent.objects.order_by("-created_at", "-pk"), page.older_cursor, per_page=1)
    assert [e.pk for e in page.events] == [first.pk]


def test_cursor_round_trips(community, member):
    event = record(community, member)
    created_at, pk = parse_cursor(cursor_for(event))
    assert (created_at, pk) == (event.created_at, event.pk)
