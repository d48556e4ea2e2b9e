"""Keyset pagination for activity lists: "older" links carry the position of the last event shown.

Activity grows without end, so lists never count rows or use OFFSET: a page costs one query however
long the history is. The cursor is ``<microseconds since the epoch>.<event id>``, matching the lists'
order (newest first, ties broken by id).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import Q

PAGE_SIZE = 25
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass
class ActivityPage:
    events: list
    older_cursor: str | None  # the ``before`` value of the next page, None on the last page
    is_first: bool


def cursor_for(event) -> str:
    micros = (event.created_at - EPOCH) // timedelta(microseconds=1)
    return f"{micros}.{event.pk}"


def parse_cursor(raw: str | None) -> tuple[datetime, int] | None:
    """The (time, id) a cursor names, or None for a missing or malformed one (which means the first page)."""
    if not raw or len(raw) > 40:
        return None
    micros, _, pk = raw.partition(".")
    if not (micros.isdigit() and pk.isdigit()):
        return None
    try:
        return EPOCH + timedelta(microseconds=int(micros)), int(pk)
    except OverflowError:
        return None


def activity_page(events, before: str | None, per_page: int = PAGE_SIZE) -> ActivityPage:
    """One page of ``events`` (a queryset ordered by ``-created_at, -pk``) after the cursor ``before``."""
    position = parse_cursor(before)
    if position is not None:
        created_at, pk = position
        events = events.filter(Q(created_at__lt=created_at) | Q(created_at=created_at, pk__lt=pk))
    rows = list(events[: per_page + 1])
    older = cursor_for(rows[per_page - 1]) if len(rows) > per_page else None
    return ActivityPage(events=rows[:per_page], older_cursor=older, is_first=position is None)
