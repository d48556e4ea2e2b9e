"""The guides in a real browser: accessible (axe-core, WCAG 2.x A/AA) and CSP-clean."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_help_index_is_accessible(page, assert_accessible):
    page.goto("/help/")
    assert page.get_by_role("heading", level=1).inner_text() == "Help"
    assert_accessible(page)


def test_guide_page_with_contents_and_pager_is_accessible(page, assert_accessible):
    page.goto("/help/moderators/roles-and-ownership/")
    assert page.get_by_role("heading", level=1).inner_text() == "Roles and ownership"
    page.get_by_role("navigation", name="On this page").get_by_role(
        "link", name="Hand over ownership"
    ).click()
    assert page.url.endswith("#hand-over-ownership")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^Next page\s+Removing and banning$")).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Removing and banning"


def test_guide_contents_page_is_accessible_on_a_narrow_screen(page, assert_accessible):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto("/help/users/")
    assert_accessible(page)
