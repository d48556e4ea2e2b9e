"""The one Markdown renderer: hostile input never becomes markup; ordinary Markdown still renders."""

import re
from html.parser import HTMLParser

import pytest

from sharedwork.core.markdown import markdown_to_html, render_markdown

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;avascript:alert(1))",
    "[click](%6Aavascript:alert(1))",
    "[click]( javascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '![x](x" onerror="alert(1))',
    '<svg onload="alert(1)">',
    "<iframe src=https://evil.example></iframe>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>body{display:none}</style>",
    "<object data=x></object><embed src=x>",
    "<form action=https://evil.example><input name=a></form>",
    '<a href="https://ok.example" onclick="alert(1)">ok</a>',
    "<b><i>broken nesting</b></i><div><p>unclosed",
    "<<script>script>alert(1)<</script>/script>",
    "<!-- <script>alert(1)</script> -->",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "<base href=https://evil.example/>",
    '[x](https://example.org/" onmouseover="alert(1))',
    "<details open ontoggle=alert(1)>",
    "`<script>`alert(1)`</script>`",
]

FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "style",
    "svg",
    "math",
    "form",
    "meta",
    "base",
    "link",
}


class _Markup(HTMLParser):
    """Collects the real tags and attributes of rendered HTML (escaped text is not markup)."""

    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"{tag}[{name}]")
            if name in ("href", "src") and value is not None:
                scheme = re.sub(r"[\x00-\x20]", "", value).lower().split(":", 1)
                if len(scheme) == 2 and scheme[0] in ("javascript", "vbscript", "data"):
                    self.problems.append(f"{tag}[{name}={value}]")


def markup_problems(html: str) -> list[str]:
    parser = _Markup()
    parser.feed(html)
    return parser.problems


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_markdown_renders_without_script_handlers_or_dangerous_urls(source):
    html = markdown_to_html(source)
    assert markup_problems(html) == [], html


def test_the_checker_itself_spots_dangerous_markup():
    assert markup_problems('<a href=" javascript:x" onclick="y">') == ["a[href= javascript:x]", "a[onclick]"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("# Title", '<h2 id="title">Title</h2>'),
        ("*em* and **strong**", "<p><em>em</em> and <strong>strong</strong></p>"),
        ("- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
        ("1. one\n2. two", "<ol>\n<li>one</li>\n<li>two</li>\n</ol>"),
        ("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>"),
        ("`code`", "<p><code>code</code></p>"),
        ("```\nx < y\n```", "<pre><code>x &lt; y\n</code></pre>"),
        ("a  \nb", "<p>a<br>\nb</p>"),
        ("***", "<hr>"),
        ("[rel](/c/sbh/)", '<p><a href="/c/sbh/">rel</a></p>'),
        ("~~gone~~", "<p><s>gone</s></p>"),
        ("\\*not em\\*", "<p>*not em*</p>"),
        ("AT&T", "<p>AT&amp;T</p>"),
    ],
)
def test_commonmark_examples_still_render(source, expected):
    assert markdown_to_html(source).strip() == expected


def test_tables_render():
    html = markdown_to_html("| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<table>" in html and "<th>a</th>" in html and "<td>2</td>" in html


def test_task_lists_render_as_disabled_checkboxes():
    html = markdown_to_html("- [x] done\n- [ ] open")
    assert 'type="checkbox"' in html and "disabled" in html and "checked" in html


def test_bare_urls_become_links():
    assert '<a href="https://example.org"' in markdown_to_html("See https://example.org today")


def test_external_links_are_marked_nofollow_ugc_noopener():
    html = markdown_to_html("[out](https://example.org/page)")
    assert 'rel="nofollow ugc noopener"' in html


def test_internal_links_stay_followable():
    html = markdown_to_html("[in](/communities/) and [site](http://127.0.0.1:8000/help/)")
    assert "rel=" not in html


def test_headings_get_anchors():
    assert '<h2 id="who-cares">Who cares</h2>' in markdown_to_html("## Who cares")
    assert '<h3 id="why">Why</h3>' in markdown_to_html("# Who cares\n\n## Why")


def test_authors_headings_start_below_the_page_title_so_a_page_keeps_one_h1():
    html = markdown_to_html("# One\n\n## Two\n\n###### Six")
    assert "<h1" not in html
    # Levels the author skipped are closed up: the page's headings stay in order for screen readers.
    assert (
        '<h2 id="one">One</h2>' in html
        and '<h3 id="two">Two</h3>' in html
        and '<h4 id="six">Six</h4>' in html
    )


@pytest.mark.parametrize(
    ("source", "levels"),
    [
        ("### Alone", ["h2"]),
        ("### A\n\n##### B\n\n### C", ["h2", "h3", "h2"]),
        ("#### Deep first\n\n# Top", ["h2", "h2"]),
        ("# A\n\n### B\n\n## C\n\n#### D", ["h2", "h3", "h3", "h4"]),
    ],
)
def test_headings_never_skip_a_level(source, levels):
    import re

    assert re.findall(r"<(h[1-6])", markdown_to_html(source)) == levels


def test_author_classes_are_dropped():
    html = markdown_to_html("- [x] done")
    assert 'class="contains-task-list"' in html
    # A class an author could smuggle in through raw HTML never survives (raw HTML is escaped anyway).
    assert "evil" not in markdown_to_html('<p class="evil">x</p>').split("&lt;")[0]


def test_render_markdown_returns_safe_html_and_handles_empty_input():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""
    assert hasattr(render_markdown("x"), "__html__")
