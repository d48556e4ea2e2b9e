from sharedwork.tools.wiki.rendering import nested_toc, render_body, resolve_html

WIKI = "/c/sbh/wiki/"


def resolved(body, existing=(), page_url="/c/sbh/wiki/page/"):
    rendered = render_body(body)
    return str(resolve_html(rendered.html, wiki_url=WIKI, page_url=page_url, existing=set(existing)))


def test_wiki_link_to_an_existing_page_is_a_plain_link():
    html = resolved("See [[Meeting notes]].", existing={"meeting-notes"})
    assert '<a href="/c/sbh/wiki/meeting-notes/" class="wikilink">Meeting notes</a>' in html


def test_wiki_link_with_a_label_shows_the_label():
    html = resolved(
        "[[institutes/2013/charlotte|the Charlotte institute]]", existing={"institutes/2013/charlotte"}
    )
    assert (
        '<a href="/c/sbh/wiki/institutes/2013/charlotte/" class="wikilink">the Charlotte institute</a>'
        in html
    )


def test_link_to_a_missing_page_says_so_in_words_and_leads_to_creating_it():
    html = resolved("See [[Resource library]].")
    assert "wikilink-missing" in html
    assert "(page does not exist yet)" in html
    assert 'href="/c/sbh/wiki/new/?path=resource-library&amp;title=Resource+library"' in html


def test_link_to_a_missing_nested_page_with_a_label_offers_only_the_address():
    html = resolved("[[institutes/2014/denver|next year]]")
    assert 'href="/c/sbh/wiki/new/?path=institutes%2F2014%2Fdenver"' in html


def test_render_lists_the_linked_addresses_once_in_order():
    rendered = render_body("[[B]] [[A]] [[b|again]]")
    assert rendered.links == ["b", "a"]


def test_link_that_cannot_name_a_page_stays_plain_text():
    html = resolved("[[edit]] and [[???]]")
    assert "[[edit]]" in html and "[[???]]" in html and "<a " not in html


def test_wiki_link_inside_code_is_not_a_link():
    assert "<code>[[Meeting notes]]</code>" in resolved("`[[Meeting notes]]`")


def test_link_label_is_escaped():
    html = resolved("[[Notes|<img src=x onerror=alert(1)>]]")
    assert "<img" not in html and "&lt;img" in html


def test_hostile_markdown_is_sanitized():
    html = resolved(
        '<script>alert(1)</script> [x](javascript:alert(1)) <a href="/x" class="wikilink">y</a> '
        "![i](javascript:alert(2)) <div onclick=alert(3)>d</div>"
    )
    assert "<script" not in html
    assert 'href="javascript' not in html and 'src="javascript' not in html
    assert "<div" not in html
    assert '<a href="/x"' not in html


def test_a_normal_link_cannot_pretend_to_be_a_wiki_link():
    html = resolved("[fake](/__wiki__/secret/)")
    assert 'class="wikilink' not in html


def test_headings_move_one_level_down_because_the_title_is_the_only_h1():
    html = resolved("# Goals\n## Steps")
    assert '<h2 id="section-goals">Goals</h2>' in html
    assert '<h3 id="section-steps">Steps</h3>' in html
    assert "<h1" not in html


def test_repeated_headings_get_distinct_anchors():
    html = resolved("# Notes\n# Notes")
    assert 'id="section-notes"' in html and 'id="section-notes-2"' in html


def test_table_of_contents_is_offered_only_for_pages_with_three_headings():
    assert nested_toc(render_body("# A\n# B").toc) == []
    toc = nested_toc(render_body("# A\n## A1\n# B\n# C").toc)
    assert [entry["text"] for entry in toc] == ["A", "B", "C"]
    assert toc[0]["children"][0] == {"id": "section-a1", "text": "A1", "children": []}


def test_attachment_references_point_at_the_pages_files():
    html = resolved("![Team photo](attachments/photo.png) [agenda](attachments/agenda.pdf)")
    assert '<img src="/c/sbh/wiki/page/attachments/photo.png" alt="Team photo">' in html
    assert '<a href="/c/sbh/wiki/page/attachments/agenda.pdf">agenda</a>' in html


def test_attachment_references_of_a_page_not_created_yet_lead_nowhere():
    html = resolved("![Team photo](attachments/photo.png)", page_url=None)
    assert 'src="data:,"' in html


def test_cached_html_does_not_depend_on_the_community_address_or_link_states():
    rendered = render_body("[[Meeting notes]] ![x](attachments/a.png)")
    assert "/c/" not in rendered.html
    assert "wikilink-missing" not in rendered.html
