import pytest

from sharedwork.tools.wiki.services import wiki_page_delete, wiki_page_rename

pytestmark = pytest.mark.django_db

WIKI = "/c/sbh/wiki/"


def html(response):
    return response.content.decode()


def test_index_shows_pages_as_a_tree(anon_client, make_page):
    make_page("Home", path="home")
    make_page("Charlotte", path="institutes/2013/charlotte")
    make_page("Institutes")
    body = html(anon_client.get(f"{WIKI}index/"))
    assert "3 pages" in body
    institutes = body.index(f'href="{WIKI}institutes/">Institutes')
    folder = body.index('<span class="wiki-tree__folder">2013</span>')
    charlotte = body.index(f'href="{WIKI}institutes/2013/charlotte/">Charlotte')
    assert institutes < folder < charlotte


def test_index_hides_deleted_pages_but_moderators_can_list_them(
    member_client, moderator_client, moderator, make_page
):
    page = make_page("Old plan")
    wiki_page_delete(actor=moderator, page=page)
    assert "Old plan" not in html(member_client.get(f"{WIKI}index/"))
    assert "Deleted pages (1)" in html(moderator_client.get(f"{WIKI}index/"))
    listing = html(moderator_client.get(f"{WIKI}index/?show=deleted"))
    assert "Old plan" in listing and f'action="{WIKI}old-plan/restore/"' in listing
    assert "Old plan" not in html(member_client.get(f"{WIKI}index/?show=deleted"))


def test_recent_changes_lists_revisions_newest_first(anon_client, wiki_page, member, edit_page, make_page):
    edit_page(wiki_page, member, "Changed", summary="Second thoughts")
    make_page("Later page")
    body = html(anon_client.get(f"{WIKI}recent/"))
    assert body.index("Later page") < body.index("Second thoughts")
    assert f'href="{WIKI}meeting-notes/diff/?to=2"' in body


def test_recent_changes_hide_deleted_pages_from_members(
    member_client, moderator_client, moderator, make_page
):
    make_page("Secret draft")
    page = make_page("Other")
    wiki_page_delete(actor=moderator, page=page)
    assert (
        "Other"
        not in html(member_client.get(f"{WIKI}recent/")).split("<main")[1].split("Recent changes</h1>")[1]
    )
    assert "deleted</span>" in html(moderator_client.get(f"{WIKI}recent/"))


def test_wanted_pages_lists_links_to_missing_pages_with_a_create_link(member_client, make_page):
    make_page("Home", "[[Resource library]] [[Meeting notes]]", path="home")
    make_page("Agenda", "[[Resource library]]")
    make_page("Meeting notes")
    body = html(member_client.get(f"{WIKI}wanted/"))
    assert "<strong>Resource library</strong>" in body and "linked from 2 pages" in body
    assert "Meeting notes</strong>" not in body
    assert f'href="{WIKI}new/?path=resource-library&amp;title=Resource%20library"' in body


def test_backlinks_page_lists_every_linking_page_across_renames(anon_client, member, make_page):
    target = make_page("Target")
    make_page("Before", "[[Target]]")
    wiki_page_rename(actor=member, page=target, title="Renamed target")
    make_page("After", "[[Renamed target]]")
    body = html(anon_client.get(f"{WIKI}renamed-target/backlinks/"))
    assert "Before" in body and "After" in body


def test_backlinks_of_a_missing_page(anon_client, make_page):
    make_page("Home", "[[Someday]]", path="home")
    body = html(anon_client.get(f"{WIKI}someday/backlinks/"))
    assert "There is no page at someday yet." in body and f'href="{WIKI}home/"' in body


def test_wiki_nav_marks_the_current_special_page(anon_client, community):
    assert f'<a href="{WIKI}recent/" aria-current="page">' in html(anon_client.get(f"{WIKI}recent/"))


def test_wanted_pages_offer_the_title_the_link_gave(member_client, make_page):
    make_page("Plans", "See [[QA Family Survey]] and [[survey-results/2026]].\n")
    page = member_client.get("/c/sbh/wiki/wanted/").content.decode()
    assert "<strong>QA Family Survey</strong>" in page
    assert "title=QA%20Family%20Survey" in page
    assert "<strong>2026</strong>" in page  # a link written as an address: its last segment
