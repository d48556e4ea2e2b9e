"""``/c/<slug>/manage/log/`` (the membership log, for moderators) and ``/communities/pending/`` (site
admins approve communities people asked for)."""

import pytest
from django.core import mail
from django.utils import timezone

from sharedwork.activity.models import ActivityEvent
from sharedwork.communities.models import Community
from sharedwork.tests.factories import CommunityFactory, UserFactory

LOG = "/c/sbh/manage/log/"
PENDING = "/communities/pending/"


def test_log_says_who_did_what_to_whom_and_when(moderator_client, community, moderator, member):
    ActivityEvent.objects.create(
        community=community, actor=moderator, subject=member, verb="member.banned",
        data={"reason": "Posted spam"}, created_at=timezone.now(),
    )  # fmt: skip
    content = moderator_client.get(LOG).content.decode()
    assert moderator.display_name in content
    assert member.display_name in content
    assert "banned" in content
    assert "Reason: Posted spam" in content
    assert "<time datetime=" in content


def test_log_shows_only_membership_changes_of_this_community(moderator_client, community, moderator):
    ActivityEvent.objects.create(
        community=community, actor=moderator, verb="community.settings_changed", created_at=timezone.now()
    )
    other = CommunityFactory(name="Elsewhere")
    ActivityEvent.objects.create(
        community=other,
        actor=UserFactory(display_name="Olga Other"),
        verb="member.joined",
        created_at=timezone.now(),
    )
    content = moderator_client.get(LOG).content.decode()
    assert "changed the settings" not in content
    assert "Olga Other" not in content
    assert "Nothing has been recorded yet." in content


def test_log_is_paginated(moderator_client, community, member):
    ActivityEvent.objects.bulk_create(
        ActivityEvent(community=community, actor=member, verb="member.joined", created_at=timezone.now())
        for _ in range(51)
    )
    assert "Page 1 of 2" in moderator_client.get(LOG).content.decode()
    assert moderator_client.get(LOG, {"page": 2}).status_code == 200


@pytest.mark.parametrize("who", ["owner_client", "admin_client_"])
def test_owners_and_site_admins_read_the_log(request, community, who):
    assert request.getfixturevalue(who).get(LOG).status_code == 200


@pytest.mark.parametrize("who", ["member_client", "outsider_client", "anon_client"])
def test_log_answers_404_to_everyone_else(request, community, who):
    assert request.getfixturevalue(who).get(LOG).status_code == 404


# --- communities waiting for approval -------------------------------------------------------------


@pytest.fixture
def waiting(db):
    asker = UserFactory(display_name="Ada Asker")
    return CommunityFactory(name="Kentucky Family Network", is_approved=False, created_by=asker)


def test_site_admin_sees_communities_waiting_for_approval(admin_client_, waiting):
    content = admin_client_.get(PENDING).content.decode()
    assert "Kentucky Family Network" in content
    assert "Ada Asker" in content


def test_site_admin_approves_a_community(admin_client_, waiting):
    response = admin_client_.post(PENDING, {"community": waiting.pk})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.is_approved is True
    assert ActivityEvent.objects.filter(verb="community.approved", community=waiting).exists()


def test_the_person_who_asked_is_emailed_when_their_community_is_approved(
    admin_client_, waiting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admin_client_.post(PENDING, {"community": waiting.pk})
    assert [m.to for m in mail.outbox] == [[waiting.created_by.email]]
    assert "Kentucky Family Network is approved" in mail.outbox[0].subject
    assert f"/c/{waiting.slug}/" in mail.outbox[0].body


def test_approving_a_community_that_is_already_approved_answers_404(admin_client_, community):
    assert admin_client_.post(PENDING, {"community": community.pk}).status_code == 404


def test_approving_nothing_answers_404(admin_client_, waiting):
    assert admin_client_.post(PENDING, {"community": "first"}).status_code == 404
    waiting.refresh_from_db()
    assert waiting.is_approved is False


def test_no_community_waiting_says_so(admin_client_, db):
    assert "No community is waiting for approval." in admin_client_.get(PENDING).content.decode()


@pytest.mark.parametrize(
    "who", ["owner_client", "moderator_client", "member_client", "outsider_client", "anon_client"]
)
def test_pending_page_answers_404_to_everyone_but_site_admins(request, waiting, who):
    client = request.getfixturevalue(who)
    assert client.get(PENDING).status_code == 404
    assert client.post(PENDING, {"community": waiting.pk}).status_code == 404
    assert Community.objects.get(pk=waiting.pk).is_approved is False


def test_the_person_who_asked_cannot_approve_their_own_community(client_for, waiting):
    client = client_for(waiting.created_by)
    assert client.post(PENDING, {"community": waiting.pk}).status_code == 404
    waiting.refresh_from_db()
    assert waiting.is_approved is False


def test_site_admin_declines_with_a_message_and_nothing_is_deleted(
    admin_client_, waiting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(
            PENDING,
            {"community": waiting.pk, "decision": "decline", "message": "Please join the KY network."},
        )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.is_approved is False and waiting.is_archived is True
    event = ActivityEvent.objects.get(verb="community.declined", community=waiting)
    assert event.data == {"message": "Please join the KY network."}
    assert [m.to for m in mail.outbox] == [[waiting.created_by.email]]
    assert "Kentucky Family Network was not approved" in mail.outbox[0].subject
    assert "Please join the KY network." in mail.outbox[0].body
    # It leaves the waiting list; the person who asked can still open it and copy what they wrote.
    assert f'id="community-{waiting.pk}"' not in admin_client_.get(PENDING).content.decode()
    assert "/communities/new/" in mail.outbox[0].body


def test_the_person_who_asked_still_reads_a_declined_community(client_for, admin_client_, waiting):
    admin_client_.post(PENDING, {"community": waiting.pk, "decision": "decline"})
    response = client_for(waiting.created_by).get(f"/c/{waiting.slug}/")
    assert response.status_code == 200 and "Not approved." in response.content.decode()
    assert client_for(UserFactory()).get(f"/c/{waiting.slug}/").status_code == 404


@pytest.mark.parametrize("who", ["owner_client", "moderator_client", "member_client", "anon_client"])
def test_only_site_admins_decline(request, waiting, who):
    client = request.getfixturevalue(who)
    assert client.post(PENDING, {"community": waiting.pk, "decision": "decline"}).status_code == 404
    waiting.refresh_from_db()
    assert waiting.is_archived is False
    assert not ActivityEvent.objects.filter(verb="community.declined").exists()


def test_site_admins_are_emailed_when_someone_asks_for_a_community(db, django_capture_on_commit_callbacks):
    from sharedwork.communities.models import SiteSettings
    from sharedwork.communities.services import community_create

    settings_row = SiteSettings.load()
    settings_row.community_creation = SiteSettings.Creation.APPROVAL
    settings_row.save()
    admins = [UserFactory(is_superuser=True, is_staff=True) for _ in range(2)]
    asker = UserFactory(display_name="Ada Asker")
    with django_capture_on_commit_callbacks(execute=True):
        community_create(actor=asker, name="Ohio Parent Circle")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(a.email for a in admins)
    assert all("Ohio Parent Circle is waiting for your approval" in m.subject for m in mail.outbox)
    assert all(PENDING in m.body and "Ada Asker" in m.body for m in mail.outbox)


def test_the_start_page_tells_site_admins_what_waits_and_nobody_else(admin_client_, client_for, waiting):
    page = admin_client_.get("/").content.decode()
    assert "One community is waiting for a site admin" in page and f'href="{PENDING}"' in page
    assert "waiting for a site admin" not in client_for(UserFactory()).get("/").content.decode()


def test_the_person_who_asked_prepares_settings_tools_and_home_page_while_waiting(client_for, waiting):
    from sharedwork.tests.factories import MembershipFactory

    MembershipFactory(community=waiting, user=waiting.created_by, role="owner")
    client = client_for(waiting.created_by)
    base = f"/c/{waiting.slug}/manage/"
    for page in ("", "tools/", "home/"):
        assert client.get(base + page).status_code == 200, page
    # Nobody can be brought in before approval: the members pages are not offered and answer 404.
    settings_page = client.get(base).content.decode()
    assert f"{base}members/" not in settings_page and f"{base}invitations/" not in settings_page
    for page in ("members/", "invitations/", "requests/"):
        assert client.get(base + page).status_code == 404, page
    assert f"{base}members/" not in client.get(f"/c/{waiting.slug}/members/").content.decode()
    response = client.get(f"/c/{waiting.slug}/new-group/", follow=True)
    assert "Groups can be added once a site admin has approved this community." in response.content.decode()


def test_the_creators_history_starts_with_creating_the_community(client_for, db):
    from sharedwork.communities.models import Membership, SiteSettings
    from sharedwork.communities.services import community_create

    settings_row = SiteSettings.load()
    settings_row.community_creation = SiteSettings.Creation.OPEN
    settings_row.save()
    founder = UserFactory(display_name="Fran Founder")
    created = community_create(actor=founder, name="Maine Family Circle")
    membership = Membership.objects.get(community=created, user=founder)
    page = client_for(founder).get(f"/c/{created.slug}/manage/members/{membership.pk}/").content.decode()
    assert "Nothing recorded yet." not in page
    assert "Fran Founder</a> created the community" in page


@pytest.mark.parametrize(
    ("message", "said"),
    [("Not this one.\x00", "null"), ("x" * 2001, "at most 2000 characters")],
)
def test_a_decline_message_the_form_refuses_decides_nothing_and_says_why(
    admin_client_, waiting, message, said
):
    response = admin_client_.post(
        PENDING, {"community": waiting.pk, "decision": "decline", "message": message}, follow=True
    )
    assert said in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.is_archived is False
    assert not ActivityEvent.objects.filter(verb="community.declined").exists()


def test_a_community_decided_on_meanwhile_is_not_decided_again(waiting, django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    from sharedwork.communities.services import community_approve, community_decline

    first, second = UserFactory(is_superuser=True), UserFactory(is_superuser=True)
    seen_by_second = Community.objects.get(pk=waiting.pk)  # both admins opened the list
    with django_capture_on_commit_callbacks(execute=True):
        community_decline(actor=first, community=waiting, message="Duplicate.")
        with pytest.raises(ValidationError, match="already decided on"):
            community_approve(actor=second, community=seen_by_second)
    waiting.refresh_from_db()
    assert waiting.is_approved is False and waiting.is_archived is True
    assert len(mail.outbox) == 1
