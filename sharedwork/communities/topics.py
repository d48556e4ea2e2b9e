"""Topics typed as comma-separated text ("behavioral health, family engagement") and their Topic rows."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from .models import Topic

MAX_TOPICS = 10
MAX_TOPIC_LENGTH = 80


def parse_topic_names(raw: str) -> list[str]:
    """Names from comma-separated text: trimmed, blanks and repeats (ignoring letter case) dropped.
    Raises ValidationError for too many topics, a topic too long, or one with no letters or digits."""
    names, seen = [], set()
    for part in (raw or "").replace(";", ",").replace("\n", ",").split(","):
        name = " ".join(part.split())
        if not name:
            continue
        if len(name) > MAX_TOPIC_LENGTH:
            raise ValidationError(
                f"Keep each topic under {MAX_TOPIC_LENGTH} characters: “{name[:30]}…” is too long."
            )
        if not slugify(name):
            raise ValidationError(
                f"“{name}” is not a usable topic. Use words, for example: family engagement."
            )
        key = slugify(name)
        if key not in seen:
            seen.add(key)
            names.append(name)
    if len(names) > MAX_TOPICS:
        raise ValidationError(f"Choose up to {MAX_TOPICS} topics; you entered {len(names)}.")
    return names


def topics_for_names(names: list[str]) -> list[Topic]:
    """The Topic rows for these names, creating the missing ones. Call it inside the transaction that
    uses them, so a refused community leaves no new topics behind."""
    topics = []
    for name in names:
        topic, _ = Topic.objects.get_or_create(slug=slugify(name)[:80], defaults={"name": name})
        topics.append(topic)
    return topics


def topic_names_text(community) -> str:
    """A community's topics as the comma-separated text the forms show."""
    return ", ".join(topic.name for topic in community.topics.all())
