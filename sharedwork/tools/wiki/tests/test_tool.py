import pytest

from sharedwork.activity.models import ActivityEvent
from sharedwork.activity.rendering import event_sentence_text
from sharedwork.communities.home_blocks import render_blocks
from sharedwork.communities.models import HomeBlock, Visibility
from sharedwork.tests.factories import CommunityFactory, MembershipFactory, UserFactory
from sharedwork.tools.registry import registry
from sharedwork.tools.wiki.models import Attachment, Page, Revision
from sharedwork.tools.wiki.services import wiki_page_delete, wiki_page_rename
from sharedwork.tools.wiki.tool import WikiTool

pytestmark = pytest.mark.django_db


def test_wiki_is_registered_and_on_for_new_communities():
    tool = registry.get("wiki")
    assert isinstance(tool, WikiTool)
    assert tool.enabled_by_default and tool.label == "Wiki"


def test_wiki_declares_every_verb_its_services_record():
    verbs = WikiTool.activity_verbs
    for verb in ["created", "edited", "renamed", "deleted", "restored", "reverted"]:
        assert f"wiki.page_{verb}" in verbs


def test_activity_sentences_read_well(member, wiki_page, edit_page):
    edit_page(wiki_page, member, "New", summary="Added the dates")
    wiki_page_rename(actor=member, page=wiki_page, title="Minutes")
    sentences = [event_sentence_text(e) for e in ActivityEvent.objects.order_by("pk")]
    assert sentences[1] == f"{member} edited the wiki page Meeting notes: “Added the dates”"
    assert sentences[2] == f"{member} renamed the wiki page Meeting notes to Minutes"


def test_home_block_lists_recently_changed_pages(community, member, make_page):
    make_page("First")
    make_page("Second")
    HomeBlock.objects.create(community=community, kind="wiki.recent_changes", position=0)
    blocks = render_blocks(community, member)
    assert [p.title for p in blocks[0]["context"]["pages"]] == ["Second", "First"]


def test_home_block_shows_nothing_to_those_who_may_not_read_the_wiki(member):
    hidden = CommunityFactory(visibility=Visibility.LISTED)
    author = MembershipFactory(community=hidden).user
    from sharedwork.tools.wiki.services import create_page

    create_page(community=hidden, actor=author, title="Secret", path="secret", body="x")
    block = HomeBlock(community=hidden, kind="wiki.recent_changes")
    context = WikiTool.home_blocks[0].context(hidden, UserFactory(), block)
    assert context["pages"] == []


def test_home_block_template_renders_with_a_heading_for_its_section(client, community, make_page):
    from django.template.loader import render_to_string

    make_page("First")
    block = HomeBlock.objects.create(community=community, kind="wiki.recent_changes", position=0)
    html = render_to_string(
        "wiki/blocks/recent_changes.html",
        {"community": community, "block": block, **WikiTool.home_blocks[0].context(community, None, block)},
    )
    assert f'<h2 id="block-{block.pk}">Recently changed wiki pages</h2>' in html
    assert 'href="/c/sbh/wiki/first/"' in html


def test_search_documents_are_title_and_text_of_live_pages(community, make_page, moderator):
    make_page("Agenda", "Opening session")
    gone = make_page("Old", "Gone")
    wiki_page_delete(actor=moderator, page=gone)
    docs = list(registry.get("wiki").search_documents(community))
    assert [(d.title, d.body, d.url, d.community_id) for d in docs] == [
        ("Agenda", "Opening session\n", "/c/sbh/wiki/agenda/", community.pk)
    ]


def test_demo_content_is_rich_and_seeding_twice_changes_nothing(community, moderator, member):
    people = {"moderator@example.org": moderator, "member@example.org": member}
    tool = registry.get("wiki")
    tool.seed_demo(community, people)
    paths = set(Page.objects.filter(community=community).values_list("path", flat=True))
    assert {"home", "7th-annual-capacity-building-institute", "institutes/2013/charlotte"} <= paths
    assert "who-cares-about-this-issue-and-why" in paths and "how-can-we-deepen-our-connections" in paths
    home = Page.objects.get(community=community, path="home")
    authors = set(Revision.objects.filter(page=home).values_list("author", flat=True))
    assert Revision.objects.filter(page=home).count() >= 3 and len(authors) >= 2
    assert Attachment.objects.filter(page__path="institutes/2013/charlotte").exists()
    counts = (Page.objects.count(), Revision.objects.count(), Attachment.objects.count())
    tool.seed_demo(community, people)
    assert (Page.objects.count(), Revision.objects.count(), Attachment.objects.count()) == counts


def test_demo_pages_link_to_each_other(client, community, moderator, member):
    registry.get("wiki").seed_demo(
        community, {"moderator@example.org": moderator, "member@example.org": member}
    )
    charter_page = client.get("/c/sbh/wiki/who-cares-about-this-issue-and-why/").content.decode()
    assert 'href="/c/sbh/wiki/what-shared-work-could-unite-us/" class="wikilink"' in charter_page
    charlotte = client.get("/c/sbh/wiki/institutes/2013/charlotte/").content.decode()
    assert '<img src="/c/sbh/wiki/institutes/2013/charlotte/attachments/state-teams.png"' in charlotte
    assert client.get("/c/sbh/wiki/institutes/2013/charlotte/attachments/state-teams.png").status_code == 200
    wanted = client.get("/c/sbh/wiki/wanted/").content.decode()
    assert "Resource library" in wanted


def test_demo_of_a_hidden_group_has_its_own_small_wiki_with_a_members_only_file(client, member):
    hidden = CommunityFactory(slug="planning", visibility=Visibility.HIDDEN, parent=CommunityFactory())
    author = MembershipFactory(community=hidden, user=member).user
    registry.get("wiki").seed_demo(hidden, {"member@example.org": author, "x@example.org": UserFactory()})
    assert set(Page.objects.filter(community=hidden).values_list("path", flat=True)) == {
        "home",
        "meeting-notes",
    }
    assert set(Revision.objects.filter(page__community=hidden).values_list("author", flat=True)) == {
        author.pk
    }
    url = "/c/planning/wiki/meeting-notes/attachments/timeline.png"
    assert client.get(url).status_code == 404
    client.force_login(author)
    assert client.get(url).status_code == 200


def test_demo_activity_is_dated_like_the_revisions(community, moderator, member):
    registry.get("wiki").seed_demo(
        community, {"moderator@example.org": moderator, "member@example.org": member}
    )
    first = ActivityEvent.objects.filter(verb="wiki.page_created").order_by("created_at").first()
    home = Page.objects.get(community=community, path="home")
    assert first.created_at == Revision.objects.get(page=home, number=1).created_at
