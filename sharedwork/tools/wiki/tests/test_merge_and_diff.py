import re

from sharedwork.tools.wiki.diff import diff_lines, is_empty
from sharedwork.tools.wiki.merge import three_way_merge

BASE = "Intro\n\nMiddle\n\nEnd\n"


def test_changes_to_different_lines_merge():
    mine = "Intro, mine\n\nMiddle\n\nEnd\n"
    theirs = "Intro\n\nMiddle\n\nEnd, theirs\n"
    assert three_way_merge(BASE, mine, theirs) == "Intro, mine\n\nMiddle\n\nEnd, theirs\n"


def test_changes_to_the_same_line_conflict():
    assert three_way_merge(BASE, "Intro A\n\nMiddle\n\nEnd\n", "Intro B\n\nMiddle\n\nEnd\n") is None


def test_identical_changes_merge_into_one():
    same = "Intro\n\nMiddle changed\n\nEnd\n"
    assert three_way_merge(BASE, same, same) == same


def test_a_last_line_without_newline_merges_like_any_other():
    assert three_way_merge("a\n\nb", "a2\n\nb", "a\n\nb2") == "a2\n\nb2\n"


def test_changes_to_neighbouring_lines_are_a_conflict_rather_than_a_guess():
    assert three_way_merge("a\nb\n", "a2\nb\n", "a\nb2\n") is None


def test_diff_marks_a_changed_word_inside_a_line():
    rows = diff_lines("The meeting is on Monday\n", "The meeting is on Tuesday\n")
    assert [row.kind for row in rows] == ["changed"]
    assert str(rows[0].html) == "The meeting is on <del>Monday</del><ins>Tuesday</ins>"


def test_diff_marks_added_and_removed_lines_in_words():
    rows = diff_lines("one\ntwo\n", "one\nthree\nfour\n")
    assert [(row.kind, row.label) for row in rows] == [
        ("same", "Unchanged"),
        ("changed", "Changed"),
        ("added", "Added"),
    ]
    removed = diff_lines("one\ntwo\n", "one\n")
    assert removed[-1].kind == "removed" and str(removed[-1].html) == "<del>two</del>"


def test_diff_escapes_the_text():
    rows = diff_lines("<b>x</b>\n", "<script>alert(1)</script>\n")
    html = "".join(str(row.html) for row in rows)
    assert re.search(r"<(?!/?(ins|del)>)", html) is None
    assert "&lt;" in html


def test_long_unchanged_stretches_are_folded():
    old = "\n".join(f"line {n}" for n in range(40))
    new = old.replace("line 20", "line twenty")
    rows = diff_lines(old, new)
    assert any(row.kind == "gap" for row in rows)
    assert len(rows) < 15


def test_identical_texts_have_an_empty_diff():
    assert is_empty(diff_lines("a\nb\n", "a\nb\n"))
