"""The wiki in a real browser, as two people would use it at the same time, with axe-core on every kind
of wiki page (page, new, edit, preview, conflict, history, revision, diff, revert, rename, delete,
attachments, index, recent changes, wanted pages, missing page)."""

import re

import pytest
from playwright.sync_api import expect

from sharedwork.tools.wiki.models import Attachment, Page

from .conftest import png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIKI = "/c/sbh/wiki/"
TEXT = "Our goals for this year.\n\nWho leads each team.\n\nWhen we meet next.\n"


@pytest.fixture
def second_page(page, live_server):
    """A second person's browser window, with its own cookies."""
    context = page.context.browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    other = context.new_page()
    other.set_default_timeout(10_000)
    other.console_errors = []
    other.on("console", lambda msg: other.console_errors.append(msg.text) if msg.type == "error" else None)
    yield other
    context.close()


@pytest.fixture
def browser_without_js(page, live_server):
    context = page.context.browser.new_context(base_url=live_server.url, java_script_enabled=False)
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    yield pg
    context.close()


@pytest.fixture
def notes(make_page):
    return make_page("Meeting notes", TEXT)


def open_editor(pg):
    pg.goto(f"{WIKI}meeting-notes/edit/")
    return pg.get_by_label("Page text")


def save(pg, summary=""):
    if summary:
        pg.get_by_label("Summary of your change").fill(summary)
    pg.get_by_role("button", name="Save changes").click()
    pg.wait_for_load_state()


def test_two_people_edit_the_same_page_and_their_changes_are_merged(
    page, second_page, sign_in, member, moderator, notes, assert_accessible
):
    sign_in(page, member)
    sign_in(second_page, moderator)
    mine = open_editor(page)
    assert_accessible(page)
    theirs = open_editor(second_page)
    theirs.fill(TEXT.replace("When we meet next.", "We meet next on May 7."))
    save(second_page, "Meeting date")
    mine.fill(TEXT.replace("Our goals for this year.", "Our three goals for this year."))
    save(page, "Goals")
    expect(page.get_by_text("their changes and yours did not overlap, so both are kept")).to_be_visible()
    content = page.locator(".wiki-content")
    expect(content).to_contain_text("Our three goals for this year.")
    expect(content).to_contain_text("We meet next on May 7.")
    assert_accessible(page)


def test_conflicting_edit_keeps_the_persons_text_and_lets_them_save_again(
    page, second_page, sign_in, member, moderator, notes, assert_accessible
):
    sign_in(page, member)
    sign_in(second_page, moderator)
    mine = open_editor(page)
    theirs = open_editor(second_page)
    theirs.fill(TEXT.replace("Who leads each team.", "Denise leads the state team."))
    save(second_page)
    my_text = TEXT.replace("Who leads each team.", "Keisha leads the family team.")
    mine.fill(my_text)
    save(page, "Team leads")
    expect(page.get_by_role("heading", level=1)).to_contain_text("are not saved yet")
    expect(page.get_by_label("Page text")).to_have_value(my_text.rstrip("\n") + "\n")
    expect(page.get_by_label("Summary of your change")).to_have_value("Team leads")
    expect(page.get_by_label(re.compile("Their version"))).to_contain_text("Denise leads the state team.")
    expect(page.locator(".wiki-diff ins")).to_contain_text(["Keisha"])
    assert_accessible(page)
    page.get_by_label("Page text").fill(
        TEXT.replace("Who leads each team.", "Denise leads the state team; Keisha leads the family team.")
    )
    save(page)
    expect(page.get_by_text("Your changes are saved.")).to_be_visible()
    expect(page.locator(".wiki-content")).to_contain_text(
        "Denise leads the state team; Keisha leads the family team."
    )


def test_preview_shows_the_text_without_saving_and_without_leaving_the_form(
    page, sign_in, member, notes, assert_accessible
):
    sign_in(page, member)
    editor = open_editor(page)
    editor.fill("# Agenda\n\nSee [[Resource library]].")
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("#wiki-preview")
    expect(preview.get_by_role("heading", name="Agenda")).to_be_visible()
    assert page.evaluate("window.stillTheSamePage === true")  # htmx swapped the preview in place
    expect(preview.get_by_role("heading", name="Preview")).to_be_focused()
    expect(preview.get_by_role("link", name=re.compile("Resource library"))).to_contain_text(
        "(page does not exist yet)"
    )
    assert page.url.endswith("/meeting-notes/edit/")
    expect(editor).to_have_value("# Agenda\n\nSee [[Resource library]].")
    assert_accessible(page)
    assert Page.objects.get(path="meeting-notes").current_revision.number == 1


def test_preview_round_trips_without_javascript(browser_without_js, sign_in, member, notes):
    pg = browser_without_js
    sign_in(pg, member)
    pg.goto(f"{WIKI}meeting-notes/edit/")
    pg.get_by_label("Page text").fill("**Bold words**")
    pg.get_by_role("button", name="Preview").click()
    pg.wait_for_load_state()
    expect(pg.locator("#wiki-preview .wiki-content strong")).to_have_text("Bold words")
    expect(pg.get_by_label("Page text")).to_have_value("**Bold words**")


def test_history_diff_and_revert(page, sign_in, member, notes, edit_page, assert_accessible):
    edit_page(notes, member, TEXT.replace("this year", "2014"), summary="Year")
    sign_in(page, member)
    page.goto(f"{WIKI}meeting-notes/")
    assert_accessible(page)
    page.get_by_role("link", name="History of this page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("History of “Meeting notes”")
    assert_accessible(page)
    page.get_by_role("button", name="Compare the chosen revisions").click()
    expect(page.locator(".wiki-diff del")).to_have_text(["this year"])
    expect(page.locator(".wiki-diff ins")).to_have_text(["2014"])
    assert_accessible(page)
    page.get_by_role("link", name="View revision 1").click()
    expect(page.get_by_text("This is an old version of the page")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Revert to this revision").click()
    assert_accessible(page)
    page.get_by_label("Why you are reverting").fill("We kept this year")
    page.get_by_role("button", name="Revert to revision 1").click()
    expect(page.get_by_text("Reverted: revision 3 has the text of revision 1.")).to_be_visible()
    expect(page.locator(".wiki-content")).to_contain_text("Our goals for this year.")


def test_rename_leaves_a_working_old_address(page, sign_in, member, notes, make_page, assert_accessible):
    make_page("Home", "See [[Meeting notes]].", path="home")
    sign_in(page, member)
    page.goto(f"{WIKI}meeting-notes/rename/")
    assert_accessible(page)
    page.get_by_label("New title").fill("Minutes")
    page.get_by_label("Inside which page").fill("meetings")
    page.get_by_role("button", name="Rename").click()
    expect(page.get_by_text("The old address meeting-notes now leads here.")).to_be_visible()
    page.goto(f"{WIKI}home/")
    page.get_by_role("link", name="Meeting notes").click()
    page.wait_for_url(re.compile(r"/wiki/meetings/minutes/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Minutes")
    expect(page.get_by_role("complementary").get_by_role("link", name="Home")).to_be_visible()


def test_creating_a_wanted_page_from_its_link(page, sign_in, member, make_page, assert_accessible):
    make_page("Home", "See [[Resource library]].", path="home")
    sign_in(page, member)
    page.goto(f"{WIKI}wanted/")
    assert_accessible(page)
    page.get_by_role("link", name="Create Resource library").click()
    assert_accessible(page)
    page.get_by_label("Page text").fill("Articles members recommend.")
    page.get_by_role("button", name="Create page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Resource library")
    page.goto(f"{WIKI}home/")
    expect(page.get_by_role("link", name="Resource library", exact=True)).to_be_visible()


def test_attachments_upload_embed_and_lists(
    page, sign_in, member, notes, edit_page, assert_accessible, tmp_path
):
    image = tmp_path / "team.png"
    image.write_bytes(png_bytes(size=(40, 20)))
    sign_in(page, member)
    page.goto(f"{WIKI}meeting-notes/attachments/")
    assert_accessible(page)
    page.get_by_label("File to attach").set_input_files(str(image))
    page.get_by_role("button", name="Upload the file").click()
    expect(page.get_by_text("“team.png” is attached to the page.")).to_be_visible()
    assert_accessible(page)
    assert Attachment.objects.get().name == "team.png"
    edit_page(notes, member, TEXT + "\n![The team at the table](attachments/team.png)\n")
    page.goto(f"{WIKI}meeting-notes/")
    image_element = page.get_by_role("img", name="The team at the table")
    expect(image_element).to_be_visible()
    assert image_element.evaluate("img => img.naturalWidth") == 40
    for path in ["index/", "recent/", "wanted/", "no-such-page/", "new/"]:
        page.goto(WIKI + path)
        assert_accessible(page)


def test_moderator_pages_are_accessible(page, sign_in, moderator, notes, assert_accessible):
    sign_in(page, moderator)
    page.goto(f"{WIKI}meeting-notes/")
    page.get_by_role("button", name="Lock this page").click()
    expect(page.get_by_text("only moderators can edit this page")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Delete this page").click()
    assert_accessible(page)
    page.get_by_role("button", name="Delete the page").click()
    page.goto(f"{WIKI}index/?show=deleted")
    assert_accessible(page)
    page.get_by_role("button", name="Restore Meeting notes").click()
    expect(page.get_by_text("The page “Meeting notes” is restored.")).to_be_visible()


def test_wiki_page_works_on_a_small_screen(page, notes, assert_accessible):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{WIKI}meeting-notes/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)


def test_start_backlinks_and_deleted_page_are_accessible(
    page, sign_in, moderator, notes, make_page, assert_accessible
):
    sign_in(page, moderator)
    page.goto(WIKI)
    expect(page.get_by_role("link", name="Write the main page")).to_be_visible()
    assert_accessible(page)
    make_page("Home", "See [[Meeting notes]].", path="home")
    page.goto(f"{WIKI}meeting-notes/backlinks/")
    expect(page.get_by_role("main").get_by_role("link", name="Home", exact=True)).to_be_visible()
    assert_accessible(page)
    page.goto(f"{WIKI}meeting-notes/delete/")
    page.get_by_role("button", name="Delete the page").click()
    page.wait_for_load_state()
    page.goto(f"{WIKI}meeting-notes/")
    assert_accessible(page)


def test_new_page_errors_are_tied_to_their_fields(page, sign_in, member, community, assert_accessible):
    sign_in(page, member)
    page.goto(f"{WIKI}new/")
    page.get_by_role("button", name="Create page").click()
    page.wait_for_load_state()
    expect(page.locator("#error-summary")).to_be_focused()
    title = page.get_by_label("Title")
    assert title.get_attribute("aria-invalid") == "true"
    error_id = page.locator(".field--error .field-errors").first.get_attribute("id")
    assert error_id in title.get_attribute("aria-describedby").split()
    assert_accessible(page)


def test_history_and_diff_fit_a_small_screen(page, member, notes, edit_page, assert_accessible):
    edit_page(notes, member, TEXT.replace("this year", "2014"), summary="Year")
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["meeting-notes/history/", "meeting-notes/diff/"]:
        page.goto(WIKI + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        # Each revision or changed line stays readable: no column squeezed to a letter or two.
        assert page.locator("table td:visible").evaluate_all(
            "cells => cells.every(c => c.getBoundingClientRect().width > 40 || !c.textContent.trim())"
        )
        assert_accessible(page)


def test_refused_edit_page_is_accessible(page, sign_in, outsider, notes, assert_accessible):
    sign_in(page, outsider)
    response = page.goto(f"{WIKI}meeting-notes/edit/")
    assert response.status == 403
    assert page.get_by_role("heading", level=1).count() == 1
    assert_accessible(page)
