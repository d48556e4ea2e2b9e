import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sharedwork.activity.models import ActivityEvent
from sharedwork.tools.wiki.models import Page, Redirect, Revision, RevisionKind, WikiLink
from sharedwork.tools.wiki.selectors import backlinks_to, existing_paths, wanted_pages
from sharedwork.tools.wiki.services import (
    MAX_BODY_BYTES,
    EditConflict,
    wiki_page_create,
    wiki_page_delete,
    wiki_page_lock,
    wiki_page_rename,
    wiki_page_restore,
    wiki_page_revert,
    wiki_page_save,
)

pytestmark = pytest.mark.django_db


def numbers(page):
    return list(Revision.objects.filter(page=page).order_by("number").values_list("number", flat=True))


def nothing_changed_since(page, count):
    page.refresh_from_db()
    return Revision.objects.filter(page=page).count() == count


# --- create --------------------------------------------------------------------------------------


def test_member_creates_a_page_with_its_first_revision(member, community):
    page = wiki_page_create(
        actor=member, community=community, title="Meeting notes", body="Hello", summary="first"
    )
    assert page.path == "meeting-notes"
    revision = page.current_revision
    assert (revision.number, revision.kind, revision.author, revision.summary) == (
        1,
        "created",
        member,
        "first",
    )
    assert revision.body == "Hello\n"
    assert revision.size == 6 and revision.size_change == 6
    assert ActivityEvent.objects.filter(verb="wiki.page_created", target_id=str(page.pk)).count() == 1


def test_page_inside_another_page_gets_a_nested_address(member, community):
    page = wiki_page_create(
        actor=member, community=community, title="Charlotte", body="x", parent_path="institutes/2013"
    )
    assert page.path == "institutes/2013/charlotte"


def test_page_created_from_a_link_keeps_the_links_address(member, community):
    page = wiki_page_create(
        actor=member, community=community, title="Charlotte, NC", body="x", path="charlotte"
    )
    assert (page.path, page.title) == ("charlotte", "Charlotte, NC")


def test_title_that_collides_with_an_existing_page_is_refused(member, community, wiki_page):
    with pytest.raises(ValidationError) as error:
        wiki_page_create(actor=member, community=community, title="Meeting  Notes", body="other")
    assert "There is already a page at the address meeting-notes" in str(error.value)
    assert Page.objects.filter(community=community).count() == 1


def test_address_of_a_deleted_page_stays_taken_so_it_can_be_restored(member, moderator, community, wiki_page):
    wiki_page_delete(actor=moderator, page=wiki_page)
    with pytest.raises(ValidationError, match="A deleted page used the address"):
        wiki_page_create(actor=member, community=community, title="Meeting notes", body="x")


def test_same_title_in_another_community_is_fine(member, community, wiki_page):
    from sharedwork.tests.factories import CommunityFactory, MembershipFactory

    other = CommunityFactory()
    MembershipFactory(community=other, user=member)
    assert (
        wiki_page_create(actor=member, community=other, title="Meeting notes", body="x").path
        == "meeting-notes"
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "", "body": "x"}, "Give the page a title"),
        ({"title": "x" * 201, "body": "x"}, "The title is too long"),
        ({"title": "History", "body": "x"}, "a word the wiki uses for its own pages"),
        ({"title": "!!!", "body": "x"}, "at least one letter or number"),
        ({"title": "Notes", "body": "   \n  "}, "Write something on the page"),
        ({"title": "Notes", "body": "x" * (MAX_BODY_BYTES + 1)}, "A page can hold at most 1 MB"),
        ({"title": "Notes", "body": "x", "parent_path": "bad parent!"}, "cannot be part of an address"),
        ({"title": "Notes", "body": "x", "summary": "s" * 301}, "The summary is too long"),
    ],
)
def test_bad_input_for_a_new_page_is_refused_and_nothing_is_saved(member, community, fields, message):
    with pytest.raises(ValidationError) as error:
        wiki_page_create(actor=member, community=community, **fields)
    assert message in str(error.value)
    assert not Page.objects.exists() and not Revision.objects.exists()


def test_multibyte_text_counts_towards_the_limit_in_bytes(member, community):
    with pytest.raises(ValidationError, match="1 MB"):
        wiki_page_create(
            actor=member, community=community, title="Notes", body="é" * (MAX_BODY_BYTES // 2 + 1)
        )


def test_creating_a_page_where_a_page_used_to_live_replaces_the_redirect(member, community, wiki_page):
    wiki_page_rename(actor=member, page=wiki_page, title="Minutes")
    fresh = wiki_page_create(actor=member, community=community, title="Meeting notes", body="new")
    assert fresh.path == "meeting-notes"
    assert not Redirect.objects.filter(old_path="meeting-notes").exists()


def test_outsider_cannot_create_a_page(outsider, community):
    with pytest.raises(PermissionDenied, match="Only members"):
        wiki_page_create(actor=outsider, community=community, title="Notes", body="x")


# --- save, merge, conflict -----------------------------------------------------------------------


def test_save_adds_the_next_revision_with_author_summary_and_size_change(member, moderator, wiki_page):
    outcome = wiki_page_save(
        actor=moderator, page=wiki_page, body="Short\n", summary="Trimmed", base_number=1
    )
    revision = outcome.revision
    assert (revision.number, revision.author, revision.summary, revision.kind) == (
        2,
        moderator,
        "Trimmed",
        "edited",
    )
    assert revision.size_change == 6 - len("Line one\n\nLine two\n\nLine three\n")
    assert wiki_page.current_revision == revision
    assert numbers(wiki_page) == [1, 2]


def test_edit_event_carries_the_summary(member, wiki_page, edit_page):
    edit_page(wiki_page, member, "New text", summary="Added the dates")
    event = ActivityEvent.objects.get(verb="wiki.page_edited")
    assert event.data["summary"] == "Added the dates"
    assert event.data["summary_note"] == ": “Added the dates”"


def test_saving_the_same_text_makes_no_revision(member, wiki_page):
    outcome = wiki_page_save(
        actor=member, page=wiki_page, body="Line one\r\n\r\nLine two\r\n\r\nLine three", base_number=1
    )
    assert outcome.revision is None
    assert numbers(wiki_page) == [1]


def test_non_overlapping_edits_from_the_same_base_are_merged(member, moderator, wiki_page):
    wiki_page_save(
        actor=moderator, page=wiki_page, body="Line one, theirs\n\nLine two\n\nLine three\n", base_number=1
    )
    outcome = wiki_page_save(
        actor=member, page=wiki_page, body="Line one\n\nLine two\n\nLine three, mine\n", base_number=1
    )
    assert outcome.merged
    assert outcome.revision.kind == RevisionKind.MERGED
    assert wiki_page.current_revision.body == "Line one, theirs\n\nLine two\n\nLine three, mine\n"
    assert numbers(wiki_page) == [1, 2, 3]


def test_overlapping_edits_raise_a_conflict_and_save_nothing(member, moderator, wiki_page):
    wiki_page_save(
        actor=moderator, page=wiki_page, body="Line one, theirs\n\nLine two\n\nLine three\n", base_number=1
    )
    with pytest.raises(EditConflict) as conflict:
        wiki_page_save(
            actor=member,
            page=wiki_page,
            body="Line one, mine\n\nLine two\n\nLine three\n",
            summary="s",
            base_number=1,
        )
    assert conflict.value.mine == "Line one, mine\n\nLine two\n\nLine three\n"
    assert conflict.value.current.number == 2 and conflict.value.base.number == 1
    assert conflict.value.summary == "s"
    assert nothing_changed_since(wiki_page, 2)


def test_merged_edits_that_together_pass_the_size_limit_are_refused_and_save_nothing(
    member, moderator, wiki_page
):
    half = "x" * (MAX_BODY_BYTES // 2 + 10)
    wiki_page_save(
        actor=moderator, page=wiki_page, body=f"Line one {half}\n\nLine two\n\nLine three\n", base_number=1
    )
    with pytest.raises(ValidationError, match="1 MB"):
        wiki_page_save(
            actor=member, page=wiki_page, body=f"Line one\n\nLine two\n\nLine three {half}\n", base_number=1
        )
    assert nothing_changed_since(wiki_page, 2)


def test_a_rename_in_between_does_not_need_a_merge(member, moderator, wiki_page):
    wiki_page_rename(actor=moderator, page=wiki_page, title="Minutes")
    outcome = wiki_page_save(actor=member, page=wiki_page, body="All new\n", base_number=1)
    assert not outcome.merged and outcome.revision.body == "All new\n"


def test_save_to_a_page_deleted_meanwhile_is_refused_with_the_text_kept_by_the_caller(
    member, moderator, wiki_page
):
    stale = Page.objects.get(pk=wiki_page.pk)
    stale.community = wiki_page.community
    wiki_page_delete(actor=moderator, page=wiki_page)
    with pytest.raises(ValidationError, match="deleted while you were working"):
        wiki_page_save(actor=moderator, page=stale, body="My text", base_number=1)
    assert numbers(wiki_page) == [1]


def test_save_based_on_a_revision_that_does_not_exist_is_refused(member, wiki_page, edit_page):
    edit_page(wiki_page, member, "Two")
    with pytest.raises(ValidationError, match="not part of this page's history"):
        wiki_page_save(actor=member, page=wiki_page, body="Three", base_number=9)
    assert numbers(wiki_page) == [1, 2]


def test_member_cannot_edit_locked_page(member, moderator, wiki_page):
    wiki_page_lock(actor=moderator, page=wiki_page, locked=True)
    with pytest.raises(PermissionDenied, match="locked"):
        wiki_page_save(actor=member, page=wiki_page, body="x", base_number=1)


def test_page_locked_while_a_member_was_typing_refuses_the_save(member, moderator, wiki_page):
    stale = Page.objects.get(pk=wiki_page.pk)
    stale.community = wiki_page.community
    wiki_page_lock(actor=moderator, page=wiki_page, locked=True)
    with pytest.raises(PermissionDenied, match="locked"):
        wiki_page_save(actor=member, page=stale, body="x", base_number=1)
    assert numbers(wiki_page) == [1]


def test_moderator_edits_locked_page(moderator, wiki_page):
    wiki_page_lock(actor=moderator, page=wiki_page, locked=True)
    assert wiki_page_save(actor=moderator, page=wiki_page, body="x", base_number=1).revision.number == 2


# --- revisions are history -----------------------------------------------------------------------


def test_revisions_cannot_be_edited_in_place(wiki_page):
    revision = wiki_page.current_revision
    revision.body = "rewritten"
    with pytest.raises(ValueError, match="never edited"):
        revision.save()
    with pytest.raises(ValueError, match="never edited"):
        Revision.objects.filter(pk=revision.pk).update(body="rewritten")


def test_revisions_cannot_be_deleted(wiki_page):
    with pytest.raises(ValueError, match="never deleted"):
        wiki_page.current_revision.delete()


def test_revision_numbers_are_unique_per_page(wiki_page):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Revision.objects.create(
            page=wiki_page, community=wiki_page.community, number=1, title="t", body="b", size=1
        )


# --- revert --------------------------------------------------------------------------------------


def test_revert_makes_a_new_revision_with_the_old_text_that_says_so(member, wiki_page, edit_page):
    edit_page(wiki_page, member, "Vandalised")
    first = Revision.objects.get(page=wiki_page, number=1)
    new = wiki_page_revert(actor=member, page=wiki_page, revision=first, summary="undo")
    assert (new.number, new.kind, new.reverted_to) == (3, "reverted", 1)
    assert new.summary == "Reverted to revision 1: undo"
    assert new.body == first.body
    assert ActivityEvent.objects.filter(verb="wiki.page_reverted", data__reverted_to=1).exists()


def test_revert_to_a_revision_of_another_page_is_refused(member, wiki_page, make_page, edit_page):
    other = make_page("Other page", "Other text")
    edit_page(wiki_page, member, "Changed")
    with pytest.raises(ValidationError, match="belongs to another page"):
        wiki_page_revert(actor=member, page=wiki_page, revision=other.current_revision)
    assert numbers(wiki_page) == [1, 2]


def test_revert_to_the_current_revision_changes_nothing(member, wiki_page):
    with pytest.raises(ValidationError, match="current version already"):
        wiki_page_revert(actor=member, page=wiki_page, revision=wiki_page.current_revision)
    assert numbers(wiki_page) == [1]


# --- rename --------------------------------------------------------------------------------------


def test_rename_moves_the_page_and_leaves_a_redirect(member, wiki_page):
    wiki_page_rename(actor=member, page=wiki_page, title="Minutes", summary="clearer")
    wiki_page.refresh_from_db()
    assert (wiki_page.path, wiki_page.title) == ("minutes", "Minutes")
    assert Redirect.objects.get(old_path="meeting-notes").page == wiki_page
    revision = wiki_page.current_revision
    assert revision.kind == "renamed" and revision.number == 2
    assert revision.summary == "Renamed from “Meeting notes” (address meeting-notes): clearer"
    event = ActivityEvent.objects.get(verb="wiki.page_renamed")
    assert event.data["old_title"] == "Meeting notes"


def test_rename_moves_the_pages_inside_along_with_redirects(member, make_page):
    parent = make_page("Institutes")
    child = make_page("2013", path="institutes/2013")
    grandchild = make_page("Charlotte", path="institutes/2013/charlotte")
    wiki_page_rename(actor=member, page=parent, title="Events")
    child.refresh_from_db()
    grandchild.refresh_from_db()
    assert (child.path, grandchild.path) == ("events/2013", "events/2013/charlotte")
    assert Redirect.objects.get(old_path="institutes/2013/charlotte").page == grandchild


def test_rename_can_leave_the_pages_inside_where_they_are(member, make_page):
    parent = make_page("Institutes")
    child = make_page("2013", path="institutes/2013")
    wiki_page_rename(actor=member, page=parent, title="Events", move_subpages=False)
    child.refresh_from_db()
    assert child.path == "institutes/2013"


def test_rename_onto_an_existing_page_is_refused_and_nothing_moves(member, wiki_page, make_page):
    make_page("Minutes")
    with pytest.raises(ValidationError, match="There is already a page at the address minutes"):
        wiki_page_rename(actor=member, page=wiki_page, title="Minutes")
    wiki_page.refresh_from_db()
    assert wiki_page.path == "meeting-notes" and not Redirect.objects.exists()


def test_rename_whose_subpage_would_collide_is_refused(member, make_page):
    parent = make_page("Institutes")
    make_page("2013", path="institutes/2013")
    make_page("2013", path="events/2013")
    with pytest.raises(ValidationError, match="events/2013"):
        wiki_page_rename(actor=member, page=parent, title="Events")
    assert Page.objects.filter(path__startswith="institutes").count() == 2


def test_page_cannot_move_inside_itself(member, wiki_page):
    with pytest.raises(ValidationError, match="inside itself"):
        wiki_page_rename(actor=member, page=wiki_page, title="Sub", parent_path="meeting-notes")


def test_renaming_back_takes_the_old_address_from_the_redirect(member, wiki_page):
    wiki_page_rename(actor=member, page=wiki_page, title="Minutes")
    wiki_page_rename(actor=member, page=wiki_page, title="Meeting notes")
    wiki_page.refresh_from_db()
    assert wiki_page.path == "meeting-notes"
    assert list(Redirect.objects.values_list("old_path", flat=True)) == ["minutes"]


def test_rename_to_the_same_title_changes_nothing(member, wiki_page):
    with pytest.raises(ValidationError, match="same as now"):
        wiki_page_rename(actor=member, page=wiki_page, title="Meeting notes")


def test_changing_only_the_capitals_of_the_title_keeps_the_address(member, wiki_page):
    wiki_page_rename(actor=member, page=wiki_page, title="Meeting Notes")
    wiki_page.refresh_from_db()
    assert (wiki_page.path, wiki_page.title) == ("meeting-notes", "Meeting Notes")
    assert not Redirect.objects.exists()


# --- links and backlinks -------------------------------------------------------------------------


def test_saving_a_page_records_its_links(member, make_page, edit_page):
    page = make_page("Home", "[[A]] and [[B]]")
    assert set(WikiLink.objects.filter(source=page).values_list("target_path", flat=True)) == {"a", "b"}
    edit_page(page, member, "[[B]] and [[C]]")
    assert set(WikiLink.objects.filter(source=page).values_list("target_path", flat=True)) == {"b", "c"}


def test_backlinks_follow_a_renamed_page(member, community, make_page):
    target = make_page("Target")
    source = make_page("Source", "See [[Target]]")
    wiki_page_rename(actor=member, page=target, title="New target")
    assert list(backlinks_to(community, page=target)) == [source]
    assert existing_paths(community, ["target"]) == {"target"}


def test_deleted_pages_do_not_count_as_linking_or_existing(moderator, community, make_page):
    target = make_page("Target")
    source = make_page("Source", "See [[Target]] and [[Missing]]")
    wiki_page_delete(actor=moderator, page=source)
    assert list(backlinks_to(community, page=target)) == []
    assert list(wanted_pages(moderator, community)) == []
    wiki_page_restore(actor=moderator, page=source)
    wiki_page_delete(actor=moderator, page=target)
    assert existing_paths(community, ["target"]) == set()


def test_wanted_pages_lists_missing_targets_most_linked_first(member, community, make_page):
    make_page("One", "[[Missing A]] [[Missing B]]")
    make_page("Two", "[[Missing B]] [[One]]")
    rows = list(wanted_pages(member, community))
    assert [(r["target_path"], r["link_count"]) for r in rows] == [("missing-b", 2), ("missing-a", 1)]


# --- delete, restore, lock -----------------------------------------------------------------------


def test_moderator_deletes_and_restores_a_page_keeping_its_history(moderator, wiki_page, edit_page):
    edit_page(wiki_page, moderator, "Two")
    wiki_page_delete(actor=moderator, page=wiki_page)
    wiki_page.refresh_from_db()
    assert wiki_page.is_deleted and wiki_page.deleted_by == moderator
    assert numbers(wiki_page) == [1, 2]
    wiki_page_restore(actor=moderator, page=wiki_page)
    wiki_page.refresh_from_db()
    assert not wiki_page.is_deleted
    verbs = list(
        ActivityEvent.objects.filter(verb__in=["wiki.page_deleted", "wiki.page_restored"]).values_list(
            "verb", flat=True
        )
    )
    assert sorted(verbs) == ["wiki.page_deleted", "wiki.page_restored"]


def test_member_cannot_delete_restore_or_lock(member, moderator, wiki_page):
    with pytest.raises(PermissionDenied):
        wiki_page_delete(actor=member, page=wiki_page)
    with pytest.raises(PermissionDenied):
        wiki_page_lock(actor=member, page=wiki_page, locked=True)
    wiki_page_delete(actor=moderator, page=wiki_page)
    with pytest.raises(PermissionDenied):
        wiki_page_restore(actor=member, page=wiki_page)


def test_nobody_edits_a_deleted_page(moderator, wiki_page):
    wiki_page_delete(actor=moderator, page=wiki_page)
    with pytest.raises(PermissionDenied):
        wiki_page_save(actor=moderator, page=wiki_page, body="x", base_number=1)


def test_locking_twice_says_so(moderator, wiki_page):
    wiki_page_lock(actor=moderator, page=wiki_page, locked=True)
    with pytest.raises(ValidationError, match="locked already"):
        wiki_page_lock(actor=moderator, page=wiki_page, locked=True)
    assert ActivityEvent.objects.filter(verb="wiki.page_locked").count() == 1


def test_rename_onto_an_address_taken_after_the_check_is_refused_and_changes_nothing(
    member, wiki_page, make_page, monkeypatch
):
    make_page("Minutes", "Someone else's page\n")
    # The other page appears between the check and the move: skip the check to stand for the race.
    monkeypatch.setattr("sharedwork.tools.wiki.services.check_path_free", lambda *args, **kwargs: None)
    revisions = Revision.objects.filter(page=wiki_page).count()
    with pytest.raises(ValidationError, match="Someone has just created a page at the address minutes"):
        wiki_page_rename(actor=member, page=wiki_page, title="Minutes")
    wiki_page.refresh_from_db()
    assert wiki_page.path == "meeting-notes"
    assert Revision.objects.filter(page=wiki_page).count() == revisions
    assert not Redirect.objects.filter(old_path="meeting-notes").exists()


def test_a_link_left_unresolved_by_a_race_is_resolved_by_the_next_save(member, make_page, edit_page):
    """On PostgreSQL, a page created while another transaction inserts a link to its address cannot see
    that link to point it at itself; the linking page's next save must put it right."""
    source = make_page("Plans", "See [[Budget]].\n")
    budget = make_page("Budget", "Numbers\n")
    WikiLink.objects.filter(source=source).update(target_page=None)  # as the race leaves it
    edit_page(source, member, "See [[Budget]] again.\n")
    assert WikiLink.objects.get(source=source).target_page == budget
    assert list(backlinks_to(budget.community, page=budget)) == [source]
