"""Writes to communities. Each checks permission first, validates, writes atomically and records
activity. Views and the API call these; nothing else writes these models.

Membership changes live in ``membership_services.py``; invitations in ``invitation_services.py``.
"""

import datetime
import json

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify

from sharedwork.activity.models import EventVisibility
from sharedwork.activity.services import activity_record
from sharedwork.core.email import send_templated_email
from sharedwork.core.errors import require
from sharedwork.tools.registry import registry
from sharedwork.tools.selectors import forget_activations

from .models import (
    WAITING_FOR_APPROVAL,
    Community,
    HomeBlock,
    Level,
    Membership,
    MembershipState,
    Role,
    SiteSettings,
    ToolActivation,
)
from .permissions import can, forget_memberships, is_site_admin
from .validation import RESERVED_SLUGS, validate_community

DEFAULT_HOME_BLOCKS = ["welcome", "charter", "recent_activity", "children", "members"]


def unique_community_slug(name: str) -> str:
    base = slugify(name)[:70] or "community"
    candidate, n = base, 1
    # A reserved word ("search", "manage") is treated as taken: nobody chooses the slug, so refusing it would
    # leave the creator with an error they cannot fix.
    while candidate in RESERVED_SLUGS or Community.objects.filter(slug=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def community_create(*, actor, name: str, parent: Community | None = None, topics=(), **fields) -> Community:
    """Create a community; the creator becomes its owner.

    A top-level community needs ``site.create_community``; when the site asks for approval and the
    actor is not a site admin, it is created waiting for approval (visible only to its creator and
    site admins). A child community needs ``community.create_child`` on the parent and is live at once.
    """
    if parent is not None:
        require(
            can(actor, "community.create_child", parent),
            "Only moderators of a community can add groups to it.",
        )
        approved = True
    else:
        require(
            can(actor, "site.create_community"), "Verify your email address before you create a community."
        )
        approved = (
            is_site_admin(actor) or SiteSettings.load().community_creation == SiteSettings.Creation.OPEN
        )
    community = Community(name=name.strip(), parent=parent, is_approved=approved, created_by=actor, **fields)
    if not community.slug:
        community.slug = unique_community_slug(name)
    if parent is not None and not fields.get("level"):
        community.level = Level.PRACTICE_GROUP
    validate_community(community)
    with transaction.atomic():
        community.save()
        if topics:
            community.topics.set(topics)
        Membership.objects.create(
            community=community,
            user=actor,
            role=Role.OWNER,
            state=MembershipState.ACTIVE,
            joined_at=timezone.now(),
        )
        _activate_default_tools(community)
        for position, kind in enumerate(DEFAULT_HOME_BLOCKS):
            HomeBlock.objects.create(community=community, kind=kind, position=position)
        # Its subject is the creator, who became the owner: the first entry of their membership history.
        activity_record(actor=actor, verb="community.created", community=community, subject=actor)
        if parent is not None:
            activity_record(actor=actor, verb="community.child_created", community=parent, target=community)
    forget_memberships(actor)
    if not community.is_approved:
        _tell_site_admins_a_community_waits(community)
    return community


def _tell_site_admins_a_community_waits(community: Community) -> None:
    from sharedwork.accounts.models import User

    admins = User.objects.filter(is_superuser=True, is_active=True).exclude(email="")
    for admin in admins:
        send_templated_email(
            to=admin.email,
            template="communities/manage/email/community_waiting",
            context={"community": community, "person": admin, "asker": community.created_by},
        )


def _activate_default_tools(community):
    for position, tool in enumerate(registry.all()):
        if tool.enabled_by_default:
            ToolActivation.objects.get_or_create(
                community=community, tool_slug=tool.slug, defaults={"enabled": True, "position": position}
            )
    forget_activations(community)


def community_update(*, actor, community: Community, topics=None, **fields) -> Community:
    """Change settings. Only the fields given change; the whole result is validated before saving."""
    require(
        can(actor, "community.manage", community), "Only moderators can change this community's settings."
    )
    if "is_archived" in fields and fields["is_archived"] != community.is_archived:
        require(can(actor, "community.archive", community), "Only owners can archive or reopen a community.")
    if community.is_archived and fields.get("is_archived", True):
        changed = {k for k, v in fields.items() if getattr(community, k) != v}
        if changed:
            raise ValidationError("This community is archived. Reopen it before you change its settings.")
    if "parent" in fields and fields["parent"] != community.parent:
        _require_may_place_beneath(actor, fields["parent"])
    original = Community.objects.get(pk=community.pk)
    for key, value in fields.items():
        setattr(community, key, value)
    try:
        validate_community(community)
    except ValidationError:
        # Leave the in-memory object as it was, so the caller's page shows the saved state.
        for key in fields:
            setattr(community, key, getattr(original, key))
        raise
    with transaction.atomic():
        community.save()
        if topics is not None:
            community.topics.set(topics)
        if original.is_archived != community.is_archived:
            verb = "community.archived" if community.is_archived else "community.unarchived"
        else:
            verb = "community.settings_changed"
        changed = sorted(k for k in fields if getattr(original, k) != getattr(community, k))
        activity_record(actor=actor, verb=verb, community=community, data={"fields": changed})
    return community


def _require_may_place_beneath(actor, new_parent: Community | None) -> None:
    """Moving a community beneath another needs the right to add groups there, so nobody hangs their
    community under one they do not moderate; making a group top level is a site admin's decision."""
    if new_parent is None:
        require(is_site_admin(actor), "Only site admins can make a group a top-level community.")
    else:
        require(
            can(actor, "community.create_child", new_parent),
            "You can only place this community beneath a community you moderate.",
        )


def community_approve(*, actor, community: Community) -> Community:
    require(can(actor, "community.approve", community), "Only site admins approve new communities.")
    with transaction.atomic():
        _still_waiting(community)
        community.is_approved = True
        community.save(update_fields=["is_approved", "updated_at"])
        activity_record(actor=actor, verb="community.approved", community=community)
    if community.created_by is not None:
        # The creation page promised the person who asked an email once their community is approved.
        send_templated_email(
            to=community.created_by.email,
            template="communities/manage/email/community_approved",
            context={"community": community, "person": community.created_by},
        )
    return community


def _still_waiting(community: Community) -> None:
    """Lock the community's row and make sure nobody approved or declined it meanwhile (two site admins
    at once must not both decide, nor its creator get both emails)."""
    waiting = Community.objects.select_for_update().filter(WAITING_FOR_APPROVAL, pk=community.pk)
    if not list(waiting.values_list("pk", flat=True)):
        raise ValidationError(f"{community.name} was already decided on by another site admin.")


def community_decline(*, actor, community: Community, message: str = "") -> Community:
    """Turn down a community someone asked for. Nothing is deleted: it stays unapproved, so still seen
    only by its creator and site admins, and is archived, so it leaves the waiting list and its creator
    can still read and copy everything they wrote (to ask again, they make a new request)."""
    require(can(actor, "community.approve", community), "Only site admins decide on new communities.")
    with transaction.atomic():
        _still_waiting(community)
        community.is_archived = True
        community.save(update_fields=["is_archived", "updated_at"])
        activity_record(
            actor=actor, verb="community.declined", community=community, visibility=EventVisibility.MODERATORS,
            data={"message": message.strip()} if message.strip() else {},
        )  # fmt: skip
    if community.created_by is not None:
        send_templated_email(
            to=community.created_by.email,
            template="communities/manage/email/community_declined",
            context={"community": community, "person": community.created_by, "message": message.strip()},
        )
    return community


def community_tools_update(*, actor, community: Community, rows: list[dict]) -> None:
    """Turn tools on or off, order and rename them. ``rows``: [{slug, enabled, position, label}]."""
    require(can(actor, "community.manage", community), "Only moderators can change the tools.")
    require(not community.is_archived, "This community is archived.")
    wanted = {}
    for row in rows:
        if row["slug"] not in registry:
            raise ValidationError(f"There is no tool called {row['slug']!r}.")
        label = (row.get("label") or "").strip()
        if len(label) > 60:
            raise ValidationError("A tool's name can be at most 60 characters.")
        wanted[row["slug"]] = (bool(row["enabled"]), int(row["position"]), label)
    with transaction.atomic():
        current = {
            a.tool_slug: (a.enabled, a.position, a.label)
            for a in ToolActivation.objects.select_for_update().filter(
                community=community, tool_slug__in=wanted
            )
        }
        if current == wanted:
            return  # saved unchanged (or sent twice): nothing to write, nothing to tell
        for slug, (enabled, position, label) in wanted.items():
            ToolActivation.objects.update_or_create(
                community=community,
                tool_slug=slug,
                defaults={"enabled": enabled, "position": position, "label": label},
            )
        activity_record(
            actor=actor,
            verb="community.tools_changed",
            community=community,
            visibility=EventVisibility.MODERATORS,
        )
    forget_activations(community)


def community_tool_settings_update(*, actor, community: Community, tool, settings: dict) -> None:
    require(can(actor, "community.manage", community), "Only moderators can change tool settings.")
    require(not community.is_archived, "This community is archived.")
    with transaction.atomic():
        activation, _ = ToolActivation.objects.select_for_update().get_or_create(
            community=community, tool_slug=tool.slug, defaults={"enabled": False, "position": 100}
        )
        merged = {**(activation.settings or {}), **settings}
        if merged == (activation.settings or {}):
            return
        activation.settings = merged
        activation.save(update_fields=["settings"])
        activity_record(
            actor=actor,
            verb="community.tools_changed",
            community=community,
            visibility=EventVisibility.MODERATORS,
        )
    forget_activations(community)


MAX_HOME_LINKS = 20
MAX_HOME_BLOCKS = 40
MAX_ANNOUNCEMENT_LENGTH = 2000


def _same_blocks(existing: list[HomeBlock], rows: list[HomeBlock]) -> bool:
    def shape(blocks):
        return [(b.kind, b.title, json.dumps(b.settings or {}, sort_keys=True, default=str)) for b in blocks]

    return shape(existing) == shape(rows)


def community_home_blocks_save(*, actor, community: Community, blocks: list[dict]) -> list[HomeBlock]:
    """Replace the community's home page with ``blocks``: ``[{"kind", "title", "settings"}]`` in order.

    Everything is validated before anything is written: each kind must be one ``home_blocks.block_kinds()``
    knows; titles are at most 120 characters; an announcement needs ``settings["text"]`` and
    ``settings["ends_on"]`` (a date or ``YYYY-MM-DD``, today or later); a links block needs 1 to 20 links
    ``{"label", "url"}`` with an http(s) address. Errors are raised as one ValidationError keyed
    ``"<index>.<field>"`` (index into ``blocks``; field: kind, title, text, ends_on or links), so a form can
    show each next to its block. The rows are replaced in one transaction; moderators see a
    ``community.home_changed`` event.
    """
    from .home_blocks import block_kinds

    require(can(actor, "community.manage", community), "Only moderators can change the home page.")
    if community.is_archived:
        raise ValidationError("This community is archived. Reopen it before you change its home page.")
    if len(blocks) > MAX_HOME_BLOCKS:
        raise ValidationError(f"A home page can have up to {MAX_HOME_BLOCKS} blocks.")
    kinds = block_kinds()
    errors: dict[str, list[str]] = {}
    rows = []
    for index, block in enumerate(blocks):
        kind = block.get("kind", "")
        title = (block.get("title") or "").strip()
        if kind not in kinds:
            errors[f"{index}.kind"] = ["This kind of block does not exist (any more). Remove it."]
        if len(title) > 120:
            errors[f"{index}.title"] = ["Keep the heading under 120 characters."]
        settings = block.get("settings") or {}
        if kind == "announcement":
            settings = _clean_announcement(settings, index, errors)
        elif kind == "links":
            settings = _clean_links(settings, index, errors)
        rows.append(HomeBlock(community=community, kind=kind, position=index, title=title, settings=settings))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        existing = list(
            HomeBlock.objects.select_for_update().filter(community=community).order_by("position")
        )
        if _same_blocks(existing, rows):
            return existing  # saved unchanged (or sent twice): nothing to write, nothing to tell
        HomeBlock.objects.filter(community=community).delete()
        saved = HomeBlock.objects.bulk_create(rows)
        activity_record(
            actor=actor,
            verb="community.home_changed",
            community=community,
            visibility=EventVisibility.MODERATORS,
        )
    return saved


def _clean_announcement(settings: dict, index: int, errors: dict) -> dict:
    text = (settings.get("text") or "").strip()
    if not text:
        errors[f"{index}.text"] = ["Write the announcement."]
    elif len(text) > MAX_ANNOUNCEMENT_LENGTH:
        errors[f"{index}.text"] = [f"Keep the announcement under {MAX_ANNOUNCEMENT_LENGTH:,} characters."]
    ends_on = settings.get("ends_on")
    if isinstance(ends_on, str) and ends_on:
        try:
            ends_on = datetime.date.fromisoformat(ends_on)
        except ValueError:
            ends_on = "invalid"
    if not ends_on:
        errors[f"{index}.ends_on"] = ["Choose the last day the announcement is shown."]
    elif not isinstance(ends_on, datetime.date):
        errors[f"{index}.ends_on"] = ["Enter a real date, for example 2026-05-31."]
    elif ends_on < timezone.localdate():
        errors[f"{index}.ends_on"] = [
            f"This date ({date_format(ends_on, 'F j, Y')}) is in the past. "
            "Choose today or a later day, or remove the block."
        ]
    return {"text": text, "ends_on": ends_on.isoformat() if isinstance(ends_on, datetime.date) else ""}


def _clean_links(settings: dict, index: int, errors: dict) -> dict:
    check_url = URLValidator(schemes=["http", "https"])
    links, problems = [], []
    for number, link in enumerate(settings.get("links") or [], start=1):
        label = (link.get("label") or "").strip()
        url = (link.get("url") or "").strip()
        if not label and not url:
            continue
        if not label:
            problems.append(f"Link {number}: write the text people will click.")
        elif len(label) > 120:
            problems.append(f"Link {number}: keep the text under 120 characters.")
        try:
            if len(url) > 500:
                raise ValidationError("too long")
            check_url(url)
        except ValidationError:
            problems.append(f"Link {number}: enter a full web address starting with https:// or http://.")
        links.append({"label": label, "url": url})
    if not links and not problems:
        problems.append("Add at least one link, or remove the block.")
    if len(links) > MAX_HOME_LINKS:
        problems.append(f"A links block can have up to {MAX_HOME_LINKS} links; it has {len(links)}.")
    if problems:
        errors[f"{index}.links"] = problems
    return {"links": links}
