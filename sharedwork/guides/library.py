"""The guides' pages: Markdown files in ``guides/content/<guide>/``.

Adding a page is dropping a file there. Its name gives the order and the address: ``30-joining.md`` is
the page ``joining``, listed after ``20-…`` and before ``40-…``. The first ``# Heading`` is the page's
title and the first paragraph its summary in the guide's list. A file may start with a small header
between ``---`` lines to set ``title``, ``order`` or ``summary`` explicitly::

    ---
    title: Writing in the wiki
    order: 45
    ---

Pages render through ``core.markdown``'s parser and sanitizer like every other Markdown in the product.
The page title is the ``h1``; a page's ``##`` sections become ``h2`` and ``###`` become ``h3`` whatever
the core parser does with heading levels, and they make the page's table of contents.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.safestring import SafeString, mark_safe

from sharedwork.core.markdown import build_parser, sanitize_html

CONTENT_DIR = Path(__file__).resolve().parent / "content"
FILE_NAME = re.compile(r"^(?:(?P<order>\d+)[-_ ])?(?P<slug>[a-z0-9][a-z0-9-]*)\.md$")
DEFAULT_ORDER = 1000


@dataclass(frozen=True)
class Guide:
    slug: str
    title: str
    intro: str
    url_name: str


GUIDES = {
    "users": Guide(
        "users",
        "User guide",
        "How to take part in SharedWork: your account and profile, finding and joining communities, and "
        "following what happens in them.",
        "guides:users",
    ),
    "moderators": Guide(
        "moderators",
        "Moderator guide",
        "How to start and run a community: its charter and settings, who may join and how, roles, the home "
        "page, tools and practice groups.",
        "guides:moderators",
    ),
}


@dataclass(frozen=True)
class GuidePage:
    guide: str
    slug: str
    title: str
    order: int
    summary: str
    body: str  # Markdown without the title heading

    @property
    def url_name(self) -> str:
        return f"guides:{self.guide}_page"


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


def pages_of(guide: str) -> list[GuidePage]:
    """Every page of a guide in reading order. Files are re-read only when they change."""
    folder = CONTENT_DIR / guide
    if guide not in GUIDES or not folder.is_dir():
        return []
    pages = []
    for path in folder.iterdir():
        if path.is_file() and FILE_NAME.match(path.name):
            pages.append(_load(guide, path, path.stat().st_mtime_ns))
    return sorted(pages, key=lambda page: (page.order, page.slug))


def page_of(guide: str, slug: str) -> GuidePage | None:
    return next((page for page in pages_of(guide) if page.slug == slug), None)


def neighbours(guide: str, page: GuidePage) -> tuple[GuidePage | None, GuidePage | None]:
    """The previous and next pages in reading order."""
    pages = pages_of(guide)
    index = next(i for i, candidate in enumerate(pages) if candidate.slug == page.slug)
    previous = pages[index - 1] if index > 0 else None
    following = pages[index + 1] if index + 1 < len(pages) else None
    return previous, following


def render_page(page: GuidePage) -> tuple[SafeString, list[Heading]]:
    """The page's sanitized HTML and its table of contents (its ``h2`` and ``h3`` headings)."""
    html, toc = _render(page.body)
    return mark_safe(html), toc  # noqa: S308 - sanitized by core.markdown.sanitize_html


def table_of_contents(markdown: str) -> list[Heading]:
    return _render(markdown)[1]


@lru_cache(maxsize=128)
def _render(markdown: str) -> tuple[str, list[Heading]]:
    parser = _guide_parser()
    tokens = parser.parse(markdown)
    headings = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag in ("h2", "h3") and token.attrGet("id"):
            inline = tokens[index + 1].children or []
            text = "".join(child.content for child in inline if child.type != "image")
            headings.append(Heading(level=int(token.tag[1]), id=str(token.attrGet("id")), text=text.strip()))
    html = sanitize_html(parser.renderer.render(tokens, parser.options, {}))
    return html, headings


def _guide_heading_levels(md) -> None:
    """The body's top heading level becomes ``h2`` (the page title is the ``h1``), the rest follow."""

    def rule(state) -> None:
        levels = [int(t.tag[1]) for t in state.tokens if t.type == "heading_open"]
        if not levels:
            return
        shift = 2 - min(levels)
        for token in state.tokens:
            if token.type in ("heading_open", "heading_close"):
                token.tag = f"h{max(2, min(6, int(token.tag[1]) + shift))}"

    md.core.ruler.push("guide_heading_levels", rule)


@lru_cache(maxsize=1)
def _guide_parser():
    return build_parser([_guide_heading_levels])


@lru_cache(maxsize=512)
def _load(guide: str, path: Path, mtime_ns: int) -> GuidePage:
    match = FILE_NAME.match(path.name)
    meta, text = _split_header(path.read_text(encoding="utf-8"))
    title, body = _split_title(text)
    order = meta.get("order") or match.group("order")
    return GuidePage(
        guide=guide,
        slug=match.group("slug"),
        title=meta.get("title") or title or match.group("slug").replace("-", " ").capitalize(),
        order=int(order) if order and str(order).isdigit() else DEFAULT_ORDER,
        summary=meta.get("summary") or _first_paragraph(body),
        body=body,
    )


def _split_header(text: str) -> tuple[dict, str]:
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            meta = {}
            for entry in lines[1:end]:
                key, sep, value = entry.partition(":")
                if sep:
                    meta[key.strip().lower()] = value.strip()
            return meta, "\n".join(lines[end + 1 :])
    return {}, text


def _split_title(text: str) -> tuple[str, str]:
    lines = text.strip("\n").splitlines()
    if lines and lines[0].startswith("# "):
        return lines[0][2:].strip(), "\n".join(lines[1:]).strip("\n") + "\n"
    return "", text


INLINE_MARKUP = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images keep their text
    (re.compile(r"[*_`]+"), ""),
]


def _first_paragraph(body: str) -> str:
    for block in re.split(r"\n\s*\n", body.strip()):
        block = block.strip()
        if (
            block
            and not block.startswith(("#", "- ", "* ", ">", "|", "```"))
            and not re.match(r"\d+\. ", block)
        ):
            text = " ".join(block.split())
            for pattern, replacement in INLINE_MARKUP:
                text = pattern.sub(replacement, text)
            return text
    return ""
