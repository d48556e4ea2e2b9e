"""Writes to the wiki. Each service checks permission first, validates everything before it writes,
writes in one transaction and records what happened as activity. Views and the demo seeder call these.

Saving never loses anybody's text:

* every change takes a row lock on the page (``select_for_update``) before it numbers its revision,
  so concurrent saves queue up and revision numbers stay a gapless sequence per page;
* a save carries the revision number it started from; if the page moved on meanwhile, the person's
  changes are merged three-way with the other changes, and if they overlap nothing is saved and
  ``EditConflict`` hands the text back so the view can show it again.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, Value, When
from django.utils import timezone

from sharedwork.activity.services import activity_record
from sharedwork.communities.permissions import can
from sharedwork.core.errors import require

from .merge import three_way_merge
from .models import Page, Redirect, Revision, RevisionKind, WikiLink
from .paths import normalize_parent, path_for, validate_path
from .rendering import RENDER_VERSION, Rendered, link_targets, render_body

MAX_BODY_BYTES = 1024 * 1024  # 1 MB of text
MAX_TITLE_LENGTH = 200
MAX_SUMMARY_LENGTH = 300


class EditConflict(Exception):
    """Someone else changed the same lines since ``base``. Nothing was saved; ``mine`` is the text the
    person tried to save and ``current`` the revision they must reconcile it with."""

    def __init__(self, *, page, base, current, mine, summary):
        super().__init__(f"Edit conflict on {page.path}: based on {base.number}, now {current.number}")
        self.page, self.base, self.current, self.mine, self.summary = page, base, current, mine, summary


@dataclass(frozen=True)
class SaveOutcome:
    """What a save did: ``revision`` is None when the text was already exactly that; ``merged`` says
    the person's changes were combined with someone else's saved in the meantime."""

    revision: Revision | None
    merged: bool = False


# --- validation ----------------------------------------------------------------------------------


def clean_body(body: str) -> str:
    """Normalised text (Unix line ends, no trailing blank lines), or a ValidationError on ``body``."""
    body = (body or "").replace("\r\n", "\n").replace("\r", "\n").rstrip() + "\n"
    if not body.strip():
        raise ValidationError({"body": "Write something on the page before you save it."})
    size = len(body.encode("utf-8"))
    if size > MAX_BODY_BYTES:
        raise ValidationError(
            {
                "body": f"The text is too long ({size / 1024 / 1024:.1f} MB). A page can hold at most "
                "1 MB of text; split it into several pages."
            }
        )
    return body


def clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": "Give the page a title."})
    if len(title) > MAX_TITLE_LENGTH:
        raise ValidationError({"title": f"The title is too long: at most {MAX_TITLE_LENGTH} characters."})
    return title


def clean_summary(summary: str) -> str:
    summary = " ".join((summary or "").split())
    if len(summary) > MAX_SUMMARY_LENGTH:
        raise ValidationError(
            {"summary": f"The summary is too long: at most {MAX_SUMMARY_LENGTH} characters."}
        )
    return summary


def check_path_free(community, path: str, *, field: str = "title", moving=()) -> None:
    """Refuse an address a page already holds (``moving``: pages that are leaving their addresses)."""
    check_paths_free(community, [path], field=field, moving=moving)


def check_paths_free(community, paths: list[str], *, field: str = "title", moving=()) -> None:
    """``check_path_free`` for many addresses in one query (a page moving with its subpages)."""
    taken = (
        Page.objects.filter(community=community, path__in=paths)
        .exclude(pk__in=[p.pk for p in moving])
        .order_by("path")
        .first()
    )
    if taken is None:
        return
    path = taken.path
    if taken.is_deleted:
        raise ValidationError(
            {
                field: f"A deleted page used the address {path}. A moderator can restore it, or choose a "
                "different title."
            }
        )
    raise ValidationError(
        {
            field: f"There is already a page at the address {path} (“{taken.title}”). Choose a different "
            "title, or edit that page instead."
        }
    )


def edit_refusal(actor, target) -> str:
    """Why ``actor`` may not edit ``target`` (a page or the community), in words a person understands."""
    community = target if not isinstance(target, Page) else target.community
    if community.is_archived:
        return "This community is archived: nobody can change its wiki."
    if isinstance(target, Page) and target.is_deleted:
        return "This page was deleted: nothing can be saved on it unless a moderator restores it."
    if isinstance(target, Page) and target.is_locked:
        return "This page is locked: only moderators can edit it."
    if not getattr(actor, "is_authenticated", False):
        return "Sign in to edit the wiki."
    if not actor.is_verified:
        return "Verify your email address before you edit the wiki."
    if not can(actor, "community.participate", community):
        return "Only members of this community can edit its wiki."
    return "Only moderators can edit this wiki."


# --- pages ---------------------------------------------------------------------------------------


def wiki_page_create(
    *, actor, community, title: str, body: str, summary: str = "", parent_path: str = "", path: str = ""
) -> Page:
    """A new page with its first revision. Its address is ``path`` when given (a wiki link named it),
    else the one its title makes inside ``parent_path``."""
    require(can(actor, "wiki.edit", community), edit_refusal(actor, community))
    title = clean_title(title)
    if path:
        validate_path(path, field="title")
    else:
        path = path_for(title, parent_path)
    body = clean_body(body)
    summary = clean_summary(summary)
    check_path_free(community, path)
    return create_page(community=community, actor=actor, title=title, path=path, body=body, summary=summary)


def create_page(*, community, actor, title: str, path: str, body: str, summary: str = "", when=None) -> Page:
    """Write a new page at a validated ``path`` (callers have checked permission and that the address is
    free; the demo seeder calls this). The text is normalised like every saved text."""
    body = clean_body(body)
    rendered = render_body(body)
    when = when or timezone.now()
    with transaction.atomic():
        try:
            with transaction.atomic():
                page = Page.objects.create(
                    community=community,
                    path=path,
                    title=title,
                    created_by=actor,
                    created_at=when,
                    updated_at=when,
                )
        except IntegrityError:
            raise ValidationError(
                {"title": f"Someone has just created a page at the address {path}. Choose a different title."}
            ) from None
        page.community = community
        # A page created where another page used to live takes the address over from the redirect,
        # and every link to the address now leads to it.
        Redirect.objects.filter(community=community, old_path=path).delete()
        WikiLink.objects.filter(community=community, target_path=path).update(target_page=page)
        _add_revision(
            page, actor=actor, kind=RevisionKind.CREATED, title=title, body=body, summary=summary,
            rendered=rendered, previous=None, when=when,
        )  # fmt: skip
        activity_record(actor=actor, verb="wiki.page_created", community=community, target=page)
    return page


def wiki_page_save(*, actor, page: Page, body: str, summary: str = "", base_number: int) -> SaveOutcome:
    """Save a new version of the text, written starting from revision ``base_number``.

    If others saved since, their changes and these are merged; overlapping changes raise EditConflict
    and save nothing. A page deleted meanwhile raises ValidationError. Identical text saves nothing.
    """
    require(can(actor, "wiki.edit", page), edit_refusal(actor, page))
    body = clean_body(body)
    summary = clean_summary(summary)
    with transaction.atomic():
        locked, current = _lock(page)
        require(can(actor, "wiki.edit", locked), edit_refusal(actor, locked))
        merged = False
        if base_number != current.number:
            base = Revision.objects.filter(page=locked, number=base_number).first()
            if base is None or base_number > current.number:
                raise ValidationError(
                    "The version you started from is not part of this page's history. Nothing was saved; "
                    "your text is below."
                )
            if base.body != current.body:
                combined = three_way_merge(base.body, body, current.body)
                if combined is None:
                    raise EditConflict(page=locked, base=base, current=current, mine=body, summary=summary)
                if len(combined.encode("utf-8")) > MAX_BODY_BYTES:
                    raise ValidationError(
                        "Your changes and those saved meanwhile together make the text longer than 1 MB, "
                        "the most a page can hold. Nothing was saved; your text is below."
                    )
                merged = combined != body
                body = combined
        if body == current.body:
            return SaveOutcome(revision=None)
        revision = _add_revision(
            locked, actor=actor, kind=RevisionKind.MERGED if merged else RevisionKind.EDITED,
            title=locked.title, body=body, summary=summary, rendered=render_body(body), previous=current,
        )  # fmt: skip
        activity_record(
            actor=actor,
            verb="wiki.page_edited",
            community=locked.community,
            target=locked,
            data={
                "summary": summary,
                "summary_note": f": “{summary}”" if summary else "",
                "revision": revision.number,
                "merged": merged,
            },
        )
    _sync(page, locked)
    return SaveOutcome(revision=revision, merged=merged)


def wiki_page_revert(*, actor, page: Page, revision: Revision, summary: str = "") -> Revision:
    """A new revision whose text is that of an older ``revision`` of the same page."""
    require(can(actor, "wiki.edit", page), edit_refusal(actor, page))
    if revision.page_id != page.pk:
        raise ValidationError("That revision belongs to another page. Nothing was changed.")
    summary = clean_summary(summary)
    with transaction.atomic():
        locked, current = _lock(page)
        require(can(actor, "wiki.edit", locked), edit_refusal(actor, locked))
        if revision.number == current.number:
            raise ValidationError(
                f"Revision {revision.number} is the current version already. Nothing was changed."
            )
        if revision.body == current.body:
            raise ValidationError(
                f"The text is already the same as in revision {revision.number}. Nothing was changed."
            )
        note = f"Reverted to revision {revision.number}" + (f": {summary}" if summary else "")
        new = _add_revision(
            locked, actor=actor, kind=RevisionKind.REVERTED, title=locked.title, body=revision.body,
            summary=note[:MAX_SUMMARY_LENGTH], rendered=rendered_for(revision), previous=current,
            reverted_to=revision.number,
        )  # fmt: skip
        activity_record(
            actor=actor,
            verb="wiki.page_reverted",
            community=locked.community,
            target=locked,
            data={"summary": summary, "revision": new.number, "reverted_to": revision.number},
        )
    _sync(page, locked)
    return new


def wiki_page_rename(
    *, actor, page: Page, title: str, parent_path: str = "", move_subpages: bool = True, summary: str = ""
) -> Page:
    """Give the page a new title and the address it makes (inside ``parent_path``). The old address,
    and those of the pages inside it that move along, keep answering with a redirect."""
    require(can(actor, "wiki.edit", page), edit_refusal(actor, page))
    title = clean_title(title)
    parent_path = normalize_parent(parent_path)
    new_path = path_for(title, parent_path)
    summary = clean_summary(summary)
    if new_path == page.path and title == page.title:
        raise ValidationError(
            {"title": "The title and the address are the same as now. Nothing was changed."}
        )
    if new_path.startswith(page.path + "/"):
        raise ValidationError({"parent": "A page cannot be moved inside itself."})
    with transaction.atomic():
        locked, current = _lock(page)
        require(can(actor, "wiki.edit", locked), edit_refusal(actor, locked))
        old_path, old_title = locked.path, locked.title
        moved = []
        if new_path != old_path:
            children = _children_for_move(locked, new_path) if move_subpages else []
            check_path_free(locked.community, new_path, moving=[locked, *children])
            try:
                with transaction.atomic():
                    moved = _move(locked, new_path, children)
            except IntegrityError:
                # Someone created a page at one of the new addresses after the check above.
                raise ValidationError(
                    {
                        "title": f"Someone has just created a page at the address {new_path}. Choose a different title."
                    }
                ) from None
        note = f"Renamed from “{old_title}”" + (f" (address {old_path})" if new_path != old_path else "")
        note += f": {summary}" if summary else ""
        _add_revision(
            locked, actor=actor, kind=RevisionKind.RENAMED, title=title, body=current.body,
            summary=note[:MAX_SUMMARY_LENGTH], rendered=rendered_for(current), previous=current,
        )  # fmt: skip
        activity_record(
            actor=actor,
            verb="wiki.page_renamed",
            community=locked.community,
            target=locked,
            data={
                "old_title": old_title,
                "old_path": old_path,
                "pages_moved_along": len(moved) - 1 if moved else 0,
            },
        )
    _sync(page, locked)
    return page


def _children_for_move(page, new_path):
    children = list(
        Page.objects.select_for_update().filter(
            community_id=page.community_id, path__startswith=page.path + "/"
        )
    )
    child_paths = []
    for child in children:
        child.community = page.community
        child_paths.append(new_path + child.path[len(page.path) :])
        validate_path(child_paths[-1], field="parent")
    if child_paths:
        check_paths_free(page.community, child_paths, field="parent", moving=[page, *children])
    return children


def _move(page, new_path, children) -> list[Page]:
    """Move ``page`` and ``children`` under ``new_path``, leaving redirects at the old addresses."""
    community = page.community
    moves = [(page, new_path)] + [(child, new_path + child.path[len(page.path) :]) for child in children]
    Redirect.objects.filter(community=community, old_path__in=[path for _, path in moves]).delete()
    Redirect.objects.bulk_create(Redirect(community=community, old_path=p.path, page=p) for p, _ in moves)
    # Links to the old addresses still reach the pages (through the redirects); links to the new
    # addresses, wanted until now or leading to whoever had the address before, reach them too.
    WikiLink.objects.filter(community=community, target_path__in=[path for _, path in moves]).update(
        target_page=Case(*(When(target_path=path, then=Value(moving.pk)) for moving, path in moves))
    )
    # Two steps, so that no moment has two pages on one address (the constraint is checked per row).
    for moving, _ in moves:
        moving.path = f"__moving__/{moving.pk}"
    Page.objects.bulk_update([p for p, _ in moves], ["path"])
    for moving, path in moves:
        moving.path = path
    Page.objects.bulk_update([p for p, _ in moves], ["path"])
    return [p for p, _ in moves]


def wiki_page_delete(*, actor, page: Page) -> Page:
    """Soft delete: the page disappears for everyone but moderators; its history is kept."""
    require(can(actor, "wiki.delete", page), "Only moderators can delete pages.")
    with transaction.atomic():
        locked, _ = _lock(page)
        if locked.is_deleted:
            raise ValidationError("This page is deleted already.")
        locked.deleted_at, locked.deleted_by = timezone.now(), actor
        locked.save(update_fields=["deleted_at", "deleted_by"])
        activity_record(actor=actor, verb="wiki.page_deleted", community=locked.community, target=locked)
    _sync(page, locked)
    return page


def wiki_page_restore(*, actor, page: Page) -> Page:
    require(can(actor, "wiki.restore", page), "Only moderators can restore pages.")
    with transaction.atomic():
        locked, _ = _lock(page)
        if not locked.is_deleted:
            raise ValidationError("This page is not deleted.")
        locked.deleted_at, locked.deleted_by = None, None
        locked.save(update_fields=["deleted_at", "deleted_by"])
        activity_record(actor=actor, verb="wiki.page_restored", community=locked.community, target=locked)
    _sync(page, locked)
    return page


def wiki_page_lock(*, actor, page: Page, locked: bool) -> Page:
    """Lock (only moderators edit) or unlock a page."""
    require(can(actor, "wiki.lock", page), "Only moderators can lock and unlock pages.")
    with transaction.atomic():
        row, _ = _lock(page)
        if row.is_locked == locked:
            raise ValidationError("This page is locked already." if locked else "This page is not locked.")
        row.is_locked = locked
        row.save(update_fields=["is_locked"])
        verb = "wiki.page_locked" if locked else "wiki.page_unlocked"
        activity_record(actor=actor, verb=verb, community=row.community, target=row)
    _sync(page, row)
    return page


# --- internals -----------------------------------------------------------------------------------


def _lock(page: Page) -> tuple[Page, Revision]:
    """The page's row, locked until the transaction ends, and its current revision. Raises
    ValidationError if the page was deleted since the caller loaded it. Caller is inside
    ``transaction.atomic``."""
    locked = Page.objects.select_for_update().get(pk=page.pk)
    locked.community = page.community
    if locked.is_deleted and not page.is_deleted:
        raise ValidationError(
            "This page was deleted while you were working on it. Nothing was saved; your text is below so "
            "you can copy it."
        )
    current = Revision.objects.get(pk=locked.current_revision_id)
    locked.current_revision = current
    return locked, current


def _sync(page: Page, fresh: Page) -> None:
    """Copy the saved state onto the caller's object, so what it shows next is current."""
    for name in (
        "path",
        "title",
        "current_revision",
        "is_locked",
        "deleted_at",
        "deleted_by_id",
        "updated_at",
    ):
        setattr(page, name, getattr(fresh, name))


def _add_revision(
    page, *, actor, kind, title, body, summary, rendered: Rendered, previous, reverted_to=None, when=None
) -> Revision:
    """Append the next revision. Caller holds the page's row lock (or has just created the page)."""
    size = len(body.encode("utf-8"))
    revision = Revision.objects.create(
        page=page,
        community_id=page.community_id,
        number=previous.number + 1 if previous else 1,
        kind=kind,
        title=title,
        body=body,
        summary=summary,
        reverted_to=reverted_to,
        author=actor,
        created_at=when or timezone.now(),
        size=size,
        size_change=size - (previous.size if previous else 0),
        rendered_html=rendered.html,
        toc=rendered.toc,
        render_version=RENDER_VERSION,
    )
    page.current_revision = revision
    page.title = title
    page.updated_at = revision.created_at
    page.save(update_fields=["current_revision", "title", "updated_at", "path"])
    _replace_links(page, rendered.links, rendered.link_titles)
    return revision


def _replace_links(page, targets: list[str], titles: dict[str, str] | None = None) -> None:
    """Make the link table say exactly what the current revision links to, each link resolved to the
    page that answers at its address (one query for all of them). Links the page already had are
    resolved again too: a page created elsewhere at the same moment (another transaction, which could
    not see this one's new rows) is then found by the next save at the latest."""
    wanted = set(targets)
    existing = {link.target_path: link for link in WikiLink.objects.filter(source=page)}
    if set(existing) - wanted:
        WikiLink.objects.filter(source=page, target_path__in=set(existing) - wanted).delete()
    answering = _pages_answering(page.community_id, sorted(wanted))
    stale = []
    for path, link in existing.items():
        if path in wanted and link.target_page_id != answering.get(path):
            link.target_page_id = answering.get(path)
            stale.append(link)
    WikiLink.objects.bulk_update(stale, ["target_page"])
    WikiLink.objects.bulk_create(
        WikiLink(
            community_id=page.community_id,
            source=page,
            target_path=path,
            target_title=(titles or {}).get(path, ""),
            target_page_id=answering.get(path),
        )
        for path in sorted(wanted - set(existing))
    )


def _pages_answering(community_id, paths) -> dict[str, int]:
    """``{path: page id}`` for the paths a page lives at (deleted or not) or a redirect leads from."""
    if not paths:
        return {}
    pages = (
        Page.objects.filter(community_id=community_id, path__in=paths).order_by().values_list("path", "pk")
    )
    moved = (
        Redirect.objects.filter(community_id=community_id, old_path__in=paths)
        .order_by()
        .values_list("old_path", "page_id")
    )
    return dict(pages.union(moved))


def rendered_for(revision: Revision) -> Rendered:
    """The revision's rendering: the stored one when it is current, else rendered now and stored (the
    rendering cache is the only thing about a revision that may be rewritten)."""
    if revision.render_version == RENDER_VERSION:
        return Rendered(
            html=revision.rendered_html, toc=revision.toc, links=link_targets(revision.rendered_html)
        )
    rendered = render_body(revision.body)
    revision.rendered_html, revision.toc, revision.render_version = (
        rendered.html,
        rendered.toc,
        RENDER_VERSION,
    )
    revision.save(update_fields=["rendered_html", "toc", "render_version"])
    return rendered
