"""Activity events read as accessible sentences: escaped, linked, and dated in the viewer's time zone."""

import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import timezone

from sharedwork.activity.models import ActivityEvent
from sharedwork.activity.rendering import event_sentence_html, event_sentence_text
from sharedwork.tests.factories import CommunityFactory, UserFactory
from sharedwork.tools.base import Tool
from sharedwork.tools.registry import registry

from .helpers import record

pytestmark = pytest.mark.django_db


def render(template, **context):
    return Template("{% load activity %}" + template).render(Context(context))


def test_sentence_links_actor_to_profile_and_target_to_its_page(community, member):
    event = record(community, member, "member.joined", subject=member)
    html = event_sentence_html(event)
    assert f'<a href="{member.get_absolute_url()}">{member.display_name}</a> joined' in html
    assert f'<a href="/c/{community.slug}/">{community.name}</a>' in html


def test_sentence_links_the_subject_and_names_the_role(community, owner, member):
    event = record(community, owner, "member.role_changed", subject=member, data={"role": "moderator"})
    html = event_sentence_html(event)
    assert f'made <a href="{member.get_absolute_url()}">{member.display_name}</a> moderator of' in html


def test_sentence_escapes_names_and_titles_people_typed(community):
    attacker = UserFactory(display_name='<script>alert("x")</script>')
    event = record(
        community, attacker, "community.settings_changed", target_title='<img src=x onerror="bad()">'
    )
    html = event_sentence_html(event)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x" in html


def test_sentence_escapes_the_target_address(community, member):
    event = record(community, member, "community.settings_changed", target_url='"><script>x()</script>')
    html = event_sentence_html(event)
    assert "<script>" not in html
    assert 'href="&quot;&gt;&lt;script&gt;' in html


def test_deleted_actor_reads_as_a_former_member(community, member):
    event = record(community, member, "member.left")
    ActivityEvent.objects.filter(pk=event.pk).update(actor=None)
    event.refresh_from_db()
    assert event_sentence_html(event).startswith("A former member left")
    assert event_sentence_text(event).startswith("A former member left")


def test_missing_subject_reads_as_someone(community, owner):
    event = record(community, owner, "member.invited", subject=None, data={"email": "x@example.org"})
    assert "invited someone to" in event_sentence_text(event)


def test_unknown_verb_still_reads_as_a_sentence(community, member):
    event = record(community, member, "mystery.verb")
    assert event_sentence_text(event) == f"{member.display_name} did something in {community.name}"


class _NotesTool(Tool):
    slug = "sentencenotes"
    label = "Notes"
    activity_verbs = {"sentencenotes.written": "{actor} wrote the note {target} ({words} words){nothing}"}


def test_tool_verbs_use_their_own_sentences_and_event_data(community, member):
    with registry.override(_NotesTool):
        event = record(
            community,
            member,
            "sentencenotes.written",
            target=member,
            target_title="Agenda",
            data={"words": 12},
        )
        text = event_sentence_text(event)
    assert text == f"{member.display_name} wrote the note Agenda (12 words)"


def test_plain_text_sentence_has_no_markup(community, member):
    event = record(community, member, "member.joined")
    assert "<" not in event_sentence_text(event)


def test_activity_event_tag_shows_time_in_the_viewers_time_zone(community, member):
    event = record(community, member, "member.joined")
    with timezone.override(zoneinfo.ZoneInfo("America/Los_Angeles")):
        html = render("{% activity_event event %}", event=event)
    local = timezone.localtime(event.created_at, zoneinfo.ZoneInfo("America/Los_Angeles"))
    assert f'datetime="{local.isoformat()}"' in html
    assert "PST" in html or "PDT" in html
    assert "now" in html


def test_activity_event_tag_names_the_community_only_when_asked_and_not_already_named(community, member):
    child = CommunityFactory(parent=community, name="Data Group")
    child_event = record(community, member, "community.child_created", target=child)
    joined = record(community, member, "member.joined")
    assert "activity-where" in render("{% activity_event e show_community=True %}", e=child_event)
    assert "activity-where" not in render("{% activity_event e %}", e=child_event)
    assert "activity-where" not in render("{% activity_event e show_community=True %}", e=joined)


def test_activity_sentence_filter(community, member):
    event = record(community, member, "member.joined")
    assert f">{member.display_name}</a> joined" in render("{{ e|activity_sentence }}", e=event)


def test_older_events_show_their_date_instead_of_how_long_ago(community, member):
    from datetime import timedelta

    event = record(community, member, "member.joined", ago=timedelta(days=40))
    html = render("{% activity_event event %}", event=event)
    assert timezone.localtime(event.created_at).strftime("%B") in html
    assert "ago" not in html
