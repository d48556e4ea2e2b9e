"""How an ``ActivityEvent`` reads: as escaped HTML with links (pages) or as plain text (feeds).

The sentence comes from ``verbs.sentence_template`` (core verbs and each tool's). Placeholders are
``{actor}``, ``{target}``, ``{subject}``, ``{role}`` and any plain value the service stored in
``event.data``. The template text is escaped first and every value is escaped on its own, so neither a
verb sentence nor a title a person typed can ever become markup.
"""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .verbs import sentence_template

PLACEHOLDER = re.compile(r"\{(\w+)\}")
FORMER_MEMBER = "A former member"
SOMEONE = "someone"


def _person_html(user, fallback: str) -> str:
    if user is None:
        return escape(fallback)
    return format_html('<a href="{}">{}</a>', user.get_absolute_url(), str(user))


def _person_text(user, fallback: str) -> str:
    return fallback if user is None else str(user)


def _target_title(event) -> str:
    return event.target_title or (event.community.name if event.community_id and event.community else "")


def _data_values(event) -> dict:
    data = event.data if isinstance(event.data, dict) else {}
    return {key: str(value) for key, value in data.items() if isinstance(value, str | int | float)}


def _fill(template: str, values: dict) -> str:
    # Unknown placeholders (a tool's sentence naming data the event lacks) read as nothing rather than fail.
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), template)


def event_sentence_html(event) -> SafeString:
    """The sentence with links: actor and subject to their profiles, target to where it lives."""
    values = {key: escape(value) for key, value in _data_values(event).items()}
    title = _target_title(event)
    target = (
        format_html('<a href="{}">{}</a>', event.target_url, title) if event.target_url else escape(title)
    )
    values.update(
        actor=_person_html(event.actor, FORMER_MEMBER),
        subject=_person_html(event.subject, SOMEONE),
        target=target,
        role=escape(_data_values(event).get("role", "")),
    )
    sentence = _fill(str(escape(sentence_template(event.verb))), values)
    return mark_safe(_capitalize(sentence))  # noqa: S308 - the template and every value were escaped above


def event_sentence_text(event) -> str:
    """The same sentence as plain text, for feed titles (the feed generator escapes it)."""
    values = _data_values(event)
    values.update(
        actor=_person_text(event.actor, FORMER_MEMBER),
        subject=_person_text(event.subject, SOMEONE),
        target=_target_title(event),
        role=values.get("role", ""),
    )
    return _capitalize(_fill(sentence_template(event.verb), values))


def names_own_community(event) -> bool:
    """True when the event's target is the community it happened in (the sentence already names it)."""
    return event.target_type == "communities.community" and event.target_id == str(event.community_id)


def _capitalize(sentence: str) -> str:
    # A sentence that starts with a placeholder for a missing person ("someone ...") still starts upper case;
    # markup at the start (a link) is left alone.
    if sentence and sentence[0].islower():
        return sentence[0].upper() + sentence[1:]
    return sentence
