import pytest

from sharedwork.tools.wiki.models import Page, Revision
from sharedwork.tools.wiki.services import wiki_page_delete, wiki_page_lock, wiki_page_rename

pytestmark = pytest.mark.django_db

WIKI = "/c/sbh/wiki/"


def html(response):
    return response.content.decode()


# --- reading -------------------------------------------------------------------------------------


def test_page_shows_title_text_author_and_history_link(anon_client, wiki_page, member):
    page = html(anon_client.get(f"{WIKI}meeting-notes/"))
    assert '<h1 id="wiki-page-title">Meeting notes</h1>' in page
    assert "<p>Line two</p>" in page
    assert str(member) in page
    assert f'href="{WIKI}meeting-notes/history/"' in page


def test_page_marks_links_to_missing_pages_in_words(anon_client, make_page):
    make_page("Home", "See [[Meeting notes]] and [[Resource library]].", path="home")
    make_page("Meeting notes")
    page = html(anon_client.get(f"{WIKI}home/"))
    assert f'<a href="{WIKI}meeting-notes/" class="wikilink">Meeting notes</a>' in page
    assert 'Resource library<span class="visually-hidden"> (page does not exist yet)</span>' in page


def test_link_state_changes_when_the_linked_page_appears_and_disappears(anon_client, make_page, moderator):
    make_page("Home", "See [[Later]].", path="home")
    assert "wikilink-missing" in html(anon_client.get(f"{WIKI}home/"))
    later = make_page("Later")
    assert "wikilink-missing" not in html(anon_client.get(f"{WIKI}home/"))
    wiki_page_delete(actor=moderator, page=later)
    assert "wikilink-missing" in html(anon_client.get(f"{WIKI}home/"))


def test_wiki_root_shows_the_main_page(anon_client, make_page):
    make_page("Home", "Welcome to our wiki", path="home")
    assert "Welcome to our wiki" in html(anon_client.get(WIKI))


def test_wiki_root_without_main_page_invites_members_to_write_it(member_client, anon_client, community):
    assert "Write the main page" in html(member_client.get(WIKI))
    assert "Write the main page" not in html(anon_client.get(WIKI))


def test_missing_page_answers_404_and_offers_to_create_it(member_client, make_page):
    make_page("Home", "[[Charlotte plans]]", path="home")
    response = member_client.get(f"{WIKI}charlotte-plans/")
    assert response.status_code == 404
    body = html(response)
    assert "There is no page at charlotte-plans yet" in body
    assert f'href="{WIKI}new/?path=charlotte-plans&amp;title=Charlotte%20plans"' in body
    assert "Pages that link here" in body and "Home" in body


def test_address_in_capitals_redirects_to_lowercase(anon_client, wiki_page):
    response = anon_client.get(f"{WIKI}Meeting-Notes/history/")
    assert response.status_code == 302 and response["Location"] == f"{WIKI}meeting-notes/history/"


def test_impossible_address_is_not_found(anon_client):
    assert anon_client.get(f"{WIKI}a%20b/").status_code == 404


def test_long_page_gets_a_table_of_contents_and_anchors(anon_client, make_page):
    make_page("Plan", "# Goals\ntext\n# Steps\n## First\n# Owners\n")
    page = html(anon_client.get(f"{WIKI}plan/"))
    assert 'aria-labelledby="wiki-toc-heading"' in page
    assert '<a href="#section-goals">Goals</a>' in page and '<h2 id="section-goals">Goals</h2>' in page


def test_short_page_has_no_table_of_contents(anon_client, wiki_page):
    assert "wiki-toc-heading" not in html(anon_client.get(f"{WIKI}meeting-notes/"))


def test_page_lists_what_links_here_and_pages_inside(anon_client, make_page):
    make_page("Institutes")
    make_page("2013", path="institutes/2013")
    make_page("Home", "[[Institutes]]", path="home")
    page = html(anon_client.get(f"{WIKI}institutes/"))
    assert "What links here" in page and f'<a href="{WIKI}home/">Home</a>' in page
    assert "Pages inside this one" in page and f'<a href="{WIKI}institutes/2013/">2013</a>' in page


def test_nested_page_has_breadcrumbs_through_its_parents(anon_client, make_page):
    make_page("Institutes")
    make_page("Charlotte", path="institutes/2013/charlotte")
    page = html(anon_client.get(f"{WIKI}institutes/2013/charlotte/"))
    assert f'<a href="{WIKI}institutes/">Institutes</a>' in page
    assert f'<a href="{WIKI}institutes/2013/">2013</a>' in page


def test_deleted_page_is_missing_for_members_and_restorable_for_moderators(
    member_client, moderator_client, moderator, wiki_page
):
    wiki_page_delete(actor=moderator, page=wiki_page)
    response = member_client.get(f"{WIKI}meeting-notes/")
    assert response.status_code == 404 and "A page at this address was deleted" in html(response)
    page = html(moderator_client.get(f"{WIKI}meeting-notes/"))
    assert "This page is deleted." in page and "Restore this page" in page
    moderator_client.post(f"{WIKI}meeting-notes/restore/")
    assert member_client.get(f"{WIKI}meeting-notes/").status_code == 200


def test_visitors_who_cannot_write_are_not_told_a_page_was_deleted(anon_client, moderator, wiki_page):
    wiki_page_delete(actor=moderator, page=wiki_page)
    response = anon_client.get(f"{WIKI}meeting-notes/")
    assert response.status_code == 404
    assert "deleted" not in html(response)


# --- creating ------------------------------------------------------------------------------------


def test_member_creates_a_page_through_the_form(member_client, community):
    response = member_client.post(
        f"{WIKI}new/", {"title": "Meeting notes", "parent": "", "body": "Hello", "summary": "First notes"}
    )
    assert response.status_code == 302 and response["Location"] == f"{WIKI}meeting-notes/"
    page = Page.objects.get(community=community)
    assert page.current_revision.summary == "First notes"


def test_new_page_from_a_missing_link_is_created_at_the_links_address(member_client, community):
    form = html(member_client.get(f"{WIKI}new/?path=institutes/2013/charlotte"))
    assert 'value="institutes/2013/charlotte"' in form and 'value="Charlotte"' in form
    member_client.post(
        f"{WIKI}new/", {"title": "Charlotte, NC", "path": "institutes/2013/charlotte", "body": "x"}
    )
    assert Page.objects.get().path == "institutes/2013/charlotte"


def test_new_page_for_an_address_that_exists_goes_to_the_page(member_client, wiki_page):
    response = member_client.get(f"{WIKI}new/?path=meeting-notes")
    assert response.status_code == 302 and response["Location"] == f"{WIKI}meeting-notes/"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "Edit", "body": "x"}, "a word the wiki uses for its own pages"),
        ({"title": "Meeting notes", "body": "x"}, "There is already a page at the address meeting-notes"),
        ({"title": "Notes", "body": ""}, "This field is required"),
        ({"title": "Notes", "body": "x", "parent": "Bad Folder!"}, "cannot be part of an address"),
        ({"title": "Notes", "body": "x" * (1024 * 1024 + 1)}, "A page can hold at most 1 MB of text"),
    ],
)
def test_bad_new_page_keeps_what_was_typed_and_says_what_is_wrong(member_client, wiki_page, data, message):
    response = member_client.post(f"{WIKI}new/", {"parent": "", "summary": "", **data})
    assert response.status_code == 400
    body = html(response)
    assert message in body.replace("&quot;", '"').replace("&#x27;", "'")
    assert 'id="error-summary"' in body
    if data["body"] and len(data["body"]) < 100:
        assert data["body"] in body
    assert Page.objects.count() == 1


def test_preview_without_javascript_shows_the_text_and_saves_nothing(member_client):
    response = member_client.post(
        f"{WIKI}new/", {"title": "Notes", "body": "**Bold** [[Home]]", "action": "preview"}
    )
    body = html(response)
    assert response.status_code == 200
    assert "<strong>Bold</strong>" in body and "It is not saved yet." in body
    assert "**Bold** [[Home]]</textarea>" in body
    assert not Page.objects.exists()


def test_preview_with_htmx_answers_only_the_preview(member_client, wiki_page):
    response = member_client.post(
        f"{WIKI}meeting-notes/edit/",
        {"body": "# Changed", "base_revision": 1, "action": "preview"},
        headers={"HX-Request": "true"},
    )
    body = html(response)
    assert "<html" not in body and '<h2 id="section-changed">Changed</h2>' in body
    assert Revision.objects.count() == 1


# --- editing -------------------------------------------------------------------------------------


def test_edit_form_carries_the_revision_it_started_from(member_client, wiki_page):
    body = html(member_client.get(f"{WIKI}meeting-notes/edit/"))
    assert 'name="base_revision" value="1"' in body
    assert "Line one\n\nLine two" in body


def test_member_saves_an_edit(member_client, wiki_page):
    response = member_client.post(
        f"{WIKI}meeting-notes/edit/", {"body": "New", "summary": "s", "base_revision": 1}
    )
    assert response.status_code == 302
    assert Revision.objects.filter(page=wiki_page).count() == 2
    assert "Your changes are saved." in html(member_client.get(response["Location"]))


def test_concurrent_edits_to_different_lines_are_merged_and_the_person_is_told(
    member_client, moderator_client, wiki_page
):
    moderator_client.post(
        f"{WIKI}meeting-notes/edit/", {"body": "Line one!\n\nLine two\n\nLine three", "base_revision": 1}
    )
    response = member_client.post(
        f"{WIKI}meeting-notes/edit/",
        {"body": "Line one\n\nLine two\n\nLine three!", "base_revision": 1},
        follow=True,
    )
    assert "their changes and yours did not overlap, so both are kept" in html(response)
    wiki_page.refresh_from_db()
    assert wiki_page.current_revision.body == "Line one!\n\nLine two\n\nLine three!\n"


def test_conflicting_edit_shows_both_versions_and_keeps_the_persons_text(
    member_client, moderator_client, wiki_page
):
    moderator_client.post(f"{WIKI}meeting-notes/edit/", {"body": "Line one THEIRS", "base_revision": 1})
    response = member_client.post(
        f"{WIKI}meeting-notes/edit/", {"body": "Line one MINE", "summary": "my summary", "base_revision": 1}
    )
    assert response.status_code == 409
    body = html(response)
    assert "are not saved yet" in body
    assert ">\nLine one MINE\n</textarea>" in body  # the person's text, still in the editor
    assert ">Line one THEIRS\n</textarea>" in body  # their version, to copy from
    assert 'value="my summary"' in body
    assert 'name="base_revision" value="2"' in body
    assert "<del>THEIRS</del><ins>MINE</ins>" in body
    assert Revision.objects.filter(page=wiki_page).count() == 2


def test_saving_again_after_a_conflict_applies_the_persons_text(member_client, moderator_client, wiki_page):
    moderator_client.post(f"{WIKI}meeting-notes/edit/", {"body": "Theirs", "base_revision": 1})
    member_client.post(f"{WIKI}meeting-notes/edit/", {"body": "Mine", "base_revision": 1})
    member_client.post(f"{WIKI}meeting-notes/edit/", {"body": "Mine and theirs", "base_revision": 2})
    wiki_page.refresh_from_db()
    assert wiki_page.current_revision.body == "Mine and theirs\n"


def test_edit_to_a_page_deleted_meanwhile_keeps_the_text(moderator_client, moderator, wiki_page):
    wiki_page_delete(actor=moderator, page=wiki_page)
    response = moderator_client.post(
        f"{WIKI}meeting-notes/edit/", {"body": "My precious text", "base_revision": 1}
    )
    assert response.status_code == 403
    assert "My precious text" in html(response)


def test_moderator_edit_to_a_page_deleted_meanwhile_says_the_page_was_deleted(
    moderator_client, moderator, wiki_page
):
    wiki_page_delete(actor=moderator, page=wiki_page)
    response = moderator_client.post(
        f"{WIKI}meeting-notes/edit/", {"body": "My precious text", "base_revision": 1}
    )
    body = html(response)
    assert "This page was deleted" in body and "Only moderators can edit" not in body


def test_member_edit_to_a_page_deleted_meanwhile_keeps_the_text_and_says_why(
    member_client, moderator, wiki_page
):
    wiki_page_delete(actor=moderator, page=wiki_page)
    response = member_client.post(
        f"{WIKI}meeting-notes/edit/", {"body": "My precious text", "base_revision": 1}
    )
    assert response.status_code == 403
    body = html(response)
    assert "My precious text" in body and "This page was deleted" in body
    assert Revision.objects.filter(page=wiki_page).count() == 1


def test_member_edit_posted_to_the_old_address_of_a_page_renamed_then_deleted_keeps_the_text(
    member_client, member, moderator, wiki_page
):
    wiki_page_rename(actor=member, page=wiki_page, title="Minutes")
    wiki_page_delete(actor=moderator, page=wiki_page)
    response = member_client.post(
        f"{WIKI}meeting-notes/edit/", {"body": "My precious text", "base_revision": 2}
    )
    assert response.status_code == 403
    assert "My precious text" in html(response)


def test_people_who_may_not_edit_learn_nothing_about_a_deleted_page_from_its_edit_form(
    outsider_client, anon_client, moderator, wiki_page
):
    wiki_page_delete(actor=moderator, page=wiki_page)
    for client in (outsider_client, anon_client):
        response = client.post(f"{WIKI}meeting-notes/edit/", {"body": "Text", "base_revision": 1})
        assert response.status_code == 404
        assert "Meeting notes" not in html(response)
    assert client.get(f"{WIKI}meeting-notes/edit/").status_code == 404


def test_edit_to_a_page_locked_meanwhile_keeps_the_text(member_client, moderator, wiki_page):
    wiki_page_lock(actor=moderator, page=wiki_page, locked=True)
    response = member_client.post(
        f"{WIKI}meeting-notes/edit/", {"body": "My precious text", "base_revision": 1}
    )
    assert response.status_code == 403
    body = html(response)
    assert "My precious text" in body and "This page is locked" in body


def test_edit_posted_to_the_old_address_after_a_rename_is_saved_on_the_page(member_client, member, wiki_page):
    wiki_page_rename(actor=member, page=wiki_page, title="Minutes")
    response = member_client.post(f"{WIKI}meeting-notes/edit/", {"body": "Still saved", "base_revision": 2})
    assert response.status_code == 302 and response["Location"] == f"{WIKI}minutes/"
    wiki_page.refresh_from_db()
    assert wiki_page.current_revision.body == "Still saved\n"


def test_edit_form_names_the_page_it_was_written_for(member_client, wiki_page):
    response = member_client.get(f"{WIKI}meeting-notes/edit/")
    assert response.context["form"]["page_id"].value() == wiki_page.pk
    # ... and the browser sends it back: the hidden field is in the page.
    assert f'name="page_id" value="{wiki_page.pk}"' in response.content.decode()


def test_edit_for_a_page_whose_address_another_page_took_meanwhile_is_saved_on_the_persons_page(
    member_client, member, wiki_page, make_page
):
    wiki_page_rename(actor=member, page=wiki_page, title="Minutes")
    newcomer = make_page("Meeting notes", "A brand new page\n")
    text = "Line one\n\nLine two EDITED\n\nLine three\n"
    response = member_client.post(
        f"{WIKI}meeting-notes/edit/", {"body": text, "base_revision": 1, "page_id": wiki_page.pk}
    )
    assert response.status_code == 302 and response["Location"] == f"{WIKI}minutes/"
    newcomer.refresh_from_db()
    wiki_page.refresh_from_db()
    assert newcomer.current_revision.body == "A brand new page\n"
    assert wiki_page.current_revision.body == text


def test_edit_for_a_deleted_page_whose_address_another_page_took_keeps_the_text_and_saves_nothing(
    member_client, member, moderator, wiki_page, make_page
):
    wiki_page_rename(actor=member, page=wiki_page, title="Minutes")
    wiki_page_delete(actor=moderator, page=wiki_page)
    newcomer = make_page("Meeting notes", "A brand new page\n")
    response = member_client.post(
        f"{WIKI}meeting-notes/edit/",
        {"body": "My precious text", "base_revision": 2, "page_id": wiki_page.pk},
    )
    assert response.status_code == 409
    assert "My precious text" in html(response) and "Minutes" not in html(response)
    assert Revision.objects.filter(page=newcomer).count() == 1
    assert Revision.objects.filter(page=wiki_page).count() == 2


def test_edit_with_a_forged_base_revision_is_refused_with_the_text_kept(member_client, wiki_page):
    response = member_client.post(f"{WIKI}meeting-notes/edit/", {"body": "Kept", "base_revision": 99})
    assert response.status_code == 400
    assert "not part of this page's history" in html(response).replace("&#x27;", "'")
    assert "Kept" in html(response)


def test_empty_or_huge_edit_is_refused_and_changes_nothing(member_client, wiki_page):
    assert (
        member_client.post(f"{WIKI}meeting-notes/edit/", {"body": "", "base_revision": 1}).status_code == 400
    )
    huge = member_client.post(f"{WIKI}meeting-notes/edit/", {"body": "x" * 1_100_000, "base_revision": 1})
    assert huge.status_code == 400 and "at most 1 MB" in html(huge)
    assert Revision.objects.filter(page=wiki_page).count() == 1


# --- rename, delete, lock ------------------------------------------------------------------------


def test_rename_through_the_form_and_the_old_address_redirects(member_client, anon_client, wiki_page):
    response = member_client.post(
        f"{WIKI}meeting-notes/rename/", {"title": "Minutes", "parent": "meetings", "move_subpages": "on"}
    )
    assert response["Location"] == f"{WIKI}meetings/minutes/"
    old = anon_client.get(f"{WIKI}meeting-notes/history/?page=1")
    assert old.status_code == 302 and old["Location"] == f"{WIKI}meetings/minutes/history/?page=1"


def test_rename_onto_a_taken_address_is_refused_on_the_form(member_client, wiki_page, make_page):
    make_page("Minutes")
    response = member_client.post(f"{WIKI}meeting-notes/rename/", {"title": "Minutes"})
    assert response.status_code == 400
    assert "There is already a page at the address minutes" in html(response)


def test_moderator_deletes_after_confirming(moderator_client, wiki_page):
    assert "Delete “Meeting notes”?" in html(moderator_client.get(f"{WIKI}meeting-notes/delete/"))
    response = moderator_client.post(f"{WIKI}meeting-notes/delete/")
    assert response["Location"] == f"{WIKI}index/"
    wiki_page.refresh_from_db()
    assert wiki_page.is_deleted


def test_member_cannot_delete(member_client, wiki_page):
    assert member_client.post(f"{WIKI}meeting-notes/delete/").status_code == 403
    wiki_page.refresh_from_db()
    assert not wiki_page.is_deleted


def test_moderator_locks_and_unlocks(moderator_client, member_client, wiki_page):
    moderator_client.post(f"{WIKI}meeting-notes/lock/", {"locked": "1"})
    wiki_page.refresh_from_db()
    assert wiki_page.is_locked
    page = html(member_client.get(f"{WIKI}meeting-notes/"))
    assert "only moderators can edit this page" in page and "Edit this page" not in page
    assert member_client.get(f"{WIKI}meeting-notes/edit/").status_code == 403
    moderator_client.post(f"{WIKI}meeting-notes/lock/", {"locked": "0"})
    wiki_page.refresh_from_db()
    assert not wiki_page.is_locked


def test_member_cannot_lock(member_client, wiki_page):
    assert member_client.post(f"{WIKI}meeting-notes/lock/", {"locked": "1"}).status_code == 403


def test_changes_need_post(moderator_client, wiki_page):
    assert moderator_client.get(f"{WIKI}meeting-notes/lock/").status_code == 405
    assert moderator_client.get(f"{WIKI}meeting-notes/restore/").status_code == 405


def test_forms_need_the_csrf_token(member, wiki_page):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post(f"{WIKI}meeting-notes/edit/", {"body": "x", "base_revision": 1}).status_code == 403
    assert Revision.objects.count() == 1
