"""Many people saving the same page at the same moment, from the same starting revision, on PostgreSQL
(real threads, each with its own database connection). Nobody's text disappears: every saved text is
in the final page, or was handed back to its author as a conflict; revision numbers stay gapless.

Run with ``DATABASE_URL=postgres://… pytest -m postgres``; skipped on SQLite, which serialises writers.
"""

import threading

import pytest
from django.db import connection
from django.test import Client

from sharedwork.communities.models import Role
from sharedwork.tests.factories import CommunityFactory, MembershipFactory
from sharedwork.tools.wiki.models import Page, Revision
from sharedwork.tools.wiki.services import EditConflict, create_page, wiki_page_save

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PEOPLE = 10


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("Concurrency tests need PostgreSQL (set DATABASE_URL to a PostgreSQL database).")


def base_text():
    paragraphs = [f"Paragraph {n}: what team {n} is doing." for n in range(PEOPLE)]
    return "Shared heading\n\n" + "\n\n".join(paragraphs) + "\n"


def text_of(person: int) -> tuple[str, str]:
    """Each person rewrites their own paragraph (merges cleanly); every third also rewrites the shared
    heading (overlaps with the others who do). Returns the text and the marker that must survive."""
    marker = f"Team {person} rewrote this paragraph."
    text = base_text().replace(f"Paragraph {person}: what team {person} is doing.", marker)
    if person % 3 == 0:
        text = text.replace("Shared heading", f"Heading by person {person}")
    return text, marker


def run_together(work, count):
    """Run ``work(i)`` in ``count`` threads that all start at once; each thread closes its connection."""
    barrier = threading.Barrier(count)
    results, errors = {}, []

    def runner(i):
        try:
            barrier.wait(timeout=20)
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - reported below with the failing thread
            errors.append((i, exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


@pytest.fixture
def setup():
    community = CommunityFactory(slug="race")
    people = [MembershipFactory(community=community, role=Role.MEMBER).user for _ in range(PEOPLE)]
    page = create_page(community=community, actor=people[0], title="Plan", path="plan", body=base_text())
    return community, people, page


def assert_nothing_lost(page, outcomes):
    final = Page.objects.select_related("current_revision").get(pk=page.pk).current_revision
    numbers = list(Revision.objects.filter(page=page).order_by("number").values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1)), "revision numbers must be gapless"
    assert final.number == numbers[-1]
    saved = [person for person, outcome in outcomes.items() if outcome == "saved"]
    conflicts = [person for person, outcome in outcomes.items() if outcome == "conflict"]
    assert len(saved) + len(conflicts) == PEOPLE
    assert len(numbers) == 1 + len(saved)
    for person in saved:
        assert text_of(person)[1] in final.body, f"person {person}'s saved text disappeared"
    # Not everyone can win the shared heading: at least one of them was shown a conflict.
    assert conflicts
    assert all(person % 3 == 0 for person in conflicts)


def test_parallel_saves_from_the_same_base_lose_nothing(setup):
    community, people, page = setup

    def save(i):
        fresh = Page.objects.get(pk=page.pk)
        fresh.community = community
        text, _ = text_of(i)
        try:
            wiki_page_save(actor=people[i], page=fresh, body=text, summary=f"person {i}", base_number=1)
        except EditConflict as conflict:
            assert conflict.mine == text  # their own text comes back to them
            return "conflict"
        return "saved"

    assert_nothing_lost(page, run_together(save, PEOPLE))


def test_parallel_saves_over_http_lose_nothing(setup):
    community, people, page = setup
    clients = []
    for person in people:
        client = Client()
        client.force_login(person)
        clients.append(client)

    def post(i):
        text, _ = text_of(i)
        response = clients[i].post("/c/race/wiki/plan/edit/", {"body": text, "base_revision": 1})
        if response.status_code == 409:
            assert text.strip() in response.content.decode()  # still in the editor
            return "conflict"
        assert response.status_code == 302, response.status_code
        return "saved"

    assert_nothing_lost(page, run_together(post, PEOPLE))
