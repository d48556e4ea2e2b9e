import pytest

from sharedwork.tools.wiki.models import Revision
from sharedwork.tools.wiki.services import wiki_page_rename

pytestmark = pytest.mark.django_db

WIKI = "/c/sbh/wiki/"


def html(response):
    return response.content.decode().replace("&#x27;", "'")


@pytest.fixture
def edited_page(wiki_page, member, moderator, edit_page):
    edit_page(wiki_page, moderator, "Line one\n\nLine 2\n\nLine three\n", summary="Digits")
    edit_page(wiki_page, member, "Line one\n\nLine 2\n\nLine three\n\nLine four\n", summary="Added a line")
    return wiki_page


def test_history_lists_every_revision_with_author_summary_and_size(anon_client, edited_page, moderator):
    body = html(anon_client.get(f"{WIKI}meeting-notes/history/"))
    for number in (1, 2, 3):
        assert f'href="{WIKI}meeting-notes/revisions/{number}/">Revision {number}</a>' in body
    assert "Added a line" in body and "Digits" in body and str(moderator) in body
    assert "+11 bytes" in body and "−2 bytes" in body


def test_history_is_paginated(anon_client, wiki_page, member, edit_page):
    for n in range(55):
        edit_page(wiki_page, member, f"Version {n}")
    first = html(anon_client.get(f"{WIKI}meeting-notes/history/"))
    assert "Revision 56</a>" in first and "Revision 1</a>" not in first
    assert "Revision 1</a>" in html(anon_client.get(f"{WIKI}meeting-notes/history/?page=2"))


def test_old_revision_is_shown_as_it_was(anon_client, edited_page):
    body = html(anon_client.get(f"{WIKI}meeting-notes/revisions/1/"))
    assert "This is an old version of the page" in body and "<p>Line two</p>" in body


def test_revision_that_does_not_exist_is_not_found(anon_client, wiki_page):
    assert anon_client.get(f"{WIKI}meeting-notes/revisions/7/").status_code == 404


def test_diff_between_two_revisions_marks_words(anon_client, edited_page):
    body = html(anon_client.get(f"{WIKI}meeting-notes/diff/?from=1&to=3"))
    assert "Line <del>two</del><ins>2</ins>" in body
    assert "<ins>Line four</ins>" in body
    assert "From revision 1" in body and "To revision 3" in body


def test_diff_accepts_revisions_in_either_order(anon_client, edited_page):
    assert "Line <del>two</del><ins>2</ins>" in html(
        anon_client.get(f"{WIKI}meeting-notes/diff/?from=3&to=1")
    )


def test_diff_without_from_shows_the_change_a_revision_made(anon_client, edited_page):
    body = html(anon_client.get(f"{WIKI}meeting-notes/diff/?to=3"))
    assert "<ins>Line four</ins>" in body and "<del>two</del>" not in body


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=abc&to=2", "Choose two revisions to compare"),
        ("from=1&to=1", "Choose two different revisions"),
        ("from=1&to=99", "This page has no revision 99. It has revisions 1 to 3."),
        ("from=-4&to=2", "Choose two revisions to compare"),
        ("from=1&to=2;DROP", "Choose two revisions to compare"),
        ("from=1&to=99999999999999999999999", "This page has no revision 99999999999999999999999."),
    ],
)
def test_diff_with_nonsense_revisions_says_what_is_wrong(anon_client, edited_page, query, message):
    response = anon_client.get(f"{WIKI}meeting-notes/diff/?{query}")
    assert response.status_code == 400
    assert message in html(response)


def test_diff_shows_a_title_change(anon_client, wiki_page, member):
    wiki_page_rename(actor=member, page=wiki_page, title="Minutes")
    body = html(anon_client.get(f"{WIKI}minutes/diff/?from=1&to=2"))
    assert "The title changed from “Meeting notes” to “Minutes”." in body
    assert "The text is the same in both revisions." in body


def test_revert_asks_first_then_makes_a_new_revision(member_client, edited_page):
    confirm = html(member_client.get(f"{WIKI}meeting-notes/revert/1/"))
    assert "Revert “Meeting notes” to revision 1?" in confirm and "<ins>two</ins>" in confirm
    response = member_client.post(f"{WIKI}meeting-notes/revert/1/", {"summary": "Back to words"})
    assert response.status_code == 302
    latest = Revision.objects.filter(page=edited_page).order_by("-number").first()
    assert (latest.number, latest.kind, latest.summary) == (
        4,
        "reverted",
        "Reverted to revision 1: Back to words",
    )
    assert latest.body == Revision.objects.get(page=edited_page, number=1).body


def test_revert_to_a_revision_the_page_does_not_have_changes_nothing(member_client, edited_page, make_page):
    other = make_page("Other")
    response = member_client.post(f"{WIKI}meeting-notes/revert/{other.current_revision.pk + 50}/")
    assert response.status_code == 400
    assert "This page has no revision" in html(response) and "Nothing was changed" in html(response)
    assert Revision.objects.filter(page=edited_page).count() == 3


def test_revert_to_the_current_revision_says_nothing_changed(member_client, edited_page):
    response = member_client.post(f"{WIKI}meeting-notes/revert/3/")
    assert response.status_code == 400 and "current version already" in html(response)


def test_outsider_cannot_revert(outsider_client, edited_page):
    assert outsider_client.post(f"{WIKI}meeting-notes/revert/1/").status_code == 403
    assert Revision.objects.filter(page=edited_page).count() == 3
