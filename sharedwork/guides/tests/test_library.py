"""Guide pages are Markdown files: dropping a file in adds a page, in the order its name gives."""

import pytest

from sharedwork.guides import library


@pytest.fixture
def content(tmp_path, monkeypatch):
    (tmp_path / "users").mkdir()
    (tmp_path / "moderators").mkdir()
    monkeypatch.setattr(library, "CONTENT_DIR", tmp_path)
    return tmp_path


def write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


def test_pages_are_ordered_by_their_number_prefix(content):
    write(content / "users", "20-second.md", "# Second\n\nText.\n")
    write(content / "users", "10-first.md", "# First\n\nText.\n")
    write(content / "users", "no-number.md", "# Last\n\nText.\n")
    assert [p.slug for p in library.pages_of("users")] == ["first", "second", "no-number"]


def test_a_header_sets_title_order_and_summary(content):
    write(content / "users", "10-a.md", "# A\n\nText.\n")
    write(
        content / "users",
        "wiki.md",
        "---\ntitle: Writing in the wiki\norder: 5\nsummary: How pages work.\n---\nBody\n",
    )
    page = library.pages_of("users")[0]
    assert (page.slug, page.title, page.order, page.summary) == (
        "wiki",
        "Writing in the wiki",
        5,
        "How pages work.",
    )


def test_title_comes_from_the_first_heading_and_summary_from_the_first_paragraph(content):
    write(
        content / "users", "10-start.md", "# Getting started\n\nThe **first** [steps](/x/) here.\n\n## More\n"
    )
    page = library.page_of("users", "start")
    assert page.title == "Getting started"
    assert page.summary == "The first steps here."
    assert not page.body.startswith("# Getting started")


def test_table_of_contents_lists_second_and_third_level_headings_with_the_rendered_ids(content):
    write(
        content / "users", "10-a.md", "# A\n\n## One thing\n\n### A detail\n\n#### Too deep\n\n## One thing\n"
    )
    html, toc = library.render_page(library.page_of("users", "a"))
    assert [(h.level, h.text) for h in toc] == [(2, "One thing"), (3, "A detail"), (2, "One thing")]
    for heading in toc:
        assert f'id="{heading.id}"' in html
    assert len({h.id for h in toc}) == 3


def test_pages_render_through_the_sanitizing_markdown(content):
    write(content / "users", "10-a.md", "# A\n\n<script>alert(1)</script> [x](javascript:alert(1))\n")
    html, _ = library.render_page(library.page_of("users", "a"))
    assert "<script>" not in html and 'href="javascript' not in html


def test_changed_files_are_read_again(content):
    path = content / "users" / "10-a.md"
    write(content / "users", "10-a.md", "# Old title\n")
    assert library.page_of("users", "a").title == "Old title"
    path.write_text("# New title\n", encoding="utf-8")
    import os

    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert library.page_of("users", "a").title == "New title"


def test_files_that_are_not_pages_are_ignored(content):
    write(content / "users", "10-a.md", "# A\n")
    write(content / "users", "notes.txt", "not a page")
    write(content / "users", "Bad Name.md", "# Bad\n")
    assert [p.slug for p in library.pages_of("users")] == ["a"]


def test_unknown_guides_have_no_pages(content):
    assert library.pages_of("secrets") == []
    assert library.page_of("users", "nothing") is None


def test_neighbours(content):
    for name in ("10-a.md", "20-b.md", "30-c.md"):
        write(content / "users", name, "# X\n")
    b = library.page_of("users", "b")
    previous, following = library.neighbours("users", b)
    assert (previous.slug, following.slug) == ("a", "c")
    assert library.neighbours("users", library.page_of("users", "a"))[0] is None
    assert library.neighbours("users", library.page_of("users", "c"))[1] is None
