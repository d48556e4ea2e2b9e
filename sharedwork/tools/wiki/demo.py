"""Demo content for a community's wiki: a main page, the 7th Annual Capacity Building Institute that our
first users followed on the wiki, one page per charter question (linking to each other), a few nested
pages, a history of several revisions by different people, and a page with an attached image.

``seed_wiki`` is idempotent: a community whose wiki has any page is left alone.
"""

import io
from contextlib import contextmanager
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from sharedwork.activity.models import ActivityEvent
from sharedwork.activity.services import activity_record
from sharedwork.communities.models import CHARTER_QUESTIONS, Level, MembershipState, Role

from .models import Attachment, Page, RevisionKind
from .paths import slug_from_title
from .rendering import render_body
from .services import _add_revision, clean_body, create_page

PREFERRED_AUTHORS = ["moderator@example.org", "member@example.org", "admin@example.org"]


def seed_wiki(community, people: dict) -> None:
    if Page.objects.filter(community=community).exists():
        return
    authors = _authors(community, people)
    if not authors:
        return
    start = timezone.now() - timedelta(days=30)
    with transaction.atomic():
        if _is_main_community(community):
            _seed_main(community, authors, start)
        else:
            _seed_small(community, authors, start)


def _is_main_community(community) -> bool:
    """The national, public community gets the full demo; the others a small wiki of their own."""
    return (
        community.parent_id is None and community.level == Level.NATIONAL and community.visibility == "public"
    )


def _authors(community, people: dict) -> list:
    """Demo people who are active members here, the usual demo accounts first; else the owners."""
    members = set(
        community.memberships.filter(state=MembershipState.ACTIVE).values_list("user_id", flat=True)
    )
    ordered = [people[email] for email in PREFERRED_AUTHORS if email in people]
    ordered += [user for email, user in sorted(people.items()) if email not in PREFERRED_AUTHORS]
    ordered = [user for user in ordered if user.pk in members]
    if not ordered:
        owners = community.memberships.filter(state=MembershipState.ACTIVE, role=Role.OWNER)
        ordered = [m.user for m in owners.select_related("user")]
    return ordered


def _author(authors, n):
    return authors[n % len(authors)]


@contextmanager
def _dated(when):
    """Date the activity events recorded inside the block at ``when``, like the revisions they tell of."""
    last = ActivityEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    yield
    ActivityEvent.objects.filter(pk__gt=last, verb__startswith="wiki.").update(created_at=when)


def _create(community, actor, title, path, body, summary, when):
    with _dated(when):
        return create_page(
            community=community, actor=actor, title=title, path=path, body=body, summary=summary, when=when
        )


def _edit(page, actor, body, summary, when):
    with _dated(when):
        body = clean_body(body)
        revision = _add_revision(
            page, actor=actor, kind=RevisionKind.EDITED, title=page.title, body=body, summary=summary,
            rendered=render_body(body), previous=page.current_revision, when=when,
        )  # fmt: skip
        activity_record(
            actor=actor,
            verb="wiki.page_edited",
            community=page.community,
            target=page,
            data={"summary": summary, "summary_note": f": “{summary}”", "revision": revision.number},
        )


def _seed_main(community, authors, start):
    day = timedelta(days=1)
    charter = dict(community.charter())

    home = _create(community, _author(authors, 0), "Home", "home", HOME_V1, "Started the wiki", start)
    _edit(home, _author(authors, 1), HOME_V2, "Added the charter questions", start + day)
    _edit(home, _author(authors, 2), HOME_V3, "Linked the institute pages", start + 2 * day)

    title = "7th Annual Capacity Building Institute"
    institute = _create(
        community, _author(authors, 1), title, slug_from_title(title), INSTITUTE_V1,
        "Notes from the first day", start + 3 * day,
    )  # fmt: skip
    _edit(institute, _author(authors, 0), INSTITUTE_V2, "Added day two and next steps", start + 4 * day)
    _edit(
        institute,
        _author(authors, 2),
        INSTITUTE_V3,
        "Fixed the date and added the team list",
        start + 5 * day,
    )

    for index, (field, question) in enumerate(CHARTER_QUESTIONS):
        others = [f"- [[{q}]]" for f, q in CHARTER_QUESTIONS if f != field]
        answer = (charter.get(question) or "").strip() or CHARTER_FALLBACK[field]
        body = CHARTER_TEMPLATE.format(question=question, answer=answer, others="\n".join(others))
        _create(
            community, _author(authors, index), question, slug_from_title(question), body,
            "Our answer, from the charter", start + (6 + index) * day,
        )  # fmt: skip

    when = start + 10 * day
    _create(
        community, _author(authors, 0), "Institutes", "institutes", INSTITUTES, "One page per institute", when
    )
    _create(community, _author(authors, 0), "2013", "institutes/2013", YEAR_2013, "The 2013 institute", when)
    charlotte = _create(
        community, _author(authors, 1), "Charlotte, North Carolina", "institutes/2013/charlotte",
        CHARLOTTE_V1, "Logistics", start + 11 * day,
    )  # fmt: skip
    _attach_chart(charlotte, _author(authors, 1), start + 12 * day, "state-teams.png", TEAMS)
    _edit(charlotte, _author(authors, 2), CHARLOTTE_V2, "Added the chart of state teams", start + 12 * day)
    _create(
        community, _author(authors, 2), "Team action plans", "institutes/2013/charlotte/team-action-plans",
        ACTION_PLANS, "Template for state teams", start + 13 * day,
    )  # fmt: skip


def _seed_small(community, authors, start):
    """A main page and a page of meeting notes with some history; in a community that is not public,
    the notes carry an attached chart (a file only members can reach)."""
    day = timedelta(days=1)
    home = SMALL_HOME.format(name=community.name)
    _create(community, _author(authors, 0), "Home", "home", home, "Started the wiki", start + 14 * day)
    notes = _create(
        community, _author(authors, 1), "Meeting notes", "meeting-notes", NOTES_V1, "First meeting",
        start + 15 * day,
    )  # fmt: skip
    body = NOTES_V2
    if community.visibility != "public":
        _attach_chart(notes, _author(authors, 1), start + 16 * day, "timeline.png", TIMELINE)
        body += "\n![Bar chart of weeks left for each planning task](attachments/timeline.png)\n"
    _edit(notes, _author(authors, 2), body, "Added the action items", start + 16 * day)


TEAMS = (
    "State teams at the institute (people per team)",
    [("NC", 18), ("SC", 12), ("VA", 15), ("GA", 9), ("TN", 13)],
)
TIMELINE = ("Weeks left per planning task", [("Venue", 4), ("Agenda", 10), ("Travel", 7), ("Rooms", 6)])


def _attach_chart(page, actor, when, name, chart):
    """Attach a small bar chart drawn with Pillow (the demo needs a real image file)."""
    from PIL import Image, ImageDraw

    caption, bars = chart
    image = Image.new("RGB", (640, 320), "#f3f5f7")
    draw = ImageDraw.Draw(image)
    draw.rectangle([20, 20, 620, 300], outline="#1a4480", width=4)
    for index, (label, value) in enumerate(bars):
        left = 70 + index * 110
        draw.rectangle([left, 280 - value * 10, left + 60, 280], fill="#1a4480")
        draw.text((left + 20, 285), label, fill="#1b1b1b")
    draw.text((40, 30), caption, fill="#1b1b1b")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    attachment = Attachment(
        page=page,
        name=name,
        content_type="image/png",
        size=buffer.tell(),
        uploaded_by=actor,
        uploaded_at=when,
    )
    attachment.file.save(name, ContentFile(buffer.getvalue()), save=False)
    attachment.save()


HOME_V1 = """Welcome to our community's wiki: the pages we write together.

Anyone who is a member can edit any page. Every change is kept in the page's history, so nothing is
ever lost and any earlier version can be brought back.
"""

HOME_V2 = """Welcome to our community's wiki: the pages we write together.

Anyone who is a member can edit any page. Every change is kept in the page's history, so nothing is
ever lost and any earlier version can be brought back.

## Where we start

Like every Community of Practice, we began with four questions:

- [[Who cares about this issue and why?]]
- [[What work is underway separately?]]
- [[What shared work could unite us?]]
- [[How can we deepen our connections?]]
"""

HOME_V3 = """Welcome to our community's wiki: the pages we write together.

Anyone who is a member can edit any page. Every change is kept in the page's history, so nothing is
ever lost and any earlier version can be brought back.

## Where we start

Like every Community of Practice, we began with four questions:

- [[Who cares about this issue and why?]]
- [[What work is underway separately?]]
- [[What shared work could unite us?]]
- [[How can we deepen our connections?]]

## Follow our work

- [[7th Annual Capacity Building Institute]]: notes, decisions and next steps
- [[Institutes]]: every institute, with its logistics and team action plans
- [[Resource library]]: articles and tools members recommend

## How to help

Fix a typo, add what your state is doing, or start a new page. If you are unsure, write your
question on the page and someone will answer it.
"""

INSTITUTE_V1 = """Notes from the 7th Annual Capacity Building Institute, held with the
[[institutes/2013/charlotte|10th National CoP on School Behavioral Health meeting in Charlotte]].

## Day one

- Opening session: why school behavioral health needs families, educators and agencies together.
- State teams met to map what is underway in each state.
"""

INSTITUTE_V2 = """Notes from the 7th Annual Capacity Building Institute, held with the
[[institutes/2013/charlotte|10th National CoP on School Behavioral Health meeting in Charlotte]].

## Day one

- Opening session: why school behavioral health needs families, educators and agencies together.
- State teams met to map what is underway in each state.

## Day two

- Panels on interconnecting school mental health and positive behavioral supports.
- Family organizations shared how they join district planning teams.

## Next steps

1. Each state team finishes its [[institutes/2013/charlotte/team-action-plans|action plan]].
2. Monthly calls continue; see [[How can we deepen our connections?]].
"""

INSTITUTE_V3 = """Notes from the 7th Annual Capacity Building Institute, held May 7 to 9, 2013 with the
[[institutes/2013/charlotte|10th National CoP on School Behavioral Health meeting in Charlotte]].

## Day one

- Opening session: why school behavioral health needs families, educators and agencies together.
- State teams met to map what is underway in each state.

## Day two

- Panels on interconnecting school mental health and positive behavioral supports.
- Family organizations shared how they join district planning teams.

## Teams

| State | Team lead | Focus |
| --- | --- | --- |
| North Carolina | State agency | Shared data between schools and community providers |
| South Carolina | Family organization | Family voice in district teams |
| Virginia | University partner | Training for school staff |

## Next steps

1. Each state team finishes its [[institutes/2013/charlotte/team-action-plans|action plan]].
2. Monthly calls continue; see [[How can we deepen our connections?]].
"""

CHARTER_TEMPLATE = """> {question}

{answer}

## The other questions of our charter

{others}

Back to the [[Home|main page]].
"""

CHARTER_FALLBACK = {
    "charter_who": "Families, educators, school and district leaders, state agencies and community providers "
    "who want every student to get the behavioral health support they need.",
    "charter_underway": "States, districts and family organizations each run their own trainings, "
    "pilots and surveys. Much of it is not yet shared.",
    "charter_shared": "A common way to describe school behavioral health programs, and shared materials "
    "that any state team can adapt.",
    "charter_connections": "Monthly calls, a yearly institute, and this wiki, where every member can add "
    "what they learn.",
}

INSTITUTES = """Every Capacity Building Institute has a page inside this one, by year and city.

- [[institutes/2013|2013]]
"""

YEAR_2013 = """The 2013 institute met in Charlotte together with the national meeting.

- [[institutes/2013/charlotte|Charlotte, North Carolina]]
- Our notes: [[7th Annual Capacity Building Institute]]
"""

CHARLOTTE_V1 = """May 7 to 9, 2013, in Charlotte, North Carolina.

## Logistics

- Sessions in the main hall; team rooms on the second floor.
- Bring your state's current plan so your team can update it.
"""

CHARLOTTE_V2 = """May 7 to 9, 2013, in Charlotte, North Carolina.

## Logistics

- Sessions in the main hall; team rooms on the second floor.
- Bring your state's current plan so your team can update it.

## State teams

![Bar chart of people per state team: NC 18, SC 12, VA 15, GA 9, TN 13](attachments/state-teams.png)

Each team writes its plan on [[institutes/2013/charlotte/team-action-plans|the team action plans page]].
"""

ACTION_PLANS = """Copy this outline into a new section for your state team.

## Outline

1. What we want to change, and for whom
2. Who must be involved (families, schools, agencies, providers)
3. What each partner will do in the next three months
4. How we will know it is working

Back to [[institutes/2013/charlotte|Charlotte]].
"""

SMALL_HOME = """Welcome to the wiki of {name}: the pages we write together.

- [[Meeting notes]]: what we decided, and who does what next

Every change is kept in each page's history, so you can always see who changed what, and go back.
"""

NOTES_V1 = """## First meeting

- Introductions: who we are and why this issue matters to each of us.
- We agreed to meet every month.
"""

NOTES_V2 = """## First meeting

- Introductions: who we are and why this issue matters to each of us.
- We agreed to meet every month.

## Action items

1. Share one resource each before the next meeting.
2. Draft our answers to the four charter questions.
"""
