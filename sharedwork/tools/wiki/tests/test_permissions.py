"""The wiki's rows of the permission matrix: who may do what, in communities of each visibility."""

import pytest
from django.contrib.auth.models import AnonymousUser

from sharedwork.communities.models import Role, Visibility
from sharedwork.communities.permissions import can
from sharedwork.communities.services import community_tool_settings_update
from sharedwork.tests.factories import CommunityFactory, MembershipFactory, UserFactory
from sharedwork.tools.registry import registry
from sharedwork.tools.wiki.services import create_page, wiki_page_delete, wiki_page_lock

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "outsider", "member", "moderator", "owner", "site_admin"]


def people_of(community):
    def member_with(role):
        return MembershipFactory(community=community, role=role).user

    return {
        "anonymous": AnonymousUser(),
        "outsider": UserFactory(),
        "member": member_with(Role.MEMBER),
        "moderator": member_with(Role.MODERATOR),
        "owner": member_with(Role.OWNER),
        "site_admin": UserFactory(is_superuser=True, is_staff=True),
    }


def page_in(community, author, **fields):
    page = create_page(community=community, actor=author, title="Notes", path="notes", body="Text")
    page.community = community
    for key, value in fields.items():
        setattr(page, key, value)
    return page


def allowed(people, action, obj):
    return {name for name in ACTORS if can(people[name], action, obj)}


EVERYONE = set(ACTORS)
MEMBERS_AND_ADMINS = {"member", "moderator", "owner", "site_admin"}
MODERATORS_AND_ADMINS = {"moderator", "owner", "site_admin"}


@pytest.mark.parametrize(
    ("visibility", "readers"),
    [
        (Visibility.PUBLIC, EVERYONE),
        (Visibility.LISTED, MEMBERS_AND_ADMINS),
        (Visibility.HIDDEN, MEMBERS_AND_ADMINS),
    ],
)
def test_reading_follows_the_communitys_visibility(visibility, readers):
    community = CommunityFactory(visibility=visibility)
    people = people_of(community)
    page = page_in(community, people["member"])
    assert allowed(people, "wiki.view", community) == readers
    assert allowed(people, "wiki.view", page) == readers


@pytest.mark.parametrize("visibility", [Visibility.PUBLIC, Visibility.LISTED, Visibility.HIDDEN])
def test_members_edit_and_attach_by_default(visibility):
    community = CommunityFactory(visibility=visibility)
    people = people_of(community)
    page = page_in(community, people["member"])
    assert allowed(people, "wiki.edit", community) == MEMBERS_AND_ADMINS
    assert allowed(people, "wiki.edit", page) == MEMBERS_AND_ADMINS
    assert allowed(people, "wiki.attach", page) == MEMBERS_AND_ADMINS


@pytest.mark.parametrize("action", ["wiki.delete", "wiki.lock", "wiki.view_deleted"])
def test_moderators_delete_lock_and_see_deleted_pages(action):
    community = CommunityFactory()
    people = people_of(community)
    target = page_in(community, people["member"]) if action != "wiki.view_deleted" else community
    assert allowed(people, action, target) == MODERATORS_AND_ADMINS


def test_only_moderators_see_and_restore_a_deleted_page():
    community = CommunityFactory()
    people = people_of(community)
    page = page_in(community, people["member"])
    wiki_page_delete(actor=people["moderator"], page=page)
    assert allowed(people, "wiki.view", page) == MODERATORS_AND_ADMINS
    assert allowed(people, "wiki.restore", page) == MODERATORS_AND_ADMINS
    assert allowed(people, "wiki.edit", page) == set()
    assert allowed(people, "wiki.delete", page) == set()


def test_only_moderators_edit_a_locked_page():
    community = CommunityFactory()
    people = people_of(community)
    page = page_in(community, people["member"])
    wiki_page_lock(actor=people["moderator"], page=page, locked=True)
    assert allowed(people, "wiki.edit", page) == MODERATORS_AND_ADMINS
    assert allowed(people, "wiki.attach", page) == MODERATORS_AND_ADMINS
    assert allowed(people, "wiki.view", page) == EVERYONE


def test_community_can_restrict_editing_to_moderators():
    community = CommunityFactory()
    people = people_of(community)
    page = page_in(community, people["member"])
    community_tool_settings_update(
        actor=people["owner"], community=community, tool=registry.get("wiki"),
        settings={"permissions": {"wiki.edit": "moderator"}},
    )  # fmt: skip
    assert allowed(people, "wiki.edit", community) == MODERATORS_AND_ADMINS
    assert allowed(people, "wiki.edit", page) == MODERATORS_AND_ADMINS
    # Attaching a file changes the page, so it follows the same restriction.
    assert allowed(people, "wiki.attach", page) == MODERATORS_AND_ADMINS
    assert allowed(people, "wiki.view", page) == EVERYONE


def test_editing_is_the_wikis_only_configurable_action():
    wiki = registry.get("wiki")
    assert [name for name, action in wiki.actions.items() if action.configurable] == ["wiki.edit"]


def test_archived_community_wiki_is_read_only_for_everyone():
    community = CommunityFactory(is_archived=True)
    people = people_of(community)
    page = page_in(community, people["member"])
    assert allowed(people, "wiki.view", page) == EVERYONE
    for action in ("wiki.edit", "wiki.attach", "wiki.delete", "wiki.lock"):
        assert allowed(people, action, page) == set(), action


def test_unverified_member_cannot_edit():
    community = CommunityFactory()
    unverified = MembershipFactory(community=community, user=UserFactory(email_verified_at=None)).user
    assert not can(unverified, "wiki.edit", community)


def test_nothing_is_allowed_when_the_wiki_is_turned_off():
    community = CommunityFactory(tools=[])
    people = people_of(community)
    assert allowed(people, "wiki.view", community) == set()
    assert allowed(people, "wiki.edit", community) == set()


def test_uploader_or_moderator_removes_an_attachment(png_upload):
    from sharedwork.tools.wiki.attachments import wiki_attachment_upload

    community = CommunityFactory()
    people = people_of(community)
    page = page_in(community, people["member"])
    attachment = wiki_attachment_upload(actor=people["member"], page=page, upload=png_upload())
    assert allowed(people, "wiki.remove_attachment", attachment) == {"member", *MODERATORS_AND_ADMINS}
    other_member = MembershipFactory(community=community).user
    assert not can(other_member, "wiki.remove_attachment", attachment)


# --- over HTTP: what each person gets ------------------------------------------------------------


@pytest.mark.parametrize(
    ("visibility", "who", "status"),
    [
        (Visibility.PUBLIC, "anonymous", 200),
        (Visibility.PUBLIC, "outsider", 200),
        (Visibility.LISTED, "anonymous", 404),
        (Visibility.LISTED, "outsider", 404),
        (Visibility.LISTED, "member", 200),
        (Visibility.HIDDEN, "anonymous", 404),
        (Visibility.HIDDEN, "outsider", 404),
        (Visibility.HIDDEN, "member", 200),
        (Visibility.HIDDEN, "site_admin", 200),
    ],
)
def test_every_wiki_view_answers_by_visibility(client, visibility, who, status):
    community = CommunityFactory(visibility=visibility, slug="c")
    people = people_of(community)
    page_in(community, people["member"])
    if who != "anonymous":
        client.force_login(people[who])
    for url in [
        "/c/c/wiki/",
        "/c/c/wiki/notes/",
        "/c/c/wiki/notes/history/",
        "/c/c/wiki/notes/revisions/1/",
        "/c/c/wiki/notes/backlinks/",
        "/c/c/wiki/notes/attachments/",
        "/c/c/wiki/index/",
        "/c/c/wiki/recent/",
        "/c/c/wiki/wanted/",
    ]:
        assert client.get(url).status_code == status, url


@pytest.mark.parametrize(("who", "status"), [("outsider", 403), ("member", 200), ("moderator", 200)])
def test_edit_form_is_for_those_who_may_edit(client, who, status):
    community = CommunityFactory(slug="c")
    people = people_of(community)
    page_in(community, people["member"])
    client.force_login(people[who])
    assert client.get("/c/c/wiki/notes/edit/").status_code == status
    assert client.get("/c/c/wiki/new/").status_code == status


def test_anonymous_visitor_is_asked_to_sign_in_before_editing(client):
    community = CommunityFactory(slug="c")
    page_in(community, people_of(community)["member"])
    response = client.get("/c/c/wiki/notes/edit/")
    assert response.status_code == 302 and "/accounts/signin/" in response["Location"]


def test_member_gets_a_clear_refusal_when_editing_is_for_moderators(client):
    community = CommunityFactory(slug="c")
    people = people_of(community)
    page_in(community, people["member"])
    community_tool_settings_update(
        actor=people["owner"], community=community, tool=registry.get("wiki"),
        settings={"permissions": {"wiki.edit": "moderator"}},
    )  # fmt: skip
    client.force_login(people["member"])
    response = client.get("/c/c/wiki/notes/edit/")
    assert response.status_code == 403
    assert "Only moderators can edit this wiki." in response.content.decode()
    page_html = client.get("/c/c/wiki/notes/").content.decode()
    assert "Edit this page" not in page_html


def test_archived_community_shows_no_editing_controls(client):
    community = CommunityFactory(slug="c", is_archived=True)
    people = people_of(community)
    page_in(community, people["member"])
    client.force_login(people["owner"])
    html = client.get("/c/c/wiki/notes/").content.decode()
    assert "Edit this page" not in html and "Rename or move" not in html
    response = client.post("/c/c/wiki/notes/edit/", {"body": "x", "base_revision": 1})
    assert response.status_code == 403
    assert "archived" in response.content.decode()
