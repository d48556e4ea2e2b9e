"""The one Markdown renderer of the product.

Every Markdown field goes through ``render_markdown``: markdown-it-py (CommonMark plus tables,
strikethrough, task lists and autolinks) produces HTML, then nh3 keeps only an allowlist of tags,
attributes and URL schemes. Raw HTML in the source is escaped by the parser and whatever survives is
sanitized again, so a hostile input can never reach the page as markup.
"""

import re
from functools import lru_cache
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "li", "mark", "ol",
    "p", "pre", "s", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "th", "thead",
    "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"align", "scope", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    "input": {"type", "checked", "disabled"},
}
RENDERER_CLASSES = {
    "task-list-item", "task-list-item-checkbox", "contains-task-list", "wikilink", "wikilink-missing",
}  # fmt: skip
URL_SCHEMES = {"http", "https", "mailto", "tel"}
EXTERNAL_REL = "nofollow ugc noopener"


def _is_external(href: str) -> bool:
    parts = urlsplit(href)
    if not parts.scheme and not parts.netloc:
        return False
    site = urlsplit(settings.SITE_URL).netloc
    return parts.netloc != site


def _attribute_filter(tag, attribute, value):
    if tag == "input" and attribute == "type" and value != "checkbox":
        return None
    if attribute == "class":
        # Keep only the classes our own renderer emits; never let authors style the page.
        kept = [c for c in value.split() if c in RENDERER_CLASSES]
        return " ".join(kept) or None
    return value


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return build_parser()


def markdown_to_html(text: str, *, extra_rules=None) -> str:
    """Markdown source to sanitized HTML (a plain ``str``). ``extra_rules`` lets a tool (the wiki) add
    markdown-it plugins; the sanitizer still has the last word."""
    md = _parser() if not extra_rules else build_parser(extra_rules)
    return sanitize_html(md.render(text or ""))


def _demote_headings(state) -> None:
    """Every page has its own ``h1`` (the page title), so the text's headings start at ``h2`` and never
    skip a level, whatever the author wrote: the levels used are ranked (``#`` and ``###`` become ``h2``
    and ``h3``) and no heading goes more than one level below the one before it."""
    opens = [token for token in state.tokens if token.type == "heading_open"]
    rank = {level: 2 + i for i, level in enumerate(sorted({int(token.tag[1]) for token in opens}))}
    previous, level = 1, 2
    for token in state.tokens:
        if token.type == "heading_open":
            level = min(rank[int(token.tag[1])], previous + 1, 6)
            previous = level
            token.tag = f"h{level}"
        elif token.type == "heading_close":
            token.tag = f"h{level}"


def build_parser(extra_rules=()) -> MarkdownIt:
    """A parser with the product's rules plus a tool's plugins. Build it once and keep it."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": True})
    md.enable(["table", "strikethrough", "linkify"])
    md.use(tasklists_plugin)
    md.core.ruler.push("demote_headings", _demote_headings)
    md.use(anchors_plugin, min_level=2, max_level=4, permalink=False)
    for plugin in extra_rules:
        md.use(plugin)
    return md


def sanitize_html(html: str) -> str:
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        attribute_filter=_attribute_filter,
        strip_comments=True,
    )
    return _mark_external_links(cleaned)


def _mark_external_links(html: str) -> str:
    # nh3 can only set one rel for every link; internal links must stay followable, so add rel here on the
    # already-sanitized output (attribute values are quoted by nh3, so this cannot break out of a tag).
    def repl(match):
        href = match.group(1)
        if _is_external(href.replace("&amp;", "&")):
            return f'<a href="{href}" rel="{EXTERNAL_REL}"'
        return match.group(0)

    return re.sub(r'<a href="([^"]*)"', repl, html)


def render_markdown(text: str):
    """Markdown to safe HTML for templates."""
    return mark_safe(markdown_to_html(text))  # noqa: S308 - sanitized by nh3 above
