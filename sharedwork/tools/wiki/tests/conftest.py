"""Fixtures of the wiki's tests: pages written through the real services."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sharedwork.tools.wiki.services import create_page, wiki_page_save


@pytest.fixture
def make_page(community, member):
    """``make_page("Title", "body", path=None, community=None, author=None)``: a page with one revision."""

    def make(
        title="Meeting notes",
        body="Notes of our meeting.\n",
        *,
        path=None,
        community=community,
        author=member,
    ):
        from sharedwork.tools.wiki.paths import path_for

        page = create_page(
            community=community,
            actor=author,
            title=title,
            path=path or path_for(title),
            body=body,
            summary="",
        )
        page.community = community
        return page

    return make


@pytest.fixture
def wiki_page(make_page):
    return make_page("Meeting notes", "Line one\n\nLine two\n\nLine three\n")


@pytest.fixture
def edit_page():
    """``edit_page(page, user, body, summary="")``: save a new revision based on the current one."""

    def edit(page, user, body, summary=""):
        return wiki_page_save(
            actor=user, page=page, body=body, summary=summary, base_number=page.current_revision.number
        )

    return edit


def png_bytes(size=(4, 4), color="red", image_format="PNG") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=image_format)
    return buffer.getvalue()


@pytest.fixture
def png_upload():
    def make(name="photo.png", **kwargs):
        return SimpleUploadedFile(name, png_bytes(**kwargs), content_type="image/png")

    return make
