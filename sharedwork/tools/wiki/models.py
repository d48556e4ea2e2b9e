"""The wiki's data: pages, their revisions, the links between pages, redirects left by renames, and
attachments.

Invariants the database keeps:

* a page's path is unique in its community (deleted pages keep theirs, so they can be restored);
* revision numbers are unique per page (``(page, number)``); the save service takes a row lock on the
  page before it numbers a revision, so the sequence is also gapless;
* an old path answers for at most one page (``(community, old_path)``).

Revisions are history: once written they are never changed or deleted. Only their rendering cache
(``rendered_html``, ``toc``, ``render_version``) may be refreshed, because it is derived from the body.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class Page(models.Model):
    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="wiki_pages"
    )
    path = models.CharField(
        max_length=255, help_text="Lowercase segments joined by slashes, e.g. institutes/2013."
    )
    title = models.CharField(max_length=200)
    current_revision = models.ForeignKey(
        "Revision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_locked = models.BooleanField(default=False, help_text="Only moderators edit a locked page.")
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # When the text or title last changed (a new revision), not when the page was locked or moved.
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["path"]
        constraints = [models.UniqueConstraint(fields=["community", "path"], name="wiki_page_path_unique")]
        indexes = [
            models.Index(fields=["community", "-updated_at"], name="wiki_page_recent"),
            models.Index(fields=["community", "deleted_at"], name="wiki_page_deleted"),
            # "Pages inside this one" is a prefix search (path LIKE 'a/b/%'); PostgreSQL needs the pattern
            # operator class to use an index for it (other databases ignore the operator class).
            models.Index(fields=["path"], name="wiki_page_path_prefix", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("wiki:page", kwargs={"community_slug": self.community.slug, "path": self.path})

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def parent_path(self) -> str:
        return self.path.rpartition("/")[0]

    def url_for(self, name: str, **kwargs) -> str:
        """The URL of one of this page's views: ``page.url_for("history")``."""
        return reverse(
            f"wiki:{name}", kwargs={"community_slug": self.community.slug, "path": self.path, **kwargs}
        )


class RevisionKind(models.TextChoices):
    CREATED = "created", "Created the page"
    EDITED = "edited", "Edited"
    MERGED = "merged", "Edited (merged with a change saved at the same time)"
    REVERTED = "reverted", "Reverted"
    RENAMED = "renamed", "Renamed"


class RevisionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        # Bulk updates would bypass Revision.save's guard; only the rendering cache may change.
        if not set(kwargs) <= Revision.CACHE_FIELDS:
            raise ValueError("Revisions are never edited; save a new revision instead.")
        return super().update(**kwargs)


class Revision(models.Model):
    """One saved state of a page. Never edited, never deleted (deleting a page keeps its history)."""

    CACHE_FIELDS = frozenset({"rendered_html", "toc", "render_version"})

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="revisions")
    # Denormalised from the page so "recent changes" of a community is one indexed range scan.
    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=RevisionKind.choices, default=RevisionKind.EDITED)
    title = models.CharField(max_length=200)
    body = models.TextField()
    summary = models.CharField(max_length=300, blank=True)
    reverted_to = models.PositiveIntegerField(
        null=True, blank=True, help_text="Number of the revision restored."
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    size = models.PositiveIntegerField(help_text="Bytes of text (UTF-8).")
    size_change = models.IntegerField(default=0)
    # Rendering cache: the sanitized HTML of the body with wiki links as stable markers (see rendering.py).
    rendered_html = models.TextField(blank=True)
    toc = models.JSONField(default=list, blank=True)
    render_version = models.PositiveSmallIntegerField(default=0)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="wiki_revision_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="wiki_revision_number_positive"),
        ]
        indexes = [models.Index(fields=["community", "-created_at"], name="wiki_revision_recent")]

    def __str__(self):
        return f"{self.title} (revision {self.number})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            fields = kwargs.get("update_fields")
            if not fields or not set(fields) <= self.CACHE_FIELDS:
                raise ValueError("Revisions are never edited; save a new revision instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Revisions are never deleted; they are the page's history.")


class WikiLink(models.Model):
    """``source`` links to ``target_path`` (as written), which answers for ``target_page``: the page that
    lives there or that a redirect there leads to, or none yet (a wanted page).

    Kept current by the services: a save rewrites its page's rows; creating a page, or moving one onto
    an address, points the rows of that address at it. Deleting a page leaves the rows alone (its
    address stays taken); readers skip deleted pages. "What links here" is then one indexed lookup of
    ``target_page`` and "Wanted pages" one of ``target_page IS NULL``, whatever the size of the wiki.
    """

    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE, related_name="+")
    source = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="outgoing_links")
    target_path = models.CharField(max_length=255)
    # The title the link gave the page ("[[Family Survey]]"), when it named it by title: what "Wanted
    # pages" offers to create. Empty for links written as an address.
    target_title = models.CharField(max_length=255, blank=True)
    target_page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.SET_NULL, related_name="incoming_links"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "target_path"], name="wiki_link_unique")]
        indexes = [models.Index(fields=["community", "target_path"], name="wiki_link_target")]

    def __str__(self):
        return f"{self.source_id} -> {self.target_path}"


class Redirect(models.Model):
    """An address a page used to have. Links and bookmarks to it keep working after a rename."""

    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE, related_name="+")
    old_path = models.CharField(max_length=255)
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["community", "old_path"], name="wiki_redirect_unique")]

    def __str__(self):
        return f"{self.old_path} -> page {self.page_id}"


def attachment_upload_to(instance, filename):
    # A random folder per file: names stay readable, yet nobody can guess where a file is stored.
    return f"wiki/{instance.page.community_id}/{instance.page_id}/{secrets.token_hex(8)}/{filename}"


class Attachment(models.Model):
    """A file uploaded to a page. Served only by the attachment view, which checks the viewer may see
    the page."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(max_length=150, help_text="Safe file name, unique on the page.")
    file = models.FileField(upload_to=attachment_upload_to, max_length=300)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["page", "name"], name="wiki_attachment_name_unique")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.page.url_for("attachment", name=self.name)

    @property
    def community(self):
        """So that the permission policy finds the community of an attachment like any other object."""
        return self.page.community

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
