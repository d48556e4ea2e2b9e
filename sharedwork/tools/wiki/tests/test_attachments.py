import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sharedwork.activity.models import ActivityEvent
from sharedwork.communities.models import Visibility
from sharedwork.tests.factories import CommunityFactory, MembershipFactory
from sharedwork.tools.wiki.attachments import wiki_attachment_upload
from sharedwork.tools.wiki.models import Attachment
from sharedwork.tools.wiki.services import create_page, wiki_page_delete

from .conftest import png_bytes

pytestmark = pytest.mark.django_db

WIKI = "/c/sbh/wiki/"


def upload(client, path, file):
    return client.post(f"{WIKI}{path}/attachments/", {"file": file})


def test_member_attaches_an_image_and_embeds_it(
    member_client, anon_client, wiki_page, png_upload, edit_page, member
):
    response = upload(member_client, "meeting-notes", png_upload("Team Photo.PNG"))
    assert response.status_code == 302
    stored = Attachment.objects.get()
    assert (stored.name, stored.content_type, stored.uploaded_by) == ("team-photo.png", "image/png", member)
    assert ActivityEvent.objects.filter(verb="wiki.attachment_added", data__file="team-photo.png").exists()
    edit_page(wiki_page, member, "![Our team](attachments/team-photo.png)")
    page = anon_client.get(f"{WIKI}meeting-notes/").content.decode()
    assert f'<img src="{WIKI}meeting-notes/attachments/team-photo.png" alt="Our team">' in page


def test_image_is_served_inline_with_nosniff(anon_client, wiki_page, member, png_upload):
    wiki_attachment_upload(actor=member, page=wiki_page, upload=png_upload())
    response = anon_client.get(f"{WIKI}meeting-notes/attachments/photo.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == png_bytes()


def test_other_files_download_as_attachments(anon_client, wiki_page, member):
    pdf = SimpleUploadedFile("Agenda (final).pdf", b"%PDF-1.4\n%...", content_type="application/pdf")
    wiki_attachment_upload(actor=member, page=wiki_page, upload=pdf)
    response = anon_client.get(f"{WIKI}meeting-notes/attachments/agenda-final.pdf")
    assert response["Content-Disposition"] == 'attachment; filename="agenda-final.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_same_name_twice_gets_a_new_name_instead_of_replacing(wiki_page, member, png_upload):
    wiki_attachment_upload(actor=member, page=wiki_page, upload=png_upload())
    second = wiki_attachment_upload(actor=member, page=wiki_page, upload=png_upload(color="blue"))
    assert second.name == "photo-2.png"


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("run.exe", b"MZ...."), "Files of type .exe cannot be attached"),
        (
            SimpleUploadedFile("page.html", b"<script>alert(1)</script>"),
            "Files of type .html cannot be attached",
        ),
        (
            SimpleUploadedFile("drawing.svg", b"<svg onload=alert(1)>"),
            "Files of type .svg cannot be attached",
        ),
        (SimpleUploadedFile("noextension", b"data"), "Files without a type ending"),
        (SimpleUploadedFile("fake.png", b"<script>alert(1)</script>"), "is not really a PNG image"),
        (SimpleUploadedFile("fake.pdf", b"<html>"), "is not really a PDF document"),
        (SimpleUploadedFile("photo.jpg", png_bytes()), "is not really a JPEG image"),
        (SimpleUploadedFile("empty.txt", b""), "The submitted file is empty"),
    ],
)
def test_forbidden_or_disguised_files_are_refused_and_nothing_is_stored(
    member_client, wiki_page, file, message
):
    response = upload(member_client, "meeting-notes", file)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&quot;", '"')
    assert not Attachment.objects.exists()


def test_upload_over_the_size_limit_is_refused(member_client, wiki_page, settings, png_upload):
    settings.WIKI_ATTACHMENT_MAX_BYTES = 10
    response = upload(member_client, "meeting-notes", png_upload())
    assert response.status_code == 400
    assert "a file can be at most 10 bytes" in response.content.decode()
    assert not Attachment.objects.exists()


def test_outsider_cannot_attach(outsider_client, wiki_page, png_upload):
    assert upload(outsider_client, "meeting-notes", png_upload()).status_code == 403
    assert not Attachment.objects.exists()


def test_attachments_of_a_hidden_community_are_not_reachable_by_outsiders(client, outsider, png_upload):
    hidden = CommunityFactory(slug="hidden", visibility=Visibility.HIDDEN)
    member = MembershipFactory(community=hidden).user
    page = create_page(community=hidden, actor=member, title="Plans", path="plans", body="x")
    page.community = hidden
    wiki_attachment_upload(actor=member, page=page, upload=png_upload())
    url = "/c/hidden/wiki/plans/attachments/photo.png"
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 200


def test_attachments_of_a_deleted_page_are_for_moderators_only(
    member_client, moderator_client, moderator, member, wiki_page, png_upload
):
    wiki_attachment_upload(actor=member, page=wiki_page, upload=png_upload())
    wiki_page_delete(actor=moderator, page=wiki_page)
    assert member_client.get(f"{WIKI}meeting-notes/attachments/photo.png").status_code == 404
    assert moderator_client.get(f"{WIKI}meeting-notes/attachments/photo.png").status_code == 200


def test_unknown_attachment_is_not_found(anon_client, wiki_page):
    assert anon_client.get(f"{WIKI}meeting-notes/attachments/nothing.png").status_code == 404


def test_uploader_removes_their_file_and_it_leaves_storage(
    member_client, member, wiki_page, png_upload, django_capture_on_commit_callbacks
):
    stored = wiki_attachment_upload(actor=member, page=wiki_page, upload=png_upload())
    location = stored.file.path
    assert os.path.exists(location)
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(f"{WIKI}meeting-notes/attachments/photo.png/remove/")
    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert not os.path.exists(location)
    assert ActivityEvent.objects.filter(verb="wiki.attachment_removed").exists()


def test_another_member_cannot_remove_someone_elses_file(client, community, member, wiki_page, png_upload):
    wiki_attachment_upload(actor=member, page=wiki_page, upload=png_upload())
    client.force_login(MembershipFactory(community=community).user)
    assert client.post(f"{WIKI}meeting-notes/attachments/photo.png/remove/").status_code == 403
    assert Attachment.objects.count() == 1


def test_attachments_page_shows_how_to_embed_each_file(member_client, member, wiki_page, png_upload):
    wiki_attachment_upload(actor=member, page=wiki_page, upload=png_upload())
    body = member_client.get(f"{WIKI}meeting-notes/attachments/").content.decode()
    assert "![describe the picture](attachments/photo.png)" in body
    assert 'accept=".png,' in body


def test_a_file_at_its_pages_old_or_capitalised_address_redirects_to_where_it_is_now(
    anon_client, wiki_page, member, png_upload
):
    from sharedwork.tools.wiki.services import wiki_page_rename

    wiki_attachment_upload(actor=member, page=wiki_page, upload=png_upload("photo.png"))
    capitalised = anon_client.get(f"{WIKI}Meeting-Notes/attachments/photo.png")
    assert capitalised.status_code == 302
    assert capitalised["Location"] == f"{WIKI}meeting-notes/attachments/photo.png"
    wiki_page_rename(actor=member, page=wiki_page, title="Minutes")
    moved = anon_client.get(f"{WIKI}meeting-notes/attachments/photo.png")
    assert moved.status_code == 302
    assert moved["Location"] == f"{WIKI}minutes/attachments/photo.png"
    assert anon_client.get(moved["Location"]).status_code == 200
