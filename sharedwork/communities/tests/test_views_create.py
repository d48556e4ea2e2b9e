"""``/communities/new/`` and ``/c/<slug>/new-group/``: creating communities and groups."""

import pytest
from django.urls import reverse

from sharedwork.communities.models import Community, Level, Membership, Role, SiteSettings, Topic, Visibility
from sharedwork.tests.factories import CommunityFactory, UserFactory

URL = reverse("communities:create")


def _form(**overrides):
    data = {
        "name": "Family Engagement Network",
        "tagline": "Families and schools, together",
        "description": "We work on **family engagement**.",
        "level": Level.NATIONAL,
        "state": "",
        "topics_text": "family engagement, Behavioral health, family engagement",
        "visibility": Visibility.PUBLIC,
        "join_policy": "open",
        "accent_color": "#1a4480",
        "accent_color_code": "",
        "charter_who": "Families and educators.",
        "charter_underway": "Separate parent trainings.",
        "charter_shared": "A shared toolkit.",
        "charter_connections": "Monthly calls.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def open_site(db):
    SiteSettings.objects.update_or_create(pk=1, defaults={"community_creation": SiteSettings.Creation.OPEN})


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:signin"))


def test_unverified_people_are_told_to_verify_first(client_for, unverified):
    response = client_for(unverified).get(URL)
    html = response.content.decode()
    assert "Verify your email address before you create a community" in html
    assert "<form" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    client_for(unverified).post(URL, _form())
    assert not Community.objects.exists()


def test_the_form_shows_the_four_charter_questions_with_help_and_a_colour_picker(outsider_client):
    html = outsider_client.get(URL).content.decode()
    for question in (
        "Who cares about this issue and why?",
        "What work is underway separately?",
        "What shared work could unite us?",
        "How can we deepen our connections?",
    ):
        assert question in html
    assert 'type="color"' in html and 'id="id_accent_color_code"' in html
    assert 'id="id_charter_who_helptext"' in html
    assert "<legend>Who can see this community?</legend>" in html
    assert 'name="parent"' not in html


def test_when_the_site_asks_for_approval_the_form_says_a_site_admin_will_review_it(outsider_client):
    html = outsider_client.get(URL).content.decode()
    assert "A site admin will review your community" in html


def test_creating_on_an_approval_site_waits_for_review_and_says_so(outsider_client, outsider):
    response = outsider_client.post(URL, _form(), follow=True)
    community = Community.objects.get()
    assert not community.is_approved
    assert response.redirect_chain[-1][0] == community.get_absolute_url()
    html = response.content.decode()
    assert "A site admin will review Family Engagement Network" in html
    assert Membership.objects.get(community=community).user == outsider


def test_creating_on_an_open_site_makes_a_live_community_with_everything_typed(
    open_site, outsider_client, outsider
):
    response = outsider_client.post(URL, _form(accent_color="#54278f"))
    community = Community.objects.get()
    assert response["Location"] == community.get_absolute_url()
    assert community.is_approved
    assert community.slug == "family-engagement-network"
    assert community.tagline == "Families and schools, together"
    assert community.charter_connections == "Monthly calls."
    assert community.accent_color == "#54278f"
    assert community.join_policy == "open"
    assert sorted(t.name for t in community.topics.all()) == ["Behavioral health", "family engagement"]
    assert Membership.objects.get(community=community, user=outsider).role == Role.OWNER


def test_topics_are_shared_between_communities(open_site, outsider_client):
    Topic.objects.create(name="Family engagement", slug="family-engagement")
    outsider_client.post(URL, _form(topics_text="FAMILY ENGAGEMENT"))
    assert Topic.objects.count() == 1
    assert Community.objects.get().topics.get().slug == "family-engagement"


def test_the_typed_colour_code_wins_over_the_picker(open_site, outsider_client):
    outsider_client.post(URL, _form(accent_color="#1a4480", accent_color_code="005ea2"))
    assert Community.objects.get().accent_color == "#005ea2"


def test_a_colour_with_too_little_contrast_shows_the_ratio_and_saves_nothing(open_site, outsider_client):
    response = outsider_client.post(URL, _form(accent_color="#ffff00"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "This color has a contrast of 1.1:1 with white text" in html
    assert 'id="error-summary"' in html
    assert not Community.objects.exists()
    assert not Topic.objects.exists()
    # What the person typed is still there.
    assert "Family Engagement Network" in html and "Monthly calls." in html


def test_a_bad_colour_code_is_shown_next_to_the_code_field(open_site, outsider_client):
    response = outsider_client.post(URL, _form(accent_color_code="#eeeeee"))
    assert "contrast of 1.2:1" in str(response.context["form"].errors["accent_color_code"])
    response = outsider_client.post(URL, _form(accent_color_code="blue"))
    assert "six hexadecimal digits" in str(response.context["form"].errors["accent_color_code"])
    assert not Community.objects.exists()


def test_a_state_community_without_a_state_is_refused_and_nothing_saved(open_site, outsider_client):
    response = outsider_client.post(URL, _form(level=Level.STATE, topics_text="new topic"))
    assert "State and local communities need a state." in response.content.decode()
    assert response.context["form"].errors["state"]
    assert not Community.objects.exists()
    assert not Topic.objects.exists()  # the topics of a refused community are not kept


def test_a_name_is_required(open_site, outsider_client):
    response = outsider_client.post(URL, _form(name=""))
    assert response.context["form"].errors["name"]
    assert not Community.objects.exists()


def test_too_many_topics_are_refused(open_site, outsider_client):
    response = outsider_client.post(URL, _form(topics_text=", ".join(f"topic {n}" for n in range(11))))
    assert "up to 10 topics" in str(response.context["form"].errors["topics_text"])
    assert not Community.objects.exists()


def test_a_name_that_is_a_reserved_word_still_gets_a_web_address(open_site, outsider_client):
    outsider_client.post(URL, _form(name="Search"))
    assert Community.objects.get().slug == "search-2"


# --- groups beneath a community ------------------------------------------------------------------


def _child_url(community):
    return reverse("communities:create_child", args=[community.slug])


def test_moderators_create_a_practice_group_beneath_their_community(community, moderator_client, moderator):
    html = moderator_client.get(_child_url(community)).content.decode()
    assert 'value="practice_group" selected' in html
    response = moderator_client.post(
        _child_url(community), _form(name="Tier 2 Supports", level=Level.PRACTICE_GROUP), follow=True
    )
    child = Community.objects.get(name="Tier 2 Supports")
    assert child.parent == community and child.is_approved
    assert response.redirect_chain[-1][0] == child.get_absolute_url()
    assert "was created beneath School Behavioral Health" in response.content.decode()
    assert Membership.objects.get(community=child, user=moderator).role == Role.OWNER


@pytest.mark.parametrize("client_name", ["anon_client", "outsider_client", "member_client"])
def test_people_who_do_not_moderate_get_404_for_the_new_group_page(community, client_name, request):
    browser = request.getfixturevalue(client_name)
    assert browser.get(_child_url(community)).status_code == 404
    assert browser.post(_child_url(community), _form(name="Sneaky")).status_code == 404
    assert not Community.objects.filter(name="Sneaky").exists()


def test_a_site_admin_may_add_a_group(community, admin_client_):
    admin_client_.post(_child_url(community), _form(name="Admin Group"))
    assert Community.objects.get(name="Admin Group").parent == community


def test_no_groups_are_added_beneath_an_archived_community(community, moderator_client):
    community.is_archived = True
    community.save()
    response = moderator_client.get(_child_url(community), follow=True)
    assert "archived" in response.content.decode()
    moderator_client.post(_child_url(community), _form(name="Late group"))
    assert not Community.objects.filter(name="Late group").exists()


def test_the_new_group_page_of_a_hidden_community_is_404_for_outsiders(db, client_for):
    hidden = CommunityFactory(visibility=Visibility.HIDDEN)
    assert client_for(UserFactory()).get(_child_url(hidden)).status_code == 404


def test_a_description_longer_than_the_limit_is_refused_with_a_message(outsider_client):
    data = {
        "name": "Long descriptions",
        "description": "word " * 10_000,
        "charter_who": "x" * 20_001,
        "level": "national",
        "visibility": "public",
        "join_policy": "open",
        "accent_color": "#1a4480",
    }
    response = outsider_client.post("/communities/new/", data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["description"] == ["Keep this under 20,000 characters."]
    assert errors["charter_who"] == ["Keep this under 20,000 characters."]
    assert not Community.objects.filter(name="Long descriptions").exists()
