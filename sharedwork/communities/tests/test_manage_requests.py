"""``/c/<slug>/manage/requests/``: requests to join, approved or declined with an optional message."""

import pytest
from django.core import mail

from sharedwork.communities.models import JoinPolicy, Membership, MembershipState
from sharedwork.tests.factories import CommunityFactory, MembershipFactory, UserFactory

URL = "/c/sbh/manage/requests/"


@pytest.fixture
def requester(community):
    community.join_policy = JoinPolicy.REQUEST
    community.save()
    return MembershipFactory(
        community=community,
        user=UserFactory(display_name="Dana Requester", email="dana@example.org"),
        state=MembershipState.REQUESTED,
        request_message="I coordinate <b>family</b> outreach in Durham.\nCan I join?",
        joined_at=None,
    )


def _post(client, membership, decision, message=""):
    return client.post(
        URL,
        {
            "membership": membership.pk,
            f"request-{membership.pk}-decision": decision,
            f"request-{membership.pk}-message": message,
        },
    )


def test_requests_are_listed_with_their_messages_escaped(moderator_client, requester):
    content = moderator_client.get(URL).content.decode()
    assert "Dana Requester" in content
    assert "I coordinate &lt;b&gt;family&lt;/b&gt; outreach in Durham.<br>Can I join?" in content
    assert "Requests (1)" in content


def test_moderator_approves_a_request_with_a_message(
    moderator_client, requester, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(moderator_client, requester, "approve", "Welcome, Dana!")
    assert response.status_code == 302
    requester.refresh_from_db()
    assert requester.state == MembershipState.ACTIVE
    assert [m.to for m in mail.outbox] == [["dana@example.org"]]
    assert "Welcome, Dana!" in mail.outbox[0].body


def test_moderator_declines_a_request(moderator_client, requester, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _post(moderator_client, requester, "decline", "This group is for North Carolina staff.")
    requester.refresh_from_db()
    assert requester.state == MembershipState.DECLINED
    assert "North Carolina staff" in mail.outbox[0].body


def test_answered_request_cannot_be_answered_again(moderator_client, requester):
    _post(moderator_client, requester, "approve")
    response = moderator_client.post(
        URL, {"membership": requester.pk, f"request-{requester.pk}-decision": "decline"}, follow=True
    )
    assert "already answered" in response.content.decode()
    requester.refresh_from_db()
    assert requester.state == MembershipState.ACTIVE


def test_too_long_message_is_refused_and_kept(moderator_client, requester):
    typed = "Thank you. " * 200
    response = _post(moderator_client, requester, "approve", typed)
    assert response.status_code == 400
    content = response.content.decode()
    assert "at most 2000 characters" in content
    assert typed.strip() in content
    requester.refresh_from_db()
    assert requester.state == MembershipState.REQUESTED


def test_missing_decision_is_refused(moderator_client, requester):
    response = _post(moderator_client, requester, "maybe")
    assert response.status_code == 400
    requester.refresh_from_db()
    assert requester.state == MembershipState.REQUESTED


def test_request_of_another_community_cannot_be_answered_here(moderator_client, community):
    elsewhere = MembershipFactory(community=CommunityFactory(), state=MembershipState.REQUESTED)
    _post(moderator_client, elsewhere, "approve")
    elsewhere.refresh_from_db()
    assert elsewhere.state == MembershipState.REQUESTED


def test_no_requests_says_so(moderator_client, community):
    assert "Nobody is waiting for an answer." in moderator_client.get(URL).content.decode()


@pytest.mark.parametrize("who", ["owner_client", "admin_client_"])
def test_owners_and_site_admins_approve_requests(request, requester, who):
    _post(request.getfixturevalue(who), requester, "approve")
    requester.refresh_from_db()
    assert requester.state == MembershipState.ACTIVE


@pytest.mark.parametrize("who", ["member_client", "outsider_client", "anon_client"])
def test_non_moderators_get_404_and_cannot_approve(request, requester, who):
    client = request.getfixturevalue(who)
    assert client.get(URL).status_code == 404
    assert _post(client, requester, "approve").status_code == 404
    assert Membership.objects.get(pk=requester.pk).state == MembershipState.REQUESTED


def test_a_request_id_that_is_not_a_number_is_refused_plainly(moderator_client, requester):
    response = moderator_client.post(URL, {"membership": "all", "request-1-decision": "approve"}, follow=True)
    assert "already answered" in response.content.decode()
    requester.refresh_from_db()
    assert requester.state == MembershipState.REQUESTED
