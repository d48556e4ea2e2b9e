"""Joining, asking to join, withdrawing a request and leaving, through the pages."""

import pytest
from django.core import mail
from django.urls import reverse

from sharedwork.communities.models import JoinPolicy, Membership, MembershipState, Role, Visibility
from sharedwork.tests.factories import CommunityFactory, MembershipFactory, UserFactory


def _url(name, community):
    return reverse(f"communities:{name}", args=[community.slug])


def _state(community, user):
    membership = Membership.objects.filter(community=community, user=user).first()
    return membership.state if membership else None


def _messages(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def by_request(db):
    community = CommunityFactory(
        name="Listed Leaders", join_policy=JoinPolicy.REQUEST, visibility=Visibility.LISTED
    )
    MembershipFactory(community=community, role=Role.OWNER)
    return community


# --- join ----------------------------------------------------------------------------------------


def test_a_verified_person_joins_an_open_community_and_is_welcomed(community, outsider_client, outsider):
    response = outsider_client.post(_url("join", community), follow=True)
    assert response.redirect_chain == [(community.get_absolute_url(), 302)]
    assert _state(community, outsider) == MembershipState.ACTIVE
    assert "Welcome to School Behavioral Health! You are now a member." in _messages(response)


def test_joining_is_post_only(community, outsider_client, outsider):
    assert outsider_client.get(_url("join", community)).status_code == 405
    assert _state(community, outsider) is None


def test_anonymous_visitors_who_press_join_are_sent_to_sign_in_and_back(community, anon_client):
    response = anon_client.post(_url("join", community))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:signin')}?next=%2Fc%2Fsbh%2F"


def test_unverified_people_are_told_why_they_cannot_join(community, client_for, unverified):
    response = client_for(unverified).post(_url("join", community), follow=True)
    assert _state(community, unverified) is None
    assert any("Verify your email address" in m for m in _messages(response))


def test_joining_a_by_request_community_directly_is_refused_with_a_message(
    by_request, outsider_client, outsider
):
    response = outsider_client.post(_url("join", by_request), follow=True)
    assert _state(by_request, outsider) is None
    assert "You cannot join this community directly." in _messages(response)


def test_nobody_can_join_a_hidden_community_they_do_not_know(db, outsider_client, outsider):
    hidden = CommunityFactory(visibility=Visibility.HIDDEN, join_policy=JoinPolicy.OPEN)
    assert outsider_client.post(_url("join", hidden)).status_code == 404
    assert _state(hidden, outsider) is None


def test_joining_requires_the_csrf_token(community, outsider):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(outsider)
    assert browser.post(_url("join", community)).status_code == 403
    assert _state(community, outsider) is None


# --- request to join -----------------------------------------------------------------------------


def test_the_request_page_offers_an_optional_message(by_request, outsider_client):
    response = outsider_client.get(_url("request_join", by_request))
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        '<label for="id_message">Message to the moderators <span class="optional">(optional)</span>' in html
    )


def test_asking_to_join_sends_the_request_and_says_what_happens_next(
    by_request, outsider_client, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = outsider_client.post(
            _url("request_join", by_request), {"message": "I coordinate NC family groups."}, follow=True
        )
    assert response.redirect_chain[-1][0] == by_request.get_absolute_url()
    membership = Membership.objects.get(community=by_request, user=outsider)
    assert membership.state == MembershipState.REQUESTED
    assert membership.request_message == "I coordinate NC family groups."
    assert any("was sent to its moderators" in m for m in _messages(response))
    assert len(mail.outbox) == 1


def test_a_message_that_is_too_long_is_refused_and_kept_in_the_form(by_request, outsider_client, outsider):
    response = outsider_client.post(_url("request_join", by_request), {"message": "y" * 2001})
    assert response.status_code == 400
    assert response.context["form"].errors["message"]
    assert "y" * 2001 in response.content.decode()
    assert _state(by_request, outsider) is None


def test_the_request_page_of_an_open_community_points_back_to_joining(community, outsider_client):
    response = outsider_client.get(_url("request_join", community), follow=True)
    assert response.redirect_chain[-1][0] == community.get_absolute_url()
    assert "This community does not take requests to join." in _messages(response)


def test_asking_twice_explains_the_request_is_waiting(by_request, outsider_client, outsider):
    MembershipFactory(community=by_request, user=outsider, state=MembershipState.REQUESTED)
    response = outsider_client.post(_url("request_join", by_request), {"message": "again"}, follow=True)
    assert any("You asked to join" in m for m in _messages(response))


def test_anonymous_visitors_are_sent_to_sign_in_before_asking(by_request, anon_client):
    response = anon_client.get(_url("request_join", by_request))
    assert response["Location"].startswith(reverse("accounts:signin"))


def test_unverified_people_see_why_they_cannot_ask(by_request, client_for, unverified):
    response = client_for(unverified).get(_url("request_join", by_request), follow=True)
    assert any("Verify your email address" in m for m in _messages(response))


# --- cancel a request ----------------------------------------------------------------------------


def test_a_person_withdraws_their_request(by_request, outsider_client, outsider):
    MembershipFactory(community=by_request, user=outsider, state=MembershipState.REQUESTED)
    response = outsider_client.post(_url("cancel_request", by_request), follow=True)
    assert _state(by_request, outsider) is None
    assert "You withdrew your request to join Listed Leaders." in _messages(response)


def test_withdrawing_without_a_request_is_refused_with_a_message(by_request, outsider_client):
    response = outsider_client.post(_url("cancel_request", by_request), follow=True)
    assert "You have no request to withdraw." in _messages(response)


def test_withdrawing_is_post_only(by_request, outsider_client, outsider):
    MembershipFactory(community=by_request, user=outsider, state=MembershipState.REQUESTED)
    assert outsider_client.get(_url("cancel_request", by_request)).status_code == 405
    assert _state(by_request, outsider) == MembershipState.REQUESTED


# --- leave ---------------------------------------------------------------------------------------


def test_the_leave_page_asks_for_confirmation(community, member_client, member):
    response = member_client.get(_url("leave", community))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Leave School Behavioral Health</button>" in html
    assert "You can join again at any time." in html
    assert _state(community, member) == MembershipState.ACTIVE


def test_a_member_leaves_and_is_told(community, member_client, member):
    response = member_client.post(_url("leave", community), follow=True)
    assert _state(community, member) == MembershipState.LEFT
    assert "You left School Behavioral Health." in _messages(response)


def test_after_leaving_a_hidden_community_the_person_lands_on_the_directory(db, client_for):
    hidden = CommunityFactory(visibility=Visibility.HIDDEN)
    MembershipFactory(community=hidden, role=Role.OWNER)
    member = MembershipFactory(community=hidden).user
    response = client_for(member).post(_url("leave", hidden))
    assert response["Location"] == reverse("communities:directory")


def test_the_last_owner_is_told_to_hand_over_ownership_with_a_link(community, owner_client, owner):
    html = owner_client.get(_url("leave", community)).content.decode()
    assert "You are the last owner of this community." in html
    assert reverse("communities:manage_ownership", args=[community.slug]) in html
    assert "</button>" not in html.split('<main id="main"', 1)[1].split("</main>")[0]
    response = owner_client.post(_url("leave", community))
    assert response.status_code == 409
    assert "You are the last owner of this community." in response.content.decode()
    assert _state(community, owner) == MembershipState.ACTIVE


def test_an_owner_with_a_co_owner_may_leave(community, owner_client, owner):
    MembershipFactory(community=community, role=Role.OWNER)
    owner_client.post(_url("leave", community))
    assert _state(community, owner) == MembershipState.LEFT


def test_people_who_are_not_members_are_told_so(community, outsider_client):
    response = outsider_client.get(_url("leave", community), follow=True)
    assert "You are not a member of School Behavioral Health." in _messages(response)


def test_the_leave_page_of_a_hidden_community_is_404_for_outsiders(db, outsider_client):
    hidden = CommunityFactory(visibility=Visibility.HIDDEN)
    assert outsider_client.get(_url("leave", hidden)).status_code == 404


def test_an_unverified_member_may_still_leave(community, client_for):
    person = MembershipFactory(community=community, user=UserFactory(email_verified_at=None)).user
    client_for(person).post(_url("leave", community))
    assert _state(community, person) == MembershipState.LEFT
