"""``/c/<slug>/``: the community home page, its blocks and its membership panel."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from sharedwork.activity.services import activity_record
from sharedwork.communities.models import HomeBlock, JoinPolicy, MembershipState, Visibility
from sharedwork.communities.services import DEFAULT_HOME_BLOCKS
from sharedwork.tests.factories import CommunityFactory, MembershipFactory, UserFactory

QUESTIONS = [
    "Who cares about this issue and why?",
    "What work is underway separately?",
    "What shared work could unite us?",
    "How can we deepen our connections?",
]


def _with_default_blocks(community):
    for position, kind in enumerate(DEFAULT_HOME_BLOCKS):
        HomeBlock.objects.create(community=community, kind=kind, position=position)
    return community


def _page(browser, community):
    response = browser.get(community.get_absolute_url())
    return response, response.content.decode()


def _main(html):
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.fixture
def home(community):
    community.description = "We support **school behavioral health** across the country."
    community.tagline = "Working together for students"
    community.charter_shared = "A shared toolkit for schools."
    community.save()
    return _with_default_blocks(community)


def test_visitors_see_a_public_communitys_blocks_and_charter(home, anon_client):
    response, html = _page(anon_client, home)
    assert response.status_code == 200
    assert "<strong>school behavioral health</strong>" in html
    for question in QUESTIONS:
        assert question in html
    assert "A shared toolkit for schools." in html
    assert "Not answered yet." in html  # the unanswered questions still show
    assert [item["block"].kind for item in response.context["blocks"]] == DEFAULT_HOME_BLOCKS
    assert html.count("<h1") == 1


def test_blocks_follow_the_order_and_titles_moderators_chose(home, anon_client):
    HomeBlock.objects.filter(community=home, kind="charter").update(position=0, title="Why we exist")
    HomeBlock.objects.filter(community=home, kind="welcome").update(position=9)
    response, html = _page(anon_client, home)
    assert response.context["blocks"][0]["block"].kind == "charter"
    assert "Why we exist" in html
    assert html.index("Why we exist") < html.index("school behavioral health</strong>")


def test_without_the_charter_block_the_charter_is_not_shown(home, anon_client):
    HomeBlock.objects.filter(community=home, kind="charter").delete()
    _, html = _page(anon_client, home)
    assert "What shared work could unite us?" not in html


def test_an_announcement_shows_until_its_end_date(home, anon_client):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    HomeBlock.objects.create(
        community=home,
        kind="announcement",
        position=0,
        settings={"text": "Call on Friday", "ends_on": tomorrow},
    )
    HomeBlock.objects.create(
        community=home, kind="announcement", position=1, settings={"text": "Old news", "ends_on": yesterday}
    )
    _, html = _page(anon_client, home)
    assert "Call on Friday" in html and "Old news" not in html


def test_the_links_block_never_links_to_script(home, anon_client):
    HomeBlock.objects.create(
        community=home, kind="links", position=0,
        settings={"links": [{"label": "IDEA Partnership", "url": "https://example.org/idea"},
                            {"label": "Evil", "url": "javascript:alert(1)"}]},
    )  # fmt: skip
    _, html = _page(anon_client, home)
    assert '<a href="https://example.org/idea">IDEA Partnership</a>' in html
    assert "javascript:" not in html and "Evil" not in html


def test_the_activity_block_lists_recent_activities(home, anon_client, member):
    activity_record(actor=member, verb="member.joined", community=home, subject=member)
    _, html = _page(anon_client, home)
    assert f"{escape(member.display_name)}</a> joined" in html
    assert reverse("community_activity", args=[home.slug]) in html


def test_the_children_block_lists_only_groups_the_viewer_may_see(home, anon_client, client_for):
    CommunityFactory(name="Open group", parent=home)
    secret = CommunityFactory(name="Secret group", parent=home, visibility=Visibility.HIDDEN)
    insider = MembershipFactory(community=secret).user
    _, html = _page(anon_client, home)
    assert "Open group" in html and "Secret group" not in html
    _, html = _page(client_for(insider), home)
    assert "Secret group" in html


def test_the_members_block_counts_active_members_only(home, owner, member):
    MembershipFactory(community=home, state=MembershipState.REQUESTED)
    response, _ = _page(client_for_user(member), home)
    members_block = next(item for item in response.context["blocks"] if item["block"].kind == "members")
    assert "2 members." in members_block["html"]


def client_for_user(user):
    from django.test import Client

    browser = Client()
    browser.force_login(user)
    return browser


def test_the_page_links_the_accent_colour_stylesheet(home, anon_client):
    _, html = _page(anon_client, home)
    assert f'href="/c/{home.slug}/theme.css?v=' in html
    assert "style=" not in html


# --- listed and hidden communities ---------------------------------------------------------------


@pytest.fixture
def listed(db):
    community = CommunityFactory(
        name="Listed Leaders", visibility=Visibility.LISTED, join_policy=JoinPolicy.REQUEST,
        tagline="State directors only", description="A place for **state directors**.",
        charter_who="Directors of special education.",
    )  # fmt: skip
    return _with_default_blocks(community)


@pytest.mark.parametrize("who", ["anonymous", "outsider", "requested"])
def test_a_listed_community_shows_only_what_it_is_and_how_to_join_to_non_members(
    listed, who, client, client_for
):
    if who == "anonymous":
        browser = client
    else:
        state = MembershipState.REQUESTED if who == "requested" else None
        person = MembershipFactory(community=listed, state=state).user if state else UserFactory()
        browser = client_for(person)
    response, html = _page(browser, listed)
    assert response.status_code == 200
    main = _main(html)
    assert "Listed Leaders" in html and "State directors only" in html
    assert "<strong>state directors</strong>" in main
    assert response.context["blocks"] == []
    assert "Directors of special education." not in html
    assert "Who cares about this issue and why?" not in html
    assert "Only members can see what is shared" in main
    assert 'id="membership-heading"' in main


def test_members_of_a_listed_community_see_its_blocks(listed, client_for):
    member = MembershipFactory(community=listed).user
    response, html = _page(client_for(member), listed)
    assert len(response.context["blocks"]) == len(DEFAULT_HOME_BLOCKS)
    assert "Directors of special education." in html


@pytest.mark.parametrize(
    "state", [None, MembershipState.REQUESTED, MembershipState.INVITED, MembershipState.BANNED]
)
def test_a_hidden_community_answers_404_to_everyone_but_its_members(db, client, client_for, state):
    hidden = _with_default_blocks(CommunityFactory(visibility=Visibility.HIDDEN))
    person = MembershipFactory(community=hidden, state=state).user if state else UserFactory()
    assert client_for(person).get(hidden.get_absolute_url()).status_code == 404
    assert client.get(hidden.get_absolute_url()).status_code == 404
    member = MembershipFactory(community=hidden).user
    assert client_for(member).get(hidden.get_absolute_url()).status_code == 200


def test_an_unknown_community_answers_404(db, client):
    assert client.get("/c/no-such-community/").status_code == 404


# --- the membership panel ------------------------------------------------------------------------


def _panel(html):
    return html.split('<aside class="community-home__aside"', 1)[1].split("</aside>", 1)[0]


def test_outsiders_get_a_join_button_on_an_open_community(home, outsider_client):
    panel = _panel(_page(outsider_client, home)[1])
    assert f'action="{reverse("communities:join", args=[home.slug])}"' in panel
    assert 'method="post"' in panel and "csrfmiddlewaretoken" in panel


def test_outsiders_get_an_ask_to_join_link_on_a_by_request_community(listed, outsider_client):
    panel = _panel(_page(outsider_client, listed)[1])
    assert reverse("communities:request_join", args=[listed.slug]) in panel
    assert reverse("communities:join", args=[listed.slug]) not in panel


def test_people_who_asked_can_withdraw_their_request(listed, client_for):
    person = MembershipFactory(community=listed, state=MembershipState.REQUESTED).user
    panel = _panel(_page(client_for(person), listed)[1])
    assert "You asked to join" in panel
    assert reverse("communities:cancel_request", args=[listed.slug]) in panel
    assert f'href="{reverse("communities:request_join", args=[listed.slug])}"' not in panel


def test_anonymous_visitors_are_invited_to_sign_in_and_come_back(home, anon_client):
    panel = _panel(_page(anon_client, home)[1])
    assert f"{reverse('accounts:signin')}?next=%2Fc%2F{home.slug}%2F" in panel
    assert reverse("accounts:signup") in panel


def test_unverified_people_see_why_they_cannot_join(home, client_for, unverified):
    panel = _panel(_page(client_for(unverified), home)[1])
    assert "Verify your email address to join communities" in panel
    assert reverse("accounts:verify_resend") in panel
    assert reverse("communities:join", args=[home.slug]) not in panel


def test_an_invitation_only_community_says_how_to_get_in(db, outsider_client):
    community = _with_default_blocks(CommunityFactory(join_policy=JoinPolicy.INVITATION))
    panel = _panel(_page(outsider_client, community)[1])
    assert "open by invitation only" in panel
    assert "<form" not in panel


def test_members_get_a_leave_link_and_no_join_button(home, member_client):
    panel = _panel(_page(member_client, home)[1])
    assert "You are a member of this community." in panel
    assert reverse("communities:leave", args=[home.slug]) in panel
    assert reverse("communities:join", args=[home.slug]) not in panel


def test_the_last_owner_is_told_to_hand_over_ownership_before_leaving(home, owner_client):
    panel = _panel(_page(owner_client, home)[1])
    assert "hand ownership to another member" in panel
    assert reverse("communities:manage_ownership", args=[home.slug]) in panel
    assert reverse("communities:leave", args=[home.slug]) not in panel


def test_banned_people_are_told_they_cannot_join(home, client_for):
    banned = MembershipFactory(community=home, state=MembershipState.BANNED).user
    panel = _panel(_page(client_for(banned), home)[1])
    assert "You cannot join this community." in panel


def test_an_archived_community_says_so_and_offers_no_join(home, outsider_client):
    home.is_archived = True
    home.save()
    _, html = _page(outsider_client, home)
    assert "This community is archived." in html
    assert "does not take new members" in _panel(html)
    assert reverse("communities:join", args=[home.slug]) not in _panel(html)


def test_moderators_get_links_to_manage_and_to_add_a_group(home, moderator_client):
    panel = _panel(_page(moderator_client, home)[1])
    assert reverse("communities:manage_settings", args=[home.slug]) in panel
    assert reverse("communities:create_child", args=[home.slug]) in panel


def test_members_get_no_manage_links(home, member_client):
    panel = _panel(_page(member_client, home)[1])
    assert reverse("communities:manage_settings", args=[home.slug]) not in panel
    assert reverse("communities:create_child", args=[home.slug]) not in panel


# --- queries -------------------------------------------------------------------------------------


def _grow(community, size):
    for n in range(size):
        person = MembershipFactory(community=community).user
        activity_record(actor=person, verb="member.joined", community=community, subject=person)
        CommunityFactory(name=f"Group {size}-{n}", parent=community)


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
def test_the_home_page_query_count_does_not_grow_with_members_events_or_groups(
    home, member, client, client_for, django_assert_num_queries, viewer
):
    browser = client if viewer == "anonymous" else client_for(member)
    _grow(home, 3)
    browser.get(home.get_absolute_url())
    with django_assert_num_queries(10 if viewer == "member" else 8) as small:
        browser.get(home.get_absolute_url())
    _grow(home, 30)
    with django_assert_num_queries(len(small.captured_queries)):
        response = browser.get(home.get_absolute_url())
    assert response.status_code == 200
