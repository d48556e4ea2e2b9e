"""Wiki Markdown: the core renderer plus wiki links, attachment references and page-level headings.

How link states stay correct with a per-revision HTML cache
-----------------------------------------------------------
A revision's body is rendered once, when the revision is saved, and the sanitized HTML is stored on the
revision. Whether a linked page exists is *not* part of that HTML: a wiki link is rendered as a stable
marker, ``<a href="/__wiki__/<path>/" class="wikilink">label</a>``, and attachment references as
``/__wiki_attachment__/<name>``. When a page is shown, ``resolve_html`` rewrites the markers into real
addresses: each linked path is looked up in ONE query (``selectors.existing_paths``) and a link to a
missing page becomes a link to create it, marked with a dashed underline and the words "(page does not
exist yet)" for screen readers.

We chose this over invalidating the caches of every linking page when a page is created, deleted or
renamed because it keeps writes local (saving one page never rewrites other pages' rows), it cannot
go stale (the state is read at view time, so a page created a second ago shows as existing at once),
it also covers old revisions and previews, and it costs one indexed query per view whatever the size
of the wiki. The markers depend on nothing that can change (not the community's address, not the
page's own path), so the cache is valid for the life of the revision; ``RENDER_VERSION`` invalidates it
when this module's output changes.

Markers cannot be forged: the sanitizer drops every ``class`` an author could write except the ones
our renderer emits, and Markdown written by people cannot produce a ``class`` attribute.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape

from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from markdown_it import MarkdownIt

from sharedwork.core.markdown import build_parser, sanitize_html

from .paths import link_target, slug_from_title

# Bump when the HTML this module produces changes: stored renderings are refreshed on their next view.
RENDER_VERSION = 2  # 2: heading levels never skip (core renderer)

WIKI_MARKER = "/__wiki__/"
ATTACHMENT_MARKER = "/__wiki_attachment__/"
WIKILINK_RE = re.compile(r'<a href="/__wiki__/([a-z0-9/-]+)/" class="wikilink">(.*?)</a>', re.S)
ATTACHMENT_RE = re.compile(r'(src|href)="/__wiki_attachment__/([A-Za-z0-9._-]+)"')
ATTACHMENT_REFERENCE = re.compile(r"^attachments/([A-Za-z0-9._-]+)$")
TAGS = re.compile(r"<[^>]*>")
MAX_LINK_TEXT = 300
TOC_MIN_HEADINGS = 3


@dataclass
class Rendered:
    html: str
    toc: list[dict] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    # {path: title} for links that name their page by its title ("[[Family Survey]]").
    link_titles: dict[str, str] = field(default_factory=dict)


def render_body(body: str) -> Rendered:
    """Markdown to sanitized HTML with markers, the headings for a table of contents, and the paths
    the text links to (in order, without repeats)."""
    env: dict = {}
    html = sanitize_html(_parser().render(body or "", env))
    return Rendered(
        html=html, toc=env.get("wiki_toc", []), links=link_targets(html), link_titles=link_titles(html)
    )


def link_targets(html: str) -> list[str]:
    return list(dict.fromkeys(match.group(1) for match in WIKILINK_RE.finditer(html)))


def title_named_by(path: str, label_html: str) -> str:
    """The page title a link's text gives, if the text names the page at ``path`` (its last segment is
    the text made into an address), else ""."""
    text = unescape(TAGS.sub("", label_html)).strip()
    return text if text and slug_from_title(text) == path.rpartition("/")[2] else ""


def link_titles(html: str) -> dict[str, str]:
    titles: dict[str, str] = {}
    for match in WIKILINK_RE.finditer(html):
        title = title_named_by(match.group(1), match.group(2))
        if title:
            titles.setdefault(match.group(1), title[:255])
    return titles


def resolve_html(html: str, *, wiki_url: str, page_url: str | None, existing: set[str]) -> SafeString:
    """Turn markers into addresses. ``existing``: linked paths that answer (a page or a redirect).
    ``page_url`` is where the page's attachments live (None while a page is being created)."""

    def link(match):
        path, label = match.group(1), match.group(2)
        if path in existing:
            return f'<a href="{wiki_url}{path}/" class="wikilink">{label}</a>'
        params = {"path": path}
        if title := title_named_by(path, label):
            params["title"] = title  # the link names the page by its title: offer that title
        create = f"{wiki_url}new/?{escape(urlencode(params))}"
        return (
            f'<a href="{create}" class="wikilink wikilink-missing">{label}'
            '<span class="visually-hidden"> (page does not exist yet)</span></a>'
        )

    def attachment(match):
        if page_url is None:  # a page being created has no attachments yet
            return f'{match.group(1)}="{"data:," if match.group(1) == "src" else "#"}"'
        return f'{match.group(1)}="{page_url}attachments/{match.group(2)}"'

    html = WIKILINK_RE.sub(link, html)
    html = ATTACHMENT_RE.sub(attachment, html)
    return mark_safe(html)  # noqa: S308 - sanitized when rendered; the substitutions insert only validated paths


def nested_toc(entries: list[dict]) -> list[dict]:
    """Flat headings -> a tree ``[{id, text, children: [...]}]`` for a nested list. Shown only for pages
    with at least ``TOC_MIN_HEADINGS`` headings."""
    if len(entries) < TOC_MIN_HEADINGS:
        return []
    root: list[dict] = []
    stack: list[tuple[int, list]] = [(0, root)]
    for entry in entries:
        node = {"id": entry["id"], "text": entry["text"], "children": []}
        while len(stack) > 1 and stack[-1][0] >= entry["level"]:
            stack.pop()
        stack[-1][1].append(node)
        stack.append((entry["level"], node["children"]))
    return root


# --- the markdown-it plugin ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return build_parser([wiki_plugin])


def wiki_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "wikilink", _wikilink_rule)
    # The core renderer may already move headings down a level for every page; never do it twice.
    core_demotes = any(rule.name == "demote_headings" for rule in md.core.ruler.__rules__)
    md.core.ruler.before("anchor", "wiki_headings", _headings_rule(demote=not core_demotes))
    md.core.ruler.push("wiki_attachments", _attachments_rule)


def _wikilink_rule(state, silent: bool) -> bool:
    """``[[target]]`` or ``[[target|label]]``. A target that cannot name a page stays plain text."""
    src, start = state.src, state.pos
    if not src.startswith("[[", start) or state.linkLevel > 0:
        return False
    end = src.find("]]", start + 2)
    if end < 0:
        return False
    inner = src[start + 2 : end]
    if not inner.strip() or len(inner) > MAX_LINK_TEXT or any(c in inner for c in "[]\n"):
        return False
    target_text, _, label = inner.partition("|")
    target = link_target(target_text)
    if target is None:
        return False
    if not silent:
        link_open = state.push("link_open", "a", 1)
        link_open.attrs = {"href": f"{WIKI_MARKER}{target}/", "class": "wikilink"}
        link_open.markup = "wikilink"
        text = state.push("text", "", 0)
        text.content = label.strip() or target_text.strip()
        state.push("link_close", "a", -1)
    state.pos = end + 2
    return True


def _headings_rule(*, demote: bool):
    """The page title is the page's only h1, so the text's headings move one level down (# -> h2, done
    here unless the core renderer does it), get stable ids that cannot clash with the page's own
    (``section-…``) and are collected for the table of contents."""

    def rule(state) -> None:
        _number_headings(state, demote)

    return rule


def _number_headings(state, demote: bool) -> None:
    used: set[str] = set()
    toc = []
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type not in ("heading_open", "heading_close"):
            continue
        level = min(int(token.tag[1]) + (1 if demote else 0), 6)
        token.tag = f"h{level}"
        if token.type == "heading_close":
            continue
        inline = tokens[index + 1]
        text = "".join(
            c.content for c in (inline.children or []) if c.type in ("text", "code_inline")
        ).strip()
        base = f"section-{slugify(text) or 'untitled'}"
        anchor, n = base, 1
        while anchor in used:
            n += 1
            anchor = f"{base}-{n}"
        used.add(anchor)
        token.attrSet("id", anchor)
        if level <= 4:
            toc.append({"level": level, "id": anchor, "text": text or "Untitled section"})
    state.env["wiki_toc"] = toc


def _attachments_rule(state) -> None:
    """``![A photo](attachments/photo.png)`` and ``[the report](attachments/report.pdf)`` name files
    attached to the page; they become markers resolved to the page's attachment address at view time."""
    for token in state.tokens:
        for child in token.children or ():
            attr = "src" if child.type == "image" else "href" if child.type == "link_open" else None
            if attr is None:
                continue
            match = ATTACHMENT_REFERENCE.match(str(child.attrGet(attr) or ""))
            if match:
                child.attrSet(attr, f"{ATTACHMENT_MARKER}{match.group(1)}")
